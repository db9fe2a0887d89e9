import {asObject} from '../../domain/events.js';
import {badJson, forbidden} from '../http/errors.js';
import type {RoomModel} from '../model/room.js';
import type {StoredEvent} from '../model/types.js';
import {parseToken, tokenAt} from '../sync/tokens.js';
import {clientEvent} from '../sync/wire.js';
import {intParam, type DemoContext, type DemoRoute} from './context.js';

/** Back-pagination and member lists. */

/** History and members are readable by anyone who is or was in the room (invitees see nothing). */
function readableRoom(context: DemoContext, roomId: string): RoomModel {
	const room = context.store.rooms.get(roomId);
	const membership = room?.membership(context.session.userId);
	if (!room || membership === undefined || membership === 'invite') {
		throw forbidden(`User ${context.session.userId} not in room ${roomId}, and room previews are disabled`);
	}
	return room;
}

/** With lazy-loaded members, /messages must bring the members of the senders it returns. */
function wantsLazyMembers(filterParam: string | null): boolean {
	if (filterParam === null) return false;
	try {
		return asObject(JSON.parse(filterParam))['lazy_load_members'] === true;
	} catch {
		return false;
	}
}

function page(room: RoomModel, from: number, backwards: boolean, limit: number): {chunk: StoredEvent[]; end?: number} {
	const index = room.indexAtPos(from);
	if (backwards) {
		const start = Math.max(0, index - limit);
		const chunk = room.events.slice(start, index).reverse();
		// No `end` once the room's first event is returned: that is how clients learn they hit the top.
		return start > 0 ? {chunk, end: room.events[start]!.pos} : {chunk};
	}
	const chunk = room.events.slice(index, index + limit);
	const next = room.events[index + limit];
	return next ? {chunk, end: next.pos} : {chunk};
}

export const historyRoutes: DemoRoute[] = [
	{
		method: 'GET',
		path: 'rooms/:roomId/messages',
		handler: ({context, params: {roomId = ''}, query}) => {
			const room = readableRoom(context, roomId);
			const dir = query.get('dir') ?? 'b';
			if (dir !== 'b' && dir !== 'f') throw badJson("'dir' must be 'b' or 'f'");
			const fromParam = query.get('from');
			const from = parseToken(fromParam) ?? (dir === 'b' ? context.store.streamPosition + 1 : 0);
			const {chunk, end} = page(room, from, dir === 'b', intParam(query, 'limit', 10, 1000));
			const senders = new Set(chunk.map(({event}) => event.sender));
			const state = wantsLazyMembers(query.get('filter'))
				? [...senders].flatMap((sender) => room.getState('m.room.member', sender) ?? [])
				: [];
			return {
				start: fromParam ?? tokenAt(from),
				chunk: chunk.map(clientEvent),
				...(end === undefined ? {} : {end: tokenAt(end)}),
				state: state.map(clientEvent),
			};
		},
	},
	{
		method: 'GET',
		path: 'rooms/:roomId/members',
		handler: ({context, params: {roomId = ''}, query}) => {
			const room = readableRoom(context, roomId);
			const filter = {membership: query.get('membership') ?? undefined, notMembership: query.get('not_membership') ?? undefined};
			return {chunk: room.members(filter).map(clientEvent)};
		},
	},
	{
		method: 'GET',
		path: 'rooms/:roomId/joined_members',
		handler: ({context, params: {roomId = ''}}) => {
			const joined: Record<string, {display_name?: unknown; avatar_url?: unknown}> = {};
			for (const {event} of readableRoom(context, roomId).members({membership: 'join'})) {
				joined[event.state_key ?? ''] = {display_name: event.content['displayname'], avatar_url: event.content['avatar_url']};
			}
			return {joined};
		},
	},
];
