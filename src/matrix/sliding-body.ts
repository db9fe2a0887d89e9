/**
 * A simplified sliding sync response (MSC4186) in the shape of a classic /sync body, for the readers
 * that keep what the SDK does not (sync-fetch.ts: timelines, typing, receipts). Each room's
 * `timeline` becomes its timeline section; a room's first data in this connection (`initial`) or a
 * `limited` or expanded one starts a new window, as a limited classic section does; the typing and receipts
 * extensions go into the rooms' ephemeral events. Rooms with `invite_state` are invites.
 */
import {asObject} from '../domain/events.js';

export function slidingAsClassic(body: unknown): unknown {
	const response = asObject(body);
	const extensions = asObject(response.extensions);
	const typing = asObject(asObject(extensions.typing).rooms);
	const receipts = asObject(asObject(extensions.receipts).rooms);
	const join: Record<string, unknown> = {};
	const invite: Record<string, unknown> = {};
	for (const [roomId, value] of Object.entries(asObject(response.rooms))) {
		const room = asObject(value);
		if (Array.isArray(room.invite_state)) {
			invite[roomId] = {invite_state: {events: room.invite_state}};
			continue;
		}
		const prevBatch = typeof room.prev_batch === 'string' ? {prev_batch: room.prev_batch} : {};
		join[roomId] = {
			...(Array.isArray(room.timeline) ? {timeline: {events: room.timeline, limited: startsWindow(room), ...prevBatch}} : {}),
			ephemeral: {events: ephemeralOf(roomId, typing, receipts)},
		};
	}
	// Rooms whose typing or receipts changed with no room data of their own.
	for (const roomId of new Set([...Object.keys(typing), ...Object.keys(receipts)])) {
		if (!(roomId in join) && !(roomId in invite)) join[roomId] = {ephemeral: {events: ephemeralOf(roomId, typing, receipts)}};
	}
	return {rooms: {join, invite}};
}

/** Whether this timeline is a window of its own, not what follows the last one (a gap may lie before it). */
export function startsWindow(room: Record<string, unknown>): boolean {
	return room.limited === true || room.initial === true || room.unstable_expanded_timeline === true;
}

/**
 * What the SDK must be handed differently, in place; true when something changed.
 * - Synapse answers a room's larger timeline_limit (the room on screen, subscribed to after the list
 *   brought its newest event) with the room's newest events again, marked `unstable_expanded_timeline`
 *   but not `limited`: the SDK would append the older ones after the newest. Marked limited, the SDK
 *   takes them as scrollback.
 * - A state change that comes in a room's timeline is not repeated in its `required_state`, and
 *   matrix-js-sdk's sliding sync adds timeline events with `addToState: false`: the room's state
 *   would never change (a leave, a /delete-state). Each timeline state event is added to
 *   `required_state` (the last for its type and key wins), which the SDK applies.
 */
export function slidingForTheSdk(body: unknown): boolean {
	let changed = false;
	for (const value of Object.values(asObject(asObject(body).rooms))) {
		const room = asObject(value);
		if (room.unstable_expanded_timeline === true && room.limited !== true) {
			room.limited = true;
			changed = true;
		}
		const timelineState = Array.isArray(room.timeline) ? (room.timeline as unknown[]).filter((event) => typeof asObject(event).state_key === 'string') : [];
		if (timelineState.length === 0) continue;
		const required = Array.isArray(room.required_state) ? (room.required_state as unknown[]) : [];
		room.required_state = lastPerKey([...required, ...timelineState]);
		changed = true;
	}
	return changed;
}

/** State events, the last for each type and key winning (and placed where it came). */
export function lastPerKey(events: unknown[]): unknown[] {
	const last = new Map<string, unknown>();
	for (const event of events) {
		const key = `${String(asObject(event).type)}\u0000${String(asObject(event).state_key)}`;
		last.delete(key);
		last.set(key, event);
	}
	return [...last.values()];
}

function ephemeralOf(roomId: string, typing: Record<string, unknown>, receipts: Record<string, unknown>): unknown[] {
	return [typing[roomId], receipts[roomId]].filter((event) => event !== undefined);
}
