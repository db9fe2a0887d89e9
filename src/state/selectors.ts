/**
 * View models derived from AppState with the domain rules. Each is memoized on the room snapshot
 * (a new object on every change) plus the options it depends on, so a frame that changes nothing
 * in a room recomputes nothing for it.
 */
import {buildMemberList, displayNameOf, type MemberList} from '../domain/member-list.js';
import {indexRelations, isThreadReply, replyQuote, threadSummary, threadSummaryText} from '../domain/relations.js';
import {sanitizeInline} from '../domain/sanitize.js';
import {buildStateView, type StateView} from '../domain/state-view.js';
import {stateCensus, type StateCensus} from '../domain/state-census.js';
import {timelineLine, type TimelineLine} from '../domain/timeline-text.js';
import type {RawEvent} from '../domain/events.js';
import type {RoomSnapshot, TimelineEntry} from '../matrix/protocol.js';
import type {AppState} from './app-state.js';
import {orderedRooms} from './room-order.js';
import {namesInTime} from './names-in-time.js';
import {fuzzyFilter} from './fuzzy.js';
import type {CompletionSources} from './completion.js';

export interface RoomListItem {
	roomId: string;
	name: string;
	unread: number;
	highlights: number;
	invite: boolean;
	selected: boolean;
}

export interface TimelineItem {
	key: string;
	timestamp?: number;
	line: TimelineLine;
	pending?: TimelineEntry['pending'];
	/** The message this one replies to: its sender ('' when it is not loaded) and a one-line preview. */
	replyTo?: {sender: string; preview: string};
	/** Reactions to this event, grouped by key in first-use order; `mine` when we reacted with it. */
	reactions?: Array<{key: string; count: number; mine: boolean}>;
	/** "3 replies in thread (last: Bob)" under a thread root; the replies themselves are not items. */
	threadSummary?: string;
}

export function selectRoomList(state: AppState): RoomListItem[] {
	return orderedRooms(state.rooms).map((room) => ({
		roomId: room.roomId,
		name: sanitizeInline(room.name) || room.roomId,
		unread: room.unread,
		highlights: room.highlights,
		invite: room.membership === 'invite',
		selected: room.roomId === state.selectedRoomId,
	}));
}

export function selectedRoom(state: AppState): RoomSnapshot | undefined {
	return state.selectedRoomId ? state.rooms.get(state.selectedRoomId) : undefined;
}

function memoizeByRoom<Options extends unknown[], Result>(compute: (room: RoomSnapshot, ...options: Options) => Result) {
	const cache = new WeakMap<RoomSnapshot, {options: Options; result: Result}>();
	return (room: RoomSnapshot, ...options: Options): Result => {
		const hit = cache.get(room);
		if (hit && hit.options.every((value, index) => Object.is(value, options[index]))) return hit.result;
		const result = compute(room, ...options);
		cache.set(room, {options, result});
		return result;
	};
}

export const nameResolver = memoizeByRoom((room: RoomSnapshot) => {
	const byUser = new Map<string, RawEvent>();
	for (const event of room.members) if (typeof event.state_key === 'string') byUser.set(event.state_key, event);
	return (userId: string) => displayNameOf(byUser.get(userId), userId);
});

export const selectTimeline = memoizeByRoom((room: RoomSnapshot, reasonMaxWidth: number, myUserId: string): TimelineItem[] => {
	const nameOf = nameResolver(room);
	const relations = indexRelations(room.timeline.map((entry) => entry.event), myUserId);
	const lookup = (eventId: string) => relations.byId.get(eventId);
	const namesAt = namesInTime(room.timeline.map((entry) => entry.event), nameOf);
	const items: TimelineItem[] = [];
	room.timeline.forEach((entry, index) => {
		if (isThreadReply(entry.event)) return;
		const line = timelineLine(entry.event, namesAt[index]!, {reasonMaxWidth, edited: entry.edited});
		if (!line) return;
		const item: TimelineItem = {key: entry.event.event_id ?? `local-${index}`, timestamp: entry.event.origin_server_ts, line, pending: entry.pending};
		const replyTo = replyQuote(entry.event, lookup, nameOf);
		if (replyTo) item.replyTo = replyTo;
		const reactions = entry.event.event_id === undefined ? undefined : relations.reactions.get(entry.event.event_id);
		if (reactions?.length) item.reactions = reactions.map(({key, count, includesMe}) => ({key, count, mine: includesMe}));
		const thread = threadSummary(entry.event, relations);
		if (thread) item.threadSummary = threadSummaryText(thread, nameOf);
		items.push(item);
	});
	return items;
});

export const selectMemberList = memoizeByRoom(
	(room: RoomSnapshot, showDeleted: boolean, reasonMaxWidth: number): MemberList =>
		buildMemberList(room.members, powerLevelsOf(room), {showDeleted, reasonMaxWidth}),
);

export const selectStateCensus = memoizeByRoom((room: RoomSnapshot): StateCensus => stateCensus([...room.state, ...room.members]));

export const selectStateView = memoizeByRoom((room: RoomSnapshot, showDeleted: boolean): StateView => buildStateView(room.state, {showDeleted}));

export function powerLevelsOf(room: RoomSnapshot): unknown {
	return room.state.find((event) => event.type === 'm.room.power_levels' && event.state_key === '')?.content;
}

export function topicOf(room: RoomSnapshot): string {
	const topic = room.state.find((event) => event.type === 'm.room.topic' && event.state_key === '');
	return sanitizeInline(topic?.content?.topic);
}

/** The switcher's matches: rooms whose name or alias fuzzily matches the query, best first. */
export function selectSwitcherMatches(rooms: ReadonlyMap<string, RoomSnapshot>, query: string): RoomSnapshot[] {
	const ordered = orderedRooms(rooms);
	return query ? fuzzyFilter(ordered, query, (room) => `${room.name} ${aliasOf(room) ?? ''}`) : ordered;
}

export function aliasOf(room: RoomSnapshot): string | undefined {
	const alias = room.state.find((event) => event.type === 'm.room.canonical_alias' && event.state_key === '')?.content?.alias;
	return typeof alias === 'string' ? alias : undefined;
}

/** What Tab can complete in this room. */
export function completionSources(state: AppState, commands: readonly string[]): CompletionSources {
	const room = selectedRoom(state);
	const nameOf = room ? nameResolver(room) : undefined;
	const members = room
		? room.members.filter((event) => event.content?.membership === 'join' && typeof event.state_key === 'string').map((event) => ({userId: event.state_key!, name: nameOf!(event.state_key!)}))
		: [];
	const aliases = [...state.rooms.values()].map(aliasOf).filter((alias): alias is string => alias !== undefined);
	return {commands, members, aliases};
}
