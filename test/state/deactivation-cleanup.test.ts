/**
 * MSC3759 clean-up in the store: once a valid deactivation is seen, the user leaves completion and
 * mention suggestions, direct chats with them are marked, and their cached profile is no longer
 * used for new displays — while history lines stay exactly as they were. A forged flag does nothing.
 */
import {describe, expect, test} from 'vitest';
import {initialAppState} from '../../src/state/app-state.js';
import {completionSources, selectRoomList, selectTimeline} from '../../src/state/selectors.js';
import {createStore} from '../../src/state/store.js';
import {member, message, state} from '../support/events.js';
import {FakeSession} from '../support/fake-session.js';
import type {RawEvent} from '../../src/domain/events.js';

const ME = '@me:example.org';
const DAVE = '@dave:example.org';
const ERIN = '@erin:example.org';
const MOD = '@mod:example.org';

function setUp() {
	const session = new FakeSession(ME);
	const store = createStore(initialAppState({userId: ME}));
	session.subscribe((update) => store.dispatch({type: 'session-update', update}));
	return {session, store};
}

function directChat(peer: string, peerName: string, extra: RawEvent[] = []): RawEvent[] {
	return [state('m.room.create', '', {creator: ME}, ME), member(ME, {membership: 'join', displayname: 'Me'}), member(peer, {membership: 'join', displayname: peerName}), message(peer, 'hi there'), ...extra];
}

function groupRoom(extra: RawEvent[] = []): RawEvent[] {
	return [
		state('m.room.create', '', {creator: MOD}, MOD),
		state('m.room.name', '', {name: 'Group'}, MOD),
		member(MOD, {membership: 'join', displayname: 'Mod'}),
		member(ME, {membership: 'join', displayname: 'Me'}),
		member(DAVE, {membership: 'join', displayname: 'Dave'}),
		member(ERIN, {membership: 'join', displayname: 'Erin'}),
		message(DAVE, 'hello group'),
		...extra,
	];
}

const COMMANDS = ['leave'];

describe('seeing a valid deactivation', () => {
	test('drops the user from Tab completion and mention suggestions, in every room', () => {
		const {session, store} = setUp();
		session.pushRoom({roomId: '!group:example.org', events: groupRoom()});
		session.pushRoom({roomId: '!dm:example.org', events: directChat(DAVE, 'Dave')});
		store.dispatch({type: 'select-room', roomId: '!group:example.org'});
		expect(completionSources(store.getState(), COMMANDS).members.map((m) => m.userId)).toContain(DAVE);

		// Dave deactivates; his leave reaches the direct chat first. In the group he still shows as joined.
		const dm = directChat(DAVE, 'Dave', [member(DAVE, {membership: 'leave', 'm.deactivated': true}, {prev: {membership: 'join', displayname: 'Dave'}})]);
		session.pushRoom({roomId: '!dm:example.org', events: dm});
		expect(store.getState().deactivatedUsers.has(DAVE)).toBe(true);
		const sources = completionSources(store.getState(), COMMANDS);
		expect(sources.members.map((m) => m.userId)).toEqual(expect.not.arrayContaining([DAVE]));
		expect(sources.members.map((m) => m.name)).toEqual(expect.arrayContaining(['Mod', 'Erin']));
		expect(sources.members.map((m) => m.name)).not.toContain('Dave');
	});

	test('marks a direct chat with them, named by user ID instead of their cached profile', () => {
		const {session, store} = setUp();
		const events = directChat(DAVE, 'Dave', [member(DAVE, {membership: 'leave', 'org.matrix.msc3759.deactivated': true}, {prev: {membership: 'join', displayname: 'Dave'}})]);
		session.pushRoom({roomId: '!dm:example.org', name: 'Empty room (was Dave)', events});
		session.pushRoom({roomId: '!group:example.org', name: 'Group', events: groupRoom([member(DAVE, {membership: 'leave', 'm.deactivated': true})])});
		const items = selectRoomList(store.getState());
		const dmItem = items.find((item) => item.roomId === '!dm:example.org')!;
		expect(dmItem.deactivatedPeer).toBe(DAVE);
		expect(dmItem.name).toBe(DAVE);
		// A named room with more people is not a direct chat, whoever left it.
		const group = items.find((item) => item.roomId === '!group:example.org')!;
		expect(group.deactivatedPeer).toBeUndefined();
		expect(group.name).toBe('Group');
	});

	test('leaves history lines untouched: names as they were, the label on the leave', () => {
		const {session, store} = setUp();
		const leave = member(DAVE, {membership: 'leave', 'm.deactivated': true}, {prev: {membership: 'join', displayname: 'Dave'}});
		session.pushRoom({roomId: '!dm:example.org', events: directChat(DAVE, 'Dave')});
		const before = selectTimeline(store.getState().rooms.get('!dm:example.org')!, 80, ME).map((item) => item.line.text);
		session.pushRoom({roomId: '!dm:example.org', events: directChat(DAVE, 'Dave', [leave])});
		const after = selectTimeline(store.getState().rooms.get('!dm:example.org')!, 80, ME).map((item) => item.line.text);
		expect(after.slice(0, before.length)).toEqual(before);
		expect(after.at(-1)).toBe('Dave deactivated their account');
		expect(after.join('\n')).toContain('hi there');
	});
});

describe('a forged flag changes nothing', () => {
	test.each([
		['on a kick', member(DAVE, {membership: 'leave', 'm.deactivated': true}, {sender: MOD, prev: {membership: 'join', displayname: 'Dave'}})],
		['on a leave sent about someone else', member(DAVE, {membership: 'leave', 'org.matrix.msc3759.deactivated': true}, {sender: ERIN, prev: {membership: 'join', displayname: 'Dave'}})],
		['as a string', member(DAVE, {membership: 'leave', 'm.deactivated': 'true'}, {prev: {membership: 'join', displayname: 'Dave'}})],
	])('%s', (_name, forged) => {
		const {session, store} = setUp();
		session.pushRoom({roomId: '!dm:example.org', events: directChat(DAVE, 'Dave', [forged])});
		session.pushRoom({roomId: '!group:example.org', events: groupRoom()});
		const state = store.getState();
		expect(state.deactivatedUsers.size).toBe(0);
		expect(selectRoomList(state).every((item) => item.deactivatedPeer === undefined)).toBe(true);
		store.dispatch({type: 'select-room', roomId: '!group:example.org'});
		expect(completionSources(store.getState(), COMMANDS).members.map((m) => m.userId)).toContain(DAVE);
	});

	test('the set keeps its identity across updates that add nobody', () => {
		const {session, store} = setUp();
		session.pushRoom({roomId: '!dm:example.org', events: directChat(DAVE, 'Dave', [member(DAVE, {membership: 'leave', 'm.deactivated': true})])});
		const first = store.getState().deactivatedUsers;
		session.pushRoom({roomId: '!group:example.org', events: groupRoom()});
		expect(store.getState().deactivatedUsers).toBe(first);
	});
});
