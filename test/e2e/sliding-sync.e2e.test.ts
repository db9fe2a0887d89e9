/**
 * Issue 17, sliding sync (MSC4186) with the real binary on Synapse (`--sync sliding`), through the
 * proxy so what went on the wire is known: the client syncs at the simplified sliding sync path and
 * never at /sync; the room list and the open room come in; a message from Bob arrives live, one
 * typed goes out; a leave reason shows; an encrypted message from Bob (a second real client with
 * the Rust crypto) is decrypted, and one typed reaches him encrypted.
 */
import {beforeAll, expect, test} from 'vitest';
import {buildBinary} from './support/binary.js';
import {binaryPerTest, sendFromBinary as send} from './support/binary-per-test.js';
import {cryptoPeersPerTest, peerInEncryptedRoom, peerReceives, peerSeesDevice} from './support/crypto-peer.js';
import {expectDeliveredOnce} from './support/delivery.js';
import {CLASSIC_SYNC} from './support/faults.js';
import {Api, registerNamed} from './support/homeserver.js';
import type {TmuxTerminal} from './support/tmux.js';

const SLIDING = {method: 'POST', path: /\/_matrix\/client\/unstable\/org\.matrix\.simplified_msc3575\/sync$/};
const MESSAGES = {method: 'GET', path: /\/rooms\/[^/]+\/messages$/};
const ENCRYPTION = {type: 'm.room.encryption', state_key: '', content: {algorithm: 'm.megolm.v1.aes-sha2'}};

const binaries = binaryPerTest();
const startPeer = cryptoPeersPerTest();

beforeAll(() => buildBinary(), 180_000);

const connected = (screen: string) => /● connected /.test(screen);

function launchSliding(configDir: string, roomId: string, ready: (screen: string) => boolean, what: string): Promise<TmuxTerminal> {
	return binaries.launch(configDir, roomId, ready, what, ['--sync', 'sliding']);
}

test('sliding sync: the room list and the open room come in, live messages both ways, a leave reason; nothing at /sync', {timeout: 120_000}, async () => {
	const [alice, bob] = await registerNamed('Alice', 'Bob');
	const sideRoom = await Api.for(alice).createRoom({preset: 'public_chat', name: 'Sliding side room A'});
	await Api.for(bob).join(sideRoom);
	await Api.for(alice).createRoom({preset: 'private_chat', name: 'Sliding side room B'});
	const roomId = await Api.for(alice).createRoom({preset: 'public_chat', name: 'Sliding room'});
	await Api.for(bob).join(roomId);
	await Api.for(bob).sendMessage(roomId, 'said before the start');
	const configDir = await binaries.configFor(alice);

	const app = await launchSliding(configDir, roomId, (s) => connected(s) && s.includes('# Sliding room') && s.includes('Bob: said before the start') && s.includes('Sliding side room A') && s.includes('Sliding side room B'), 'connected over sliding sync, the room and the list drawn');
	// The list brings each room's newest event only; the room on screen is subscribed to, with its history.
	await app.waitForScreen((s) => s.includes('Alice changed the room name to "Sliding room"') && s.includes('Bob joined'), 'the open room’s earlier events');
	await Api.for(bob).sendMessage(roomId, 'said live');
	await app.waitForText('Bob: said live');
	// A burst while the connection waits (as after a reconnection): every request names the room on
	// screen's subscription (Synapse 1.160 does not keep it), so the burst comes whole, not as the
	// list's one newest event with a gap before it (which the client would then fill from /messages).
	await new Promise((resolve) => setTimeout(resolve, 1000));
	const burstAt = Date.now();
	const held = binaries.proxy().hold(SLIDING);
	for (const n of [1, 2, 3]) await Api.for(bob).sendMessage(roomId, `burst ${n}`);
	await new Promise((resolve) => setTimeout(resolve, 500));
	held.release();
	const burst = await app.waitForText('Bob: burst 3');
	for (const n of [1, 2]) expect(burst, `burst ${n} on:\n${burst}`).toContain(`Bob: burst ${n}`);
	expect(burst).not.toContain('more messages not loaded');
	expect(binaries.proxy().requests(MESSAGES).filter((entry) => entry.at >= burstAt), 'a gap filled from /messages').toEqual([]);
	await send(app, 'typed over sliding sync');
	await expectDeliveredOnce(bob, roomId, alice.userId, ['typed over sliding sync'], 30_000);
	// Synapse's sliding sync counts nothing (0 and 0): the counts are ours, from the push rules.
	await Api.for(bob).sendMessage(sideRoom, {msgtype: 'm.text', body: 'Alice: over here', 'm.mentions': {user_ids: [alice.userId]}});
	await Api.for(bob).sendMessage(sideRoom, 'and a plain one');
	await app.waitForScreen((s) => /Sliding side room A\s+2!/.test(s), 'the side room’s badge: 2 unread, a mention among them');
	// A leave in the timeline changes the room's state too: the member list follows.
	await Api.for(bob).leave(roomId, 'off to the sliding pond');
	await app.waitForText('Bob left: off to the sliding pond');
	await app.waitForScreen((s) => s.includes('Joined (1)'), 'the member list without Bob');

	expect(binaries.proxy().requests(SLIDING).length, 'requests at the sliding sync path').toBeGreaterThan(0);
	expect(binaries.proxy().requests(CLASSIC_SYNC), 'requests at the classic /sync').toEqual([]);
});

test('sliding sync and encryption: Bob’s encrypted message is decrypted, and one typed reaches him encrypted', {timeout: 150_000}, async () => {
	const [alice, bob] = await registerNamed('Alice', 'Bob');
	const bobPeer = await startPeer(bob);
	const roomId = await Api.for(bob).createRoom({preset: 'private_chat', name: 'Sliding encrypted room', invite: [alice.userId], initial_state: [ENCRYPTION]});
	await Api.for(alice).join(roomId);
	const configDir = await binaries.configFor(alice);

	const app = await launchSliding(configDir, roomId, (s) => connected(s) && s.includes('# Sliding encrypted room'), 'connected over sliding sync, in the encrypted room');
	await peerSeesDevice(bobPeer, alice);
	await peerInEncryptedRoom(bobPeer, roomId, alice.userId);
	await bobPeer.sendTextMessage(roomId, 'a secret over sliding sync');
	await app.waitForText('Bob: a secret over sliding sync', 30_000);

	await send(app, 'a secret back');
	await peerReceives(bobPeer, roomId, alice.userId, 'a secret back');
	const mine = (await Api.for(bob).messages(roomId)).filter((event) => event['sender'] === alice.userId && !('state_key' in event));
	expect(mine.map((event) => event['type'])).toEqual(['m.room.encrypted']);
	expect(binaries.proxy().requests(CLASSIC_SYNC), 'requests at the classic /sync').toEqual([]);
});
