/**
 * Each room's timeline section of a /sync body, as the server sent it: its events, whether it was
 * limited, and the token before it. The SDK starts a new live timeline on a limited sync and keeps
 * prev_batch only then; we read every section here (held-timeline.ts), so a gap is known where it
 * is, and every sync leaves a token the timeline cap can cut at.
 */
import {asObject, type RawEvent} from '../domain/events.js';
import type {SyncedTimeline} from './held-timeline.js';

export interface RoomTimeline extends SyncedTimeline {
	roomId: string;
}

/** Joined rooms, and rooms left since the last sync (the events up to our leave). */
const SECTIONS = ['join', 'leave'] as const;

export function syncTimelines(body: unknown): RoomTimeline[] {
	const rooms = asObject(asObject(body).rooms);
	const timelines: RoomTimeline[] = [];
	for (const section of SECTIONS) {
		for (const [roomId, value] of Object.entries(asObject(rooms[section]))) {
			const timeline = asObject(asObject(value).timeline);
			if (!Array.isArray(timeline.events)) continue;
			// Malformed entries are the SDK's to judge; we hold only events with an ID.
			const events = (timeline.events as unknown[]).filter((event): event is RawEvent => typeof asObject(event)['event_id'] === 'string' && typeof asObject(event)['type'] === 'string');
			const prevBatch = typeof timeline.prev_batch === 'string' ? timeline.prev_batch : undefined;
			timelines.push({roomId, events, limited: timeline.limited === true, ...(prevBatch === undefined ? {} : {prevBatch})});
		}
	}
	return timelines;
}
