/** Applies a RoomUpdate (only what changed) to the room as the app last saw it. */
import type {RawEvent} from '../domain/events.js';
import {applyMemberListChanges, holdMemberList, type HeldMemberList} from '../domain/member-list-changes.js';
import type {RoomUpdate} from '../matrix/protocol.js';
import type {RoomSnapshot, TimelineEntry} from './room-snapshot.js';

const EMPTY_LIST: HeldMemberList = holdMemberList({joined: [], invited: [], banned: [], left: [], hiddenCount: 0});

export function mergeRoomUpdate(previous: RoomSnapshot | undefined, update: RoomUpdate): RoomSnapshot {
	const events = update.events ? mergeEvents(previous?.events, update.events) : (previous?.events ?? []);
	const pending = update.pending ?? previous?.pending ?? [];
	const timeline = events === previous?.events && pending === previous.pending ? previous.timeline : toEntries(events, pending);
	return {
		roomId: update.roomId,
		...update.meta,
		version: update.version,
		events,
		gaps: update.gaps ?? previous?.gaps ?? [],
		typing: update.typing ?? previous?.typing ?? [],
		receipts: update.receipts ?? previous?.receipts ?? [],
		readMarker: update.readMarker ?? previous?.readMarker,
		pending,
		timeline,
		state: update.state ?? previous?.state ?? [],
		stateView: update.stateView ?? previous?.stateView,
		members: update.members ? (update.membersWhole ? update.members : mergeMembers(previous?.members, update.members)) : (previous?.members ?? []),
		memberList: memberListOf(previous?.memberList, update),
	};
}

/** The list sent whole, or the one held with a sync's changes applied. */
function memberListOf(held: HeldMemberList | undefined, update: RoomUpdate): HeldMemberList {
	if (update.memberList) return holdMemberList(update.memberList);
	if (update.memberChanges && held) return applyMemberListChanges(held, update.memberChanges);
	return held ?? EMPTY_LIST;
}

/** The matrix layer caps what it holds per room; the app holds what it was sent, so the same. */
function mergeEvents(previous: RawEvent[] | undefined, events: NonNullable<RoomUpdate['events']>): RawEvent[] {
	if (events.mode === 'replace' || !previous) return events.events;
	const kept = events.dropped ? previous.slice(events.dropped) : previous;
	const merged = kept.concat(events.events);
	for (const {before, events: inserted} of events.inserted ?? []) {
		// Gaps are filled near the end: look from there.
		const at = merged.findLastIndex((event) => event.event_id === before);
		merged.splice(at < 0 ? 0 : at, 0, ...inserted);
	}
	// Decrypted events: recent ones mostly, so looked for from the end.
	for (const clear of events.replaced ?? []) {
		const at = merged.findLastIndex((event) => event.event_id === clear.event_id);
		if (at >= 0) merged[at] = clear;
	}
	return merged;
}

function toEntries(events: RawEvent[], pending: TimelineEntry[]): TimelineEntry[] {
	const entries: TimelineEntry[] = events.map((event) => ({event}));
	return pending.length > 0 ? entries.concat(pending) : entries;
}

/** Each member event replaces the one before for its user. */
function mergeMembers(previous: RawEvent[] | undefined, changed: RawEvent[]): RawEvent[] {
	if (!previous) return changed;
	const byUser = new Map<string, RawEvent>();
	for (const event of previous) byUser.set(event.state_key ?? '', event);
	for (const event of changed) byUser.set(event.state_key ?? '', event);
	return [...byUser.values()];
}
