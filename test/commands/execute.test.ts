import {describe, expect, test} from 'vitest';
import {createChat} from '../../src/chat.js';
import {needsRoom, type Command} from '../../src/commands/command.js';
import {executeCommand} from '../../src/commands/execute.js';
import {findRoom} from '../../src/state/find-room.js';
import {member, state} from '../support/events.js';
import {FakeSession} from '../support/fake-session.js';

const ME = '@me:example.org';

function chat(rooms: Array<{roomId: string; name?: string; membership?: 'join' | 'invite'}> = []) {
	const session = new FakeSession(ME);
	let quits = 0;
	const {store} = createChat(session, {coalesceMs: 0, onQuit: () => {}});
	for (const room of rooms) session.pushRoom({...room, events: [member(ME, {membership: room.membership ?? 'join'})]});
	const run = (command: Command) => executeCommand(command, {session, store, quit: () => quits++});
	return {session, store, run, quits: () => quits};
}

describe('which commands need a room', () => {
	test.each<[Command, boolean]>([
		[{name: 'send', body: 'hi'}, true],
		[{name: 'leave'}, true],
		[{name: 'state-stats'}, true],
		[{name: 'optimise-room'}, true],
		[{name: 'state'}, false],
		[{name: 'join'}, false],
		[{name: 'nick', displayName: 'N'}, false],
		[{name: 'deactivate'}, false],
		[{name: 'quit'}, false],
	])('%j → %s', (command, expected) => {
		expect(needsRoom(command)).toBe(expected);
	});
});

describe('executeCommand', () => {
	test('a room command with no room selected asks for one, and reaches no server', async () => {
		const app = chat();
		expect(await app.run({name: 'topic', text: 'x'})).toEqual({ok: false, error: 'No room selected — join one with /join <id|alias>'});
		expect(app.session.actions).toEqual([]);
	});

	test('a roomless command runs with no room selected', async () => {
		const app = chat();
		expect(await app.run({name: 'nick', displayName: 'Neo'})).toEqual({ok: true, info: 'Display name set to Neo'});
		expect(app.session.actions).toEqual([{type: 'set-display-name', name: 'Neo'}]);
		expect(await app.run({name: 'quit'})).toEqual({ok: true, info: undefined});
		expect(app.quits()).toBe(1);
	});

	test('in a room we are only invited to, /leave declines and other room commands are refused', async () => {
		const app = chat([{roomId: '!i:x', name: 'Invited', membership: 'invite'}]);
		expect(await app.run({name: 'send', body: 'hi'})).toEqual({ok: false, error: 'You are invited to this room but not in it yet — /join accepts, /leave declines'});
		expect(app.session.actions).toEqual([]);
		expect(await app.run({name: 'leave'})).toEqual({ok: true, info: 'Left Invited'});
		expect(app.session.actions).toEqual([{type: 'leave', roomId: '!i:x', reason: undefined}]);
	});

	test('/join alone accepts the invite of the selected room', async () => {
		const app = chat([{roomId: '!i:x', name: 'Invited', membership: 'invite'}]);
		expect(await app.run({name: 'join'})).toEqual({ok: true, info: 'Joined Invited'});
		expect(app.session.actions).toEqual([{type: 'join', roomIdOrAlias: '!i:x'}]);
	});

	test('a room command acts on the selected room', async () => {
		const app = chat([{roomId: '!a:x', name: 'Alpha'}]);
		expect(await app.run({name: 'send', body: 'hi'})).toEqual({ok: true, info: undefined});
		expect(app.session.actions).toEqual([{type: 'send-text', roomId: '!a:x', body: 'hi'}]);
	});
});

describe('findRoom', () => {
	const session = new FakeSession(ME);
	const {store} = createChat(session, {coalesceMs: 0, onQuit: () => {}});
	session.pushRoom({roomId: '!a:x', name: 'Alpha Team', events: [state('m.room.canonical_alias', '', {alias: '#alpha:x', alt_aliases: ['#a:x', 7]})]});
	session.pushRoom({roomId: '!b:x', name: '#alpha:x'});
	const rooms = store.getState().rooms;

	test.each([
		['!b:x', '!b:x'],
		// An alias wins over a room named like it; names match without case, aliases exactly.
		['#alpha:x', '!a:x'],
		['#a:x', '!a:x'],
		['alpha team', '!a:x'],
		['#ALPHA:x', '!b:x'],
		['nothing', undefined],
	])('%s → %s', (query, expected) => {
		expect(findRoom(rooms, query)).toBe(expected);
	});
});
