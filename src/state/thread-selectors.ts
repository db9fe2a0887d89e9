/**
 * The open thread as the pane draws it: its root, then its replies oldest first — those fetched
 * from the server (ThreadView.history) and those the room's own timeline holds (live from sync,
 * decrypted in an encrypted room, and our local echoes) — each once.
 */
import {applyEdits} from '../domain/edits.js';
import type {RawEvent} from '../domain/events.js';
import {threadRootId} from '../domain/relations.js';
import {sanitizeInline} from '../domain/sanitize.js';
import {timelineLine} from '../domain/timeline-text.js';
import type {ThreadTarget} from '../domain/threads.js';
import type {RoomSnapshot, TimelineEntry} from './room-snapshot.js';
import {nameResolver, type TimelineItem} from './selectors.js';
import type {ThreadView} from './threads.js';

/** Local echoes carry IDs no server makes (outbox-echo.ts): they are not replied to. */
const isServerId = (id: string | undefined): id is string => id !== undefined && !id.startsWith('~');

const byTime = (a: RawEvent, b: RawEvent) => (a.origin_server_ts ?? 0) - (b.origin_server_ts ?? 0);

let lastEntries: {timeline: TimelineEntry[]; events: RawEvent[]; view: ThreadView; entries: TimelineEntry[]} | undefined;

/** The thread's entries: root first, then confirmed replies by time, then ours not confirmed yet. Remembered until the room or the view changes. */
export function threadEntries(room: RoomSnapshot, view: ThreadView): TimelineEntry[] {
	if (lastEntries && lastEntries.timeline === room.timeline && lastEntries.events === room.events && lastEntries.view === view) return lastEntries.entries;
	const entries = collectEntries(room, view);
	lastEntries = {timeline: room.timeline, events: room.events, view, entries};
	return entries;
}

function collectEntries(room: RoomSnapshot, view: ThreadView): TimelineEntry[] {
	const root = view.root ?? room.events.find((event) => event.event_id === view.rootId);
	const seen = new Set<string>();
	const confirmed: RawEvent[] = [];
	const pending: TimelineEntry[] = [];
	for (const event of view.history) {
		if (event.event_id !== undefined && !seen.has(event.event_id)) {
			seen.add(event.event_id);
			confirmed.push(event);
		}
	}
	for (const entry of room.timeline) {
		const id = entry.event.event_id;
		if (threadRootId(entry.event) !== view.rootId || id === undefined || seen.has(id)) continue;
		seen.add(id);
		if (entry.pending || !isServerId(id)) pending.push(entry);
		else confirmed.push(entry.event);
	}
	confirmed.sort(byTime);
	return [...(root ? [{event: root}] : []), ...confirmed.map((event) => ({event})), ...pending];
}

/** What a reply typed in the pane goes under: the root, after the thread's latest confirmed event. */
export function threadTarget(room: RoomSnapshot, view: ThreadView): ThreadTarget {
	const latest = threadEntries(room, view).findLast((entry) => !entry.pending && isServerId(entry.event.event_id) && entry.event.event_id !== view.rootId);
	return {rootId: view.rootId, latestId: latest?.event.event_id ?? view.rootId};
}

/** The newest confirmed reply, to mark the thread read up to it. */
export function newestReply(room: RoomSnapshot, view: ThreadView): {eventId: string; ts: number} | undefined {
	const latest = threadEntries(room, view).findLast((entry) => !entry.pending && isServerId(entry.event.event_id) && entry.event.event_id !== view.rootId);
	if (!latest) return undefined;
	return {eventId: latest.event.event_id!, ts: latest.event.origin_server_ts ?? 0};
}

let lastItems: {entries: TimelineEntry[]; members: RawEvent[]; reasonMaxWidth: number; myUserId: string; items: TimelineItem[]} | undefined;

/** The thread's lines, as the timeline would draw them (edits applied, names as the room knows them). */
export function selectThreadItems(room: RoomSnapshot, view: ThreadView, reasonMaxWidth: number, myUserId: string): TimelineItem[] {
	const entries = threadEntries(room, view);
	const hit = lastItems;
	if (hit && hit.entries === entries && hit.members === room.members && hit.reasonMaxWidth === reasonMaxWidth && hit.myUserId === myUserId) return hit.items;
	const items = threadItems(room, entries, reasonMaxWidth, myUserId);
	lastItems = {entries, members: room.members, reasonMaxWidth, myUserId, items};
	return items;
}

function threadItems(room: RoomSnapshot, entries: TimelineEntry[], reasonMaxWidth: number, myUserId: string): TimelineItem[] {
	const withEdits = applyEdits([...entries.map((entry) => entry.event), ...room.events.filter(isEditOfThread(entries))]);
	const nameOf = nameResolver(room);
	const me = {userId: myUserId, displayName: nameOf(myUserId)};
	const byId = new Map(entries.map((entry) => [entry.event.event_id, entry]));
	const items: TimelineItem[] = [];
	withEdits.forEach(({event, edited}, index) => {
		const entry = byId.get(event.event_id);
		if (!entry) return;
		const line = timelineLine(event, nameOf, {reasonMaxWidth, edited, me});
		if (!line) return;
		const item: TimelineItem = {key: event.event_id ?? `thread-${index}`, timestamp: event.origin_server_ts, line};
		if (entry.pending) item.pending = entry.pending;
		if (entry.pending === 'failed' && entry.reason) item.pendingReason = sanitizeInline(entry.reason);
		items.push(item);
	});
	return items;
}

/** Edits (m.replace) of the thread's events, wherever the room holds them. */
function isEditOfThread(entries: readonly TimelineEntry[]) {
	const ids = new Set(entries.map((entry) => entry.event.event_id));
	return (event: RawEvent) => {
		const relation = event.content?.['m.relates_to'];
		return typeof relation === 'object' && relation !== null && (relation as {rel_type?: unknown}).rel_type === 'm.replace' && ids.has((relation as {event_id?: string}).event_id);
	};
}

const editIndex = new WeakMap<RawEvent[], Map<string, RawEvent[]>>();

/** A root as the list shows it: with its newest edit applied, when the room holds one (the server sends the original). */
export function shownRoot(room: RoomSnapshot | undefined, root: RawEvent): RawEvent {
	if (!room || root.event_id === undefined) return root;
	let index = editIndex.get(room.events);
	if (!index) {
		index = new Map();
		for (const event of room.events) {
			const relation = event.content?.['m.relates_to'] as {rel_type?: unknown; event_id?: unknown} | undefined;
			if (relation?.rel_type !== 'm.replace' || typeof relation.event_id !== 'string') continue;
			index.set(relation.event_id, [...(index.get(relation.event_id) ?? []), event]);
		}
		editIndex.set(room.events, index);
	}
	const edits = index.get(root.event_id);
	return edits ? applyEdits([root, ...edits])[0]!.event : root;
}
