/**
 * Issue 14: a device of our own account that did not exist when the binary started — logged in a
 * moment ago — asks the binary to verify it at once. Its request reaches the prompt (it was seen
 * to be dropped when the binary had never fetched that device's keys), and the emoji exchange runs.
 */
import type {MatrixClient} from 'matrix-js-sdk';
import {VerificationPhase} from 'matrix-js-sdk/lib/crypto-api/index.js';
import {afterEach, beforeAll, expect, test} from 'vitest';
import {waitFor} from '../support/wait.js';
import {buildBinary, configWithSession, removeConfig, startBinary} from './support/binary.js';
import {peerSeesDevice, startCryptoPeer} from './support/crypto-peer.js';
import {homeserverUrl, loginAgain, registerNamed} from './support/homeserver.js';
import type {TmuxTerminal} from './support/tmux.js';

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

test('a device logged in just now asks at once: its request opens the prompt, and accepted it reaches the emoji', {timeout: 150_000}, async () => {
	const [alice] = await registerNamed('Alice');
	const configDir = await configWithSession(alice, homeserverUrl());
	configDirs.push(configDir);
	const app = await startBinary(configDir);
	terminals.push(app);
	await app.waitForScreen(connected, 'the binary connected', 30_000);

	// Only now does the other device exist: the binary has never had its keys.
	const other = await loginAgain(alice);
	const client = await startCryptoPeer(other);
	clients.push(client);
	await peerSeesDevice(client, alice);
	const request = await client.getCrypto()!.requestDeviceVerification(alice.userId, alice.deviceId);

	const screen = await app.waitForScreen((s) => s.includes(`Verify your device ${other.deviceId}`) && s.includes('a: accept'), 'the incoming request prompt', 45_000);
	expect(screen).toContain('d / Esc: decline');
	await app.press('a');
	await waitFor(() => request.phase === VerificationPhase.Ready, {timeoutMs: 30_000, what: 'the binary to accept'});
	const verifier = await request.startVerification('m.sas.v1');
	void verifier.verify().catch(() => undefined);
	await app.waitForScreen((s) => s.includes('y: they match'), 'the emoji on the binary', 30_000);
	await request.cancel();
});
