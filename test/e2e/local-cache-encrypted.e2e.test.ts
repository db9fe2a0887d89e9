/**
 * Issue 17, the local cache and end-to-end encryption, with the real binary on its crypto store and
 * Bob as a second real client (matrix-js-sdk, Rust crypto). An encrypted room's message is drawn
 * from the cache, decrypted, before any /sync answers, and is not in the cache's file in clear. A
 * room that turned encrypted while the client was away: what is typed while the client still
 * catches up waits (the cache says the room is plain, which is no longer true) and goes encrypted.
 */
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {beforeAll, expect, test} from 'vitest';
import {buildBinary, filesNamed} from './support/binary.js';
import {binaryPerTest, quitBinary as quit, sendFromBinary} from './support/binary-per-test.js';
import {cryptoPeersPerTest, peerInEncryptedRoom, peerReceives, peerSeesDevice} from './support/crypto-peer.js';
import {shownAs} from './support/delivery.js';
import {SEND_MESSAGE, SYNC} from './support/faults.js';
import {Api, registerNamed} from './support/homeserver.js';
import type {TmuxTerminal} from './support/tmux.js';

const ENCRYPTION = {type: 'm.room.encryption', state_key: '', content: {algorithm: 'm.megolm.v1.aes-sha2'}};

const binaries = binaryPerTest();
const startPeer = cryptoPeersPerTest();

beforeAll(() => buildBinary(), 180_000);

const connected = (screen: string) => /● connected /.test(screen);
const catchingUp = (screen: string) => screen.includes(' catching up ');

/** On the suite's sync path (E2E_SYNC): the cache serves both. */
function launch(configDir: string, roomId: string, ready: (screen: string) => boolean, what: string): Promise<TmuxTerminal> {
	return binaries.launch(configDir, roomId, ready, what);
}

async function twoParties(roomName: string, encrypted: boolean) {
	const [alice, bob] = await registerNamed('Alice', 'Bob');
	const bobPeer = await startPeer(bob);
	const roomId = await Api.for(bob).createRoom({preset: 'private_chat', name: roomName, invite: [alice.userId], ...(encrypted ? {initial_state: [ENCRYPTION]} : {})});
	await Api.for(alice).join(roomId);
	const configDir = await binaries.configFor(alice);
	return {alice, bob, bobPeer, roomId, configDir};
}

test('an encrypted message is drawn from the cache, decrypted, with every /sync held; its text is nowhere in the cache in clear', {timeout: 150_000}, async () => {
	const {alice, bobPeer, roomId, configDir} = await twoParties('Sealed cache room', true);
	let app = await launch(configDir, roomId, (s) => connected(s) && s.includes('# Sealed cache room'), 'the first start, connected');
	await peerSeesDevice(bobPeer, alice);
	await peerInEncryptedRoom(bobPeer, roomId, alice.userId);
	await bobPeer.sendTextMessage(roomId, 'a secret the cache keeps sealed');
	await app.waitForText('Bob: a secret the cache keeps sealed', 30_000);
	await quit(app);

	for (const file of (await filesNamed(configDir, 'cache')).filter((found) => !found.directory)) {
		const bytes = await readFile(join(configDir, file.path));
		expect(bytes.includes(Buffer.from('a secret the cache keeps sealed')), `the secret in clear in ${file.path}`).toBe(false);
	}

	const syncs = binaries.proxy().hold(SYNC);
	app = await launch(configDir, roomId, (s) => catchingUp(s) && s.includes('Bob: a secret the cache keeps sealed'), 'the encrypted message, decrypted from the cache, while /sync is held');
	syncs.release();
	await app.waitForScreen(connected, 'connected after the catch-up', 30_000);
});

test('a room that turned encrypted while the client was away: a message typed while it catches up waits, then goes encrypted', {timeout: 150_000}, async () => {
	const {alice, bob, bobPeer, roomId, configDir} = await twoParties('Turned encrypted room', false);
	let app = await launch(configDir, roomId, (s) => connected(s) && s.includes('# Turned encrypted room'), 'the first start, connected');
	await peerSeesDevice(bobPeer, alice);
	await quit(app);

	await Api.for(bob).putState(roomId, ENCRYPTION.type, '', ENCRYPTION.content);
	const proxy = binaries.proxy();
	const syncs = proxy.hold(SYNC);
	app = await launch(configDir, roomId, (s) => catchingUp(s) && s.includes('# Turned encrypted room'), 'the room drawn from the cache (as plain), catching up');
	const text = 'typed before the catch-up';
	await sendFromBinary(app, text);
	await app.waitForScreen((s) => shownAs(s, text) === 'sending', 'the message shown as sending');
	expect(proxy.requests(SEND_MESSAGE), 'nothing sent as a plain m.room.message while catching up').toEqual([]);

	syncs.release();
	await app.waitForScreen((s) => connected(s) && shownAs(s, text) === 'sent', 'the message sent after the catch-up', 30_000);
	const mine = (await Api.for(bob).messages(roomId)).filter((event) => event['sender'] === alice.userId && !('state_key' in event));
	expect(mine.map((event) => event['type']), 'what Alice put in the room').toEqual(['m.room.encrypted']);
	expect(JSON.stringify(mine)).not.toContain(text);
	await peerReceives(bobPeer, roomId, alice.userId, text);
});
