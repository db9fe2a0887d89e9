/**
 * Where a room goes in the room list, from what the account records about it (all untrusted JSON):
 * `m.direct` (account data: each person's direct chats, by user ID, as every client keeps it) and
 * the room's `m.tag` tags (`m.favourite`, `m.lowpriority`, each with an optional order in [0, 1]).
 */
import {asObject} from './events.js';

/** The tags the room list sorts by; an order is the tag's `order`, or undefined when it has none. */
export interface RoomTags {
	favourite?: {order?: number};
	lowPriority?: {order?: number};
}

export const FAVOURITE_TAG = 'm.favourite';
export const LOW_PRIORITY_TAG = 'm.lowpriority';

/** m.direct's content turned around: the person each room is a direct chat with (the first one to list it). */
export function directPeers(content: unknown): Map<string, string> {
	const peers = new Map<string, string>();
	for (const [userId, rooms] of Object.entries(asObject(content))) {
		if (!userId.startsWith('@') || !Array.isArray(rooms)) continue;
		for (const roomId of rooms) if (typeof roomId === 'string' && !peers.has(roomId)) peers.set(roomId, userId);
	}
	return peers;
}

/** m.direct with `roomId` recorded for `userId` (kept once, after the rooms listed already). */
export function withDirectRoom(content: unknown, userId: string, roomId: string): Record<string, string[]> {
	const clean: Record<string, string[]> = {};
	for (const [user, rooms] of Object.entries(asObject(content))) {
		if (Array.isArray(rooms)) clean[user] = rooms.filter((room): room is string => typeof room === 'string');
	}
	const rooms = clean[userId] ?? [];
	clean[userId] = rooms.includes(roomId) ? rooms : [...rooms, roomId];
	return clean;
}

/** The room's tags the list knows, from m.tag's `tags` object: other tags are left alone. */
export function roomTags(tags: unknown): RoomTags {
	const all = asObject(tags);
	const placed: RoomTags = {};
	if (FAVOURITE_TAG in all) placed.favourite = tagOrder(all[FAVOURITE_TAG]);
	if (LOW_PRIORITY_TAG in all) placed.lowPriority = tagOrder(all[LOW_PRIORITY_TAG]);
	return placed;
}

function tagOrder(tag: unknown): {order?: number} {
	const order = asObject(tag).order;
	return typeof order === 'number' && Number.isFinite(order) ? {order} : {};
}
