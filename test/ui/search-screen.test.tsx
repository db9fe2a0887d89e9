/**
 * Issue 16: /search on screen. The server's hits in a pane (sender, time, the match apart, every
 * string sanitized); --all merges in the encrypted rooms' loaded messages and says so; Enter opens
 * the room with the message in its context (from what is held, else GET /context), Esc goes back to
 * the live timeline; nothing found, or a refusal, is one line.
 */
import {afterEach, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {SearchHit} from '../../src/domain/message-search.js';
import type {RawEvent} from '../../src/domain/events.js';
import type {MatrixAction} from '../../src/matrix/protocol.js';
import {member, message, state} from '../support/events.js';
import {renderChat} from '../support/screen.js';

afterEach(() => cleanup());

const ME = '@me:example.org';
const BOB = '@bob:example.org';
const PLAIN = '!plain:example.org';
const SECRET = '!secret:example.org';

const roomEvents = (name: string, extra: RawEvent[]): RawEvent[] => [
	state('m.room.create', '', {creator: BOB}, BOB),
	state('m.room.name', '', {name}, BOB),
	member(BOB, {membership: 'join', displayname: 'Bob'}),
	member(ME, {membership: 'join', displayname: 'Me'}),
	...extra,
];

const hitOf = (event: RawEvent, roomId: string): SearchHit => ({roomId, eventId: event.event_id!, sender: event.sender!, ts: event.origin_server_ts!, body: String(event.content!.body)});
const searches = (app: ReturnType<typeof renderChat>) => app.session.actions.filter((action): action is Extract<MatrixAction, {type: 'search-messages'}> => action.type === 'search-messages');

function twoRooms() {
	const app = renderChat({columns: 120, rows: 20});
	const fox = message(BOB, 'the quick brown fox');
	const before = message(BOB, 'a message before');
	const secret = message(BOB, 'a secret word');
	app.session.pushRoom({roomId: PLAIN, name: 'Plain room', events: roomEvents('Plain room', [before, fox, message(BOB, 'a message after')])});
	app.session.pushRoom({roomId: SECRET, name: 'Secret room', events: roomEvents('Secret room', [state('m.room.encryption', '', {algorithm: 'm.megolm.v1.aes-sha2'}, BOB), message(BOB, 'nothing to see'), secret])});
	return {app, fox, secret};
}

test('/search in the open room: the server\'s hits, Enter shows the message in its context, Esc the live timeline', async () => {
	const {app, fox} = twoRooms();
	app.store.dispatch({type: 'select-room', roomId: PLAIN});
	await app.waitFor('# Plain room');
	const hostile = {...hitOf(message(BOB, 'x'), PLAIN), eventId: '$hostile', body: 'Evil\u001b]0;pwned\u0007 fox\u001b[2J\nend'};
	app.session.answer((action) => action.type === 'search-messages', {ok: true, value: {hits: [hitOf(fox, PLAIN), hostile], count: 2}});

	app.submit('/search fox');
	const screen = await app.waitFor('Search "fox" in Plain room (2)');
	expect(searches(app)).toEqual([{type: 'search-messages', term: 'fox', roomIds: [PLAIN]}]);
	expect(screen).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d {2}Bob: the quick brown fox/u);
	expect(screen).toContain('Bob: Evil␛ fox␛ end');
	expect(screen).not.toContain('\u001b]0;');

	app.enter();
	const jumped = await app.waitFor('a search result in its context');
	expect(jumped).toContain('Esc: back to the live timeline');
	expect(jumped).toMatch(/▌\d\d:\d\d Bob: the quick brown fox/u);
	expect(jumped).toMatch(/ \d\d:\d\d Bob: a message before/u);
	expect(app.session.actions.some((action) => action.type === 'event-context')).toBe(false);
	expect(app.store.getState().search).toBeUndefined();

	app.type('\u001b');
	await app.until(() => app.store.getState().jump === undefined);
	expect(await app.waitFor('# Plain room')).not.toContain('in its context');
});

test('--all: the encrypted room\'s loaded messages merged in, said in the title; a hit not held comes from /context', async () => {
	const {app, secret} = twoRooms();
	const older: SearchHit = {roomId: PLAIN, eventId: '$old', sender: BOB, ts: secret.origin_server_ts! - 3_600_000, body: 'an old secret'};
	app.session.answer((action) => action.type === 'search-messages', {ok: true, value: {hits: [older]}});
	app.session.answer((action) => action.type === 'event-context', {
		ok: true,
		value: {events: [message(BOB, 'long ago'), {...message(BOB, 'an old secret'), event_id: '$old'}], members: [member(BOB, {membership: 'join', displayname: 'Bobby'})]},
	});

	app.submit('/search --all secret');
	const screen = await app.waitFor('Search "secret" in every room (2) + 1 encrypted room, loaded messages only');
	// Only the room the server can read goes to it; the encrypted one is searched here.
	expect(searches(app)).toEqual([{type: 'search-messages', term: 'secret', roomIds: [PLAIN]}]);
	const lines = screen.split('\n');
	const secretLine = lines.findIndex((line) => line.includes('Secret room  Bob: a secret word'));
	const oldLine = lines.findIndex((line) => line.includes('Plain room  Bob: an old secret'));
	expect(secretLine).toBeGreaterThan(-1);
	expect(oldLine).toBeGreaterThan(secretLine);

	app.type('\u001b[B');
	await app.until(() => app.store.getState().search?.index === 1);
	app.enter();
	const jumped = await app.waitFor('▌');
	expect(app.session.actions.filter((action) => action.type === 'event-context')).toEqual([{type: 'event-context', roomId: PLAIN, eventId: '$old'}]);
	expect(app.store.getState().selectedRoomId).toBe(PLAIN);
	expect(jumped).toMatch(/▌\d\d:\d\d Bob(by)?: an old secret/u);
});

test('nothing found: the pane says so; a refusal is one line and no pane', async () => {
	const {app} = twoRooms();
	app.store.dispatch({type: 'select-room', roomId: PLAIN});
	app.session.answer((action) => action.type === 'search-messages', {ok: true, value: {hits: []}});
	app.submit('/search zebra');
	await app.waitFor('no message has that');
	app.type('\u001b');
	await app.until(() => app.store.getState().search === undefined);

	app.session.answer((action) => action.type === 'search-messages', {ok: false, error: {kind: 'rate-limited', message: 'Too many requests', errcode: 'M_LIMIT_EXCEEDED', retryAfterMs: 2000}});
	app.submit('/search zebra');
	await app.waitFor('Cannot search the messages: the server is rate-limiting you — try again in 2s');
	expect(app.store.getState().search).toBeUndefined();

	app.session.answer((action) => action.type === 'search-messages', {ok: false, error: {kind: 'other', message: 'Internal error', errcode: 'M_UNKNOWN', status: 500}});
	app.submit('/search zebra');
	await app.waitFor('Cannot search the messages: Internal error (M_UNKNOWN)');
});

test('an encrypted room alone: searched in what is loaded, the server not asked; Tab searches every room', async () => {
	const {app} = twoRooms();
	app.store.dispatch({type: 'select-room', roomId: SECRET});
	app.submit('/search SECRET');
	await app.waitFor('Search "SECRET" in Secret room (1) (encrypted: loaded messages only) — ↑↓ choose · Enter shows it · Tab: every room');
	expect(searches(app)).toEqual([]);

	app.session.answer((action) => action.type === 'search-messages', {ok: true, value: {hits: []}});
	app.type('\t');
	const screen = await app.waitFor('Search "SECRET" in every room (1) + 1 encrypted room, loaded messages only');
	expect(screen).not.toContain('Tab: every room');
	expect(searches(app)).toEqual([{type: 'search-messages', term: 'SECRET', roomIds: [PLAIN]}]);
});

test('/search needs text; without --all, a room', async () => {
	const app = renderChat({columns: 120, rows: 20});
	app.submit('/search --all');
	await app.waitFor('needs some text to look for');
	app.submit('/search fox');
	await app.waitFor('No room selected — /search --all <text> looks in every room');
});

test('a hit whose context the server refuses: one line, the room open at its live timeline', async () => {
	const {app} = twoRooms();
	app.store.dispatch({type: 'select-room', roomId: PLAIN});
	app.session.answer((action) => action.type === 'search-messages', {ok: true, value: {hits: [{roomId: PLAIN, eventId: '$gone', sender: BOB, ts: 1, body: 'fox gone'}]}});
	app.session.answer((action) => action.type === 'event-context', {ok: false, error: {kind: 'not-found', message: 'Event not found.', errcode: 'M_NOT_FOUND', status: 404}});
	app.submit('/search fox');
	await app.waitFor('Search "fox" in Plain room (1)');
	app.enter();
	const screen = await app.waitFor('That message is no longer on the server');
	expect(screen).toContain('# Plain room');
	expect(app.store.getState().jump).toBeUndefined();
});
