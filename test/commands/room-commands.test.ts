/** Every command run through Enter: the matrix action it sends, what it changes in the store, the one line it reports. */
import {describe, expect, test} from 'vitest';
import type {ActionError} from '../../src/matrix/protocol.js';
import {member, message, state} from '../support/events.js';
import {error, info, ME, setUp} from './composer-run.js';

const ALICE = '@alice:example.org';
const BOB = '@bob:example.org';
const forbidden: ActionError = {kind: 'forbidden', message: 'You are not allowed', errcode: 'M_FORBIDDEN', status: 403};

/** A room we are in, with Alice (power 100) and Bob; `levels` adds a power-levels event. */
function inRoom(levels?: Record<string, unknown>) {
	const run = setUp();
	run.session.pushRoom({
		roomId: '!r:x',
		name: 'Lobby',
		events: [
			state('m.room.create', '', {creator: ALICE}),
			...(levels ? [state('m.room.power_levels', '', levels)] : []),
			member(ALICE, {membership: 'join', displayname: 'Alice'}),
			member(BOB, {membership: 'join', displayname: 'Bobby'}),
			member(ME, {membership: 'join', displayname: 'Me'}),
			member('@nameless:x', {membership: 'join'}),
			{type: 'm.room.member', state_key: '@contentless:x', sender: '@contentless:x'},
			message(ALICE, 'hi'),
		],
	});
	return run;
}

describe('without a room', () => {
	test('room commands are refused, the text kept', async () => {
		const run = setUp();
		await run.enter('hello');
		expect(run.notice()).toEqual(error('No room selected — join one with /join <id|alias>'));
		expect(run.composer()).toBe('hello');
		expect(run.sent()).toEqual([]);
	});

	test.each([
		['/state', (run: ReturnType<typeof setUp>) => run.store.getState().sidePanel, 'state'],
		['/members', (run: ReturnType<typeof setUp>) => run.store.getState().sidePanel, 'members'],
		['/help', (run: ReturnType<typeof setUp>) => run.store.getState().helpOpen, true],
		['/show-deleted', (run: ReturnType<typeof setUp>) => run.store.getState().showDeleted, true],
		['/quit', (run: ReturnType<typeof setUp>) => run.quits(), 1],
	])('%s works anywhere', async (text, read, expected) => {
		const run = setUp();
		if (text === '/members') await run.enter('/state');
		await run.enter(text);
		expect(read(run)).toBe(expected);
		expect(run.notice()?.kind).not.toBe('error');
	});

	test('/nick works anywhere and says the new name', async () => {
		const run = setUp();
		await run.enter('/nick Neo');
		expect(run.sent()).toEqual([{type: 'set-display-name', name: 'Neo'}]);
		expect(run.notice()).toEqual(info('Display name set to Neo'));
	});
});

describe('in a room we are invited to', () => {
	function invited() {
		const run = setUp();
		run.session.pushRoom({roomId: '!inv:x', name: 'Invite', membership: 'invite', inviter: ALICE, events: [state('m.room.name', '', {name: 'Invite'})]});
		return run;
	}

	test('messages and room commands wait for /join', async () => {
		const run = invited();
		for (const text of ['hello', '/topic t', '/state-stats', '/optimise-room']) {
			await run.enter(text);
			expect(run.notice()).toEqual(error('You are invited to this room but not in it yet — /join accepts, /leave declines'));
		}
		expect(run.sent()).toEqual([]);
	});

	test('/join accepts it, /leave declines it', async () => {
		const run = invited();
		await run.enter('/join');
		expect(run.sent()).toEqual([{type: 'join', roomIdOrAlias: '!inv:x'}]);
		expect(run.notice()).toEqual(info('Joined Invite'));
		await run.enter('/leave no thanks');
		expect(run.sent('leave')).toEqual([{type: 'leave', roomId: '!inv:x', reason: 'no thanks'}]);
		expect(run.notice()).toEqual(info('Left Invite'));
	});
});

describe('messages', () => {
	test('a message and an emote are sent to the room; success says nothing and empties the composer', async () => {
		const run = inRoom();
		run.store.dispatch({type: 'show-notice', notice: info('old')});
		await run.enter('hello there');
		await run.enter('/me waves');
		expect(run.sent()).toEqual([
			{type: 'send-text', roomId: '!r:x', body: 'hello there'},
			{type: 'send-emote', roomId: '!r:x', body: 'waves'},
		]);
		expect(run.notice()).toBeUndefined();
		expect(run.composer()).toBe('');
		expect(run.store.getState().history.get('!r:x')).toEqual(['hello there', '/me waves']);
	});

	test('a refused message names the power needed, and comes back to the composer', async () => {
		const run = inRoom({users: {[ALICE]: 100}, events: {'m.room.message': 20}});
		run.session.answer((action) => action.type === 'send-text', {ok: false, error: forbidden});
		await run.enter('hello');
		expect(run.notice()).toEqual(error('Cannot send the message: needs power level 20, you have 0'));
		expect(run.composer()).toBe('hello');
		run.session.answer((action) => action.type === 'send-emote', {ok: false, error: forbidden});
		await run.enter('/me waves');
		expect(run.notice()).toEqual(error('Cannot send the emote: needs power level 20, you have 0'));
	});
});

describe('moderation', () => {
	test.each([
		['/invite @carol:x', {type: 'invite', roomId: '!r:x', userId: '@carol:x'}, 'Invited @carol:x'],
		['/invite bobby', {type: 'invite', roomId: '!r:x', userId: BOB}, `Invited ${BOB}`],
		['/invite @carol:example.org', {type: 'invite', roomId: '!r:x', userId: '@carol:example.org'}, 'Invited @carol:example.org'],
		['/kick @carol:x', {type: 'kick', roomId: '!r:x', userId: '@carol:x', reason: undefined}, 'Kicked @carol:x'],
		['/kick bOBBY', {type: 'kick', roomId: '!r:x', userId: BOB, reason: undefined}, `Kicked ${BOB}`],
		['/ban Alice spam', {type: 'ban', roomId: '!r:x', userId: ALICE, reason: 'spam'}, `Banned ${ALICE}`],
	])('%s', async (text, action, done) => {
		const run = inRoom();
		await run.enter(text);
		expect(run.sent()).toEqual([action]);
		expect(run.notice()).toEqual(info(done));
	});

	test.each([
		['/invite Nobody', '"Nobody" is not a user ID (like @name:server)'],
		['/invite @nocolon', '"@nocolon" is not a user ID (like @name:server)'],
		['/kick Nobody', 'No member "Nobody" in this room'],
		['/ban @two words:x', 'No member "@two" in this room'],
		['/invite x@a:example.org', '"x@a:example.org" is not a user ID (like @name:server)'],
		['/invite @a:example.org and more', '"@a:example.org and more" is not a user ID (like @name:server)'],
		['/kick nameless', 'No member "nameless" in this room'],
	])('%s is refused before anything is sent', async (text, line) => {
		const run = inRoom();
		await run.enter(text);
		expect(run.notice()).toEqual(error(line));
		expect(run.sent()).toEqual([]);
	});

	test.each([
		['/invite @c:x', 'invite', {invite: 10}, 'Cannot invite @c:x: needs power level 10, you have 0'],
		['/kick @c:x', 'kick', {}, 'Cannot kick @c:x: needs power level 50, you have 0'],
		['/ban @c:x', 'ban', {ban: 60}, 'Cannot ban @c:x: needs power level 60, you have 0'],
		['/topic new', 'set-topic', {events: {'m.room.topic': 75}}, 'Cannot set the topic: needs power level 75, you have 0'],
	] as const)('%s refused names the level', async (text, type, levels, line) => {
		const run = inRoom(levels);
		run.session.answer((action) => action.type === type, {ok: false, error: forbidden});
		await run.enter(text);
		expect(run.notice()).toEqual(error(line));
	});

	test('/topic sets the topic; /leave names the room left', async () => {
		const run = inRoom();
		await run.enter('/topic A new topic');
		await run.enter('/leave');
		expect(run.sent()).toEqual([
			{type: 'set-topic', roomId: '!r:x', topic: 'A new topic'},
			{type: 'leave', roomId: '!r:x', reason: undefined},
		]);
		expect(run.notice()).toEqual(info('Left Lobby'));
	});

	test('a refusal of a command that needs no particular level gives the server’s words', async () => {
		const run = inRoom({users: {[ALICE]: 100}});
		run.session.answer((action) => action.type === 'leave', {ok: false, error: forbidden});
		await run.enter('/leave');
		expect(run.notice()).toEqual(error('Cannot leave the room: You are not allowed (M_FORBIDDEN)'));
	});

	test('a failed leave or nick says why', async () => {
		const run = inRoom();
		run.session.answer((action) => action.type === 'leave', {ok: false, error: {kind: 'network', message: 'down'}});
		await run.enter('/leave');
		expect(run.notice()).toEqual(error('Cannot leave the room: the homeserver cannot be reached — check the connection and try again'));
		run.session.answer((action) => action.type === 'set-display-name', {ok: false, error: {kind: 'other', message: 'nope'}});
		await run.enter('/nick X');
		expect(run.notice()).toEqual(error('Cannot set your display name: nope'));
	});
});

describe('panels', () => {
	test('/state and /members switch the side panel', async () => {
		const run = inRoom();
		await run.enter('/state');
		expect(run.store.getState().sidePanel).toBe('state');
		await run.enter('/members');
		expect(run.store.getState().sidePanel).toBe('members');
		expect(run.notice()).toBeUndefined();
	});

	test('/show-deleted toggles, /hide-deleted hides; each says so', async () => {
		const run = inRoom();
		await run.enter('/show-deleted');
		expect([run.store.getState().showDeleted, run.notice()]).toEqual([true, info('Showing deleted state and departed members')]);
		await run.enter('/show-deleted');
		expect([run.store.getState().showDeleted, run.notice()]).toEqual([false, info('Deleted state hidden')]);
		await run.enter('/show-deleted');
		await run.enter('/hide-deleted');
		expect([run.store.getState().showDeleted, run.notice()]).toEqual([false, info('Deleted state hidden')]);
		await run.enter('/hide-deleted');
		expect(run.store.getState().showDeleted).toBe(false);
	});

	test('/state-stats opens the stats panel with the census of this room', async () => {
		const run = inRoom();
		const census = {rows: [], total: {type: 'total', live: 5, deleted: 1, liveBytes: 50, deletedBytes: 10}};
		run.session.answer((action) => action.type === 'state-census', {ok: true, value: census});
		await run.enter('/state-stats');
		expect(run.sent()).toEqual([{type: 'state-census', roomId: '!r:x'}]);
		expect(run.store.getState()).toMatchObject({sidePanel: 'stats', census: {roomId: '!r:x', census}});
		expect(run.notice()).toBeUndefined();
	});

	test('a failed census says why and sets none', async () => {
		const run = inRoom();
		run.session.answer((action) => action.type === 'state-census', {ok: false, error: {kind: 'rate-limited', message: 'slow down', retryAfterMs: 1001}});
		await run.enter('/state-stats');
		expect(run.notice()).toEqual(error('Cannot count the room state: the server is rate-limiting you — try again in 2s'));
		expect(run.store.getState().census).toBeUndefined();
	});
});

describe('rooms', () => {
	test('/room switches by name; no match is refused', async () => {
		const run = inRoom();
		run.session.pushRoom({roomId: '!o:x', name: 'Other', events: []});
		await run.enter('/room other');
		expect(run.store.getState().selectedRoomId).toBe('!o:x');
		expect(run.notice()).toBeUndefined();
		await run.enter('/room Nowhere');
		expect(run.notice()).toEqual(error('No room matches "Nowhere" — /join it first'));
		expect(run.store.getState().selectedRoomId).toBe('!o:x');
	});

	test('/join with a target joins it and follows the room the server names', async () => {
		const run = inRoom();
		run.session.answer((action) => action.type === 'join', {ok: true, value: '!new:x'});
		await run.enter('/join #new:x');
		expect(run.sent()).toEqual([{type: 'join', roomIdOrAlias: '#new:x'}]);
		expect(run.notice()).toEqual(info('Joined #new:x'));
		expect(run.store.getState().requestedRoom).toBe('!new:x');
		run.session.pushRoom({roomId: '!new:x', name: 'New', events: []});
		expect(run.store.getState().selectedRoomId).toBe('!new:x');
	});

	test('/dm opens the direct chat the matrix layer names, new or not, and says which', async () => {
		const run = inRoom();
		run.session.answer((action) => action.type === 'open-dm', {ok: true, value: {roomId: '!dm:x', created: true}});
		await run.enter('/dm @bob:x');
		expect(run.sent()).toEqual([{type: 'open-dm', userId: '@bob:x'}]);
		expect(run.notice()).toEqual(info('Started an encrypted direct chat with @bob:x'));
		expect(run.store.getState().requestedRoom).toBe('!dm:x');
		run.session.answer((action) => action.type === 'open-dm', {ok: true, value: {roomId: '!dm:x', created: false}});
		await run.enter('/dm @bob:x');
		expect(run.notice()).toEqual(info('Your direct chat with @bob:x'));
	});

	test.each([
		[{kind: 'not-found', message: 'x'}, 'No user @ghost:x on the server — check the user ID'],
		[{kind: 'other', message: 'encryption is off on this device, and a direct chat is always encrypted'}, 'Cannot open a direct chat with @ghost:x: encryption is off on this device, and a direct chat is always encrypted'],
	] as const)('a failed /dm: %j', async (failure, line) => {
		const run = inRoom();
		run.session.answer((action) => action.type === 'open-dm', {ok: false, error: failure});
		await run.enter('/dm @ghost:x');
		expect(run.notice()).toEqual(error(line));
		expect(run.store.getState().requestedRoom).toBeUndefined();
	});

	test('/join without a value to follow stays where it is', async () => {
		const run = inRoom();
		await run.enter('/join #new:x');
		expect(run.store.getState().requestedRoom).toBeUndefined();
		expect(run.store.getState().selectedRoomId).toBe('!r:x');
	});

	test('/join without a target outside an invite is refused', async () => {
		const run = inRoom();
		await run.enter('/join');
		expect(run.notice()).toEqual(error('/join needs a room ID or alias — usage: /join [id|alias]'));
		expect(run.sent()).toEqual([]);
		const roomless = setUp();
		await roomless.enter('/join');
		expect(roomless.notice()).toEqual(error('/join needs a room ID or alias — usage: /join [id|alias]'));
	});

	test.each([
		[{kind: 'not-found', message: 'x'}, 'No room #gone:x — check the ID or alias'],
		[{kind: 'forbidden', message: 'banned', errcode: 'M_FORBIDDEN'}, 'Cannot join #gone:x: banned (M_FORBIDDEN)'],
	] as const)('a failed /join: %j', async (failure, line) => {
		const run = inRoom();
		run.session.answer((action) => action.type === 'join', {ok: false, error: failure});
		await run.enter('/join #gone:x');
		expect(run.notice()).toEqual(error(line));
	});
});

describe('/threads', () => {
	test('an answer that comes after the user switched rooms is not shown over the room they are in', async () => {
		const run = inRoom();
		run.session.pushRoom({roomId: '!other:x', name: 'Other', events: [member(ME, {membership: 'join'})]});
		run.store.dispatch({type: 'select-room', roomId: '!r:x'});
		run.session.answer((action) => action.type === 'thread-list', {ok: true, value: {threads: [{rootId: '$t', root: message(BOB, 'a root'), count: 1, latestTs: 1}]}});
		// The user switches rooms while the list is on its way.
		run.session.onPerform = (action) => {
			if (action.type === 'thread-list') run.store.dispatch({type: 'select-room', roomId: '!other:x'});
		};
		await run.enter('/threads');
		expect(run.sent('thread-list')).toHaveLength(1);
		expect(run.store.getState().threadList).toBeUndefined();
	});
});
