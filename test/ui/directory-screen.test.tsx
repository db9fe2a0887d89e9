/**
 * Issue 16: /explore on screen. The directory's first page in a panel, its strings sanitized; ↓
 * near the end asks for the next page (once), which is appended; Enter joins the highlighted room
 * by alias; Esc closes; a refusal is one line and no panel.
 */
import {afterEach, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {MatrixAction} from '../../src/matrix/protocol.js';
import {renderChat} from '../support/screen.js';

afterEach(() => cleanup());

const room = (index: number) => ({roomId: `!r${index}:x`, name: `Room ${index}`, alias: `#room${index}:x`, members: index, topic: `topic ${index}`});

test('a page, the next one as ↓ reaches the end, Enter joins by alias, Esc closes', async () => {
	const app = renderChat({columns: 100, rows: 16});
	const directoryCalls = () => app.session.actions.filter((action): action is Extract<MatrixAction, {type: 'public-rooms'}> => action.type === 'public-rooms');
	app.session.answer((action) => action.type === 'public-rooms' && action.since === undefined, {ok: true, value: {rooms: [{...room(1), name: 'Evil\u001b]0;pwned\u0007'}, ...[2, 3, 4, 5, 6].map(room)], next: 'page2', total: 9}});
	app.session.answer((action) => action.type === 'public-rooms' && action.since === 'page2', {ok: true, value: {rooms: [7, 8, 9].map(room)}});

	app.submit('/explore rust matrix.org');
	const screen = await app.waitFor('Public rooms on matrix.org matching "rust" (6 of ~9)');
	expect(screen).toContain('Room 2  #room2:x  2 members — topic 2');
	expect(screen).not.toContain('\u001b]0;');
	expect(directoryCalls()).toEqual([{type: 'public-rooms', term: 'rust', server: 'matrix.org'}]);

	for (let step = 0; step < 8; step++) app.type('\u001b[B'); // ↓
	await app.waitFor('Room 9  #room9:x');
	expect(directoryCalls()).toEqual([
		{type: 'public-rooms', term: 'rust', server: 'matrix.org'},
		{type: 'public-rooms', term: 'rust', server: 'matrix.org', since: 'page2'},
	]);
	// Keys pressed before the page came stopped at the end of the first one: on to the last row.
	for (let step = app.store.getState().directory!.index; step < 8; step++) app.type('\u001b[B');
	await app.waitFor(() => app.store.getState().directory?.index === 8);

	app.type('\r');
	await app.waitFor(() => app.session.actions.some((action) => action.type === 'join'));
	expect(app.session.actions.filter((action) => action.type === 'join')).toEqual([{type: 'join', roomIdOrAlias: '#room9:x'}]);
	expect(app.store.getState().directory).toBeUndefined();

	app.session.answer((action) => action.type === 'public-rooms', {ok: true, value: {rooms: []}});
	app.submit('/explore');
	await app.waitFor('Public rooms (0)');
	app.type('x');
	app.type('\u001b');
	await app.waitFor(() => app.store.getState().directory === undefined);
	// Typed while the panel was open: not in the composer.
	expect(app.store.getState().composer.text).toBe('');
});

test('a directory that refuses: one line, no panel', async () => {
	const app = renderChat({columns: 100, rows: 16});
	app.session.answer((action) => action.type === 'public-rooms', {ok: false, error: {kind: 'not-found', message: 'no directory'}});
	app.submit('/explore x nowhere.example');
	await app.waitFor('No room directory on nowhere.example');
	expect(app.store.getState().directory).toBeUndefined();
});
