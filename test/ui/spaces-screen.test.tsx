/**
 * Issue 16, spaces on screen: the selector row above the room list (All · spaces · Other), Alt+→ /
 * Alt+← stepping through it as tmux sends them, the list then holding only the chosen space's rooms
 * (its sub-spaces' too, sections kept); `/space <name>` choosing one; `/space` alone listing the
 * space's rooms not joined, Enter joining one through the servers the space names.
 */
import {afterEach, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {MatrixAction} from '../../src/matrix/protocol.js';
import {paneLines, renderChat, statusNotice} from '../support/screen.js';
import {createChat} from '../../src/chat.js';
import {FakeSession} from '../support/fake-session.js';
import {OTHER_ROOMS} from '../../src/state/space-choice.js';

afterEach(() => cleanup());

const ALT_RIGHT = '\u001b[1;3C';
const ALT_LEFT = '\u001b[1;3D';

/** Space S holds R1 and sub-space T, which holds R2 and a DM; R3 and a favourite are in no space. */
function spacedChat(columns = 120) {
	const app = renderChat({columns, rows: 20});
	app.session.pushRoom({roomId: '!S', name: 'Studio', space: {children: ['!R1', '!T', '!notjoined']}});
	app.session.pushRoom({roomId: '!T', name: 'Team', space: {children: ['!R2', '!dm']}});
	app.session.pushRoom({roomId: '!R1', name: 'One'});
	app.session.pushRoom({roomId: '!R2', name: 'Two'});
	app.session.pushRoom({roomId: '!dm', name: 'Dana', direct: '@dana:x'});
	app.session.pushRoom({roomId: '!R3', name: 'Three'});
	app.session.pushRoom({roomId: '!fav', name: 'Fave', tags: {favourite: {}}});
	return app;
}

test('the selector above the list; Alt+→ chooses a space: its rooms and its sub-space’s, by section; Other: the rest', async () => {
	const app = spacedChat();
	const all = await app.waitFor('Fave');
	// Spaces are not listed as rooms.
	// The pane is narrow: the row shows the chosen one and what fits around it, "…" for the rest.
	expect(paneLines(all, 0)).toEqual(['Rooms', '[All] · Studio …', 'Favourites', 'Fave', 'People', 'Dana', 'Rooms', 'One', 'Three', 'Two']);

	app.type(ALT_RIGHT);
	const studio = await app.waitFor('[Studio]');
	expect(paneLines(studio, 0)).toEqual(['Rooms', '… [Studio] · Team …', 'People', 'Dana', 'Rooms', 'One', 'Two']);
	expect(app.store.getState().roomList.space).toBe('!S');

	app.type(ALT_RIGHT);
	const team = await app.waitFor('[Team]');
	expect(paneLines(team, 0)).toEqual(['Rooms', '… [Team] · Other', 'People', 'Dana', 'Rooms', 'Two']);

	app.type(ALT_RIGHT);
	const other = await app.waitFor('[Other]');
	expect(paneLines(other, 0)).toEqual(['Rooms', '… Team · [Other]', 'Favourites', 'Fave', 'Rooms', 'Three']);
	// The room open was not in Other: its first room opens.
	expect(app.store.getState().selectedRoomId).toBe('!fav');

	app.type(ALT_RIGHT);
	await app.waitFor('[All]');
	app.type(ALT_LEFT);
	await app.waitFor('[Other]');
	// Ctrl+N walks the rooms shown only.
	app.type('\u000e');
	await app.until(() => app.store.getState().selectedRoomId === '!R3');
	app.type('\u000e');
	await app.until(() => app.store.getState().selectedRoomId === '!fav');
});

test('no space joined: no selector; a space’s name is sanitized and cut; a narrow pane keeps the chosen one in view', async () => {
	const app = renderChat({columns: 120, rows: 20});
	app.session.pushRoom({roomId: '!r', name: 'Plain'});
	expect(paneLines(await app.waitFor('Plain'), 0)).toEqual(['Rooms', 'Plain']);

	app.session.pushRoom({roomId: '!evil', name: 'Evil\u001b]0;pwned\u0007 space with a very long name', space: {children: ['!r']}});
	const screen = await app.waitFor('[All]');
	expect(screen).not.toContain('\u001b]0;');
	expect(screen).not.toContain('\u0007');
	// The name sanitized, cut to ten cells; "Other" does not fit beside it.
	expect(paneLines(screen, 0)[1]).toBe('[All] · Evil␛ spa… …');

	const narrow = renderChat({columns: 60, rows: 20});
	for (const name of ['Alpha', 'Bravo', 'Charlie', 'Delta']) narrow.session.pushRoom({roomId: `!${name}`, name, space: {children: []}});
	await narrow.waitFor('[All]');
	for (let step = 0; step < 4; step++) narrow.type(ALT_RIGHT);
	await narrow.until(() => narrow.store.getState().roomList.space === '!Delta');
	const row = paneLines(await narrow.waitFor('[Delta]'), 0)[1]!;
	expect(row).toBe('… [Delta] · Other');
});

test('/space <name> chooses, "all" and "other" too; an unknown name is one line', async () => {
	const app = spacedChat();
	await app.waitFor('Fave');
	app.submit('/space team');
	await app.waitFor('Listing the rooms of Team');
	expect(app.store.getState().roomList.space).toBe('!T');
	app.submit('/space other');
	await app.waitFor('[Other]');
	app.submit('/space ALL');
	await app.waitFor('[All]');
	expect(app.store.getState().roomList.space).toBeUndefined();
	app.submit('/space nowhere');
	await app.waitFor('No space you are in is named "nowhere"');
});

test('/space with no space chosen: one line saying to choose one', async () => {
	const app = spacedChat();
	await app.waitFor('Fave');
	app.submit('/space');
	const screen = await app.waitFor('Choose a space first');
	expect(statusNotice(screen)).toContain('Alt+← / Alt+→');
	expect(app.store.getState().directory).toBeUndefined();
});

test('/space lists the space’s rooms not joined, page by page; Enter joins by ID through the space’s servers; a refusal is one line', async () => {
	const app = spacedChat(100);
	await app.waitFor('Fave');
	app.submit('/space studio');
	await app.waitFor('[Studio]');
	const hierarchy = () => app.session.actions.filter((action): action is Extract<MatrixAction, {type: 'space-hierarchy'}> => action.type === 'space-hierarchy');
	app.session.answer((action) => action.type === 'space-hierarchy' && action.from === undefined, {
		ok: true,
		value: {
			rooms: [
				{roomId: '!R1', name: 'One', members: 2},
				{roomId: '!R4', name: 'Four\u001b[2J', alias: '#four:x', members: 3, topic: 'the fourth'},
			],
			via: {'!R4': ['x.org', 'y.org']},
			next: 'p2',
		},
	});
	app.session.answer((action) => action.type === 'space-hierarchy' && action.from === 'p2', {ok: true, value: {rooms: [{roomId: '!R5', name: 'Five', members: 1}], via: {'!R5': ['z.org']}}});

	app.submit('/space');
	const screen = await app.waitFor('Rooms of Studio you are not in (1+)');
	// Joined already: not listed.
	expect(screen).not.toMatch(/One {2}2 members/);
	expect(screen).toContain('Four␛  #four:x  3 members — the fourth');
	expect(screen).not.toContain('\u001b[2J');
	expect(hierarchy()).toEqual([{type: 'space-hierarchy', spaceId: '!S'}]);

	app.type('\u001b[B'); // ↓ at the end: the next page
	await app.waitFor('Five  1 member');
	expect(hierarchy()).toEqual([
		{type: 'space-hierarchy', spaceId: '!S'},
		{type: 'space-hierarchy', spaceId: '!S', from: 'p2'},
	]);
	app.type('\u001b[A'); // ↑ back to Four
	await app.until(() => app.store.getState().directory?.index === 0);
	app.type('\r');
	await app.until(() => app.session.actions.some((action) => action.type === 'join'));
	expect(app.session.actions.filter((action) => action.type === 'join')).toEqual([{type: 'join', roomIdOrAlias: '!R4', via: ['x.org', 'y.org']}]);
	await app.waitFor('Joined Four␛');
	expect(app.store.getState().directory).toBeUndefined();

	app.session.answer((action) => action.type === 'space-hierarchy', {ok: true, value: {rooms: [{roomId: '!R1', name: 'One', members: 2}], via: {}}});
	app.submit('/space');
	await app.waitFor('You are in every room of Studio');
	app.session.answer((action) => action.type === 'space-hierarchy', {ok: false, error: {kind: 'forbidden', message: 'nope'}});
	app.submit('/space');
	await app.waitFor((frame) => statusNotice(frame).includes('list the rooms of Studio'));
	expect(app.store.getState().directory).toBeUndefined();
});

test('the choice starts as remembered, and each new one is handed on to be remembered', () => {
	const remembered: Array<string | undefined> = [];
	const chat = createChat(new FakeSession(), {coalesceMs: 0, onQuit: () => {}, space: '!S', onSpace: (space) => remembered.push(space)});
	expect(chat.store.getState().roomList.space).toBe('!S');
	chat.store.dispatch({type: 'choose-space', choice: OTHER_ROOMS});
	chat.store.dispatch({type: 'choose-space', choice: undefined});
	expect(remembered).toEqual([OTHER_ROOMS, undefined]);
	chat.detach();
});
