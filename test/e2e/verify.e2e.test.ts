/**
 * Issue 14, SAS emoji verification between the real binary in tmux and a second login of the same
 * account: a plain matrix-js-sdk client with Rust crypto, scripted here. /verify from the binary:
 * the other device accepts and confirms, the binary's user compares the 7 emoji and presses y, and
 * /devices shows the other device verified. A request from the other device opens the binary's
 * prompt; accepted, then cancelled over there, it ends in one line.
 */
import type {MatrixClient} from 'matrix-js-sdk';
import {CryptoEvent, VerificationPhase, VerifierEvent, type ShowSasCallbacks, type VerificationRequest} from 'matrix-js-sdk/lib/crypto-api/index.js';
import {afterEach, beforeAll, expect, test} from 'vitest';
import {createQuietClient} from '../../src/matrix/client.js';
import {waitFor, waitForAsync} from '../support/wait.js';
import {buildBinary, configWithSession, removeConfig, startBinary} from './support/binary.js';
import {homeserverUrl, loginAgain, registerNamed, type RegisteredUser} from './support/homeserver.js';
import type {TmuxTerminal} from './support/tmux.js';
import {namesShown} from './support/screen-text.js';

const terminals: TmuxTerminal[] = [];
const configDirs: string[] = [];
const clients: MatrixClient[] = [];

beforeAll(() => buildBinary(), 180_000);

afterEach(async () => {
	for (const terminal of terminals.splice(0)) await terminal.kill();
	for (const directory of configDirs.splice(0)) await removeConfig(directory);
	for (const client of clients.splice(0)) client.stopClient();
});

const connected = (screen: string) => /● connected /.test(screen);
const statusLine = (screen: string) => screen.trimEnd().split('\n').at(-1) ?? '';

async function run(app: TmuxTerminal, command: string): Promise<void> {
	await app.type(command);
	await app.waitForText(`> ${command}`);
	await app.press('Enter');
}

/** The binary as Alice, and her second device: a Rust-crypto client that has fetched the binary's keys. */
async function setUp(): Promise<{alice: RegisteredUser; other: RegisteredUser; app: TmuxTerminal; client: MatrixClient}> {
	const [alice] = await registerNamed('Alice');
	const other = await loginAgain(alice);
	const configDir = await configWithSession(alice, homeserverUrl());
	configDirs.push(configDir);
	const app = await startBinary(configDir);
	terminals.push(app);
	await app.waitForScreen(connected, 'the binary connected', 30_000);
	const client = createQuietClient({baseUrl: homeserverUrl(), userId: other.userId, deviceId: other.deviceId, accessToken: other.accessToken});
	clients.push(client);
	await client.initRustCrypto({useIndexedDB: false});
	await client.startClient({initialSyncLimit: 1});
	// Requests were seen never to arrive until each side had the other's keys (E2EE.md).
	await waitForAsync(async () => (await client.getCrypto()!.getUserDeviceInfo([alice.userId], true)).get(alice.userId)?.has(alice.deviceId), "the other device to see the binary's keys");
	return {alice, other, app, client};
}

/** The next verification request the client receives. */
function nextRequest(client: MatrixClient): Promise<VerificationRequest> {
	return new Promise((resolve) => client.once(CryptoEvent.VerificationRequestReceived, resolve));
}

test('/verify: the other device accepts and confirms, the user compares the emoji and presses y; then /devices shows it verified', {timeout: 150_000}, async () => {
	const {other, app, client} = await setUp();
	const otherRow = (screen: string) => screen.split('\n').find((line) => line.includes(` ${other.deviceId} `)) ?? '';
	await run(app, '/devices');
	const before = await app.waitForScreen((s) => s.includes('Your devices (2)'), 'the devices panel before');
	expect(otherRow(before)).toContain('not verified');
	await app.press('Escape');
	await app.waitForScreen((s) => !s.includes('Your devices'), 'the panel closed');

	const incoming = nextRequest(client);
	await run(app, '/verify');
	await app.waitForScreen((s) => s.includes(`Verify your device ${other.deviceId}`) && s.includes('Waiting for the other side'), 'the binary waiting for an answer');

	const request = await incoming;
	await request.accept();
	const verifier = await waitFor(() => request.verifier, {timeoutMs: 30_000, what: 'the binary to start the emoji exchange'});
	const sas = new Promise<ShowSasCallbacks>((resolve) => verifier.once(VerifierEvent.ShowSas, resolve));
	const done = verifier.verify();
	const shown = await sas;
	const names = shown.sas.emoji!.map(([, name]) => name);
	expect(names).toHaveLength(7);
	const screen = await app.waitForScreen((s) => namesShown(s, names), `the same 7 emoji on the binary: ${names.join(', ')}`, 30_000);
	expect(screen).toContain('y: they match');
	expect(screen).toContain("n: they don't match");
	await shown.confirm();
	await app.press('y');
	await done;
	await app.waitForScreen((s) => statusLine(s).includes(`Verified your device ${other.deviceId} — the emoji matched`), 'one line: verified', 30_000);
	expect(request.phase).toBe(VerificationPhase.Done);

	await run(app, '/devices');
	const devices = await app.waitForScreen((s) => s.includes('Your devices (2)'), 'the devices panel');
	expect(otherRow(devices)).toMatch(/\sverified\s/);
	expect(otherRow(devices)).not.toContain('not verified');
});

test('a request from the other device opens the prompt; accepted, then cancelled over there: one line', {timeout: 150_000}, async () => {
	const {alice, other, app, client} = await setUp();
	// A request from a device the binary has no keys for is dropped by its crypto: /devices fetches them.
	await run(app, '/devices');
	await app.waitForScreen((s) => s.split('\n').some((line) => line.includes(` ${other.deviceId} `) && line.includes('not verified')), "the binary to have the other device's keys");
	await app.press('Escape');
	await app.waitForScreen((s) => !s.includes('Your devices'), 'the panel closed');
	const request = await client.getCrypto()!.requestDeviceVerification(alice.userId, alice.deviceId);
	let screen = await app.waitForScreen((s) => s.includes(`Verify your device ${other.deviceId}`) && s.includes('a: accept'), 'the incoming request prompt', 30_000);
	expect(screen).toContain('d / Esc: decline');
	await app.press('a');
	await waitFor(() => request.phase === VerificationPhase.Ready, {timeoutMs: 30_000, what: 'the binary to accept'});
	const verifier = await request.startVerification('m.sas.v1');
	void verifier.verify().catch(() => undefined);
	await app.waitForScreen((s) => s.includes('y: they match'), 'the emoji on the binary', 30_000);
	await request.cancel();
	screen = await app.waitForScreen((s) => statusLine(s).includes('Verification cancelled by the other side'), 'one line: cancelled over there', 30_000);
	expect(statusLine(screen)).toContain('nothing was verified');
	expect(screen).not.toContain('y: they match');
});
