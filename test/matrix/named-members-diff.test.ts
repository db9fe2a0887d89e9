/** The people the app is sent names for stay bounded by what it holds, however many have spoken. */
import {describe, expect, test} from 'vitest';
import type {RawEvent} from '../../src/domain/events.js';
import {MemberEventStore} from '../../src/matrix/member-store.js';
import {NamedMembersDiff} from '../../src/matrix/room-diffs.js';
import {mergeRoomUpdate} from '../../src/state/merge-room.js';
import type {RoomUpdate} from '../../src/matrix/protocol.js';

const userId = (serial: number) => `@speaker${serial}:x`;
const message = (serial: number): RawEvent => ({type: 'm.room.message', event_id: `$m${serial}`, sender: userId(serial), content: {body: `from ${serial}`}});
const meta: RoomUpdate['meta'] = {name: 'Busy', membership: 'join', unread: 0, highlights: 0, canPaginateBack: true, membersLoaded: true};

describe('NamedMembersDiff', () => {
	test('past 2,000 named, those no held event names are forgotten, on both threads', () => {
		const store = new MemberEventStore();
		const diff = new NamedMembersDiff();
		let room = mergeRoomUpdate(undefined, {roomId: '!r', version: 0, meta});
		const held: RawEvent[] = [];
		let whole = 0;
		// 3,000 people speak once each; the room holds only the newest 100 messages.
		for (let serial = 0; serial < 3000; serial++) {
			store.upsert({type: 'm.room.member', state_key: userId(serial), sender: userId(serial), content: {membership: 'join', displayname: `Speaker ${serial}`}});
			const event = message(serial);
			held.push(event);
			if (held.length > 100) held.shift();
			const named = diff.take(['@me:x'], [event], store, held);
			if (named.whole) whole++;
			room = mergeRoomUpdate(room, {roomId: '!r', version: serial + 1, meta, members: named.members, ...(named.whole ? {membersWhole: true as const} : {})});
			expect(room.members.length).toBeLessThanOrEqual(2001);
		}
		expect(whole).toBeGreaterThan(0);
		// Everyone the held messages name still has their name.
		for (const event of held) expect(room.members.find((member) => member.state_key === event.sender)?.content?.['displayname']).toBe(`Speaker ${event.sender!.slice(8, -2)}`);
		// Someone forgotten who speaks again is named again.
		const again = diff.take(['@me:x'], [message(5)], store, [...held, message(5)]);
		expect(again.members.map((event) => event.state_key)).toEqual([userId(5)]);
	});

	test('while the held events name most of them, nobody is forgotten', () => {
		const store = new MemberEventStore();
		const diff = new NamedMembersDiff();
		const held: RawEvent[] = [];
		for (let serial = 0; serial < 2500; serial++) {
			store.upsert({type: 'm.room.member', state_key: userId(serial), sender: userId(serial), content: {membership: 'join'}});
			held.push(message(serial));
			expect(diff.take([], [message(serial)], store, held).whole).toBe(false);
		}
	});
});
