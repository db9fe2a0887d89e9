import type {DemoStore} from '../model/store.js';
import type {SyncOptions} from './filter.js';
import {fullJoinedRoom, incrementalJoinedRoom, invitedRoom, leftRoom, type RoomSyncInput} from './rooms.js';
import {tokenAt} from './tokens.js';

type Section = Record<string, Record<string, unknown>>;

export interface SyncResponse {
	next_batch: string;
	rooms: {join: Section; invite: Section; leave: Section; knock: Section};
	[key: string]: unknown;
}

/**
 * A /sync response. Without `since` every joined and invited room is sent whole; with it, only rooms
 * that changed at or after that position, sorted by how our own membership changed meanwhile.
 */
export function buildSync(store: DemoStore, userId: string, options: SyncOptions, since?: number, sentMembers?: Map<string, string>): SyncResponse {
	const nextPosition = store.streamPosition + 1;
	// An initial sync starts the client over: it has no member events yet.
	if (since === undefined) sentMembers?.clear();
	const rooms: SyncResponse['rooms'] = {join: {}, invite: {}, leave: {}, knock: {}};
	for (const room of store.rooms.values()) {
		const input: RoomSyncInput = {room, userId, options, nextPosition, ...(sentMembers ? {sentMembers} : {})};
		const ours = room.getState('m.room.member', userId);
		const membership = room.membership(userId);
		if (!ours) continue; // rooms we never had anything to do with stay invisible
		if (since === undefined) {
			if (membership === 'join') rooms.join[room.roomId] = fullJoinedRoom(input);
			if (membership === 'invite') rooms.invite[room.roomId] = invitedRoom(input);
			continue; // left rooms are left out of initial syncs, as with Synapse's default filter
		}
		const before = ours.pos >= since ? room.stateEntryBefore(room.indexAtPos(since), 'm.room.member', userId) : ours;
		const membershipBefore = before?.event.content['membership'];
		if (membership === 'join') {
			const section = membershipBefore === 'join' ? incrementalJoinedRoom(input, since) : fullJoinedRoom(input);
			if (section) rooms.join[room.roomId] = section;
		} else if (membership === 'invite' && ours.pos >= since) {
			rooms.invite[room.roomId] = invitedRoom(input);
		} else if ((membership === 'leave' || membership === 'ban') && ours.pos >= since) {
			if (membershipBefore === 'join' || membershipBefore === 'invite') rooms.leave[room.roomId] = leftRoom(input, since, ours);
		}
	}
	return {
		next_batch: tokenAt(nextPosition),
		rooms,
		account_data: {events: accountDataSince(store, since)},
		presence: {events: []},
		to_device: {events: []},
		device_lists: {changed: [], left: []},
		device_one_time_keys_count: {},
	};
}

export function isEmptySync(response: SyncResponse): boolean {
	const {join, invite, leave} = response.rooms;
	const accountData = (response['account_data'] as {events: unknown[]} | undefined)?.events.length ?? 0;
	return Object.keys(join).length + Object.keys(invite).length + Object.keys(leave).length + accountData === 0;
}

/** All of it on an initial sync; after, what changed since. */
function accountDataSince(store: DemoStore, since: number | undefined): Array<{type: string; content: Record<string, unknown>}> {
	return [...store.accountData].filter(([, {pos}]) => since === undefined || pos >= since).map(([type, {content}]) => ({type, content: structuredClone(content)}));
}
