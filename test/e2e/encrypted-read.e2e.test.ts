/**
 * Issue 14, first step: the app reads encrypted rooms with its persistent crypto store. Bob (a
 * plain matrix-js-sdk client with the in-memory Rust crypto) writes in an encrypted room; Alice's
 * app shows it in the clear. Alice quits; Bob writes under a new room key, which reaches her device
 * only through the Olm session her store kept; Alice's app, started again on the same store,
 * shows the old message and the new one decrypted — the same device, one device.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {randomBytes} from 'node:crypto';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {MatrixClient} from 'matrix-js-sdk';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {createQuietClient} from '../../src/matrix/client.js';
import {waitForAsync} from '../support/wait.js';
import {startClient, statusLine, type TestClient} from './support/client.js';
import {Api, homeserverUrl, loginAgain, registerNamed, type RegisteredUser} from './support/homeserver.js';
import {pane} from './support/screen-text.js';

const ENCRYPTION = {type: 'm.room.encryption', state_key: '', content: {algorithm: 'm.megolm.v1.aes-sha2'}};

let alice: RegisteredUser;
let bob: RegisteredUser;
let bobClient: MatrixClient;
let directory: string;
const storageKey = new Uint8Array(randomBytes(32));

beforeAll(async () => {
	[alice, bob] = await registerNamed('Alice', 'Bob');
	directory = mkdtempSync(join(tmpdir(), 'encrypted-read-e2e-'));
	bobClient = createQuietClient({baseUrl: homeserverUrl(), userId: bob.userId, deviceId: bob.deviceId, accessToken: bob.accessToken});
	await bobClient.initRustCrypto({useIndexedDB: false});
	await bobClient.startClient({initialSyncLimit: 10});
});

afterAll(() => {
	bobClient.stopClient();
	rmSync(directory, {recursive: true, force: true});
});

async function aliceApp(): Promise<TestClient> {
	return startClient(alice, {columns: 160, rows: 40, crypto: {directory: join(directory, 'crypto'), storageKey}});
}

async function quit(app: TestClient): Promise<void> {
	app.stop();
	await app.session.closed();
}

test('the app shows an encrypted room in the clear, and after a restart on its store still does, with a message sent while it was away', {timeout: 180_000}, async () => {
	let app = await aliceApp();
	const bobCrypto = bobClient.getCrypto()!;
	// Alice's device keys go up once her crypto has started: Bob encrypts for them.
	await waitForAsync(async () => (await bobCrypto.getUserDeviceInfo([alice.userId], true)).get(alice.userId)?.has(alice.deviceId), "Bob to see Alice's device");
	const roomId = await Api.for(bob).createRoom({preset: 'private_chat', name: 'Encrypted room', initial_state: [ENCRYPTION], invite: [alice.userId]});
	await Api.for(alice).join(roomId);
	await waitForAsync(async () => bobClient.getRoom(roomId)?.getMember(alice.userId)?.membership === 'join' && (await bobCrypto.isEncryptionEnabledInRoom(roomId)), "Bob's client to see Alice in the encrypted room");
	await bobClient.sendTextMessage(roomId, 'secret before the restart');
	app.chat.store.dispatch({type: 'select-room', roomId});
	let screen = await app.waitForScreen((s) => pane(s, 1).includes('Bob: secret before the restart'), 'the message decrypted on screen', 30_000);
	expect(statusLine(screen)).not.toContain('Encryption is off');
	await quit(app);

	// A new room key, which reaches Alice's device only through the Olm session in her store.
	await bobCrypto.forceDiscardSession(roomId);
	await bobClient.sendTextMessage(roomId, 'secret while Alice was away');

	app = await aliceApp();
	app.chat.store.dispatch({type: 'select-room', roomId});
	screen = await app.waitForScreen((s) => pane(s, 1).includes('Bob: secret before the restart') && pane(s, 1).includes('Bob: secret while Alice was away'), 'both messages decrypted after the restart', 30_000);
	expect(pane(screen, 1)).not.toMatch(/🔒 (encrypted message|unable to decrypt)/);
	// The same device: Alice's account still has one.
	expect((await Api.for(alice).devices()).map((device) => device['device_id'])).toEqual([alice.deviceId]);
	await quit(app);

	// A new login of Alice's has no keys for what was sent before it: shown, never dropped, with why.
	const newDevice = await loginAgain(alice);
	app = await startClient(newDevice, {columns: 160, rows: 40, crypto: {directory: join(directory, 'crypto'), storageKey: new Uint8Array(randomBytes(32))}});
	app.chat.store.dispatch({type: 'select-room', roomId});
	screen = await app.waitForScreen((s) => (pane(s, 1).match(/Bob: 🔒 unable to decrypt: (waiting for the key|sent before this device joined)/g) ?? []).length >= 2, 'the old messages shown as undecryptable, with the reason', 30_000);
	expect(pane(screen, 1)).not.toContain('secret');
	await quit(app);
});
