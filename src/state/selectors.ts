/**
 * View models derived from AppState with the domain rules. Each is memoized on the room snapshot
 * (a new object on every change) plus the options it depends on, so a frame that changes nothing
 * in a room recomputes nothing for it.
 */
import {directChatPeer} from '../domain/deactivation.js';
import {displayNameOf} from '../domain/member-list.js';
import {applyEdits} from '../domain/edits.js';
import {indexRelations, isThreadReply, replyQuote, threadSummary, threadSummaryText} from '../domain/relations.js';
import {sanitizeInline} from '../domain/sanitize.js';
import type {StateView} from '../domain/state-view.js';
import {timelineLine, type TimelineLine} from '../domain/timeline-text.js';
import {mediaNumbers} from '../domain/media-numbers.js';
import {contentOf, type RawContent, type RawEvent} from '../domain/events.js';
import {pictureSourceOf} from '../domain/picture-source.js';
import {threadNumbers} from '../domain/thread-numbers.js';
import type {RoomSnapshot, TimelineEntry} from './room-snapshot.js';
import type {AppState} from './app-state.js';
import {orderedRooms, sectionOf, type RoomSection} from './room-order.js';
import {namesInTime} from './names-in-time.js';
import {typingLine} from '../domain/typing.js';
import {itemsWithReceipts} from './receipt-items.js';
import {stateEvent} from './state-index.js';

import {fuzzyFilter} from './fuzzy.js';
import {roomsUnderChoice, type SpaceChoice} from './space-choice.js';
import type {CompletionSources} from './completion.js';

export interface RoomListItem {
	roomId: string;
	name: string;
	unread: number;
	highlights: number;
	invite: boolean;
	selected: boolean;
	/** Its messages are end-to-end encrypted (the room has m.room.encryption): the lock marker. */
	encrypted: boolean;
	/** A direct chat whose other member deactivated their account (MSC3759): their sanitized user ID. */
	deactivatedPeer?: string;
	/** Where it is listed (room-order.ts). */
	section: RoomSection;
}

export interface TimelineItem {
	key: string;
	timestamp?: number;
	line: TimelineLine;
	pending?: TimelineEntry['pending'];
	/** Why the server refused it for good (pending 'failed'), sanitized. */
	pendingReason?: string;
	/** The message this one replies to: its sender ('' when it is not loaded) and a one-line preview. */
	replyTo?: {sender: string; preview: string};
	/** Reactions to this event, grouped by key in first-use order; `mine` when we reacted with it. */
	reactions?: Array<{key: string; count: number; mine: boolean}>;
	/** "3 replies in thread (last: Bob)" under a thread root; the replies themselves are not items. */
	threadSummary?: string;
	/** "✓ Bob, Carol +2": who has read up to here (receipt-items.ts). */
	readers?: string;
	/** An image event that can be drawn as a picture (picture-source.ts): what load-picture needs. */
	image?: ImageRef;
}

export interface ImageRef {
	eventType: string;
	content: RawContent;
}

/** The rooms the list shows, in order: those of the chosen space (space-choice.ts), never a joined space itself. */
export function selectRoomList(state: Pick<AppState, 'rooms' | 'selectedRoomId' | 'userId' | 'deactivatedUsers'>, space?: SpaceChoice): RoomListItem[] {
	return orderedRooms(state.rooms).filter(roomsUnderChoice(state.rooms, space)).map((room) => {
		const peer = deactivatedPeerOf(room, state.userId, state.deactivatedUsers);
		const item: RoomListItem = {
			roomId: room.roomId,
			name: roomTitle(room, peer),
			unread: room.unread,
			highlights: room.highlights,
			invite: room.membership === 'invite',
			selected: room.roomId === state.selectedRoomId,
			encrypted: isEncrypted(room),
			section: sectionOf(room),
		};
		if (peer !== undefined) item.deactivatedPeer = sanitizeInline(peer);
		return item;
	});
}

/**
 * The other member of a direct chat, if their account is deactivated. A direct chat here is a room
 * without a name or alias whose known members are us and one other user, as the SDK would name it
 * after them.
 */
export function deactivatedPeerOf(room: RoomSnapshot, myUserId: string, deactivated: ReadonlySet<string>): string | undefined {
	if (deactivated.size === 0) return undefined;
	const named = hasText(stateEvent(room, 'm.room.name')?.content) || hasText(stateEvent(room, 'm.room.canonical_alias')?.content);
	if (named) return undefined;
	const peer = directChatPeer(memberIdsOf(room), myUserId);
	return peer !== undefined && deactivated.has(peer) ? peer : undefined;
}

/**
 * The room's name for new displays. A direct chat with a deactivated user is named by the SDK from
 * that user's cached profile ("Empty room (was Dave)"): forget it and show the user ID instead.
 */
export function roomTitle(room: RoomSnapshot, deactivatedPeer?: string): string {
	if (deactivatedPeer !== undefined) return sanitizeInline(deactivatedPeer);
	return sanitizeInline(room.name) || room.roomId;
}

/** As the SDK decides: the room has an m.room.encryption state event (it cannot be taken back). */
export function isEncrypted(room: RoomSnapshot): boolean {
	return stateEvent(room, 'm.room.encryption') !== undefined;
}

/** After an encrypted room's name, in the room list and the title. */
export const LOCK_MARKER = ' 🔒';

function hasText(content: RawEvent['content']): boolean {
	const value = content?.name ?? content?.alias;
	return typeof value === 'string' && value.trim() !== '';
}

function* memberIdsOf(room: RoomSnapshot): Generator<string> {
	const list = room.memberList;
	for (const group of [list.joined, list.invited, list.banned, list.left]) for (const row of group) yield row.userId;
	for (const event of room.members) if (typeof event.state_key === 'string') yield event.state_key;
}

export function selectedRoom(state: AppState): RoomSnapshot | undefined {
	return state.selectedRoomId ? state.rooms.get(state.selectedRoomId) : undefined;
}

/**
 * Memoizes on one part of a room (an array the merge keeps when that part did not change) plus
 * options: a new message must not rebuild a 50,000-row member list or a 20,000-event state view.
 */
function memoizeOn<Key extends object, Options extends unknown[], Result>(compute: (key: Key, ...options: Options) => Result) {
	const cache = new WeakMap<Key, {options: Options; result: Result}>();
	return (key: Key, ...options: Options): Result => {
		const hit = cache.get(key);
		if (hit && hit.options.every((value, index) => Object.is(value, options[index]))) return hit.result;
		const result = compute(key, ...options);
		cache.set(key, {options, result});
		return result;
	};
}

const namesFromMembers = memoizeOn((members: RawEvent[]) => {
	const byUser = new Map<string, RawEvent>();
	for (const event of members) if (typeof event.state_key === 'string') byUser.set(event.state_key, event);
	return (userId: string) => displayNameOf(byUser.get(userId), userId);
});

export function nameResolver(room: RoomSnapshot): (userId: string) => string {
	return namesFromMembers(room.members);
}

/**
 * A person's name for a new display (not a history line): a user seen deactivating (MSC3759) is
 * shown by user ID, their cached profile forgotten.
 */
export function currentName(room: RoomSnapshot, userId: string, deactivated: ReadonlySet<string>): string {
	return deactivated.has(userId) ? sanitizeInline(userId) : nameResolver(room)(userId);
}

// Over all the room's confirmed events, not the window: #1 is the newest file the room holds, as /open counts.
const mediaNumbersOf = memoizeOn((events: RawEvent[]) => mediaNumbers(events));
// Likewise #1 is the newest thread root the room holds, as /thread counts.
const threadNumbersOf = memoizeOn((events: RawEvent[]) => threadNumbers(events));

const timelineOf = memoizeOn((all: TimelineEntry[], nameOf: (userId: string) => string, reasonMaxWidth: number, myUserId: string, window: number, numbers: Map<string, number>, threads: Map<string, number>): TimelineItem[] => {
	// Only the newest entries: what a screen can show. A busy room's timeline grows with every message.
	const timeline = all.length > window ? all.slice(-window) : all;
	const raw = timeline.map((entry) => entry.event);
	const relations = indexRelations(raw, myUserId);
	const lookup = (eventId: string) => relations.byId.get(eventId);
	const pendingById = new Map<string, TimelineEntry>();
	for (const entry of timeline) if (entry.pending && entry.event.event_id) pendingById.set(entry.event.event_id, entry);
	const edited = applyEdits(raw);
	const namesAt = namesInTime(edited.map((entry) => entry.event), nameOf);
	// Our name as the room knows it now: a message naming us (without m.mentions) is a mention.
	const me = {userId: myUserId, displayName: nameOf(myUserId)};
	const items: TimelineItem[] = [];
	edited.forEach(({event, edited: wasEdited}, index) => {
		if (isThreadReply(event)) return;
		const mediaNumber = event.event_id === undefined ? undefined : numbers.get(event.event_id);
		const line = timelineLine(event, namesAt[index]!, {reasonMaxWidth, edited: wasEdited, me, ...(mediaNumber === undefined ? {} : {mediaNumber})});
		if (!line) return;
		const item: TimelineItem = {key: event.event_id ?? `local-${index}`, timestamp: event.origin_server_ts, line};
		const pending = event.event_id ? pendingById.get(event.event_id) : undefined;
		if (pending?.pending) item.pending = pending.pending;
		if (pending?.pending === 'failed' && pending.reason) item.pendingReason = sanitizeInline(pending.reason);
		const replyTo = replyQuote(event, lookup, nameOf);
		if (replyTo) item.replyTo = replyTo;
		const reactions = event.event_id === undefined ? undefined : relations.reactions.get(event.event_id);
		if (reactions?.length) item.reactions = reactions.map(({key, count, includesMe}) => ({key, count, mine: includesMe}));
		const thread = threadSummary(event, relations);
		const threadNumber = event.event_id === undefined ? undefined : threads.get(event.event_id);
		if (thread) item.threadSummary = `${threadNumber === undefined ? '' : `#${threadNumber} `}${threadSummaryText(thread, nameOf)}`;
		if (line.kind === 'message' && pictureSourceOf(event.type, contentOf(event))) item.image = {eventType: event.type, content: contentOf(event)};
		items.push(reuse(event, item));
	});
	return items;
});

const previousItems = new WeakMap<RawEvent, TimelineItem>();

/**
 * The item made for this event last time, if nothing about it changed: keeps its identity, so the
 * rows laid out for it (cached per item) are not wrapped again on every new message.
 */
function reuse(event: RawEvent, item: TimelineItem): TimelineItem {
	const previous = previousItems.get(event);
	if (previous && sameItem(previous, item)) return previous;
	previousItems.set(event, item);
	return item;
}

function sameItem(a: TimelineItem, b: TimelineItem): boolean {
	return (
		a.key === b.key &&
		a.timestamp === b.timestamp &&
		a.pending === b.pending &&
		a.pendingReason === b.pendingReason &&
		a.threadSummary === b.threadSummary &&
		a.line.kind === b.line.kind &&
		a.line.sender === b.line.sender &&
		a.line.text === b.line.text &&
		a.line.edited === b.line.edited &&
		a.line.deactivated === b.line.deactivated &&
		a.line.untrusted === b.line.untrusted &&
		a.line.mentionsMe === b.line.mentionsMe &&
		a.replyTo?.sender === b.replyTo?.sender &&
		a.replyTo?.preview === b.replyTo?.preview &&
		a.image?.content === b.image?.content &&
		JSON.stringify(a.reactions) === JSON.stringify(b.reactions)
	);
}

/** Timeline items for the newest `window` entries (all of them by default). */
export function selectTimeline(room: RoomSnapshot, reasonMaxWidth: number, myUserId: string, window = Number.POSITIVE_INFINITY): TimelineItem[] {
	const items = timelineOf(room.timeline, nameResolver(room), reasonMaxWidth, myUserId, window, mediaNumbersOf(room.events), threadNumbersOf(room.events));
	return receiptsOn(items, room.receipts, room.events, nameResolver(room));
}

const receiptsOn = memoizeOn(itemsWithReceipts);

/** The view as the user wants it: one built while deleted rows were shown may still carry them. */
const visibleStateView = memoizeOn((view: StateView, showDeleted: boolean): StateView => {
	if (showDeleted || !view.rows.some((row) => row.deleted)) return view;
	return {...view, rows: view.rows.filter((row) => !row.deleted)};
});

/** Undefined until the matrix layer has sent the room's view (it is built on demand). */
export function selectStateView(room: RoomSnapshot, showDeleted: boolean): StateView | undefined {
	return room.stateView && visibleStateView(room.stateView, showDeleted);
}

export function powerLevelsOf(room: RoomSnapshot): unknown {
	return stateEvent(room, 'm.room.power_levels')?.content;
}

export function topicOf(room: RoomSnapshot): string {
	const topic = stateEvent(room, 'm.room.topic');
	return sanitizeInline(topic?.content?.topic);
}

/** The switcher's matches: rooms whose name or alias fuzzily matches the query, best first. */
export function selectSwitcherMatches(rooms: ReadonlyMap<string, RoomSnapshot>, query: string): RoomSnapshot[] {
	const ordered = orderedRooms(rooms);
	return query ? fuzzyFilter(ordered, query, (room) => `${room.name} ${aliasOf(room) ?? ''}`) : ordered;
}

export function aliasOf(room: RoomSnapshot): string | undefined {
	const alias = stateEvent(room, 'm.room.canonical_alias')?.content?.alias;
	return typeof alias === 'string' ? alias : undefined;
}

/** What Tab can complete in this room. */
export function completionSources(state: AppState, commands: readonly string[]): CompletionSources {
	const room = selectedRoom(state);
	const nameOf = room ? nameResolver(room) : undefined;
	// A deactivated user (MSC3759) is not suggested, even where their leave has not arrived yet.
	const members = room
		? room.members
				.filter((event) => event.content?.membership === 'join' && typeof event.state_key === 'string' && !state.deactivatedUsers.has(event.state_key))
				.map((event) => ({userId: event.state_key!, name: nameOf!(event.state_key!)}))
		: [];
	const aliases = [...state.rooms.values()].map(aliasOf).filter((alias): alias is string => alias !== undefined);
	return {commands, members, aliases};
}

/** "Alice is typing…" for the room's timeline, names as the room knows them; nobody: undefined. */
export function typingLineOf(room: RoomSnapshot, deactivated: ReadonlySet<string>): string | undefined {
	return typingLine(room.typing.map((userId) => currentName(room, userId, deactivated)));
}
