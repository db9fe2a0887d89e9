/**
 * Issue 16: the room list in sections (Invites, Favourites, People, Rooms, Low priority), each under
 * its title once there is more than one; Ctrl+N walks them in that order; /fav asks for the tag
 * on, and again (the room now a favourite) for it off.
 */
import {afterEach, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {MatrixAction} from '../../src/matrix/protocol.js';
import {paneLines, renderChat} from '../support/screen.js';

afterEach(() => cleanup());

test('one section: no titles; several: each under its title, in order, and Ctrl+N walks them so', async () => {
	const app = renderChat({columns: 120, rows: 20});
	app.session.pushRoom({roomId: '!b', name: 'Beta'});
	app.session.pushRoom({roomId: '!a', name: 'Alpha'});
	expect(paneLines(await app.waitFor('Beta'), 0)).toEqual(['Rooms', 'Alpha', 'Beta']);

	app.session.pushRoom({roomId: '!dm', name: 'Dave', direct: '@dave:x'});
	app.session.pushRoom({roomId: '!fav', name: 'Zulu', tags: {favourite: {}}});
	app.session.pushRoom({roomId: '!low', name: 'Aardvark', tags: {lowPriority: {}}});
	app.session.pushRoom({roomId: '!inv', name: 'Yak', membership: 'invite'});
	const screen = await app.waitFor((frame) => paneLines(frame, 0).includes('Low priority'));
	expect(paneLines(screen, 0)).toEqual(['Rooms', 'Invites', 'Yak             invite', 'Favourites', 'Zulu', 'People', 'Dave', 'Rooms', 'Alpha', 'Beta', 'Low priority', 'Aardvark']);

	app.store.dispatch({type: 'select-room', roomId: '!fav'});
	const walked: string[] = [];
	for (let step = 0; step < 4; step++) {
		app.type('\u000e'); // Ctrl+N
		await app.waitFor(() => app.store.getState().selectedRoomId !== (walked.at(-1) ?? '!fav'));
		walked.push(app.store.getState().selectedRoomId!);
	}
	expect(walked).toEqual(['!dm', '!a', '!b', '!low']);
});

test('/fav asks for the tag on, and on a favourite for it off; /lowpriority likewise', async () => {
	const app = renderChat({columns: 120, rows: 20});
	app.session.pushRoom({roomId: '!r', name: 'Room'});
	await app.waitFor('Room');
	app.store.dispatch({type: 'select-room', roomId: '!r'});
	const tagActions = () => app.session.actions.filter((action): action is Extract<MatrixAction, {type: 'set-room-tag'}> => action.type === 'set-room-tag');

	app.submit('/fav');
	await app.waitFor('Room is listed under Favourites');
	app.session.pushRoom({roomId: '!r', name: 'Room', tags: {favourite: {}}});
	await app.waitFor((frame) => app.store.getState().rooms.get('!r')?.tags?.favourite !== undefined && frame.includes('Room'));
	app.submit('/fav');
	await app.waitFor('Room is no longer under Favourites');
	app.submit('/lowpriority');
	await app.waitFor('Room is listed under Low priority');
	expect(tagActions()).toEqual([
		{type: 'set-room-tag', roomId: '!r', tag: 'favourite', on: true},
		{type: 'set-room-tag', roomId: '!r', tag: 'favourite', on: false},
		{type: 'set-room-tag', roomId: '!r', tag: 'low-priority', on: true},
	]);
});
