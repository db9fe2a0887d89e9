/**
 * Message search as Synapse answers it, for /search in --demo: room events whose body holds the
 * term (case-insensitive), in the joined rooms asked for, newest first, paged by next_batch;
 * encrypted rooms are not indexed (a server holds only ciphertext). And GET /context for the jump.
 */
import {asObject} from '../../domain/events.js';
import {matcherFor} from '../../domain/search-match.js';
import {badJson, forbidden, notFound} from '../http/errors.js';
import type {RoomModel} from '../model/room.js';
import type {StoredEvent} from '../model/types.js';
import {clientEvent} from '../sync/wire.js';
import {intParam, type DemoContext, type DemoRoute} from './context.js';

const PAGE = 10;

function joinedRoom(context: DemoContext, roomId: string): RoomModel {
	const room = context.store.rooms.get(roomId);
	if (!room || room.membership(context.session.userId) !== 'join') throw forbidden(`User ${context.session.userId} not in room ${roomId}`);
	return room;
}

function hits(context: DemoContext, term: string, rooms: unknown): StoredEvent[] {
	const matches = matcherFor(term);
	const wanted = Array.isArray(rooms) ? rooms.filter((roomId): roomId is string => typeof roomId === 'string') : undefined;
	const searched = [...context.store.rooms.values()].filter((room) => room.membership(context.session.userId) === 'join' && (wanted === undefined || wanted.includes(room.roomId)) && room.getState('m.room.encryption') === undefined);
	const found = searched.flatMap((room) => room.events.filter(({event}) => event.type === 'm.room.message' && typeof event.content['body'] === 'string' && matches(event.content['body'])));
	return found.sort((a, b) => b.event.origin_server_ts - a.event.origin_server_ts);
}

export const searchRoutes: DemoRoute[] = [
	{
		method: 'POST',
		path: 'search',
		handler: ({context, body, query}) => {
			const roomEvents = asObject(asObject(asObject(body)['search_categories'])['room_events']);
			const term = roomEvents['search_term'];
			if (typeof term !== 'string') throw badJson("'search_term' must be a string");
			const all = hits(context, term, asObject(roomEvents['filter'])['rooms']);
			const from = intParam(query, 'next_batch', 0, all.length);
			const page = all.slice(from, from + PAGE);
			return {
				search_categories: {
					room_events: {
						count: all.length,
						results: page.map((stored) => ({rank: 1, result: clientEvent(stored)})),
						...(from + PAGE < all.length ? {next_batch: String(from + PAGE)} : {}),
					},
				},
			};
		},
	},
	{
		method: 'GET',
		path: 'rooms/:roomId/context/:eventId',
		handler: ({context, params: {roomId = '', eventId = ''}, query}) => {
			const room = joinedRoom(context, roomId);
			const at = room.events.findIndex(({event}) => event.event_id === eventId);
			if (at === -1) throw notFound('Event not found.');
			const side = Math.ceil(intParam(query, 'limit', 10, 100) / 2);
			const before = room.events.slice(Math.max(0, at - side), at).reverse();
			const after = room.events.slice(at + 1, at + 1 + side);
			const senders = new Set([...before, room.events[at]!, ...after].map(({event}) => event.sender));
			return {
				event: clientEvent(room.events[at]!),
				events_before: before.map(clientEvent),
				events_after: after.map(clientEvent),
				state: [...senders].flatMap((sender) => room.getState('m.room.member', sender) ?? []).map(clientEvent),
				start: `s${at}`,
				end: `e${at}`,
			};
		},
	},
];
