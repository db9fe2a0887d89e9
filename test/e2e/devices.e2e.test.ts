/**
 * Issue 14, devices and trust, the real binary in tmux against Synapse. Two logins of Alice's
 * account: /devices lists both, this one marked; /devices delete of the other asks the password in
 * the composer (a wrong one is one line), then deletes it, and /devices shows one. A message from
 * Bob's device — a plain matrix-js-sdk client with Rust crypto, which no cross-signing vouches
 * for — carries the unverified-device marker in the binary's timeline.
 */
import type {MatrixClient} from 'matrix-js-sdk';
import {afterAll, afterEach, beforeAll, expect, test} from 'vitest';
import {createQuietClient} from '../../src/matrix/client.js';
import {waitForAsync} from '../support/wait.js';
import {buildBinary, configWithSession, removeConfig, startBinary} from './support/binary.js';
import {Api, homeserverUrl, loginAgain, registerNamed} from './support/homeserver.js';
import type {TmuxTerminal} from './support/tmux.js';

const ENCRYPTION = {type: 'm.room.encryption', state_key: '', content: {algorithm: 'm.megolm.v1.aes-sha2'}};
const terminals: TmuxTerminal[] = [];
const configDirs: string[] = [];
const clients: MatrixClient[] = [];

beforeAll(() => buildBinary(), 180_000);

afterEach(async () => {
	for (const terminal of terminals.splice(0)) await terminal.kill();
	for (const directory of configDirs.splice(0)) await removeConfig(directory);
	for (const client of clients.splice(0)) client.stopClient();
});

afterAll(async () => {
	for (const client of clients.splice(0)) client.stopClient();
});

const connected = (screen: string) => /● connected /.test(screen);
const statusLine = (screen: string) => screen.trimEnd().split('\n').at(-1) ?? '';

async function launch(configDir: string, room?: string): Promise<TmuxTerminal> {
	const app = await startBinary(configDir, room ? {room} : {});
	terminals.push(app);
	await app.waitForScreen(connected, 'the binary connected', 30_000);
	return app;
}

async function run(app: TmuxTerminal, command: string): Promise<void> {
	await app.type(command);
	await app.waitForText(`> ${command}`);
	await app.press('Enter');
}

test('/devices lists both logins, this one marked; /devices delete asks the password, refuses a wrong one, deletes the other', {timeout: 150_000}, async () => {
	const [alice] = await registerNamed('Alice');
	const other = await loginAgain(alice);
	const configDir = await configWithSession(alice, homeserverUrl());
	configDirs.push(configDir);
	const app = await launch(configDir);

	await run(app, '/devices');
	let screen = await app.waitForScreen((s) => s.includes('Your devices (2)'), 'the devices panel with both logins');
	const row = (deviceId: string) => screen.split('\n').find((line) => line.includes(` ${deviceId} `)) ?? '';
	expect(row(alice.deviceId)).toMatch(/▸ .*matrix-tui e2e .*last seen .*\(this device\)/);
	expect(row(other.deviceId)).toMatch(/matrix-tui e2e, again/);
	expect(row(other.deviceId)).not.toContain('(this device)');

	await run(app, `/devices delete ${other.deviceId}`);
	await app.waitForScreen((s) => statusLine(s).includes(`Your password to delete device ${other.deviceId}`), 'the password prompt');
	await app.type('not the password');
	screen = await app.waitForScreen((s) => s.includes('••••'), 'the password masked');
	expect(screen).not.toContain('not the password');
	await app.press('Enter');
	await app.waitForScreen((s) => statusLine(s).includes(`Device ${other.deviceId} not deleted: wrong password`), 'one line for the wrong password');

	await run(app, `/devices delete ${other.deviceId}`);
	await app.waitForScreen((s) => statusLine(s).includes(`Your password to delete device ${other.deviceId}`), 'the password prompt again');
	await app.type(alice.password);
	await app.press('Enter');
	screen = await app.waitForScreen((s) => statusLine(s).includes(`Deleted device ${other.deviceId}`) && s.includes('Your devices (1)'), 'the device deleted, the list refreshed');
	expect(screen).not.toContain(alice.password);
	expect((await Api.for(alice).devices()).map((device) => device['device_id'])).toEqual([alice.deviceId]);

	await run(app, `/devices delete ${alice.deviceId}`);
	await app.waitForScreen((s) => statusLine(s).includes(`${alice.deviceId} is this device`), 'this device refused');
});

test('a message from a device its owner has not verified carries the marker', {timeout: 150_000}, async () => {
	const [alice, bob] = await registerNamed('Alice', 'Bob');
	const configDir = await configWithSession(alice, homeserverUrl());
	configDirs.push(configDir);
	const roomId = await Api.for(bob).createRoom({preset: 'private_chat', name: 'Marked room', initial_state: [ENCRYPTION], invite: [alice.userId]});
	await Api.for(alice).join(roomId);
	const app = await launch(configDir, roomId);

	const bobClient = createQuietClient({baseUrl: homeserverUrl(), userId: bob.userId, deviceId: bob.deviceId, accessToken: bob.accessToken});
	clients.push(bobClient);
	await bobClient.initRustCrypto({useIndexedDB: false});
	await bobClient.startClient({initialSyncLimit: 10});
	const bobCrypto = bobClient.getCrypto()!;
	await waitForAsync(async () => (await bobCrypto.getUserDeviceInfo([alice.userId], true)).get(alice.userId)?.has(alice.deviceId), "Bob to see the binary's device");
	await waitForAsync(async () => bobClient.getRoom(roomId)?.getMember(alice.userId)?.membership === 'join' && (await bobCrypto.isEncryptionEnabledInRoom(roomId)), 'Bob in the encrypted room with Alice');
	await bobClient.sendTextMessage(roomId, 'from an unverified device');
	const screen = await app.waitForText(/Bob: from an unverified device ⚠/, 30_000);
	expect(screen).not.toContain('unable to decrypt');
});
