/** Matrix events and sync bodies as Synapse writes them, and the helpers that build them. */
import type {Random} from './random.ts';
import {FAMILY_NAMES, GIVEN_NAMES, MESSAGES, UNUSUAL_NAMES} from './texts.ts';
import {USER_ID, formatSerial} from './shape.ts';

/** 2026-01-01T00:00:00Z: fixed, so the bodies do not depend on when they were built. */
export const BASE_TS = 1_767_225_600_000;
export const SERVERS = ['matrix.org', 'bench.example', 'kde.org', 'mozilla.org', 'tchncs.de', 'envs.net'];

export interface MatrixEvent {
	type: string;
	state_key?: string;
	sender: string;
	content: Record<string, unknown>;
	event_id: string;
	origin_server_ts: number;
	room_id?: string;
	unsigned?: Record<string, unknown>;
}

export interface Profile {
	userId: string;
	displayname?: string;
	avatar_url?: string;
}

/** A whole /sync body around already-serialized `"!room": {…}` entries. */
export function syncBody(nextBatch: string, joinedRooms: readonly string[]): string {
	return (
		`{"next_batch":${JSON.stringify(nextBatch)},"account_data":{"events":[]},"presence":{"events":[]},"to_device":{"events":[]},` +
		`"device_one_time_keys_count":{},"rooms":{"join":{${joinedRooms.join(',')}},"invite":{},"leave":{},"knock":{}}}`
	);
}

export interface RoomPart {
	state?: readonly MatrixEvent[];
	timeline: readonly MatrixEvent[];
	limited: boolean;
	prevBatch: string;
	notifications: number;
	summary?: Record<string, unknown>;
}

/** One `"!room": {…}` entry of a sync body. */
export function roomEntry(roomId: string, part: RoomPart): string {
	const entry = {
		summary: part.summary ?? {},
		state: {events: part.state ?? []},
		timeline: {events: part.timeline, limited: part.limited, prev_batch: part.prevBatch},
		ephemeral: {events: []},
		account_data: {events: []},
		unread_notifications: {notification_count: part.notifications, highlight_count: 0},
	};
	return `${JSON.stringify(roomId)}:${JSON.stringify(entry)}`;
}

/**
 * The /members body for a room, filtered the way Synapse filters it: `membership` keeps one
 * membership, `not_membership` drops one (matrix-js-sdk asks for not_membership=leave).
 */
export function membersBody(events: readonly MatrixEvent[], filter: {membership?: string | null; notMembership?: string | null} = {}): string {
	const kept = events.filter((event) => {
		const membership = event.content['membership'];
		if (filter.membership && membership !== filter.membership) return false;
		if (filter.notMembership && membership === filter.notMembership) return false;
		return true;
	});
	return `{"chunk":[${kept.map((event) => JSON.stringify(event)).join(',')}]}`;
}

/** A message from someone else, for the live phase. */
export function liveMessage(random: Random, sender: string, index: number, now: number): MatrixEvent {
	return {
		type: 'm.room.message',
		sender,
		content: {msgtype: 'm.text', body: `${random.pick(MESSAGES)} (#${index})`},
		event_id: `$live${index}_${random.token(36)}`,
		origin_server_ts: Math.round(now),
		unsigned: {age: 5},
	};
}

export class EventIds {
	constructor(random: Random) {
		this.random = random;
	}
	private readonly random: Random;
	next(): string {
		return `$${this.random.token(43)}`;
	}
}

export function makeProfiles(random: Random, count: number): Profile[] {
	const profiles: Profile[] = [{userId: USER_ID, displayname: 'Bench Runner'}];
	for (let serial = 1; serial < count; serial++) {
		const server = random.pick(SERVERS);
		const roll = random.next();
		const given = random.pick(GIVEN_NAMES);
		const family = random.pick(FAMILY_NAMES);
		const tag = formatSerial(serial);
		const unusual = roll < 0.05;
		const profile: Profile = {userId: unusual ? `@user.${tag}:${server}` : `@${given.toLowerCase()}.${tag}:${server}`};
		// 3% have no display name: the row then shows the user ID, which carries the serial too.
		if (roll >= 0.08) profile.displayname = `${given} ${family} ${tag}`;
		else if (unusual) profile.displayname = `${random.pick(UNUSUAL_NAMES)} ${tag}`;
		if (random.next() < 0.7) profile.avatar_url = `mxc://${server}/${random.token(24)}`;
		profiles.push(profile);
	}
	return profiles;
}

export function joinContent(profile: Profile): Record<string, unknown> {
	const content: Record<string, unknown> = {membership: 'join'};
	if (profile.displayname !== undefined) content['displayname'] = profile.displayname;
	if (profile.avatar_url !== undefined) content['avatar_url'] = profile.avatar_url;
	return content;
}

export function memberEvent(ids: EventIds, roomId: string, userId: string, sender: string, content: Record<string, unknown>, ts: number, unsigned: Record<string, unknown> = {}): MatrixEvent {
	return {type: 'm.room.member', state_key: userId, sender, content, event_id: ids.next(), origin_server_ts: ts, room_id: roomId, unsigned: {age: 1000, ...unsigned}};
}

export function withoutRoomId(event: MatrixEvent): MatrixEvent {
	const {room_id: _roomId, ...rest} = event;
	return rest;
}

export function stateEvent(ids: EventIds, type: string, stateKey: string, sender: string, content: Record<string, unknown>, ts: number): MatrixEvent {
	return {type, state_key: stateKey, sender, content, event_id: ids.next(), origin_server_ts: ts, unsigned: {age: 1000}};
}

/** A room of the initial sync, with its summary. */
export function roomJson(roomId: string, state: readonly MatrixEvent[], timeline: readonly MatrixEvent[], options: {joined: number; heroes: string[]; prevBatch: string}): string {
	return roomEntry(roomId, {
		state,
		timeline,
		limited: true,
		prevBatch: options.prevBatch,
		notifications: 0,
		summary: {'m.heroes': options.heroes, 'm.joined_member_count': options.joined, 'm.invited_member_count': 0},
	});
}

export function powerLevels(users: Record<string, number>): Record<string, unknown> {
	return {
		users,
		users_default: 0,
		events: {'m.room.name': 50, 'm.room.power_levels': 100, 'm.room.history_visibility': 100, 'm.room.canonical_alias': 50, 'm.room.avatar': 50, 'm.room.tombstone': 100, 'm.room.server_acl': 100, 'm.room.encryption': 100},
		events_default: 0,
		state_default: 50,
		ban: 50,
		kick: 50,
		redact: 50,
		invite: 0,
		historical: 100,
	};
}
