/** The small rules rooms are built and read with: merging updates, state lookup, list order, names in time, prompt wording. */
import {describe, expect, test} from 'vitest';
import type {RawEvent} from '../../src/domain/events.js';
import type {RoomUpdate} from '../../src/matrix/protocol.js';
import {mergeRoomUpdate} from '../../src/state/merge-room.js';
import {namesInTime} from '../../src/state/names-in-time.js';
import {cancelNotice, isWorking, nextPromptId, type Prompt} from '../../src/state/prompt.js';
import {orderedRoomIds} from '../../src/state/room-order.js';
import {stateEvent} from '../../src/state/state-index.js';
import {appWith, EMPTY_MEMBER_LIST, roomUpdate, setting} from './room-updates.js';
import {plainMemberList} from '../support/member-lists.js';

const meta: RoomUpdate['meta'] = {name: 'R', membership: 'join', unread: 1, highlights: 0, canPaginateBack: true, membersLoaded: false};
const msg = (id: string): RawEvent => ({type: 'm.room.message', event_id: id, sender: '@a:x', content: {body: id}});
const member = (userId: string | undefined, membership: string): RawEvent => ({type: 'm.room.member', ...(userId === undefined ? {} : {state_key: userId}), content: {membership}});

describe('mergeRoomUpdate', () => {
	test('the first update of a room is taken whole, even an append; its meta and version are copied', () => {
		const room = mergeRoomUpdate(undefined, {roomId: '!r', version: 5, meta: {...meta, inviter: '@i:x'}, events: {mode: 'append', events: [msg('$1')]}, members: [member('@a:x', 'join')]});
		expect(room).toMatchObject({roomId: '!r', version: 5, name: 'R', unread: 1, inviter: '@i:x', canPaginateBack: true, membersLoaded: false});
		expect(room.members).toEqual([member('@a:x', 'join')]);
		expect(room.pending).toEqual([]);
		expect(room.stateView).toBeUndefined();
		expect(plainMemberList(room.memberList)).toEqual(EMPTY_MEMBER_LIST);
		expect(mergeRoomUpdate(undefined, {roomId: '!e', version: 1, meta}).events).toEqual([]);
	});

	test('parts left out keep what the room had; new pending alone rebuilds the timeline', () => {
		const view = {rows: [], hiddenCount: 0, total: 0};
		const list = {...EMPTY_MEMBER_LIST, hiddenCount: 3};
		const first = mergeRoomUpdate(undefined, {roomId: '!r', version: 1, meta, events: {mode: 'replace', events: [msg('$1')]}, pending: [{event: msg('~1'), pending: 'sending'}], stateView: view, memberList: list});
		const second = mergeRoomUpdate(first, {roomId: '!r', version: 2, meta});
		expect([second.pending, second.stateView, plainMemberList(second.memberList), second.timeline]).toEqual([first.pending, view, list, first.timeline]);
		expect(second.memberList).toBe(first.memberList);
		expect(second.pending).toBe(first.pending);
		const third = mergeRoomUpdate(second, {roomId: '!r', version: 3, meta, pending: []});
		expect(third.events).toBe(first.events);
		expect(third.timeline.map((entry) => entry.event.event_id)).toEqual(['$1']);
	});

	test('members: the first update brings them; later ones replace per user (a missing key counts as "")', () => {
		let room = mergeRoomUpdate(undefined, {roomId: '!r', version: 1, meta, members: [member('@a:x', 'join'), member('@b:x', 'join'), member(undefined, 'join')]});
		room = mergeRoomUpdate(room, {roomId: '!r', version: 2, meta, members: [member('@b:x', 'leave'), member('', 'leave')]});
		expect(room.members).toEqual([member('@a:x', 'join'), member('@b:x', 'leave'), member('', 'leave')]);
	});
});

describe('stateEvent', () => {
	test('by type and state key; a missing key is ""; the last event per key wins', () => {
		const keyless: RawEvent = {type: 'm.room.topic', content: {topic: 'keyless'}};
		const room = appWith(roomUpdate('!r', {state: [keyless, setting('m.room.topic', {topic: 'new'}), setting('x.per-user', {n: 1}, '@a:x')]})).rooms.get('!r')!;
		expect(stateEvent(room, 'm.room.topic')?.content).toEqual({topic: 'new'});
		expect(stateEvent(room, 'x.per-user', '@a:x')?.content).toEqual({n: 1});
		expect(stateEvent(room, 'x.per-user')).toBeUndefined();
		expect(stateEvent(room, 'm.room.name')).toBeUndefined();
		const only = appWith(roomUpdate('!r', {state: [keyless]})).rooms.get('!r')!;
		expect(stateEvent(only, 'm.room.topic')).toBe(keyless);
	});
});

describe('orderedRoomIds', () => {
	test('names compare without case or accents, then by room ID', () => {
		const state = appWith(roomUpdate('!2', {name: 'école'}), roomUpdate('!1', {name: 'Ecole'}), roomUpdate('!0', {name: 'b'}), roomUpdate('!9', {name: 'A'}));
		expect(orderedRoomIds(state.rooms)).toEqual(['!9', '!0', '!1', '!2']);
	});

	test('a tombstone pointing at a room we are only invited to, or at nothing we know, keeps the old room', () => {
		const tombstone = (replacement: unknown) => setting('m.room.tombstone', {replacement_room: replacement});
		const state = appWith(roomUpdate('!old', {name: 'Old', state: [tombstone('!new')]}), roomUpdate('!new', {name: 'New', membership: 'invite'}), roomUpdate('!odd', {name: 'Odd', state: [tombstone(['!old'])]}));
		expect(orderedRoomIds(state.rooms)).toEqual(['!new', '!odd', '!old']);
	});
});

describe('namesInTime', () => {
	const C = '@carol:x';
	const mem = (content: Record<string, unknown>, prev?: Record<string, unknown>, sender = C): RawEvent => ({type: 'm.room.member', sender, state_key: C, content, ...(prev ? {unsigned: {prev_content: prev}} : {})});
	const say = (sender: string): RawEvent => ({type: 'm.room.message', sender, content: {body: 'x'}});

	test('before a first join, nobody knows a name: the one it set, else the user ID', () => {
		expect(namesInTime([say(C), mem({membership: 'join', displayname: 'Carol'})], () => 'Now')[0]!(C)).toBe('Carol');
		expect(namesInTime([say(C), mem({membership: 'join'})], () => 'Now')[0]!(C)).toBe(C);
		expect(namesInTime([say(C), mem({membership: 'join', displayname: ' '})], () => 'Now')[0]!(C)).toBe(C);
	});

	test('a previous membership without a name gives the user ID', () => {
		expect(namesInTime([say(C), mem({membership: 'join', displayname: 'Carol'}, {membership: 'invite'})], () => 'Now')[0]!(C)).toBe(C);
	});

	test('a member event names its subject by its own content, and its sender as they were then', () => {
		const MOD = '@mod:x';
		const events = [mem({membership: 'ban', displayname: 'Carol'}, {membership: 'join', displayname: 'Carol'}, MOD), {type: 'm.room.member', sender: MOD, state_key: MOD, content: {membership: 'join', displayname: 'Boss'}, unsigned: {prev_content: {membership: 'join', displayname: 'Mod'}}}];
		const names = namesInTime(events, (userId) => `now ${userId}`);
		expect([names[0]!(C), names[0]!(MOD), names[0]!('@other:x')]).toEqual(['Carol', 'Mod', 'now @other:x']);
		expect(names[1]!(MOD)).toBe('Boss');
	});

	test('events that are no member events name nobody themselves', () => {
		const keyless: RawEvent = {type: 'm.room.member', sender: C, content: {membership: 'join', displayname: 'Ghost'}};
		const names = namesInTime([keyless, {type: 'm.room.name', state_key: C, sender: C, content: {displayname: 'Ghost'}}], () => 'Now');
		expect([names[0]!(C), names[1]!(C)]).toEqual(['Now', 'Now']);
	});
});

describe('prompts', () => {
	const base = {id: 1, text: '?', placeholder: '', secret: false};
	const plan = {roomVersion: '10', live: 1, deleted: 0, carried: 1, userScoped: 0, invited: 0};

	test('ids only grow', () => {
		const first = nextPromptId();
		expect(nextPromptId()).toBe(first + 1);
	});

	test.each<[Prompt, boolean, string]>([
		[{...base, flow: 'deactivate', step: 'confirm'}, false, 'Deactivation cancelled — your account is still active'],
		[{...base, flow: 'deactivate', step: 'password'}, false, 'Deactivation cancelled — your account is still active'],
		[{...base, flow: 'optimise-room', step: 'confirm', roomId: '!r', plan}, false, 'Optimise cancelled — the room is unchanged'],
		[{...base, flow: 'optimise-room', step: 'working', roomId: '!r', plan}, true, 'Stopping after the current step…'],
		[{...base, flow: 'deactivate', step: 'working'}, true, 'Stopping after the current step…'],
	])('%j: working %s, Esc says %s', (prompt, working, notice) => {
		expect(isWorking(prompt)).toBe(working);
		expect(cancelNotice(prompt)).toBe(notice);
	});
});
