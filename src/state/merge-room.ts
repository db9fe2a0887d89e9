/** Applies a RoomUpdate (only what changed) to the room as the app last saw it. */
import type {RawEvent} from '../domain/events.js';
import type {MemberList} from '../domain/member-list.js';
import type {RoomSnapshot, RoomUpdate, TimelineEntry} from '../matrix/protocol.js';

const EMPTY_LIST: MemberList = {joined: [], invited: [], banned: [], left: [], hiddenCount: 0};

export function mergeRoomUpdate(previous: RoomSnapshot | undefined, update: RoomUpdate): RoomSnapshot {
	const events = update.events ? (update.events.mode === 'replace' || !previous ? update.events.events : previous.events.concat(update.events.events)) : (previous?.events ?? []);
	const pending = update.pending ?? previous?.pending ?? [];
	const timeline = events === previous?.events && pending === previous.pending ? previous.timeline : toEntries(events, pending);
	return {
		roomId: update.roomId,
		...update.meta,
		version: update.version,
		events,
		pending,
		timeline,
		state: update.state ?? previous?.state ?? [],
		stateView: update.stateView ?? previous?.stateView,
		members: update.members ? mergeMembers(previous?.members, update.members) : (previous?.members ?? []),
		memberList: update.memberList ?? previous?.memberList ?? EMPTY_LIST,
	};
}

function toEntries(events: RawEvent[], pending: TimelineEntry[]): TimelineEntry[] {
	const entries: TimelineEntry[] = events.map((event) => ({event}));
	return pending.length > 0 ? entries.concat(pending) : entries;
}

function mergeMembers(previous: RawEvent[] | undefined, change: NonNullable<RoomUpdate['members']>): RawEvent[] {
	if (change.mode === 'replace' || !previous) return change.events;
	const byUser = new Map<string, RawEvent>();
	for (const event of previous) byUser.set(event.state_key ?? '', event);
	for (const event of change.events) byUser.set(event.state_key ?? '', event);
	return [...byUser.values()];
}
