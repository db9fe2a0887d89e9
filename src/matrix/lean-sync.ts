/**
 * The lean sync path. matrix-js-sdk turns every state event of a sync into a MatrixEvent, and
 * every member event into a RoomMember too: on a room with 20,000 state events, or a sync carrying
 * 60,000 member changes, that is seconds of work and hundreds of megabytes. The SDK reads only a
 * little of that state itself (the room's own m.room.* settings, our membership, the names it
 * shows), so before it sees a sync body the rest is taken out and kept by us, as plain JSON.
 * Encrypted rooms are the exception for members: the crypto shares each room key with the devices
 * of the members the SDK knows, so every member event of theirs goes to the SDK.
 */
import {asEvent, asObject, isRoomSetting, type RawEvent} from '../domain/events.js';

export interface DivertedState {
	roomId: string;
	events: RawEvent[];
}

/** The sections of a joined room that carry state: `state`, or MSC4222's state after the timeline. */
const STATE_SECTIONS = ['state', 'org.matrix.msc4222.state_after'] as const;

/**
 * Takes out of a /sync body (in place) the joined rooms' state the SDK does not read, and returns
 * it per room. The SDK keeps the m.room.* settings, and the member events of us, of the room's
 * heroes (its name) and of the people in this sync's timeline — every member of a room that is
 * encrypted (`encrypted`, or its m.room.encryption in this body); malformed events stay for the
 * SDK to judge.
 */
export function divertSyncState(body: unknown, myUserId: string, encrypted: (roomId: string) => boolean = () => false): DivertedState[] {
	const joined = asObject(asObject(asObject(body).rooms).join);
	const diverted: DivertedState[] = [];
	for (const [roomId, value] of Object.entries(joined)) {
		const room = asObject(value);
		const allMembers = encrypted(roomId) || turnsEncrypted(room);
		let keepMembers: Set<string> | undefined;
		const taken: RawEvent[] = [];
		for (const name of STATE_SECTIONS) {
			const section = asObject(room[name]);
			if (!Array.isArray(section.events)) continue;
			keepMembers ??= membersTheSdkReads(room, myUserId);
			const kept: unknown[] = [];
			for (const event of section.events as unknown[]) {
				if (sdkReads(event, keepMembers, allMembers)) kept.push(event);
				else taken.push(event as RawEvent);
			}
			if (kept.length !== section.events.length) section.events = kept;
		}
		if (taken.length > 0) diverted.push({roomId, events: taken});
	}
	return diverted;
}

function sdkReads(value: unknown, keepMembers: ReadonlySet<string>, allMembers: boolean): boolean {
	const event = asEvent(value);
	if (typeof event.type !== 'string' || typeof event.state_key !== 'string') return true;
	if (event.type === 'm.room.member') return allMembers || keepMembers.has(event.state_key);
	return isRoomSetting(event);
}

function turnsEncrypted(room: Record<string, unknown>): boolean {
	const sections = [...STATE_SECTIONS.map((name) => asObject(room[name])), asObject(room.timeline)];
	return sections.some((section) => Array.isArray(section.events) && section.events.some((event) => asObject(event).type === 'm.room.encryption'));
}

function membersTheSdkReads(room: Record<string, unknown>, myUserId: string): Set<string> {
	const users = new Set<string>([myUserId]);
	const heroes = asObject(room.summary)['m.heroes'];
	if (Array.isArray(heroes)) for (const hero of heroes) if (typeof hero === 'string') users.add(hero);
	const timeline = asObject(room.timeline).events;
	if (Array.isArray(timeline)) {
		for (const value of timeline) {
			const event = asObject(value);
			if (typeof event.sender === 'string') users.add(event.sender);
			if (event.type === 'm.room.member' && typeof event.state_key === 'string') users.add(event.state_key);
		}
	}
	return users;
}
