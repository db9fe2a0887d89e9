import {describe, expect, test} from 'vitest';
import {mergeRoomUpdate} from '../../src/state/merge-room.js';
import type {RoomUpdate} from '../../src/matrix/protocol.js';
import type {RawEvent} from '../../src/domain/events.js';

const meta: RoomUpdate['meta'] = {name: 'R', membership: 'join', unread: 0, highlights: 0, canPaginateBack: true, membersLoaded: false};
const msg = (id: string): RawEvent => ({type: 'm.room.message', event_id: id, sender: '@a:x', content: {body: id}});
const member = (userId: string, membership: string): RawEvent => ({type: 'm.room.member', state_key: userId, sender: userId, content: {membership}});
const list = {joined: [], invited: [], banned: [], left: [], hiddenCount: 0};

describe('mergeRoomUpdate', () => {
	test('a first update builds the room; parts left out start empty', () => {
		const room = mergeRoomUpdate(undefined, {roomId: '!r', version: 1, meta, events: {mode: 'append', events: [msg('$1')]}});
		expect(room.events.map((event) => event.event_id)).toEqual(['$1']);
		expect(room.state).toEqual([]);
		expect(room.members).toEqual([]);
		expect(room.memberList.joined.length).toBe(0);
	});

	test('append adds to what was there; replace starts over; pending follows the events', () => {
		let room = mergeRoomUpdate(undefined, {roomId: '!r', version: 1, meta, events: {mode: 'replace', events: [msg('$1')]}});
		room = mergeRoomUpdate(room, {roomId: '!r', version: 2, meta, events: {mode: 'append', events: [msg('$2')]}, pending: [{event: msg('~3'), pending: 'sending'}]});
		expect(room.timeline.map((entry) => [entry.event.event_id, entry.pending])).toEqual([['$1', undefined], ['$2', undefined], ['~3', 'sending']]);
		room = mergeRoomUpdate(room, {roomId: '!r', version: 3, meta, events: {mode: 'replace', events: [msg('$0'), msg('$1')]}, pending: []});
		expect(room.timeline.map((entry) => entry.event.event_id)).toEqual(['$0', '$1']);
	});

	test('an append drops the oldest first, then appends, then inserts each part before its event; gaps replace those before', () => {
		const ids = (room: ReturnType<typeof mergeRoomUpdate>) => room.events.map((event) => event.event_id);
		let room = mergeRoomUpdate(undefined, {roomId: '!r', version: 1, meta, events: {mode: 'replace', events: [msg('$1'), msg('$2'), msg('$5')]}, gaps: ['$5']});
		expect(room.gaps).toEqual(['$5']);
		const previous = room.events;
		room = mergeRoomUpdate(room, {
			roomId: '!r',
			version: 2,
			meta,
			events: {mode: 'append', events: [msg('$8')], dropped: 1, inserted: [{before: '$5', events: [msg('$4')]}, {before: '$8', events: [msg('$7')]}, {before: '$4', events: [msg('$3')]}]},
			gaps: ['$7'],
		});
		expect(ids(room)).toEqual(['$2', '$3', '$4', '$5', '$7', '$8']);
		expect(room.gaps).toEqual(['$7']);
		// What the app held before is not changed in place (views memoize on it).
		expect(previous.map((event) => event.event_id)).toEqual(['$1', '$2', '$5']);
		expect(mergeRoomUpdate(room, {roomId: '!r', version: 3, meta}).gaps).toEqual(['$7']);
	});

	test('a decrypted event takes the place of its ciphertext, after the appends; what was held before is not changed', () => {
		const encrypted = (id: string): RawEvent => ({type: 'm.room.encrypted', event_id: id, sender: '@a:x', content: {ciphertext: 'x'}});
		let room = mergeRoomUpdate(undefined, {roomId: '!r', version: 1, meta, events: {mode: 'replace', events: [encrypted('$1'), msg('$2')]}});
		const previous = room.events;
		room = mergeRoomUpdate(room, {roomId: '!r', version: 2, meta, events: {mode: 'append', events: [encrypted('$3')], replaced: [msg('$1'), msg('$3'), msg('$gone')]}});
		expect(room.events.map((event) => [event.event_id, event.type])).toEqual([
			['$1', 'm.room.message'],
			['$2', 'm.room.message'],
			['$3', 'm.room.message'],
		]);
		expect(previous[0]!.type).toBe('m.room.encrypted');
	});

	test('unchanged parts keep their identity, so memoized views are not rebuilt', () => {
		const first = mergeRoomUpdate(undefined, {roomId: '!r', version: 1, meta, events: {mode: 'replace', events: [msg('$1')]}, state: [], memberList: list, members: []});
		const second = mergeRoomUpdate(first, {roomId: '!r', version: 2, meta: {...meta, unread: 3}});
		expect(second.timeline).toBe(first.timeline);
		expect(second.state).toBe(first.state);
		expect(second.members).toBe(first.members);
		expect(second.memberList).toBe(first.memberList);
		expect(second.unread).toBe(3);
	});

	test('member upserts replace by user and keep the others', () => {
		let room = mergeRoomUpdate(undefined, {roomId: '!r', version: 1, meta, members: [member('@a:x', 'join'), member('@b:x', 'join')]});
		room = mergeRoomUpdate(room, {roomId: '!r', version: 2, meta, members: [member('@b:x', 'leave'), member('@c:x', 'invite')]});
		expect(room.members.map((event) => [event.state_key, event.content?.membership])).toEqual([['@a:x', 'join'], ['@b:x', 'leave'], ['@c:x', 'invite']]);
	});
});
