/**
 * Encrypted rooms on screen: a lock after the name in the room list and the title (the name cut
 * first when the pane is narrow, never the lock or the badge); each undecryptable or not yet
 * decrypted message shows its sender, like any other message.
 */
import {afterEach, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {RawEvent} from '../../src/domain/events.js';
import {markUndecryptable} from '../../src/domain/undecryptable.js';
import {member, message, state} from '../support/events.js';
import {paneLines, renderChat, timelineLines} from '../support/screen.js';

afterEach(() => cleanup());

const ME = '@me:example.org';
const BOB = '@bob:example.org';
const ENCRYPTION = state('m.room.encryption', '', {algorithm: 'm.megolm.v1.aes-sha2'}, BOB);

const encrypted = (id: string): RawEvent => ({type: 'm.room.encrypted', event_id: id, sender: BOB, origin_server_ts: 1000, content: {algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'AwgA…'}});

const room = (name: string, extra: RawEvent[]): RawEvent[] => [
	state('m.room.create', '', {creator: BOB}, BOB),
	state('m.room.name', '', {name}, BOB),
	member(BOB, {membership: 'join', displayname: 'Bob'}),
	member(ME, {membership: 'join', displayname: 'Me'}),
	...extra,
];

test('the lock follows an encrypted room name in the list and the title; a clear room has none', async () => {
	const app = renderChat({columns: 120, rows: 20});
	app.session.pushRoom({roomId: '!clear:example.org', name: 'Clear room', events: room('Clear room', [message(BOB, 'in the clear')])});
	app.session.pushRoom({roomId: '!secret:example.org', name: 'Secret room', unread: 3, events: room('Secret room', [ENCRYPTION, encrypted('$e1'), {...markUndecryptable(encrypted('$e2'), 'MEGOLM_UNKNOWN_INBOUND_SESSION_ID'), event_id: '$e2'}])});
	app.store.dispatch({type: 'select-room', roomId: '!secret:example.org'});
	const screen = await app.waitFor('# Secret room 🔒');
	const list = paneLines(screen, 0);
	expect(list.find((line) => line.includes('Secret room'))).toMatch(/^Secret room 🔒 +3$/);
	expect(list.find((line) => line.includes('Clear room'))).not.toContain('🔒');
	expect(timelineLines(screen).slice(-2)).toEqual(['hh:mm Bob: 🔒 encrypted message', 'hh:mm Bob: 🔒 unable to decrypt: waiting for the key']);

	app.store.dispatch({type: 'select-room', roomId: '!clear:example.org'});
	expect(timelineLines(await app.waitFor('# Clear room'))[0]).toBe('# Clear room');
});

test('in a narrow room list the name is cut, never the lock or the count', async () => {
	const app = renderChat({columns: 80, rows: 20});
	app.session.pushRoom({roomId: '!secret:example.org', name: 'A very long encrypted room name indeed', unread: 12, events: room('A very long encrypted room name indeed', [ENCRYPTION])});
	const screen = await app.waitFor('🔒');
	const line = paneLines(screen, 0).find((candidate) => candidate.includes('🔒'))!;
	expect(line).toMatch(/^A very long.* 🔒 *12$/);
});
