/** Every AppAction, one behaviour per test: what changes, and that nothing changes (the same object) when it should not. */
import {describe, expect, test} from 'vitest';
import {initialAppState, type AppState, type Focus} from '../../src/state/app-state.js';
import {reduce} from '../../src/state/reducer.js';
import type {Prompt} from '../../src/state/prompt.js';
import {appWith, EMPTY_MEMBER_LIST, ME, roomUpdate, setting, withRooms} from './room-updates.js';

const confirm: Prompt = {flow: 'deactivate', step: 'confirm', id: 41, text: 'Sure?', placeholder: 'type your user ID', secret: false};
const scrolled = (state: AppState): AppState => ({...state, timelineScroll: 7, sideScroll: 3, historyCursor: {roomId: '!a', index: 0, draft: ''}});

describe('initial state', () => {
	test('defaults, and the options given', () => {
		expect(initialAppState({userId: ME})).toEqual({
			userId: ME,
			demo: false,
			outbox: {waiting: 0, notSent: 0},
			sync: {status: 'connecting'},
			rooms: new Map(),
			requestedRoom: undefined,
			roomList: {filter: '', folded: new Set()},
			sidePanel: 'members',
			showDeleted: false,
			revealSpoilers: false,
			helpOpen: false,
			timelineScroll: 0,
			sideScroll: 0,
			reasonMaxWidth: 80,
			composer: {text: '', cursor: 0},
			mentionPicks: [],
			focus: 'composer',
			history: new Map(),
			deactivatedUsers: new Set(),
			verifiedUsers: new Set(),
			images: 'cells',
			pictures: new Map(),
			threadsSeen: new Map(),
		});
		const given = initialAppState({userId: ME, demo: true, reasonMaxWidth: 20, initialRoom: '#x:y', foldedSections: ['low-priority'], images: 'off'});
		expect([given.demo, given.reasonMaxWidth, given.requestedRoom, [...given.roomList.folded], given.images]).toEqual([true, 20, '#x:y', ['low-priority'], 'off']);
	});
});

describe('pictures', () => {
	test('the matrix layer’s answer for an event is kept by its ID, replacing the one before', () => {
		let state = initialAppState({userId: ME});
		const picture = {cols: 1, rows: 1, cells: [0, -1]};
		state = reduce(state, {type: 'set-picture', eventId: '$img', entry: {state: 'ready', bounds: '48x10', picture}});
		expect(state.pictures.get('$img')).toEqual({state: 'ready', bounds: '48x10', picture});
		state = reduce(state, {type: 'set-picture', eventId: '$img', entry: {state: 'failed', why: 'the image is damaged'}});
		expect([...state.pictures]).toEqual([['$img', {state: 'failed', why: 'the image is damaged'}]]);
	});
});

describe('session updates', () => {
	test('sync status and error; logged out', () => {
		let state = initialAppState({userId: ME});
		state = reduce(state, {type: 'session-update', update: {kind: 'sync', status: 'error', error: 'boom'}});
		expect(state.sync).toEqual({status: 'error', error: 'boom'});
		state = reduce(state, {type: 'session-update', update: {kind: 'logged-out', reason: 'token revoked'}});
		expect(state.loggedOut).toBe('token revoked');
	});

	test('rooms we are in or invited to are listed; left, banned and knocked ones leave the list', () => {
		let state = appWith(roomUpdate('!j'), roomUpdate('!i', {membership: 'invite'}), roomUpdate('!l', {membership: 'leave'}), roomUpdate('!b', {membership: 'ban'}), roomUpdate('!k', {membership: 'knock'}));
		expect([...state.rooms.keys()]).toEqual(['!j', '!i']);
		state = withRooms(state, roomUpdate('!j', {membership: 'leave'}));
		expect([...state.rooms.keys()]).toEqual(['!i']);
	});

	test('with nothing chosen, the first joined room by order opens, not an invite', () => {
		const state = appWith(roomUpdate('!i', {name: 'A invite', membership: 'invite'}), roomUpdate('!z', {name: 'Zed'}), roomUpdate('!b', {name: 'Bee'}));
		expect(state.selectedRoomId).toBe('!b');
		expect(appWith(roomUpdate('!i', {membership: 'invite'})).selectedRoomId).toBe('!i');
		expect(appWith().selectedRoomId).toBeUndefined();
	});

	test('an update keeps the chosen room and its scroll; losing it opens another and scrolls to the end', () => {
		let state = appWith(roomUpdate('!a', {name: 'A'}), roomUpdate('!b', {name: 'B'}));
		state = scrolled(reduce(state, {type: 'select-room', roomId: '!b'}));
		const kept = withRooms(state, roomUpdate('!a', {name: 'A2'}));
		expect([kept.selectedRoomId, kept.timelineScroll, kept.sideScroll]).toEqual(['!b', 7, 3]);
		const removed = reduce(state, {type: 'session-update', update: {kind: 'room-removed', roomId: '!b'}});
		expect([...removed.rooms.keys()]).toEqual(['!a']);
		expect([removed.selectedRoomId, removed.timelineScroll, removed.sideScroll]).toEqual(['!a', 0, 0]);
	});

	test('a room asked for on the command line is opened when it arrives, and then forgotten', () => {
		let state = withRooms(initialAppState({userId: ME, initialRoom: 'Later'}), roomUpdate('!a', {name: 'A'}));
		expect([state.selectedRoomId, state.requestedRoom]).toEqual(['!a', 'Later']);
		state = scrolled(state);
		state = withRooms(state, roomUpdate('!later', {name: 'later'}));
		expect([state.selectedRoomId, state.requestedRoom, state.timelineScroll]).toEqual(['!later', undefined, 0]);
		// Forgotten: choosing another room is not undone by the next sync.
		state = withRooms(reduce(state, {type: 'select-room', roomId: '!a'}), roomUpdate('!later', {name: 'later'}));
		expect(state.selectedRoomId).toBe('!a');
	});

	test('deactivations seen in timeline events, member events and member-list rows are remembered', () => {
		const leave = (userId: string) => ({type: 'm.room.member', state_key: userId, sender: userId, content: {membership: 'leave', 'm.deactivated': true}});
		const row = (userId: string, deactivated: boolean) => ({userId, name: userId, membership: 'leave' as const, powerLevel: 0, deactivated, deleted: true});
		const state = appWith(
			roomUpdate('!a', {events: [leave('@t:x')], members: [leave('@m:x')]}),
			roomUpdate('!b', {memberList: {...EMPTY_MEMBER_LIST, left: [row('@row:x', true), row('@alive:x', false)], hiddenDeactivated: ['@hidden:x']}}),
		);
		expect([...state.deactivatedUsers]).toEqual(['@t:x', '@m:x', '@row:x', '@hidden:x']);
		const again = withRooms(state, roomUpdate('!a', {events: [leave('@t:x')]}));
		expect(again.deactivatedUsers).toBe(state.deactivatedUsers);
		expect(withRooms(state, roomUpdate('!c')).deactivatedUsers).toBe(state.deactivatedUsers);
	});
});

describe('choosing a room', () => {
	const three = () => appWith(roomUpdate('!a', {name: 'A'}), roomUpdate('!b', {name: 'B'}), roomUpdate('!c', {name: 'C'}));

	test('select-room: an unknown room changes nothing; the same room changes nothing; another resets scrolls and the history cursor', () => {
		const state = scrolled(three());
		expect(reduce(state, {type: 'select-room', roomId: '!nope'})).toBe(state);
		expect(reduce(state, {type: 'select-room', roomId: '!a'})).toBe(state);
		const next = reduce(state, {type: 'select-room', roomId: '!c'});
		expect(next).toMatchObject({selectedRoomId: '!c', timelineScroll: 0, sideScroll: 0, historyCursor: undefined});
	});

	test.each([
		[1, '!a', '!b'],
		[1, '!c', '!a'],
		[-1, '!a', '!c'],
		[-1, '!b', '!a'],
		[2, '!b', '!a'],
	])('select-relative-room %i from %s → %s', (delta, from, to) => {
		const state = reduce(three(), {type: 'select-room', roomId: from});
		expect(reduce(state, {type: 'select-relative-room', delta}).selectedRoomId).toBe(to);
	});

	test('select-relative-room with none chosen starts from the first; with no rooms it changes nothing', () => {
		const none = {...three(), selectedRoomId: undefined};
		expect(reduce(none, {type: 'select-relative-room', delta: 1}).selectedRoomId).toBe('!a');
		const empty = initialAppState({userId: ME});
		expect(reduce(empty, {type: 'select-relative-room', delta: 1})).toBe(empty);
	});

	const named = () =>
		appWith(
			roomUpdate('!x:y', {name: 'Lobby'}),
			roomUpdate('!alias', {name: 'Elsewhere', state: [setting('m.room.canonical_alias', {alias: '#main:y', alt_aliases: ['#alt:y', 42, null]})]}),
			roomUpdate('!named', {name: '#main:y'}),
			roomUpdate('!junk', {name: 'Junk', state: [setting('m.room.canonical_alias', {alias: 7, alt_aliases: '#junk:y'})]}),
		);

	test.each([
		['a room ID', '!named', '!named'],
		['the canonical alias, before a room named like it', '#main:y', '!alias'],
		['an alt alias', '#alt:y', '!alias'],
		['a name, whatever its case', 'lOBBY', '!x:y'],
		['an alias is exact', '#ALT:y', undefined],
		['a name is whole', 'Lobb', undefined],
		['a malformed alias is no alias', '#junk:y', undefined],
		['a non-string alt alias is skipped', '42', undefined],
	])('request-room by %s', (_what, query, found) => {
		const state = reduce(named(), {type: 'request-room', query});
		if (found) expect([state.selectedRoomId, state.requestedRoom]).toEqual([found, undefined]);
		else expect(state.requestedRoom).toBe(query);
	});
});

describe('panels, notices and scrolling', () => {
	test('the side panel and the deleted-state switch start the side panel at its top', () => {
		const state = scrolled(initialAppState({userId: ME}));
		expect(reduce(state, {type: 'set-side-panel', panel: 'stats'})).toMatchObject({sidePanel: 'stats', sideScroll: 0, timelineScroll: 7});
		expect(reduce(state, {type: 'set-show-deleted', value: true})).toMatchObject({showDeleted: true, sideScroll: 0});
	});

	test('notices show and clear; clearing none changes nothing', () => {
		const state = initialAppState({userId: ME});
		expect(reduce(state, {type: 'clear-notice'})).toBe(state);
		const shown = reduce(state, {type: 'show-notice', notice: {kind: 'error', text: 'no'}});
		expect(shown.notice).toEqual({kind: 'error', text: 'no'});
		expect(reduce(shown, {type: 'clear-notice'}).notice).toBeUndefined();
	});

	test('help opens and closes', () => {
		const open = reduce(initialAppState({userId: ME}), {type: 'set-help-open', open: true});
		expect(open.helpOpen).toBe(true);
		expect(reduce(open, {type: 'set-help-open', open: false}).helpOpen).toBe(false);
	});

	test.each([
		['scroll-timeline', 'timelineScroll'],
		['scroll-side', 'sideScroll'],
	] as const)('%s moves by delta and stops at the newest line', (type, field) => {
		let state = reduce(initialAppState({userId: ME}), {type, delta: 5});
		expect(state[field]).toBe(5);
		state = reduce(state, {type, delta: -2});
		expect(state[field]).toBe(3);
		expect(reduce(state, {type, delta: -10})[field]).toBe(0);
	});

	test.each([
		['composer', 1, 'rooms'],
		['side', 1, 'composer'],
		['composer', -1, 'side'],
		['timeline', -1, 'rooms'],
	] as const)('cycle-focus from %s by %i → %s', (from: Focus, delta, to) => {
		const state = reduce(initialAppState({userId: ME}), {type: 'set-focus', focus: from});
		expect(state.focus).toBe(from);
		expect(reduce(state, {type: 'cycle-focus', delta}).focus).toBe(to);
	});

	test('set-census keeps the answer with its room', () => {
		const census = {rows: [], total: {type: 'total', live: 1, deleted: 2, liveBytes: 3, deletedBytes: 4}};
		expect(reduce(initialAppState({userId: ME}), {type: 'set-census', roomId: '!a', census}).census).toEqual({roomId: '!a', census});
	});
});

describe('the composer', () => {
	const inRoom = () => appWith(roomUpdate('!a'));

	test('set-composer ends a completion', () => {
		let state = reduce(inRoom(), {type: 'set-composer', composer: {text: '/le', cursor: 3}});
		state = reduce(state, {type: 'complete', sources: {commands: ['leave', 'let'], members: [], aliases: []}});
		expect(state.composer).toEqual({text: '/leave ', cursor: 7});
		expect(state.completion).toMatchObject({typed: '/le', index: 0});
		state = reduce(state, {type: 'set-composer', composer: {text: 'x', cursor: 1}});
		expect(state.completion).toBeUndefined();
	});

	test('a member completed with Tab is kept as a mention while the text is typed on; another Tab swaps it; an emptied composer forgets it', () => {
		const sources = {commands: [], members: [{userId: '@bob:x', name: 'Bob'}, {userId: '@bobby:x', name: 'Bobby'}], aliases: []};
		let state = reduce(inRoom(), {type: 'set-composer', composer: {text: 'Bo', cursor: 2}});
		state = reduce(state, {type: 'complete', sources});
		expect(state.mentionPicks).toEqual([{userId: '@bob:x', text: 'Bob'}]);
		state = reduce(state, {type: 'complete', sources});
		expect(state.composer.text).toBe('Bobby: ');
		expect(state.mentionPicks).toEqual([{userId: '@bobby:x', text: 'Bobby'}]);
		state = reduce(state, {type: 'set-composer', composer: {text: 'Bobby: hi', cursor: 9}});
		expect(state.mentionPicks).toEqual([{userId: '@bobby:x', text: 'Bobby'}]);
		expect(reduce(state, {type: 'set-composer', composer: {text: '', cursor: 0}}).mentionPicks).toEqual([]);
		expect(reduce(state, {type: 'history-step', delta: -1}).mentionPicks).toEqual(state.mentionPicks);
		const given = reduce(inRoom(), {type: 'set-composer', composer: {text: 'Bob: x', cursor: 6}, mentions: [{userId: '@bob:x', text: 'Bob'}]});
		expect(given.mentionPicks).toEqual([{userId: '@bob:x', text: 'Bob'}]);
	});

	test('remember-input adds to the room history and ends history browsing', () => {
		let state = reduce(inRoom(), {type: 'remember-input', roomId: '!a', text: 'one'});
		state = reduce(state, {type: 'remember-input', roomId: '!a', text: 'two'});
		state = reduce(state, {type: 'history-step', delta: -1});
		expect(state.historyCursor).toBeDefined();
		state = reduce(state, {type: 'remember-input', roomId: '!b', text: 'elsewhere'});
		expect(state.history).toEqual(new Map([['!a', ['one', 'two']], ['!b', ['elsewhere']]]));
		expect(state.historyCursor).toBeUndefined();
	});

	test('history-step puts the entry in the composer with the cursor at its end; nowhere to go or no room changes nothing', () => {
		let state = reduce(inRoom(), {type: 'remember-input', roomId: '!a', text: 'hello'});
		state = reduce(state, {type: 'set-composer', composer: {text: 'dra', cursor: 1}});
		expect(reduce(state, {type: 'history-step', delta: 1})).toBe(state);
		const back = reduce(state, {type: 'history-step', delta: -1});
		expect(back.composer).toEqual({text: 'hello', cursor: 5});
		expect(back.historyCursor).toEqual({roomId: '!a', index: 0, draft: 'dra'});
		expect(reduce(back, {type: 'history-step', delta: -1})).toBe(back);
		expect(reduce(back, {type: 'history-step', delta: 1}).composer).toEqual({text: 'dra', cursor: 3});
		const roomless = {...state, selectedRoomId: undefined};
		expect(reduce(roomless, {type: 'history-step', delta: -1})).toBe(roomless);
	});

	test('history-step ends a completion', () => {
		let state = reduce(inRoom(), {type: 'remember-input', roomId: '!a', text: 'hello'});
		state = reduce(state, {type: 'set-composer', composer: {text: '/l', cursor: 2}});
		state = reduce(state, {type: 'complete', sources: {commands: ['leave'], members: [], aliases: []}});
		expect(reduce(state, {type: 'history-step', delta: -1}).completion).toBeUndefined();
	});
});

describe('the room switcher', () => {
	test('opens empty, filters from the top, moves but not above the top, closes', () => {
		const state = initialAppState({userId: ME});
		expect(reduce(state, {type: 'switcher-query', query: 'x'})).toBe(state);
		expect(reduce(state, {type: 'switcher-move', delta: 1})).toBe(state);
		let open = reduce(state, {type: 'open-switcher'});
		expect(open.switcher).toEqual({query: '', index: 0});
		open = reduce(open, {type: 'switcher-move', delta: 2});
		expect(open.switcher).toEqual({query: '', index: 2});
		expect(reduce(open, {type: 'switcher-move', delta: -5}).switcher).toEqual({query: '', index: 0});
		open = reduce(open, {type: 'switcher-query', query: 'ab'});
		expect(open.switcher).toEqual({query: 'ab', index: 0});
		expect(reduce(open, {type: 'close-switcher'}).switcher).toBeUndefined();
	});
});

describe('prompts', () => {
	test('opening one takes the focus to the composer and ends completion and history browsing', () => {
		let state = reduce(appWith(roomUpdate('!a')), {type: 'set-focus', focus: 'rooms'});
		state = {...state, completion: {start: 0, typed: 'a', candidates: ['ab'], index: 0}, historyCursor: {roomId: '!a', index: 0, draft: ''}};
		const asked = reduce(state, {type: 'open-prompt', prompt: confirm});
		expect(asked).toMatchObject({focus: 'composer', completion: undefined, historyCursor: undefined, composer: {text: '', cursor: 0}});
	});

	test('Esc with no prompt changes nothing; Esc on a working flow says it stops after the current step', () => {
		const state = initialAppState({userId: ME});
		expect(reduce(state, {type: 'cancel-prompt'})).toBe(state);
		let asked = reduce(state, {type: 'open-prompt', prompt: {...confirm, step: 'working'}});
		asked = reduce(asked, {type: 'set-composer', composer: {text: 'abc', cursor: 3}});
		asked = {...asked, completion: {start: 0, typed: 'a', candidates: ['ab'], index: 0}};
		const cancelled = reduce(asked, {type: 'cancel-prompt'});
		expect(cancelled).toMatchObject({prompt: undefined, composer: {text: '', cursor: 0}, completion: undefined, notice: {kind: 'info', text: 'Stopping after the current step…'}});
	});
});
