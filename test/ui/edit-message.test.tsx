/** /edit: your last message into the composer ("edit>"), Enter sends it as its replacement, Esc drops it. */
import {afterEach, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {renderChat, statusNotice} from '../support/screen.js';
import {member, message} from '../support/events.js';

afterEach(() => cleanup());

const ME = '@me:example.org';
const ROOM = '!r:example.org';

/** The composer's rows: the `count` lines above the status line. */
const composerRows = (screen: string, count: number) => screen.split('\n').slice(-1 - count, -1).map((line) => line.trimEnd());

async function roomWithMessages() {
	const app = renderChat({columns: 60, rows: 16});
	const mine = message(ME, 'see you at 10\nin the hall');
	app.session.pushRoom({roomId: ROOM, name: 'Room', events: [member(ME, {membership: 'join'}), message(ME, 'an older one'), mine, message('@alice:example.org', 'ok!')]});
	app.store.dispatch({type: 'select-room', roomId: ROOM});
	await app.waitFor('message Room');
	return {app, mine};
}

const edits = (app: ReturnType<typeof renderChat>) => app.session.actions.filter((action) => action.type === 'send-edit');

test('/edit puts your last message into the composer; Enter sends the text as its replacement', async () => {
	const {app, mine} = await roomWithMessages();
	app.submit('/edit');
	expect(composerRows(await app.waitFor('edit> '), 2)).toEqual(['edit> see you at 10', '      in the hall']);
	app.type('way\u007f\u007f\u007f, door 2');
	await app.waitFor('in the hall, door 2');
	app.enter();
	await app.until(() => edits(app).length > 0);
	expect(edits(app)).toEqual([{type: 'send-edit', roomId: ROOM, eventId: mine.event_id, body: 'see you at 10\nin the hall, door 2', emote: false}]);
	expect(app.session.actions.filter((action) => action.type === 'send-text')).toEqual([]);
	expect(composerRows(await app.waitFor('>  message Room'), 1)).toEqual(['>  message Room, or /help']);
	expect(app.store.getState().editing).toBeUndefined();
});

test('Esc drops the edit: the composer empties and nothing is sent', async () => {
	const {app} = await roomWithMessages();
	app.submit('/edit');
	await app.waitFor('edit> ');
	app.type('\u001b');
	const screen = await app.waitFor('Edit cancelled');
	expect(composerRows(screen, 1)).toEqual(['>  message Room, or /help']);
	expect(edits(app)).toEqual([]);
});

test('an edit the server refuses comes back into the composer, still an edit', async () => {
	const {app, mine} = await roomWithMessages();
	app.session.answer((action) => action.type === 'send-edit', {ok: false, error: {kind: 'network', message: 'cannot reach the homeserver'}});
	app.submit('/edit');
	await app.waitFor('edit> ');
	app.enter();
	const screen = await app.waitFor((frame) => /edit the message/.test(statusNotice(frame)));
	expect(composerRows(screen, 2)).toEqual(['edit> see you at 10', '      in the hall']);
	expect(app.store.getState().editing?.eventId).toBe(mine.event_id);
});

test('with no message of yours in the room, /edit says so in one line', async () => {
	const app = renderChat({columns: 140, rows: 16});
	app.session.pushRoom({roomId: ROOM, name: 'Room', events: [member(ME, {membership: 'join'}), message('@alice:example.org', 'hi')]});
	app.store.dispatch({type: 'select-room', roomId: ROOM});
	await app.waitFor('message Room');
	app.submit('/edit');
	const screen = await app.waitFor('Nothing to edit');
	expect(statusNotice(screen)).toBe('Nothing to edit: you have sent no message in this room that is still there');
});

test('an edit mentions again whom the message mentioned: the picks come back with its text', async () => {
	const app = renderChat({columns: 60, rows: 16});
	const mine = message(ME, 'Bob: lunch?', {
		content: {
			msgtype: 'm.text',
			body: 'Bob: lunch?',
			format: 'org.matrix.custom.html',
			formatted_body: '<a href="https://matrix.to/#/@bob:example.org">Bob</a>: lunch?',
			'm.mentions': {user_ids: ['@bob:example.org']},
		},
	});
	app.session.pushRoom({roomId: ROOM, name: 'Room', events: [member(ME, {membership: 'join'}), mine]});
	app.store.dispatch({type: 'select-room', roomId: ROOM});
	await app.waitFor('message Room');
	app.submit('/edit');
	await app.waitFor('edit> Bob: lunch?');
	app.type(' at 1');
	await app.waitFor('lunch? at 1');
	app.enter();
	await app.until(() => edits(app).length > 0);
	expect(edits(app)).toEqual([{type: 'send-edit', roomId: ROOM, eventId: mine.event_id, body: 'Bob: lunch? at 1', emote: false, mentions: [{userId: '@bob:example.org', text: 'Bob'}]}]);
});

test('with the thread pane open, /edit takes your last message in the thread, not the newer one in the room', async () => {
	const app = renderChat({columns: 60, rows: 16});
	const root = message('@alice:example.org', 'a root');
	const reply = message(ME, 'my reply in the thread', {content: {msgtype: 'm.text', body: 'my reply in the thread', 'm.relates_to': {rel_type: 'm.thread', event_id: root.event_id, is_falling_back: true, 'm.in_reply_to': {event_id: root.event_id}}}});
	app.session.pushRoom({roomId: ROOM, name: 'Room', events: [member(ME, {membership: 'join'}), root, reply, message(ME, 'newer, in the room')]});
	app.store.dispatch({type: 'select-room', roomId: ROOM});
	await app.waitFor('message Room');
	app.store.dispatch({type: 'open-thread', roomId: ROOM, rootId: root.event_id!});
	app.submit('/edit');
	await app.waitFor('edit> my reply in the thread');
	expect(app.store.getState().editing?.eventId).toBe(reply.event_id);
});

test('/edit right after Enter: the message the server stored, before its sync comes, is edited under the ID the server gave it', async () => {
	const app = renderChat({columns: 60, rows: 16});
	const echo = {type: 'm.room.message', event_id: '~txn1', sender: ME, origin_server_ts: Date.now(), content: {msgtype: 'm.text', body: 'just sent'}};
	app.session.pushRoom({roomId: ROOM, name: 'Room', events: [member(ME, {membership: 'join'})], pending: [{event: echo, storedAs: '$stored'}]});
	app.store.dispatch({type: 'select-room', roomId: ROOM});
	await app.waitFor('just sent');
	app.submit('/edit');
	await app.waitFor('edit> just sent');
	expect(app.store.getState().editing?.eventId).toBe('$stored');
});
