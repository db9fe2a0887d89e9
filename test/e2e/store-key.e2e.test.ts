/**
 * Issue 14: the crypto store's key. On this machine no OS keyring answers, so it is kept in
 * config.json. A wrong key (config.json changed) or a missing one (config.json says the keyring
 * holds it, and the keyring has nothing): one clear line and a choice — quit (nothing changed) or
 * a new device (log in again; the old device is logged out). Never a crash, never a silent new device.
 */
import {randomBytes} from 'node:crypto';
import {readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, expect, test} from 'vitest';
import {buildBinary, configWithSession, removeConfig, startBinary} from './support/binary.js';
import {Api, HomeserverError, homeserverUrl, registerNamed, type Json, type RegisteredUser} from './support/homeserver.js';
import type {TmuxTerminal} from './support/tmux.js';

let alice: RegisteredUser;
const terminals: TmuxTerminal[] = [];
const configDirs: string[] = [];

beforeAll(async () => {
	[alice] = await registerNamed('Alice');
	await buildBinary();
}, 240_000);

afterEach(async () => {
	for (const terminal of terminals.splice(0)) await terminal.kill();
});

afterAll(async () => {
	for (const directory of configDirs.splice(0)) await removeConfig(directory);
});

const connected = (screen: string) => /● connected /.test(screen);

async function launch(configDir: string): Promise<TmuxTerminal> {
	const app = await startBinary(configDir, {rows: 30});
	terminals.push(app);
	return app;
}

async function readConfig(configDir: string): Promise<Json> {
	return JSON.parse(await readFile(join(configDir, 'config.json'), 'utf8')) as Json;
}

async function setKeyEntry(configDir: string, name: string, value: string): Promise<void> {
	const config = await readConfig(configDir);
	await writeFile(join(configDir, 'config.json'), JSON.stringify({...config, cryptoKeys: {...(config['cryptoKeys'] as Json), [name]: value}}), {mode: 0o600});
}

/** A first run makes this device's store (and its key, in config.json here), then quits. */
async function firstRun(user: RegisteredUser): Promise<string> {
	const configDir = await configWithSession(user, homeserverUrl());
	configDirs.push(configDir);
	const app = await launch(configDir);
	await app.waitForScreen(connected, 'the first run connected', 30_000);
	await app.type('/quit');
	await app.waitForText('> /quit');
	await app.press('Enter');
	expect(await app.waitForExit()).toBe(0);
	const keys = (await readConfig(configDir))['cryptoKeys'] as Json;
	expect(Buffer.from(String(keys[`${user.userId}|${user.deviceId}`]), 'base64')).toHaveLength(32);
	return configDir;
}

test('a wrong key: one line and the choice; q quits and changes nothing, n logs this device out and asks for a new login', {timeout: 180_000}, async () => {
	const user = alice;
	const configDir = await firstRun(user);
	const name = `${user.userId}|${user.deviceId}`;
	const rightKey = String(((await readConfig(configDir))['cryptoKeys'] as Json)[name]);
	await setKeyEntry(configDir, name, randomBytes(32).toString('base64'));

	let app = await launch(configDir);
	let screen = await app.waitForText('does not open with its key', 30_000);
	expect(screen).toContain('n start a new device');
	expect(screen).toContain('q quit');
	expect(screen).not.toMatch(/at \w+ \(|Error:/);
	await app.press('q');
	expect(await app.waitForExit()).toBe(0);
	// Nothing changed: the same session, and the device still there.
	expect(await new Api(homeserverUrl(), user.accessToken).whoami()).toMatchObject({device_id: user.deviceId});

	// The right key back: the same device opens its store again.
	await setKeyEntry(configDir, name, rightKey);
	app = await launch(configDir);
	await app.waitForScreen(connected, 'connected with the right key', 30_000);
	await app.kill();

	await setKeyEntry(configDir, name, randomBytes(32).toString('base64'));
	app = await launch(configDir);
	await app.waitForText('does not open with its key', 30_000);
	await app.press('n');
	screen = await app.waitForText('Log in again to start a new device', 30_000);
	expect(screen).toContain('matrix-tui — log in');
	// The old device is logged out: its token no longer works.
	await expect(new Api(homeserverUrl(), user.accessToken).whoami()).rejects.toBeInstanceOf(HomeserverError);
	await app.waitForText('› Password');
	await app.type(user.password);
	await app.waitForText('•'.repeat([...user.password].length));
	await app.press('Enter');
	await app.waitForScreen(connected, 'the new device connected', 30_000);
	const session = (await readConfig(configDir))['session'] as Json;
	expect(session['deviceId']).not.toBe(user.deviceId);
	const devices = (await Api.for({...user, accessToken: String(session['accessToken'])}).devices()).map((device) => device['device_id']);
	expect(devices).not.toContain(user.deviceId);
	expect(devices).toContain(session['deviceId']);
});

test('a missing key (config.json says the keyring holds it, and no keyring has it): one line and the choice', {timeout: 120_000}, async () => {
	const [bob] = await registerNamed('Bob');
	const configDir = await firstRun(bob);
	await setKeyEntry(configDir, `${bob.userId}|${bob.deviceId}`, 'keyring');
	const app = await launch(configDir);
	// Where no keyring service runs at all, asking it fails: said just as clearly.
	const screen = await app.waitForText(/This device's encryption store cannot be opened: the OS keyring (no longer has its key|holds its key and does not answer)/, 30_000);
	expect(screen).toContain('n start a new device');
	await app.press('q');
	expect(await app.waitForExit()).toBe(0);
	expect(((await readConfig(configDir))['cryptoKeys'] as Json)[`${bob.userId}|${bob.deviceId}`]).toBe('keyring');
});

test('the store gone while its key stays: one line and the choice, never a new store under the old device ID', {timeout: 120_000}, async () => {
	const [carol] = await registerNamed('Carol');
	const configDir = await firstRun(carol);
	await rm(join(configDir, 'crypto'), {recursive: true, force: true});
	const app = await launch(configDir);
	const screen = await app.waitForText("This device's encryption store is missing from", 30_000);
	expect(screen).toContain('n start a new device');
	await app.press('q');
	expect(await app.waitForExit()).toBe(0);
	// Nothing was made in its place.
	expect(await readdir(join(configDir, 'crypto')).then((names) => names.filter((name) => name.includes('matrix-sdk-crypto')), () => [])).toEqual([]);
});
