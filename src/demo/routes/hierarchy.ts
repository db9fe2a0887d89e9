/**
 * GET /_matrix/client/v1/rooms/{roomId}/hierarchy, as Synapse answers it: the space first, then
 * its children depth first through sub-spaces (a child counts with a non-empty via; loops and
 * unknown rooms skipped), each with its m.space.child events as children_state; paged by an offset.
 */
import {asObject} from '../../domain/events.js';
import {SPACE_CHILD, viaServers} from '../../domain/spaces.js';
import {forbidden} from '../http/errors.js';
import type {RoomModel} from '../model/room.js';
import type {DemoStore} from '../model/store.js';
import {intParam, type DemoRoute} from './context.js';

const MAX_DEPTH = 10;

function childEvents(room: RoomModel) {
	return [...room.state.values()].filter(({event}) => event.type === SPACE_CHILD && viaServers(event.content).length > 0);
}

function walk(store: DemoStore, spaceId: string): RoomModel[] {
	const seen = new Set<string>();
	const order: RoomModel[] = [];
	const visit = (roomId: string, depth: number) => {
		const room = store.rooms.get(roomId);
		if (!room || seen.has(roomId) || depth > MAX_DEPTH) return;
		seen.add(roomId);
		order.push(room);
		for (const {event} of childEvents(room)) visit(event.state_key ?? '', depth + 1);
	};
	visit(spaceId, 0);
	return order;
}

function text(room: RoomModel, type: string, field: string): Record<string, string> {
	const value = asObject(room.getState(type)?.event.content)[field];
	return typeof value === 'string' ? {[field === 'alias' ? 'canonical_alias' : field]: value} : {};
}

function entry(room: RoomModel): Record<string, unknown> {
	const roomType = asObject(room.getState('m.room.create')?.event.content)['type'];
	const joinRule = asObject(room.getState('m.room.join_rules')?.event.content)['join_rule'];
	return {
		room_id: room.roomId,
		...text(room, 'm.room.name', 'name'),
		...text(room, 'm.room.topic', 'topic'),
		...text(room, 'm.room.canonical_alias', 'alias'),
		num_joined_members: room.members({membership: 'join'}).length,
		...(typeof roomType === 'string' ? {room_type: roomType} : {}),
		join_rule: typeof joinRule === 'string' ? joinRule : 'invite',
		world_readable: false,
		guest_can_join: false,
		children_state: childEvents(room).map(({event}) => ({type: event.type, state_key: event.state_key, sender: event.sender, content: event.content, origin_server_ts: event.origin_server_ts})),
	};
}

export const hierarchyRoutes: DemoRoute[] = [
	{
		method: 'GET',
		path: 'rooms/:roomId/hierarchy',
		handler: ({context: {store, session}, params: {roomId = ''}, query}) => {
			const space = store.rooms.get(roomId);
			if (!space || space.membership(session.userId) !== 'join') throw forbidden('You cannot view this space');
			const rooms = walk(store, roomId);
			const from = intParam(query, 'from', 0, rooms.length);
			const limit = Math.max(1, intParam(query, 'limit', 50, 50));
			const page = rooms.slice(from, from + limit).map(entry);
			return from + limit < rooms.length ? {rooms: page, next_batch: String(from + limit)} : {rooms: page};
		},
	},
];
