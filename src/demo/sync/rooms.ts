import {stateMapKey, type RoomModel} from '../model/room.js';
import type {StoredEvent} from '../model/types.js';
import type {SyncOptions} from './filter.js';
import {tokenAt} from './tokens.js';
import {clientEvent, inviteState, receiptEvent, roomSummary} from './wire.js';

/** One room's sections of a sync response, given where its timeline starts. */

export interface RoomSyncInput {
	room: RoomModel;
	userId: string;
	options: SyncOptions;
	/** Position after the newest event: prev_batch for an empty timeline. */
	nextPosition: number;
	/**
	 * The member events already sent to this client, `roomId \0 userId` → event_id: as Synapse's
	 * lazy-loading cache, an incremental sync does not send a speaker's unchanged member event again.
	 */
	sentMembers?: Map<string, string>;
}

/** A room we are (newly) joined to, with the full state before its timeline: initial syncs, joins. */
export function fullJoinedRoom(input: RoomSyncInput): Record<string, unknown> {
	const {room, options} = input;
	const start = Math.max(0, room.events.length - options.timelineLimit);
	const state = [...room.stateBefore(start).values()];
	return joinedRoom(input, start, start > 0, lazyFilter(input, state, start), 0);
}

/** New events in a room we stayed joined to, or undefined when nothing changed since `since`. */
export function incrementalJoinedRoom(input: RoomSyncInput, since: number): Record<string, unknown> | undefined {
	const {room, options} = input;
	const first = room.indexAtPos(since);
	if (first === room.events.length && room.touchedAt < since) return undefined;
	const start = Math.max(first, room.events.length - options.timelineLimit);
	const limited = start > first;
	// As Synapse: lazy-loaded members, and after a gap (limited) the state that changed in it, not all of it again.
	const members = senderMembers(input, start);
	return joinedRoom(input, start, limited, limited ? withGapState(input, members, first, start) : members, since);
}

/** The state events among events[first, start) (the gap), latest per key, members only of the timeline's senders. */
function withGapState(input: RoomSyncInput, members: StoredEvent[], first: number, start: number): StoredEvent[] {
	const byKey = new Map<string, StoredEvent>();
	for (const stored of input.room.events.slice(first, start)) {
		const {type, state_key: stateKey} = stored.event;
		if (stateKey !== undefined) byKey.set(stateMapKey(type, stateKey), stored);
	}
	for (const member of members) byKey.set(stateMapKey('m.room.member', member.event.state_key), member);
	return lazyFilter(input, [...byKey.values()], start);
}

export function invitedRoom(input: RoomSyncInput): Record<string, unknown> {
	return {invite_state: {events: inviteState(input.room, input.userId)}};
}

/** A room we left (or were kicked/banned from) since the last sync: events up to our leave. */
export function leftRoom(input: RoomSyncInput, since: number, ourLeave: StoredEvent): Record<string, unknown> {
	const {room} = input;
	const end = room.indexAtPos(ourLeave.pos) + 1;
	const start = Math.max(room.indexAtPos(since), end - input.options.timelineLimit);
	const events = room.events.slice(start, end);
	return {
		state: {events: []},
		timeline: {events: events.map(clientEvent), limited: false, prev_batch: tokenAt(events[0]?.pos ?? since)},
		account_data: {events: []},
	};
}

function joinedRoom(input: RoomSyncInput, start: number, limited: boolean, state: StoredEvent[], receiptsSince: number) {
	const {room, userId} = input;
	const timeline = room.events.slice(start);
	const receipts = receiptEvent(room, receiptsSince);
	return {
		summary: roomSummary(room, userId),
		state: {events: state.map(clientEvent)},
		timeline: {
			events: timeline.map(clientEvent),
			limited,
			prev_batch: tokenAt(timeline[0]?.pos ?? input.nextPosition),
		},
		ephemeral: {events: receipts ? [receipts] : []},
		account_data: {events: room.tags ? [{type: 'm.tag', content: {tags: Object.fromEntries(room.tags)}}] : []},
		unread_notifications: {...room.unread},
	};
}

/** With lazy_load_members, state carries only the members who appear in the timeline, plus us. */
function lazyFilter(input: RoomSyncInput, state: StoredEvent[], start: number): StoredEvent[] {
	if (!input.options.lazyLoadMembers) return state;
	const wanted = timelineSenders(input, start);
	const kept = state.filter(({event}) => event.type !== 'm.room.member' || wanted.has(event.state_key ?? ''));
	for (const {event} of kept) if (event.type === 'm.room.member') remember(input, event.state_key ?? '', event.event_id);
	return kept;
}

/** Incremental syncs: the member events of the timeline's senders, as they were before it, unless already sent. */
function senderMembers(input: RoomSyncInput, start: number): StoredEvent[] {
	if (!input.options.lazyLoadMembers) return [];
	const members: StoredEvent[] = [];
	for (const sender of timelineSenders(input, start)) {
		const member = input.room.stateEntryBefore(start, 'm.room.member', sender);
		if (!member || input.sentMembers?.get(`${input.room.roomId}\u0000${sender}`) === member.event.event_id) continue;
		remember(input, sender, member.event.event_id);
		members.push(member);
	}
	return members;
}

function remember(input: RoomSyncInput, userId: string, eventId: string): void {
	input.sentMembers?.set(`${input.room.roomId}\u0000${userId}`, eventId);
}

function timelineSenders(input: RoomSyncInput, start: number): Set<string> {
	const senders = new Set([input.userId]);
	for (const {event} of input.room.events.slice(start)) senders.add(event.sender);
	return senders;
}
