/**
 * View models derived from AppState with the domain rules. Each is memoized on the room snapshot
 * (a new object on every change) plus the options it depends on, so a frame that changes nothing
 * in a room recomputes nothing for it.
 */
import {buildMemberList, displayNameOf, type MemberList} from '../domain/member-list.js';
import {sanitizeInline} from '../domain/sanitize.js';
import {buildStateView, type StateView} from '../domain/state-view.js';
import {timelineLine, type TimelineLine} from '../domain/timeline-text.js';
import type {RawEvent} from '../domain/events.js';
import type {RoomSnapshot, TimelineEntry} from '../matrix/protocol.js';
import type {AppState} from './app-state.js';
import {orderedRooms} from './room-order.js';
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

export const selectTimeline = memoizeByRoom((room: RoomSnapshot, reasonMaxWidth: number): TimelineItem[] => {
	const nameOf = nameResolver(room);
	const items: TimelineItem[] = [];
	room.timeline.forEach((entry, index) => {
		const line = timelineLine(entry.event, nameOf, {reasonMaxWidth, edited: entry.edited});
		if (!line) return;
		items.push({key: entry.event.event_id ?? `local-${index}`, timestamp: entry.event.origin_server_ts, line, pending: entry.pending});
	});
	return items;
});

export const selectMemberList = memoizeByRoom(
	(room: RoomSnapshot, showDeleted: boolean, reasonMaxWidth: number): MemberList =>
		buildMemberList(room.members, powerLevelsOf(room), {showDeleted, reasonMaxWidth}),
);

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
