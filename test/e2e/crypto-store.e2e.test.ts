/**
 * The persistent crypto store against the real Synapse: Alice's client keeps its Rust crypto in a
 * store folder (src/matrix/crypto-store), Bob is a plain matrix-js-sdk client with the in-memory
 * Rust crypto. Bob writes in an encrypted room; Alice's client is stopped, Bob writes again under
 * a new room key (sent to Alice's device over the Olm session her store must have kept), and a new
 * client on the same store, device ID and token decrypts both — and Bob still sees one device.
 * It also measures what the lead asked for: the first start (wasm + new store), the store's open
 * on a restart, and decrypting N messages from /messages, persistent store against memory.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Direction, MatrixEvent, type Device, type MatrixClient} from 'matrix-js-sdk';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {createQuietClient} from '../../src/matrix/client.js';
import {installIndexedDb, type IndexedDbFolder} from '../../src/matrix/crypto-store/indexeddb.js';
import {newStorageKey, startPersistentCrypto} from '../../src/matrix/crypto-store/persistent-crypto.js';
import {waitFor, waitForAsync} from '../support/wait.js';
import {Api, homeserverUrl, registerNamed, type RegisteredUser} from './support/homeserver.js';

const ENCRYPTION = {type: 'm.room.encryption', state_key: '', content: {algorithm: 'm.megolm.v1.aes-sha2'}};
/** Messages decrypted for the timing; E2EE.md's figures are for 505. */
const TIMED_MESSAGES = 100;

let alice: RegisteredUser;
let bob: RegisteredUser;
let directory: string;
let store: IndexedDbFolder;
const storageKey = newStorageKey();
const running: MatrixClient[] = [];

beforeAll(async () => {
	[alice, bob] = await registerNamed('Alice', 'Bob');
	directory = mkdtempSync(join(tmpdir(), 'crypto-store-e2e-'));
	store = installIndexedDb(join(directory, 'crypto'));
});

afterAll(async () => {
	for (const client of running) client.stopClient();
	await store.close();
	rmSync(directory, {recursive: true, force: true});
});

function clientOf(user: RegisteredUser): MatrixClient {
	const client = createQuietClient({baseUrl: homeserverUrl(), userId: user.userId, deviceId: user.deviceId, accessToken: user.accessToken});
	running.push(client);
	return client;
}

/** Alice on the store: returns the client and how long the crypto took to start. */
async function startAlice(): Promise<{client: MatrixClient; cryptoMs: number}> {
	const client = clientOf(alice);
	const started = performance.now();
	await startPersistentCrypto(client, {store, databasePrefix: 'alice', storageKey});
	const cryptoMs = performance.now() - started;
	await client.startClient({initialSyncLimit: 20});
	return {client, cryptoMs};
}

async function stop(client: MatrixClient): Promise<void> {
	client.stopClient();
	running.splice(running.indexOf(client), 1);
	await store.close();
}

/** The body of `eventId` in `client`'s live timeline, once it decrypted; throws on a failure to decrypt. */
async function decryptedBody(client: MatrixClient, roomId: string, eventId: string): Promise<string> {
	let seen: MatrixEvent | undefined;
	const body = await waitFor(
		() => {
			seen = client.getRoom(roomId)?.getLiveTimeline().getEvents().find((event) => event.getId() === eventId);
			if (!seen || seen.isBeingDecrypted() || seen.isDecryptionFailure()) return undefined;
			return seen.getType() === 'm.room.message' ? (seen.getContent()['body'] as string) : undefined;
		},
		{timeoutMs: 30_000, what: `${eventId} decrypted in ${client.getUserId()}'s timeline`, describe: () => (seen ? `${seen.getType()} ${seen.decryptionFailureReason ?? ''}` : 'not in the timeline')},
	);
	return body;
}

/** The last `count` events of the room from /messages, decrypted; how long the decryption took. */
async function timeDecryption(client: MatrixClient, roomId: string, count: number): Promise<{ms: number; bodies: string[]}> {
	const response = await client.createMessagesRequest(roomId, null, count, Direction.Backward);
	const encrypted = response.chunk.filter((event) => event.type === 'm.room.encrypted');
	const started = performance.now();
	// New events, not the timeline's (the SDK's event mapper would hand back those, decrypted already).
	const events = encrypted.map((raw) => new MatrixEvent(raw));
	await Promise.all(events.map((event) => client.decryptEventIfNeeded(event)));
	const ms = performance.now() - started;
	return {ms, bodies: events.map((event) => String(event.getContent()['body']))};
}

test('restarted on its store, the same device decrypts the old message and one sent under a new key while it was away', {timeout: 240_000}, async () => {
	const first = await startAlice();
	const bobClient = clientOf(bob);
	await bobClient.initRustCrypto({useIndexedDB: false});
	await bobClient.startClient({initialSyncLimit: 20});
	const bobCrypto = bobClient.getCrypto()!;
	// Bob must know Alice's device before he encrypts for her: it is uploaded after her first sync.
	const aliceDevices = async () => (await bobCrypto.getUserDeviceInfo([alice.userId], true)).get(alice.userId);
	let devices: Awaited<ReturnType<typeof aliceDevices>>;
	await waitForAsync(async () => (devices = await aliceDevices())?.has(alice.deviceId), 'Bob to see Alice’s device keys');

	const roomId = await Api.for(bob).createRoom({preset: 'private_chat', name: 'Store room', initial_state: [ENCRYPTION], invite: [alice.userId]});
	await Api.for(alice).join(roomId);
	await waitForAsync(
		async () => bobClient.getRoom(roomId)?.getMember(alice.userId)?.membership === 'join' && (await bobCrypto.isEncryptionEnabledInRoom(roomId)),
		'Bob’s client to see the encrypted room with Alice in it',
	);
	const old = await bobClient.sendTextMessage(roomId, 'sent before the restart');
	expect(await decryptedBody(first.client, roomId, old.event_id)).toBe('sent before the restart');
	await stop(first.client);

	// A new room key, which reaches Alice's device only through the Olm session in her store.
	await bobCrypto.forceDiscardSession(roomId);
	const whileAway = await bobClient.sendTextMessage(roomId, 'sent while Alice was away');

	const second = await startAlice();
	expect(await second.client.getCrypto()!.getOwnDeviceKeys()).toEqual(publishedKeys(devices!.get(alice.deviceId)!));
	expect(await decryptedBody(second.client, roomId, old.event_id)).toBe('sent before the restart');
	expect(await decryptedBody(second.client, roomId, whileAway.event_id)).toBe('sent while Alice was away');
	const after = await bobClient.sendTextMessage(roomId, 'sent after the restart');
	expect(await decryptedBody(second.client, roomId, after.event_id)).toBe('sent after the restart');

	// One device: as Bob's crypto sees it, and as the server lists it.
	const seenByBob = await bobCrypto.getUserDeviceInfo([alice.userId], true);
	expect([...seenByBob.get(alice.userId)!.keys()]).toEqual([alice.deviceId]);
	expect((await Api.for(alice).devices()).map((device) => device['device_id'])).toEqual([alice.deviceId]);

	// The timing: N messages under a new room key every two, read back from /messages.
	for (let n = 0; n < TIMED_MESSAGES; n++) {
		if (n % 2 === 0) await bobCrypto.forceDiscardSession(roomId);
		await bobClient.sendTextMessage(roomId, `timed ${n}`);
	}
	const expected = Array.from({length: TIMED_MESSAGES}, (_, n) => `timed ${TIMED_MESSAGES - 1 - n}`);
	await waitFor(() => second.client.getRoom(roomId)?.getLiveTimeline().getEvents().some((event) => event.getContent()['body'] === `timed ${TIMED_MESSAGES - 1}`), {timeoutMs: 30_000, what: 'the last timed message to reach Alice'});
	const firstPass = await timeDecryption(second.client, roomId, TIMED_MESSAGES);
	const secondPass = await timeDecryption(second.client, roomId, TIMED_MESSAGES);
	const memory = await timeDecryption(bobClient, roomId, TIMED_MESSAGES);
	expect(firstPass.bodies).toEqual(expected);
	expect(memory.bodies).toEqual(expected);
	console.log(
		`crypto store figures: first start (wasm + new store) ${first.cryptoMs.toFixed(0)} ms; store open on restart ${second.cryptoMs.toFixed(0)} ms; ` +
			`decrypt ${TIMED_MESSAGES} from /messages: persistent ${firstPass.ms.toFixed(0)} ms, again ${secondPass.ms.toFixed(0)} ms; in-memory ${memory.ms.toFixed(0)} ms`,
	);
});

/** The identity keys Alice's device published before the restart, as Bob fetched them. */
function publishedKeys(device: Device): {ed25519: string; curve25519: string} {
	return {ed25519: device.getFingerprint()!, curve25519: device.getIdentityKey()!};
}
