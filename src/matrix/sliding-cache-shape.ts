/**
 * The local cache keeps one shape, a classic /sync body as matrix-js-sdk's SyncAccumulator folds
 * it, whichever way the account syncs. Here the two ways across for simplified sliding sync:
 * - `slidingForTheCache`: a sliding response as a classic body to fold in. Its state is the
 *   rooms' required state with the timeline's state on top (`state_after`); a room we left goes to
 *   `leave` (the accumulator forgets it). A fresh connection sends each room's newest events again
 *   (`initial`): what the cache holds already is not folded in twice, and a window that does not
 *   reach what it holds replaces it (`limited`), so a kept timeline never has a hole.
 * - `savedAsSliding`: the saved account (`withoutPlaceholders`) as one sliding response (rooms and the account data and
 *   receipts extensions), which the SDK's sliding sync reads as it reads the server's.
 */
import type {ISyncResponse} from 'matrix-js-sdk';
import type {MSC3575RoomData, MSC3575SlidingSyncResponse} from 'matrix-js-sdk/lib/sliding-sync.js';
import {asObject} from '../domain/events.js';
import {lastPerKey, startsWindow} from './sliding-body.js';

const STATE_AFTER = 'org.matrix.msc4222.state_after';
/**
 * The accumulator keeps a timeline only from an event with a token before it; a sliding window
 * with no prev_batch reaches the room's start. It is kept with this in its place, never handed on.
 */
const NOTHING_EARLIER = 'matrix-tui:nothing-earlier';

/** What the cache holds of a room's timeline: its event IDs, oldest first (none: not kept). */
export type KeptTimeline = (roomId: string) => readonly string[] | undefined;

export function slidingForTheCache(response: unknown, myUserId: string, kept: KeptTimeline): ISyncResponse {
	const body = asObject(response);
	const extensions = asObject(body.extensions);
	const accountData = asObject(extensions.account_data);
	const roomAccountData = asObject(accountData.rooms);
	const receipts = asObject(asObject(extensions.receipts).rooms);
	const join: Record<string, Record<string, unknown>> = {};
	const invite: Record<string, unknown> = {};
	const leave: Record<string, unknown> = {};
	for (const [roomId, value] of Object.entries(asObject(body.rooms))) {
		const room = asObject(value);
		if (Array.isArray(room.invite_state)) {
			invite[roomId] = {invite_state: {events: room.invite_state}};
			continue;
		}
		const timeline = eventsOf(room.timeline);
		const state = lastPerKey([...eventsOf(room.required_state), ...timeline.filter(isState)]);
		if (isGone(state, myUserId)) {
			leave[roomId] = {};
			continue;
		}
		join[roomId] = {
			timeline: timelineToFold(timeline, startsWindow(room), kept(roomId), room.prev_batch),
			[STATE_AFTER]: {events: state},
			summary: summaryOf(room),
		};
	}
	// Account data and receipts of rooms the cache holds (of others: they come with the room).
	const extra = (roomId: string) => join[roomId] ?? (kept(roomId) ? (join[roomId] = {}) : undefined);
	for (const [roomId, events] of Object.entries(roomAccountData)) {
		const room = extra(roomId);
		if (room && Array.isArray(events)) room.account_data = {events};
	}
	for (const [roomId, event] of Object.entries(receipts)) {
		const room = extra(roomId);
		if (room) room.ephemeral = {events: [event]};
	}
	return {
		next_batch: typeof body.pos === 'string' ? body.pos : '',
		rooms: {join, invite, leave, knock: {}},
		account_data: {events: eventsOf(accountData.global)},
	} as unknown as ISyncResponse;
}

export function savedAsSliding(saved: ISyncResponse): MSC3575SlidingSyncResponse {
	const rooms: Record<string, MSC3575RoomData> = {};
	const roomAccountData: Record<string, unknown[]> = {};
	const receipts: Record<string, unknown> = {};
	for (const [roomId, value] of Object.entries(asObject(saved.rooms?.join))) {
		const room = asObject(value);
		const timeline = asObject(room.timeline);
		const summary = asObject(room.summary);
		const heroes = Array.isArray(summary['m.heroes']) ? (summary['m.heroes'] as unknown[]).filter((id) => typeof id === 'string') : [];
		const prevBatch = typeof timeline.prev_batch === 'string' ? timeline.prev_batch : undefined;
		rooms[roomId] = {
			name: '',
			initial: true,
			required_state: eventsOf(asObject(room[STATE_AFTER]).events ?? asObject(room.state).events),
			timeline: eventsOf(timeline.events),
			heroes: heroes.map((userId) => ({user_id: userId})),
			...numberField('joined_count', summary['m.joined_member_count']),
			...numberField('invited_count', summary['m.invited_member_count']),
			// A prev_batch is where scrollback starts.
			...(prevBatch ? {prev_batch: prevBatch, limited: true} : {}),
		} as unknown as MSC3575RoomData;
		const accountData = eventsOf(asObject(room.account_data).events);
		if (accountData.length > 0) roomAccountData[roomId] = accountData;
		const receipt = eventsOf(asObject(room.ephemeral).events).find((event) => asObject(event).type === 'm.receipt');
		if (receipt) receipts[roomId] = receipt;
	}
	for (const [roomId, value] of Object.entries(asObject(saved.rooms?.invite))) {
		rooms[roomId] = {name: '', initial: true, required_state: [], timeline: [], invite_state: eventsOf(asObject(asObject(value).invite_state).events)} as unknown as MSC3575RoomData;
	}
	return {
		pos: saved.next_batch,
		lists: {},
		rooms,
		extensions: {account_data: {global: eventsOf(saved.account_data?.events), rooms: roomAccountData}, receipts: {rooms: receipts}},
	};
}

/** The saved account as the readers take it: no room's timeline has a placeholder for a token (in place). */
export function withoutPlaceholders(saved: ISyncResponse): ISyncResponse {
	for (const room of Object.values(asObject(saved.rooms?.join))) {
		const timeline = asObject(asObject(room).timeline);
		if (timeline.prev_batch === NOTHING_EARLIER) delete timeline.prev_batch;
	}
	return saved;
}

/**
 * The part of a room's timeline that follows what the cache holds. A window (a fresh connection's
 * newest events, or the room on screen's larger one) that reaches back at least as far as what is
 * kept replaces it; one that only reaches its newest event adds what follows it; one that does not
 * reach it at all leaves a gap, so it replaces what is kept too.
 */
function timelineToFold(timeline: unknown[], window: boolean, kept: readonly string[] | undefined, prevBatch: unknown): Record<string, unknown> {
	if (!window) return {events: timeline, limited: false, ...(typeof prevBatch === 'string' ? {prev_batch: prevBatch} : {})};
	const replacing = {events: timeline, limited: true, prev_batch: typeof prevBatch === 'string' ? prevBatch : NOTHING_EARLIER};
	if (!kept || kept.length === 0) return replacing;
	const newestKept = timeline.findIndex((event) => asObject(event).event_id === kept.at(-1));
	if (newestKept < 0 || newestKept + 1 >= kept.length) return replacing;
	return {events: timeline.slice(newestKept + 1), limited: false};
}

/** Our own membership, as the state ends: gone when we left or were banned. */
function isGone(state: unknown[], myUserId: string): boolean {
	const mine = state.find((event) => asObject(event).type === 'm.room.member' && asObject(event).state_key === myUserId);
	const membership = asObject(asObject(mine).content).membership;
	return membership === 'leave' || membership === 'ban';
}

function summaryOf(room: Record<string, unknown>): Record<string, unknown> {
	const heroes = Array.isArray(room.heroes) ? (room.heroes as unknown[]).map((hero) => asObject(hero).user_id).filter((id) => typeof id === 'string') : undefined;
	return {
		...(heroes && heroes.length > 0 ? {'m.heroes': heroes} : {}),
		...numberField('m.joined_member_count', room.joined_count),
		...numberField('m.invited_member_count', room.invited_count),
	};
}

function numberField(name: string, value: unknown): Record<string, number> {
	return typeof value === 'number' && Number.isInteger(value) ? {[name]: value} : {};
}

function eventsOf(value: unknown): object[] {
	return Array.isArray(value) ? (value as unknown[]).filter((event): event is object => typeof event === 'object' && event !== null) : [];
}

function isState(event: unknown): boolean {
	return typeof asObject(event).state_key === 'string';
}
