/**
 * Threads as Synapse serves them: GET /v1/rooms/{id}/threads (roots with their bundled m.thread
 * aggregation, latest activity first) and GET /v1/rooms/{id}/relations/{event}/{relType} (a
 * thread's replies, newest first). Both page with a plain offset as their token.
 */
import {asObject} from '../../domain/events.js';
import {threadRootId} from '../../domain/relations.js';
import {badJson} from '../http/errors.js';
import {requireJoined} from '../model/power.js';
import type {RoomModel} from '../model/room.js';
import type {StoredEvent} from '../model/types.js';
import {clientEvent} from '../sync/wire.js';
import {intParam, type DemoRoute} from './context.js';

function offset(token: string | null): number {
	if (token === null) return 0;
	const value = Number.parseInt(token, 10);
	if (!Number.isSafeInteger(value) || value < 0) throw badJson(`Invalid pagination token ${token}`);
	return value;
}

/** A slice of `items` from the token on, with the token for what follows. */
function paged<T>(items: readonly T[], from: string | null, limit: number): {chunk: T[]; next_batch?: string} {
	const start = offset(from);
	const chunk = items.slice(start, start + limit);
	return start + limit < items.length ? {chunk, next_batch: String(start + limit)} : {chunk};
}

/** Every thread's replies, oldest first, by root ID. */
function repliesByRoot(room: RoomModel): Map<string, StoredEvent[]> {
	const byRoot = new Map<string, StoredEvent[]>();
	for (const stored of room.events) {
		const root = threadRootId(stored.event);
		if (root === undefined) continue;
		byRoot.set(root, [...(byRoot.get(root) ?? []), stored]);
	}
	return byRoot;
}

export const threadRoutes: DemoRoute[] = [
	{
		method: 'GET',
		path: 'rooms/:roomId/threads',
		handler: ({context: {store, session}, params: {roomId = ''}, query}) => {
			const room = requireJoined(store.rooms.get(roomId), roomId, session.userId);
			const threads = [...repliesByRoot(room)].flatMap(([rootId, replies]) => {
				const root = room.events.find((stored) => stored.event.event_id === rootId);
				return root ? [{root, replies, latest: replies.at(-1)!}] : [];
			});
			threads.sort((a, b) => b.latest.pos - a.latest.pos);
			const page = paged(threads, query.get('from'), intParam(query, 'limit', 20, 100));
			return {
				...page,
				chunk: page.chunk.map(({root, replies, latest}) => {
					const event = clientEvent(root);
					const bundle = {count: replies.length, latest_event: clientEvent(latest), current_user_participated: replies.some((reply) => reply.event.sender === session.userId)};
					return {...event, unsigned: {...asObject(event['unsigned']), 'm.relations': {'m.thread': bundle}}};
				}),
			};
		},
	},
	{
		method: 'GET',
		path: 'rooms/:roomId/relations/:eventId/:relType',
		handler: ({context: {store, session}, params: {roomId = '', eventId = '', relType = ''}, query}) => {
			const room = requireJoined(store.rooms.get(roomId), roomId, session.userId);
			const related = room.events.filter((stored) => {
				const relation = asObject(asObject(stored.event.content)['m.relates_to']);
				return relation['rel_type'] === relType && relation['event_id'] === eventId;
			});
			// dir=b (the default): newest first, as Synapse answers.
			const ordered = query.get('dir') === 'f' ? related : [...related].reverse();
			const page = paged(ordered, query.get('from'), intParam(query, 'limit', 5, 100));
			return {...page, chunk: page.chunk.map(clientEvent)};
		},
	},
];
