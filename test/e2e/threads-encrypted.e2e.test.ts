/**
 * Issue 16 in an encrypted room: Bob is a plain matrix-js-sdk client with the Rust crypto. His
 * encrypted root and thread reply are listed and shown decrypted (the /threads and /relations
 * pages are decrypted before they reach the screen); Alice's reply in the thread reaches him
 * encrypted, the m.thread relation outside the ciphertext as the spec has it, never its text.
 */
import {EventType, type MatrixClient} from 'matrix-js-sdk';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {buildBinary, configWithSession, removeConfig, startBinary} from './support/binary.js';
import {peerInEncryptedRoom, peerReceives, peerSeesDevice, startCryptoPeer} from './support/crypto-peer.js';
import {Api, homeserverUrl, loginAgain, registerNamed, type RegisteredUser} from './support/homeserver.js';
import {pane} from './support/screen-text.js';
import type {TmuxTerminal} from './support/tmux.js';

const ENCRYPTION = {type: 'm.room.encryption', state_key: '', content: {algorithm: 'm.megolm.v1.aes-sha2'}};

let alice: RegisteredUser;
let bob: RegisteredUser;
let bobClient: MatrixClient;
let configDir: string;
let app: TmuxTerminal | undefined;

beforeAll(async () => {
	[alice, bob] = await registerNamed('Alice', 'Bob');
	await buildBinary();
	bobClient = await startCryptoPeer(bob);
}, 240_000);

afterAll(async () => {
	await app?.kill();
	bobClient.stopClient();
	await removeConfig(configDir);
});

const threadContent = (rootId: string, latestId: string, body: string) => ({
	msgtype: 'm.text',
	body,
	'm.relates_to': {rel_type: 'm.thread', event_id: rootId, is_falling_back: true, 'm.in_reply_to': {event_id: latestId}},
});

test("Bob's encrypted thread is listed and read decrypted; Alice's reply goes encrypted with the relation in the clear", {timeout: 180_000}, async () => {
	const roomId = await Api.for(bob).createRoom({preset: 'private_chat', name: 'Secret threads', initial_state: [ENCRYPTION], invite: [alice.userId]});
	await Api.for(alice).join(roomId);
	const device = await loginAgain(alice);
	configDir = await configWithSession(device, homeserverUrl());
	app = await startBinary(configDir, {room: roomId, rows: 30});
	await app.waitForText('# Secret threads', 30_000);
	await peerSeesDevice(bobClient, device);
	await peerInEncryptedRoom(bobClient, roomId, alice.userId);

	const {event_id: rootId} = await bobClient.sendTextMessage(roomId, 'the secret plan');
	const {event_id: replyId} = await bobClient.sendEvent(roomId, EventType.RoomMessage, threadContent(rootId, rootId, 'whispered in the thread') as never);
	await app.waitForText('🧵 #1 1 reply in thread (last: Bob)', 30_000);

	await app.type('/threads');
	await app.press('Enter');
	await app.waitForScreen((s) => s.includes('Bob: the secret plan  — 1 reply'), 'the decrypted root in the thread list', 30_000);
	await app.press('Enter');
	await app.waitForScreen((s) => s.includes('Thread: the secret plan') && pane(s, 1).includes('Bob: whispered in the thread'), 'the decrypted thread in its pane', 30_000);

	await app.type('an encrypted answer');
	await app.press('Enter');
	const received = await peerReceives(bobClient, roomId, alice.userId, 'an encrypted answer');
	expect(received.isEncrypted()).toBe(true);
	expect(received.getWireContent()['m.relates_to']).toEqual({rel_type: 'm.thread', event_id: rootId, is_falling_back: true, 'm.in_reply_to': {event_id: replyId}});
	const raw = (await Api.for(bob).messages(roomId)).filter((event) => event['sender'] === alice.userId && event['state_key'] === undefined);
	expect(raw.map((event) => event['type'])).toEqual(['m.room.encrypted']);
	expect(JSON.stringify(raw)).not.toContain('an encrypted answer');

	await bobClient.sendEvent(roomId, EventType.RoomMessage, threadContent(rootId, received.getId()!, 'got it, in secret') as never);
	await app.waitForScreen((s) => s.includes('Thread: the secret plan') && pane(s, 1).includes('Bob: got it, in secret'), "Bob's encrypted answer in the pane", 30_000);
});
