/**
 * Issue 14, cross-signing and /verify @user with the real binary in tmux. Alice logs in with her
 * password in the login form: her account gets cross-signing keys on the server (master and
 * self-signing, this device signed by the latter) and the password is in no file of the config
 * directory. Bob, a plain matrix-js-sdk client with Rust crypto and cross-signing of his own,
 * shares a direct chat with her: he cancels her first /verify @bob (one line), accepts the second,
 * both see the same emoji and confirm; then her member list marks him verified and his messages
 * carry no unverified marker.
 */
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {MatrixClient} from 'matrix-js-sdk';
import {VerificationPhase, VerifierEvent, type ShowSasCallbacks, type Verifier} from 'matrix-js-sdk/lib/crypto-api/index.js';
import {afterEach, beforeAll, expect, test} from 'vitest';
import {waitForAsync, within} from '../support/wait.js';
import {buildBinary} from './support/binary.js';
import {describeRequest, PeerRequests, peerInEncryptedRoom, peerSeesDevice, startCryptoPeer} from './support/crypto-peer.js';
import {Api, homeserverUrl, registerNamed, type Json, type RegisteredUser} from './support/homeserver.js';
import {TmuxTerminal} from './support/tmux.js';
import {namesShown} from './support/screen-text.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const ENCRYPTION = {type: 'm.room.encryption', state_key: '', content: {algorithm: 'm.megolm.v1.aes-sha2'}};
const terminals: TmuxTerminal[] = [];
const directories: string[] = [];
const clients: MatrixClient[] = [];

beforeAll(() => buildBinary(), 180_000);

afterEach(async () => {
	for (const terminal of terminals.splice(0)) await terminal.kill();
	for (const directory of directories.splice(0)) await rm(directory, {recursive: true, force: true});
	for (const client of clients.splice(0)) client.stopClient();
});

const statusLine = (screen: string) => screen.trimEnd().split('\n').at(-1) ?? '';

function cleanEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('MATRIX_')) env[name] = value;
	return {...env, TERM: 'xterm-256color', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8'};
}

/** The binary's login form, typed a key at a time; the SDK's log goes into the config directory too. */
async function logInWithTheForm(user: RegisteredUser, configDir: string, roomId: string): Promise<TmuxTerminal> {
	const argv = [process.execPath, join(ROOT, 'bin/matrix-tui.js'), '--config-dir', configDir, '--homeserver', homeserverUrl(), '--room', roomId];
	const app = await TmuxTerminal.start(argv, {columns: 160, rows: 34, cwd: ROOT, env: {...cleanEnv(), MATRIX_TUI_LOG: join(configDir, 'sdk.log')}});
	terminals.push(app);
	await app.waitForText('matrix-tui — log in');
	await app.press('Enter');
	await app.waitForText('› User');
	const localpart = user.userId.slice(1, user.userId.indexOf(':'));
	await app.type(localpart);
	await app.waitForText(localpart);
	await app.press('Enter');
	await app.waitForText('› Password');
	await app.type(user.password);
	await app.waitForText('•'.repeat(user.password.length));
	await app.press('Enter');
	return app;
}

async function run(app: TmuxTerminal, command: string): Promise<void> {
	await app.type(command);
	await app.waitForText(`> ${command}`);
	await app.press('Enter');
}

/** Every file under `directory`, read as text (binary ones too: a password in them would show). */
async function allFileText(directory: string): Promise<string> {
	const entries = await readdir(directory, {recursive: true, withFileTypes: true});
	const texts = await Promise.all(entries.filter((entry) => entry.isFile()).map((entry) => readFile(join(entry.parentPath, entry.name), 'latin1')));
	return texts.join('\n');
}

/** The key's ID ("ed25519:…") in a cross-signing key object of /keys/query. */
function keyId(key: unknown): string | undefined {
	const keys = (key as {keys?: Record<string, string>} | undefined)?.keys;
	return keys ? Object.keys(keys)[0] : undefined;
}

/** What the binary shows and what its SDK last said about verification: a timeout's message, to see which side stalled. */
async function binaryState(app: TmuxTerminal, configDir: string): Promise<string> {
	const log = await readFile(join(configDir, 'sdk.log'), 'utf8').catch(() => '');
	const said = log.split('\n').filter((line) => /verif|to-device|keys\/query/i.test(line)).slice(-12);
	return `the binary's screen:\n${await app.screen()}\nits SDK's last words on verification:\n${said.join('\n') || '  (none)'}`;
}

/** The emoji the peer's verifier shows, armed before verify() so the event cannot pass unseen. */
function emojiShown(verifier: Verifier): Promise<ShowSasCallbacks> {
	return new Promise<ShowSasCallbacks>((resolve) => verifier.once(VerifierEvent.ShowSas, resolve));
}

test('password login: cross-signing on the server, the password in no file; /verify @bob cancelled there, then done: Bob marked verified', {timeout: 240_000}, async () => {
	const [alice, bob] = await registerNamed('Alice', 'Bob');
	const bobClient = await startCryptoPeer(bob);
	clients.push(bobClient);
	const bobCrossSigning = bobClient.getCrypto()!.bootstrapCrossSigning({
		authUploadDeviceSigningKeys: (makeRequest) => makeRequest({type: 'm.login.password', identifier: {type: 'm.id.user', user: bob.userId}, password: bob.password}).then(() => undefined),
	});
	await within(bobCrossSigning, "Bob's cross-signing keys on the server", {timeoutMs: 30_000});
	const roomId = await Api.for(bob).createRoom({is_direct: true, preset: 'trusted_private_chat', name: 'Alice and Bob', initial_state: [ENCRYPTION], invite: [alice.userId]});
	await Api.for(alice).join(roomId);
	const configDir = await mkdtemp(join(tmpdir(), 'verify-user-e2e-'));
	directories.push(configDir);

	// 1. The password login sets up cross-signing: the server holds the keys, this device is signed.
	const app = await logInWithTheForm(alice, configDir, roomId);
	// A session that stopped (its line in the status bar) will not set anything up: no use waiting on.
	const setUp = await app.waitForScreen((s) => s.includes('Cross-signing is set up for your account') || s.includes('● stopped'), 'cross-signing set up at login', 60_000);
	expect(statusLine(setUp)).not.toContain('● stopped');
	expect(setUp).toContain('Cross-signing is set up for your account');
	const deviceId = String((JSON.parse(await readFile(join(configDir, 'config.json'), 'utf8')) as {session: Json}).session['deviceId']);
	const keys = await Api.for(bob).request<Json>('POST', '/_matrix/client/v3/keys/query', {device_keys: {[alice.userId]: []}});
	const master = keyId((keys['master_keys'] as Json | undefined)?.[alice.userId]);
	const selfSigning = keyId((keys['self_signing_keys'] as Json | undefined)?.[alice.userId]);
	expect(master).toMatch(/^ed25519:/);
	expect(selfSigning).toMatch(/^ed25519:/);
	const device = ((keys['device_keys'] as Record<string, Record<string, {signatures?: Record<string, Record<string, string>>}>>)[alice.userId] ?? {})[deviceId];
	expect(Object.keys(device?.signatures?.[alice.userId] ?? {})).toContain(selfSigning);
	expect(await allFileText(configDir)).not.toContain(alice.password);

	// 2. Bob and the binary see each other; Bob's message shows, not yet verified.
	const binary = () => binaryState(app, configDir);
	await peerSeesDevice(bobClient, {userId: alice.userId, deviceId});
	await peerInEncryptedRoom(bobClient, roomId, alice.userId);
	await bobClient.sendTextMessage(roomId, 'before the verification');
	let screen = await app.waitForText('Bob: before the verification', 30_000);
	expect(screen).not.toMatch(/Bob\s*✓/);

	// 3. Bob cancels the first request: one line on Alice's screen.
	const requests = new PeerRequests(bobClient, roomId);
	await run(app, `/verify ${bob.userId}`);
	await app.waitForScreen((s) => s.includes(`Verify ${bob.userId}`) && s.includes('Waiting for the other side'), 'the binary waiting for Bob', 30_000);
	const first = await requests.next('the first request to reach Bob', binary);
	await within(first.cancel(), 'Bob to cancel the first request', {timeoutMs: 30_000, describe: () => describeRequest(first)});
	screen = await app.waitForScreen((s) => statusLine(s).includes('Verification cancelled by the other side (they cancelled) — nothing was verified'), 'one line: Bob cancelled', 30_000);
	expect(screen).not.toContain('Waiting for the other side');

	// 4. The second: Bob accepts, both see the same emoji, both confirm.
	await run(app, `/verify ${bob.userId}`);
	const request = await requests.next('the second request to reach Bob', binary);
	const peer = async () => `${await binary()}\nBob's request: ${describeRequest(request)}\n${requests.describe()}`;
	await within(request.accept(), 'Bob to accept', {timeoutMs: 30_000, describe: peer});
	await waitForAsync(async () => request.verifier !== undefined, 'the binary to start the emoji exchange', 30_000, peer);
	const verifier = request.verifier!;
	const sas = emojiShown(verifier);
	const done = verifier.verify();
	// verify() rejects if the exchange is cancelled: awaited below, it must not count as unhandled before.
	done.catch(() => undefined);
	const shown = await within(sas, 'the emoji on Bob\'s side', {timeoutMs: 30_000, describe: peer});
	const names = shown.sas.emoji!.map(([, name]) => name);
	expect(names).toHaveLength(7);
	await app.waitForScreen((s) => namesShown(s, names), `the same 7 emoji on the binary: ${names.join(', ')}`, 30_000);
	await within(shown.confirm(), 'Bob to confirm the emoji', {timeoutMs: 30_000, describe: peer});
	await app.press('y');
	await within(done, 'the verification done on Bob\'s side', {timeoutMs: 30_000, describe: peer});
	await app.waitForScreen((s) => statusLine(s).includes(`Verified ${bob.userId} — the emoji matched`), 'one line: verified', 30_000);
	expect(request.phase).toBe(VerificationPhase.Done);

	// 5. Bob is marked verified in the member list, on its own (no new event needed to redraw it);
	// his messages carry no unverified marker.
	await app.waitForScreen((s) => /Bob\s*✓/.test(s), 'Bob marked verified in the member list', 30_000);
	const bobTrust = async () => String((await bobClient.getCrypto()!.getUserVerificationStatus(alice.userId)).isCrossSigningVerified());
	await waitForAsync(async () => (await bobTrust()) === 'true', 'Bob to trust Alice too', 30_000, async () => `Bob trusts Alice: ${await bobTrust()}`);
	await within(bobClient.sendTextMessage(roomId, 'after the verification'), 'Bob to send his second message', {timeoutMs: 30_000});
	screen = await app.waitForScreen((s) => /Bob\s*✓/.test(s) && s.includes('Bob: after the verification'), 'Bob marked verified and his new message', 30_000);
	const bobLines = screen.split('\n').filter((line) => line.includes('Bob: '));
	expect(bobLines.length).toBeGreaterThanOrEqual(2);
	for (const line of bobLines) expect(line).not.toContain('⚠');
});
