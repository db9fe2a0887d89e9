/**
 * /recovery on an account that has a recovery key (issue 14), the real binary in tmux against
 * Synapse. Setup once shows K1; setup again keeps it — one line that says how to go on, and the
 * server's default secret-storage key and key backup unchanged. /recovery reset asks first ("no"
 * changes nothing); "y" makes K2 and a new key backup, shown once in the panel. A second device
 * (a new login) then gets the clear "wrong key" line for K1, and with K2 is verified and decrypts
 * a message sent before the reset, from the new backup. Neither key stays in the scrollback.
 */
import {mkdtemp, rm} from 'node:fs/promises';
import {randomBytes} from 'node:crypto';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, expect, test} from 'vitest';
import {waitForAsync} from '../support/wait.js';
import {buildBinary, configWithSession, removeConfig, startBinary} from './support/binary.js';
import {startClient, statusLine, stopClients} from './support/client.js';
import {shownAs} from './support/delivery.js';
import {Api, homeserverUrl, loginAgain, registerNamed, type Json, type RegisteredUser} from './support/homeserver.js';
import {pane} from './support/screen-text.js';
import type {TmuxTerminal} from './support/tmux.js';

const ENCRYPTION = {type: 'm.room.encryption', state_key: '', content: {algorithm: 'm.megolm.v1.aes-sha2'}};
/** 12 groups of 4 base58 characters. */
const RECOVERY_KEY = /(?:[1-9A-HJ-NP-Za-km-z]{4} ){11}[1-9A-HJ-NP-Za-km-z]{4}/;
const PANEL = 'Your recovery key — Esc or Enter closes';
const ALREADY = 'Recovery is already set up — /recovery <key> uses your key here; /recovery reset makes a new one (the old key stops working)';
const CONFIRM = 'Replace your recovery key? Type y to confirm, anything else cancels';
const BEFORE = 'said before the reset';

let alice: RegisteredUser;
let configDir: string;
let cryptoDir: string;
const terminals: TmuxTerminal[] = [];

beforeAll(async () => {
	await buildBinary();
	[alice] = await registerNamed('Alice');
	configDir = await configWithSession(alice, homeserverUrl());
	cryptoDir = await mkdtemp(join(tmpdir(), 'recovery-reset-e2e-second-'));
}, 240_000);

afterEach(async () => {
	stopClients();
	for (const terminal of terminals.splice(0)) await terminal.kill();
});

afterAll(async () => {
	await removeConfig(configDir);
	await rm(cryptoDir, {recursive: true, force: true});
});

/** What the server holds now: the default secret-storage key's ID and the key backup's version. */
async function onServer(): Promise<{defaultKey: unknown; backup: unknown; count: unknown}> {
	const api = Api.for(alice);
	const {key} = await api.request<Json>('GET', `/_matrix/client/v3/user/${encodeURIComponent(alice.userId)}/account_data/m.secret_storage.default_key`);
	const version = await api.request<Json>('GET', '/_matrix/client/v3/room_keys/version');
	return {defaultKey: key, backup: version['version'], count: version['count']};
}

async function command(app: TmuxTerminal, text: string): Promise<void> {
	await app.type(text);
	await app.waitForText(`> ${text}`);
	await app.press('Enter');
}

/** Reads the key off the panel and closes it; the panel must have been asked for. */
async function keyFromPanel(app: TmuxTerminal, after: string): Promise<string> {
	const screen = await app.waitForText(PANEL, 60_000);
	const key = RECOVERY_KEY.exec(screen)?.[0];
	expect(key, screen).toBeDefined();
	await app.press('Escape');
	await app.waitForScreen((s) => !s.includes(PANEL) && s.includes(after), 'the panel closed');
	return key!;
}

test('setup keeps an existing key; reset, once confirmed, replaces it: the new key works on another device, the old one is refused', {timeout: 240_000}, async () => {
	const roomId = await Api.for(alice).createRoom({preset: 'private_chat', name: 'Reset room', initial_state: [ENCRYPTION]});
	const app = await startBinary(configDir, {room: roomId, columns: 200, rows: 34});
	terminals.push(app);
	await app.waitForText('# Reset room', 30_000);
	await command(app, BEFORE);
	await app.waitForScreen((s) => shownAs(s, BEFORE) === 'sent', 'the message sent', 30_000);

	// 1. The first setup: K1 (Synapse takes an account's first cross-signing keys without a password).
	await command(app, '/recovery setup');
	const first = await keyFromPanel(app, 'Recovery is set up');
	const before = await onServer();
	expect(before.defaultKey).toEqual(expect.any(String));

	// 2. Setup again: one line, no panel, nothing replaced on the server.
	await command(app, '/recovery setup');
	let screen = await app.waitForText(ALREADY, 30_000);
	expect(screen).not.toContain(PANEL);
	const kept = await onServer();
	expect([kept.defaultKey, kept.backup]).toEqual([before.defaultKey, before.backup]);

	// 3. Reset, answered "no": nothing replaced.
	await command(app, '/recovery reset');
	await app.waitForText(CONFIRM, 30_000);
	await command(app, 'no');
	await app.waitForText('Recovery reset cancelled — your recovery key is unchanged');
	expect((await onServer()).defaultKey).toBe(before.defaultKey);

	// 4. Reset, answered "y": K2, a new default key and a new key backup.
	await command(app, '/recovery reset');
	await app.waitForText(CONFIRM, 30_000);
	await command(app, 'y');
	const second = await keyFromPanel(app, 'Recovery key replaced');
	expect(second).not.toBe(first);
	const after = await onServer();
	expect(after.defaultKey).toEqual(expect.any(String));
	expect(after.defaultKey).not.toBe(before.defaultKey);
	expect(after.backup).not.toBe(before.backup);
	for (const key of [first, second]) expect(await app.scrollback()).not.toContain(key);
	// The room key of the message before the reset goes up to the new backup (after a random delay).
	await waitForAsync(async () => Number((await onServer()).count) >= 1, 'the new key backup to hold the room key', 60_000);
	await command(app, '/quit');
	expect(await app.waitForExit(20_000)).toBe(0);

	// 5. Another device: K1 is refused in one line; K2 verifies it and restores the old message.
	const device = await loginAgain(alice);
	const other = await startClient(device, {columns: 160, rows: 40, crypto: {directory: join(cryptoDir, 'crypto'), storageKey: new Uint8Array(randomBytes(32))}, loginPassword: alice.password});
	other.chat.store.dispatch({type: 'select-room', roomId});
	await other.waitForScreen((s) => pane(s, 1).includes('🔒 unable to decrypt'), 'the old message undecryptable', 30_000);
	other.submit(`/recovery ${first}`);
	screen = await other.waitForText("That recovery key does not match this account's secret storage", 30_000);
	expect(statusLine(screen)).toContain("That recovery key does not match this account's secret storage");
	other.submit(`/recovery ${second}`);
	screen = await other.waitForText('This device is verified', 60_000);
	expect(statusLine(screen)).toMatch(/This device is verified; [1-9]\d* of \d+ keys? restored from the backup/);
	await other.waitForScreen((s) => pane(s, 1).includes(`Alice: ${BEFORE}`) && !pane(s, 1).includes('🔒 unable to decrypt'), 'the old message decrypted in place', 30_000);
});
