/**
 * Cross-signing and recovery end to end (issue 14). The real binary, in tmux, logs Alice in with
 * her password from the login form: her account gets cross-signing keys (the server says so).
 * Bob (a plain matrix-js-sdk client) writes in an encrypted room; `/recovery setup` shows a
 * recovery key in a panel, read off the screen. A second login of Alice's (a new device, its own
 * config directory) sees the old message as undecryptable, refuses a wrong key in one line, and
 * with the right key is verified and decrypts the message sent before it existed. The key is in
 * no file of either config directory (the SDK's log included), in no input history, and not in the terminal's scrollback
 * once its panel is closed.
 */
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import {randomBytes} from 'node:crypto';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {MatrixClient} from 'matrix-js-sdk';
import {encodeRecoveryKey} from 'matrix-js-sdk/lib/crypto-api/index.js';
import {afterAll, afterEach, beforeAll, expect, test} from 'vitest';
import {UNDECRYPTABLE_KEY} from '../../src/domain/undecryptable.js';
import {createQuietClient} from '../../src/matrix/client.js';
import {waitForAsync} from '../support/wait.js';
import {buildBinary} from './support/binary.js';
import {startClient, statusLine, stopClients} from './support/client.js';
import {Api, homeserverUrl, loginAgain, registerNamed, type Json, type RegisteredUser} from './support/homeserver.js';
import {pane} from './support/screen-text.js';
import {TmuxTerminal} from './support/tmux.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/matrix-tui.js');
const ENCRYPTION = {type: 'm.room.encryption', state_key: '', content: {algorithm: 'm.megolm.v1.aes-sha2'}};
/** 12 groups of 4 base58 characters. */
/** Bob's messages after the old one: more than the new device's first sync brings. */
const FILLERS = 35;
const RECOVERY_KEY = /(?:[1-9A-HJ-NP-Za-km-z]{4} ){11}[1-9A-HJ-NP-Za-km-z]{4}/;

let alice: RegisteredUser;
let bob: RegisteredUser;
let bobClient: MatrixClient;
let firstDir: string;
let secondDir: string;
const terminals: TmuxTerminal[] = [];

function cleanEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('MATRIX_')) env[name] = value;
	return {...env, TERM: 'xterm-256color', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8'};
}

beforeAll(async () => {
	await buildBinary();
	[alice, bob] = await registerNamed('Alice', 'Bob');
	firstDir = await mkdtemp(join(tmpdir(), 'recovery-e2e-first-'));
	secondDir = await mkdtemp(join(tmpdir(), 'recovery-e2e-second-'));
	bobClient = createQuietClient({baseUrl: homeserverUrl(), userId: bob.userId, deviceId: bob.deviceId, accessToken: bob.accessToken});
	await bobClient.initRustCrypto({useIndexedDB: false});
	await bobClient.startClient({initialSyncLimit: 10});
}, 240_000);

afterEach(async () => {
	stopClients();
	for (const terminal of terminals.splice(0)) await terminal.kill();
});

afterAll(async () => {
	bobClient.stopClient();
	await rm(firstDir, {recursive: true, force: true});
	await rm(secondDir, {recursive: true, force: true});
});

/** The account's cross-signing master key, as /keys/query serves it to anyone. */
async function masterKeyOf(user: RegisteredUser): Promise<unknown> {
	const answer = await Api.for(bob).request<Json>('POST', '/_matrix/client/v3/keys/query', {device_keys: {[user.userId]: []}});
	return (answer['master_keys'] as Json | undefined)?.[user.userId];
}

/** How many room keys the account's current key backup holds (0 if it has none). */
async function backedUpKeys(user: RegisteredUser): Promise<number> {
	try {
		const version = await Api.for(user).request<Json>('GET', '/_matrix/client/v3/room_keys/version');
		return typeof version['count'] === 'number' ? version['count'] : 0;
	} catch {
		return 0;
	}
}

/** Every file under `directory`, read as text (binary files too: a key in them would show). */
async function allFileText(directory: string): Promise<string> {
	const entries = await readdir(directory, {recursive: true, withFileTypes: true});
	const texts = await Promise.all(entries.filter((entry) => entry.isFile()).map((entry) => readFile(join(entry.parentPath, entry.name), 'latin1')));
	return texts.join('\n');
}

/** The first login: the binary's form, typed a key at a time as a person would. */
async function logInWithTheForm(roomId: string): Promise<TmuxTerminal> {
	const app = await TmuxTerminal.start([process.execPath, BIN, '--config-dir', firstDir, '--homeserver', homeserverUrl(), '--room', roomId], {
		columns: 150,
		rows: 34,
		cwd: ROOT,
		// The SDK's log, where a careless line would leak the key or the password, goes in the directory searched below.
		env: {...cleanEnv(), MATRIX_TUI_LOG: join(firstDir, 'sdk.log')},
	});
	terminals.push(app);
	await app.waitForText('matrix-tui — log in');
	await app.press('Enter');
	await app.waitForText('› User');
	const localpart = alice.userId.slice(1, alice.userId.indexOf(':'));
	await app.type(localpart);
	await app.waitForText(localpart);
	await app.press('Enter');
	await app.waitForText('› Password');
	await app.type(alice.password);
	await app.waitForText('•'.repeat(alice.password.length));
	await app.press('Enter');
	return app;
}

test('password login sets up cross-signing; /recovery setup shows a key once; a new device with it is verified and reads the old history', {timeout: 240_000}, async () => {
	const roomId = await Api.for(bob).createRoom({preset: 'private_chat', name: 'Recovery room', initial_state: [ENCRYPTION], invite: [alice.userId]});
	await Api.for(alice).join(roomId);
	expect(await masterKeyOf(alice)).toBeUndefined();

	// 1. Log in with the password: cross-signing is set up for the account, once, and said so.
	const first = await logInWithTheForm(roomId);
	let screen = await first.waitForText('Cross-signing is set up for your account', 60_000);
	expect(screen).not.toContain(alice.password);
	expect(await masterKeyOf(alice)).toBeDefined();

	// 2. Bob writes to Alice's first device; it reads it.
	const bobCrypto = bobClient.getCrypto()!;
	const firstDevice = String((JSON.parse(await readFile(join(firstDir, 'config.json'), 'utf8')) as {session: Json}).session['deviceId']);
	await waitForAsync(async () => (await bobCrypto.getUserDeviceInfo([alice.userId], true)).get(alice.userId)?.has(firstDevice), "Bob to see Alice's login device");
	await waitForAsync(async () => bobClient.getRoom(roomId)?.getMember(alice.userId)?.membership === 'join' && (await bobCrypto.isEncryptionEnabledInRoom(roomId)), "Bob's client to see Alice in the room");
	const {event_id: oldEventId} = await bobClient.sendTextMessage(roomId, 'written before the new device existed');
	await first.waitForText('Bob: written before the new device existed', 30_000);
	// More than a first sync brings (30): the new device reaches the old message only by /messages.
	for (let index = 1; index <= FILLERS; index++) await bobClient.sendTextMessage(roomId, `filler ${index}`);
	await first.waitForText(`Bob: filler ${FILLERS}`, 30_000);

	// 3. /recovery setup: the key shows in its panel, and nowhere once the panel is closed.
	await first.type('/recovery setup');
	await first.waitForText('> /recovery setup');
	await first.press('Enter');
	screen = await first.waitForText('Your recovery key — Esc or Enter closes', 60_000);
	const recoveryKey = RECOVERY_KEY.exec(screen)?.[0];
	expect(recoveryKey, screen).toBeDefined();
	await first.press('Escape');
	screen = await first.waitForScreen((s) => !s.includes('Your recovery key') && s.includes('Recovery is set up'), 'the panel closed');
	expect(screen).not.toContain(recoveryKey!);
	expect(await first.scrollback()).not.toContain(recoveryKey!);
	expect(await first.scrollback()).not.toContain(recoveryKey!.replaceAll(' ', ''));
	// The room key of Bob's message reaches the backup (uploads start after a random delay).
	await waitForAsync(async () => (await backedUpKeys(alice)) >= 1, 'the key backup to hold the room key', 60_000);
	// Gone before the new device asks: the backup is its only way to the old room key.
	await first.type('/quit');
	await first.press('Enter');
	expect(await first.waitForExit(20_000)).toBe(0);

	// 4. A new device of Alice's: the old message cannot be read, and it is told how to verify.
	const newDevice = await loginAgain(alice);
	const heldEvent = (eventId: string) => second.chat.store.getState().rooms.get(roomId)?.events.find((event) => event.event_id === eventId);
	const second = await startClient(newDevice, {columns: 160, rows: 40, crypto: {directory: join(secondDir, 'crypto'), storageKey: new Uint8Array(randomBytes(32))}, loginPassword: alice.password});
	second.chat.store.dispatch({type: 'select-room', roomId});
	await second.waitForText('This device is new to your account: verify it with /recovery <key>', 30_000);
	screen = await second.waitForScreen((s) => /🔒 unable to decrypt/.test(pane(s, 1)), 'the fillers undecryptable', 30_000);
	expect(pane(screen, 1)).not.toContain(`Bob: filler ${FILLERS}`);
	// Scrollback: the old message, from a /messages page the SDK never holds, undecryptable too.
	await waitForAsync(async () => {
		if (heldEvent(oldEventId)) return true;
		await second.session.perform({type: 'paginate-back', roomId});
		return Boolean(heldEvent(oldEventId));
	}, 'the old message in the held timeline');
	await waitForAsync(() => Promise.resolve(heldEvent(oldEventId)?.unsigned?.[UNDECRYPTABLE_KEY] !== undefined), 'the old message marked undecryptable');

	// 5. Wrong keys: one line each, nothing restored.
	second.submit(`/recovery ${encodeRecoveryKey(new Uint8Array(randomBytes(32)))}`);
	screen = await second.waitForText("That recovery key does not match this account's secret storage", 30_000);
	expect(statusLine(screen)).toContain("That recovery key does not match this account's secret storage");
	second.submit('/recovery EsTc 1234 not a key');
	expect(statusLine(await second.waitForText('That is not a recovery key', 30_000))).toContain('That is not a recovery key — check it for typos');

	// 6. The right key: verified, the backup restored, the old message decrypted in place.
	second.submit(`/recovery ${recoveryKey!}`);
	await second.waitForText('This device is verified', 60_000);
	await second.waitForScreen((s) => pane(s, 1).includes(`Bob: filler ${FILLERS}`) && !pane(s, 1).includes('🔒 unable to decrypt'), 'the fillers decrypted in place', 30_000);
	await waitForAsync(() => Promise.resolve(heldEvent(oldEventId)?.content?.['body'] === 'written before the new device existed'), 'the old message from scrollback decrypted in place');
	// Setup keeps the account's key; the new device holds the cross-signing keys (it is verified), so it could replace it.
	const setUpAgain = await second.session.perform({type: 'set-up-recovery'});
	expect(setUpAgain.ok && setUpAgain.value.kind).toBe('exists');
	const ownDevice = await second.session.perform({type: 'set-up-recovery', replace: true});
	expect(ownDevice.ok && ownDevice.value.kind).toBe('created');

	// 7. The key was kept nowhere: not in the input history, not in either config directory.
	const history = JSON.stringify([...second.chat.store.getState().history.values()]);
	expect(history).not.toContain(recoveryKey!);
	expect(history).not.toContain('/recovery');
	expect(second.screen()).not.toContain(recoveryKey!);
	expect((await readFile(join(firstDir, 'sdk.log'), 'utf8')).length).toBeGreaterThan(0);
	for (const directory of [firstDir, secondDir]) {
		const text = await allFileText(directory);
		expect(text).not.toContain(recoveryKey!);
		expect(text).not.toContain(recoveryKey!.replaceAll(' ', ''));
		expect(text).not.toContain(alice.password);
	}
});
