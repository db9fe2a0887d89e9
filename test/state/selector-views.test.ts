/** The view models the UI draws: the room list, the timeline items, the state view, switcher matches, completion sources. */
import {describe, expect, test} from 'vitest';
import type {RawEvent} from '../../src/domain/events.js';
import type {StateView} from '../../src/domain/state-view.js';
import type {RoomUpdate} from '../../src/matrix/protocol.js';
import {
	aliasOf,
	completionSources,
	currentName,
	powerLevelsOf,
	roomTitle,
	selectedRoom,
	selectRoomList,
	selectStateView,
	selectSwitcherMatches,
	selectTimeline,
	topicOf,
} from '../../src/state/selectors.js';
import {reduce} from '../../src/state/reducer.js';
import {appWith, EMPTY_MEMBER_LIST, ME, roomUpdate, setting, withRooms, type RoomSpec} from './room-updates.js';

const ALICE = '@alice:example.org';
const DAVE = '@dave:example.org';

const join = (userId: string, displayname?: string): RawEvent => ({type: 'm.room.member', state_key: userId, sender: userId, content: {membership: 'join', ...(displayname ? {displayname} : {})}});
const text = (id: string, sender: string, body: string, extra: Partial<RawEvent> = {}): RawEvent => ({type: 'm.room.message', event_id: id, sender, origin_server_ts: 1000, content: {msgtype: 'm.text', body}, ...extra});

function roomOf(spec: RoomSpec, roomId = '!r') {
	return appWith(roomUpdate(roomId, spec)).rooms.get(roomId)!;
}

describe('selectRoomList', () => {
	test('invites first, then by name; the selected one marked; names sanitized or the room ID', () => {
		let state = appWith(roomUpdate('!b', {name: 'Beta\u001B[31m'}), roomUpdate('!i', {name: 'Zed', membership: 'invite'}), roomUpdate('!e', {name: ''}));
		state = reduce(state, {type: 'select-room', roomId: '!e'});
		expect(selectRoomList(state)).toEqual([
			{roomId: '!i', name: 'Zed', unread: 0, highlights: 0, invite: true, selected: false, encrypted: false, section: 'invites'},
			{roomId: '!e', name: '!e', unread: 0, highlights: 0, invite: false, selected: true, encrypted: false, section: 'rooms'},
			{roomId: '!b', name: 'Beta\u241B', unread: 0, highlights: 0, invite: false, selected: false, encrypted: false, section: 'rooms'},
		]);
	});

	test('sections: invites, favourites (by tag order, none last), people, rooms, low priority; by name within', () => {
		const meta = (id: string, name: string, extra: Partial<RoomUpdate['meta']>) => {
			const update = roomUpdate(id, {name});
			return {...update, meta: {...update.meta, ...extra}};
		};
		const state = appWith(
			meta('!low', 'Aardvark', {tags: {lowPriority: {}}}),
			meta('!room', 'Beta', {}),
			meta('!dm2', 'Zoe', {direct: '@zoe:x'}),
			meta('!dm1', 'Carl', {direct: '@carl:x'}),
			meta('!fav-none', 'Alpha', {tags: {favourite: {}}}),
			meta('!fav-late', 'Able', {tags: {favourite: {order: 0.9}}}),
			meta('!fav-early', 'Zulu', {tags: {favourite: {order: 0.1}}}),
			// Both tags: a favourite, as in Element. An invite is an invite whatever it is tagged.
			meta('!both', 'Mid', {tags: {favourite: {order: 0.5}, lowPriority: {}}}),
			meta('!inv', 'Yak', {membership: 'invite', tags: {favourite: {order: 0}}, direct: '@yak:x'}),
		);
		expect(selectRoomList(state).map((item) => [item.roomId, item.section])).toEqual([
			['!inv', 'invites'],
			['!fav-early', 'favourites'],
			['!both', 'favourites'],
			['!fav-late', 'favourites'],
			['!fav-none', 'favourites'],
			['!dm1', 'people'],
			['!dm2', 'people'],
			['!room', 'rooms'],
			['!low', 'low-priority'],
		]);
	});

	test('counts come from the room', () => {
		const update = roomUpdate('!a');
		const state = appWith({...update, meta: {...update.meta, unread: 4, highlights: 2}});
		expect(selectRoomList(state)[0]).toMatchObject({unread: 4, highlights: 2});
	});

	const dm = (extra: RawEvent[] = [], memberList = EMPTY_MEMBER_LIST) => roomUpdate('!dm', {name: 'Dave', members: [join(ME), join(DAVE, 'Dave')], state: extra, memberList});
	const deactivated = (state: ReturnType<typeof appWith>) => ({...state, deactivatedUsers: new Set([DAVE])});

	test('a direct chat whose peer deactivated is named by their user ID and marked', () => {
		const [item] = selectRoomList(deactivated(appWith(dm())));
		expect(item).toMatchObject({name: DAVE, deactivatedPeer: DAVE});
		expect(selectRoomList(appWith(dm()))[0]).not.toHaveProperty('deactivatedPeer');
	});

	test('the peer may be known only from the member list', () => {
		const row = {userId: DAVE, name: 'Dave', membership: 'leave' as const, powerLevel: 0, deactivated: true, deleted: true};
		for (const group of ['joined', 'invited', 'banned', 'left'] as const) {
			const update = roomUpdate('!dm', {name: 'Dave', members: [join(ME)], memberList: {...EMPTY_MEMBER_LIST, [group]: [row]}});
			expect(selectRoomList(deactivated(appWith(update)))[0]?.deactivatedPeer).toBe(DAVE);
		}
	});

	test.each([
		['a name', setting('m.room.name', {name: 'Chat'})],
		['an alias', setting('m.room.canonical_alias', {alias: '#chat:x'})],
	])('a room with %s is no direct chat', (_what, event) => {
		expect(selectRoomList(deactivated(appWith(dm([event]))))[0]).not.toHaveProperty('deactivatedPeer');
	});

	test.each([
		['a blank name', setting('m.room.name', {name: '  '})],
		['a name that is not text', setting('m.room.name', {name: 5})],
	])('%s does not name a room', (_what, event) => {
		expect(selectRoomList(deactivated(appWith(dm([event]))))[0]?.deactivatedPeer).toBe(DAVE);
	});

	test('a room with two others is no direct chat', () => {
		const update = roomUpdate('!g', {name: 'Dave and Erin', members: [join(ME), join(DAVE), join('@erin:x')]});
		expect(selectRoomList(deactivated(appWith(update)))[0]).not.toHaveProperty('deactivatedPeer');
	});
});

describe('names and titles', () => {
	test('roomTitle: the deactivated peer first, then the sanitized name, then the room ID', () => {
		const room = roomOf({name: 'Dave\u0007'});
		expect(roomTitle(room)).toBe('Dave\u2407');
		expect(roomTitle(room, '@d\u0007:x')).toBe('@d\u2407:x');
		expect(roomTitle(roomOf({name: ''}))).toBe('!r');
	});

	test('currentName: a deactivated user by user ID, others by their member event, else the user ID', () => {
		const room = roomOf({members: [join(ALICE, 'Alice'), join(DAVE, 'Dave'), {type: 'm.room.member', content: {displayname: 'nobody'}}]});
		expect(currentName(room, ALICE, new Set([DAVE]))).toBe('Alice');
		expect(currentName(room, DAVE, new Set([DAVE]))).toBe(DAVE);
		expect(currentName(room, '@x:y', new Set())).toBe('@x:y');
	});

	test('selectedRoom', () => {
		const state = appWith(roomUpdate('!a'));
		expect(selectedRoom(state)?.roomId).toBe('!a');
		expect(selectedRoom({...state, selectedRoomId: undefined})).toBeUndefined();
	});

	test('room settings: power levels, topic (sanitized), canonical alias', () => {
		const levels = {users: {[ALICE]: 100}};
		const room = roomOf({state: [setting('m.room.power_levels', levels), setting('m.room.topic', {topic: 'hi\nthere'}), setting('m.room.canonical_alias', {alias: '#r:x'})]});
		expect(powerLevelsOf(room)).toEqual(levels);
		expect(topicOf(room)).toBe('hi there');
		expect(aliasOf(room)).toBe('#r:x');
		const bare = roomOf({state: [setting('m.room.canonical_alias', {alias: ['#r:x']})]});
		expect([powerLevelsOf(bare), topicOf(bare), aliasOf(bare)]).toEqual([undefined, '', undefined]);
	});
});

describe('selectTimeline', () => {
	test('lines named as people were called then, edits applied, local echoes marked', () => {
		const events = [join(ALICE, 'Alice'), text('$1', ALICE, 'hello'), text('$2', ALICE, '* hallo', {content: {body: '* hallo', 'm.new_content': {body: 'hallo'}, 'm.relates_to': {rel_type: 'm.replace', event_id: '$1'}}})];
		const update = {...roomUpdate('!r', {events, members: [join(ALICE, 'Alice')]}), pending: [{event: text('~1', ME, 'sending…'), pending: 'sending' as const}, {event: {type: 'm.room.message', content: {body: 'no id'}}, pending: 'failed' as const}]};
		const room = appWith(update).rooms.get('!r')!;
		const items = selectTimeline(room, 80, ME);
		expect(items.map((item) => [item.key, item.line.sender, item.line.text, item.line.edited, item.pending])).toEqual([
			['local-0', 'Alice', 'Alice joined', undefined, undefined],
			['$1', 'Alice', 'hallo', true, undefined],
			['~1', ME, 'sending…', undefined, 'sending'],
			['local-3', 'someone', 'no id', undefined, undefined],
		]);
		expect(items[1]!.timestamp).toBe(1000);
	});

	test('replies quote their target; reactions are grouped, ours marked; thread replies only as a summary under the root', () => {
		const root = text('$root', ALICE, 'question');
		const events = [
			join(ALICE, 'Alice'),
			root,
			text('$re', DAVE, '> <@alice:example.org> question\n\nanswer', {content: {body: '> <@alice:example.org> question\n\nanswer', 'm.relates_to': {'m.in_reply_to': {event_id: '$root'}}}}),
			{type: 'm.reaction', event_id: '$k1', sender: ME, content: {'m.relates_to': {rel_type: 'm.annotation', event_id: '$root', key: '👍'}}},
			{type: 'm.reaction', event_id: '$k2', sender: DAVE, content: {'m.relates_to': {rel_type: 'm.annotation', event_id: '$root', key: '👍'}}},
			{type: 'm.reaction', event_id: '$k3', sender: DAVE, content: {'m.relates_to': {rel_type: 'm.annotation', event_id: '$root', key: '🎉'}}},
			text('$t1', DAVE, 'in thread', {content: {body: 'in thread', 'm.relates_to': {rel_type: 'm.thread', event_id: '$root'}}}),
		];
		const room = roomOf({events, members: [join(ALICE, 'Alice'), join(DAVE, 'Dave')]});
		const items = selectTimeline(room, 80, ME);
		expect(items.map((item) => item.key)).toEqual(['local-0', '$root', '$re']);
		const [, question, answer] = items;
		expect(question).toMatchObject({reactions: [{key: '👍', count: 2, mine: true}, {key: '🎉', count: 1, mine: false}], threadSummary: '#1 1 reply in thread (last: Dave)'});
		expect(question).not.toHaveProperty('replyTo');
		expect(answer).toMatchObject({replyTo: {sender: 'Alice', preview: 'question'}, line: {text: 'answer'}});
		expect(answer).not.toHaveProperty('reactions');
		expect(answer).not.toHaveProperty('threadSummary');
	});

	test('only the newest `window` entries; reasons cut to the width asked', () => {
		const leave = {type: 'm.room.member', state_key: ALICE, sender: ALICE, content: {membership: 'leave', reason: 'x'.repeat(30)}, unsigned: {prev_content: {membership: 'join', displayname: 'Alice'}}};
		const room = roomOf({events: [text('$1', ALICE, 'one'), text('$2', ALICE, 'two'), {...leave, event_id: '$3'}]});
		expect(selectTimeline(room, 10, ME).map((item) => item.line.text)).toEqual(['one', 'two', `Alice left: ${'x'.repeat(9)}…`]);
		expect(selectTimeline(room, 80, ME, 2).map((item) => item.key)).toEqual(['$2', '$3']);
		expect(selectTimeline(room, 80, ME, 3).map((item) => item.key)).toEqual(['$1', '$2', '$3']);
	});

	test('events that draw no line are left out', () => {
		const again = {...join(ALICE, 'Alice'), event_id: '$again', unsigned: {prev_content: {membership: 'join', displayname: 'Alice'}}};
		const room = roomOf({events: [join(ALICE, 'Alice'), again, {type: 'm.typing', content: {}}]});
		expect(selectTimeline(room, 80, ME)).toHaveLength(1);
	});

	test('an unchanged item keeps its identity across updates; a changed one is new', () => {
		const hello = text('$1', ALICE, 'hello');
		let state = appWith(roomUpdate('!r', {events: [hello]}));
		const [first] = selectTimeline(state.rooms.get('!r')!, 80, ME);
		const reaction = {type: 'm.reaction', event_id: '$k', sender: DAVE, content: {'m.relates_to': {rel_type: 'm.annotation', event_id: '$1', key: 'x'}}};
		state = withRooms(state, roomUpdate('!r', {events: [hello, text('$2', ALICE, 'next')]}));
		expect(selectTimeline(state.rooms.get('!r')!, 80, ME)[0]).toBe(first);
		state = withRooms(state, roomUpdate('!r', {events: [hello, reaction]}));
		const [withReaction] = selectTimeline(state.rooms.get('!r')!, 80, ME);
		expect(withReaction).not.toBe(first);
		expect(withReaction?.reactions).toEqual([{key: 'x', count: 1, mine: false}]);
	});

	test('the same room and options give the very same items', () => {
		const room = roomOf({events: [text('$1', ALICE, 'hello')]});
		expect(selectTimeline(room, 80, ME)).toBe(selectTimeline(room, 80, ME));
		expect(selectTimeline(room, 81, ME)).not.toBe(selectTimeline(room, 80, ME));
	});
});

describe('selectStateView', () => {
	const row = (type: string, deleted: boolean) => ({type, stateKey: '', summary: '{}', deleted, sender: ALICE});
	const view: StateView = {rows: [row('a', false), row('b', true)], hiddenCount: 1, total: 2};

	test('undefined until the view has come; deleted rows only when asked for', () => {
		expect(selectStateView(roomOf({}), false)).toBeUndefined();
		const room = appWith({...roomUpdate('!r'), stateView: view}).rooms.get('!r')!;
		expect(selectStateView(room, true)).toBe(view);
		expect(selectStateView(room, false)).toEqual({...view, rows: [row('a', false)]});
		expect(selectStateView(room, false)).toBe(selectStateView(room, false));
		const live: StateView = {rows: [row('a', false)], hiddenCount: 0, total: 1};
		expect(selectStateView(appWith({...roomUpdate('!r'), stateView: live}).rooms.get('!r')!, false)).toBe(live);
	});
});

describe('selectSwitcherMatches', () => {
	test('no query: every room in list order; a query matches names and aliases, best first', () => {
		const state = appWith(
			roomUpdate('!p', {name: 'Proposals demo'}),
			roomUpdate('!s', {name: 'spread'}),
			roomUpdate('!o', {name: 'Other', state: [setting('m.room.canonical_alias', {alias: '#pd:x'})]}),
		);
		const ids = (query: string) => selectSwitcherMatches(state.rooms, query).map((room) => room.roomId);
		expect(ids('')).toEqual(['!o', '!p', '!s']);
		expect(ids('pd')).toEqual(['!p', '!o', '!s']);
		expect(ids('#p')).toEqual(['!o']);
		expect(ids('spr')).toEqual(['!s']);
		expect(ids('zz')).toEqual([]);
	});
});

describe('completionSources', () => {
	test('joined, not deactivated members of the selected room by name; aliases of every room', () => {
		const members = [join(ALICE, 'Alice'), join(DAVE, 'Dave'), {...join('@gone:x'), content: {membership: 'leave'}}, {type: 'm.room.member', content: {membership: 'join'}}];
		let state = appWith(roomUpdate('!a', {name: 'A', members, state: [setting('m.room.canonical_alias', {alias: '#a:x'})]}), roomUpdate('!b', {name: 'B', state: [setting('m.room.canonical_alias', {alias: '#b:x'})]}), roomUpdate('!c', {name: 'C'}));
		state = {...state, deactivatedUsers: new Set([DAVE])};
		expect(completionSources(state, ['leave'])).toEqual({commands: ['leave'], members: [{userId: ALICE, name: 'Alice'}], aliases: ['#a:x', '#b:x']});
		expect(completionSources({...state, selectedRoomId: undefined}, []).members).toEqual([]);
	});
});
