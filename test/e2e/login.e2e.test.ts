/**
 * Scenario 1: the real binary in a real terminal (tmux). Log in with a password from the login
 * form; the session is saved (config.json, mode 0600); quit and restart resumes it without the
 * password; --logout ends it on the server and removes it from the file.
 */
import {execFile} from 'node:child_process';
import {mkdtemp, readFile, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeAll, expect, test} from 'vitest';
import {Api, HomeserverError, homeserverUrl, registerUser, type Json, type RegisteredUser} from './support/homeserver.js';
import {TmuxTerminal} from './support/tmux.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/matrix-tui.js');

let user: RegisteredUser;
let configDir: string;
const terminals: TmuxTerminal[] = [];

/** The environment the binary runs in: none of the developer's MATRIX_* settings leak in. */
function cleanEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('MATRIX_')) env[name] = value;
	return {...env, TERM: 'xterm-256color', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8'};
}

function run(command: string, args: string[], timeout = 120_000): Promise<{code: number; stdout: string; stderr: string}> {
	return new Promise((resolve) => {
		execFile(command, args, {cwd: ROOT, env: cleanEnv(), timeout}, (error, stdout, stderr) => {
			resolve({code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr});
		});
	});
}

async function startApp(...extra: string[]): Promise<TmuxTerminal> {
	const terminal = await TmuxTerminal.start([process.execPath, BIN, '--config-dir', configDir, '--homeserver', homeserverUrl(), ...extra], {
		columns: 140,
		rows: 32,
		cwd: ROOT,
		env: cleanEnv(),
	});
	terminals.push(terminal);
	return terminal;
}

async function savedConfig(): Promise<Json> {
	return JSON.parse(await readFile(join(configDir, 'config.json'), 'utf8')) as Json;
}

const localpart = (userId: string) => userId.slice(1, userId.indexOf(':'));

/** The status bar of the binary's screen says connected (not "disconnected — retrying"). */
const connected = (screen: string) => /● connected /.test(screen);

beforeAll(async () => {
	const build = await run('npm', ['run', 'build']);
	if (build.code !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
	user = await registerUser('login');
	await Api.for(user).createRoom({preset: 'private_chat', name: 'Login room'});
	configDir = await mkdtemp(join(tmpdir(), 'matrix-tui-e2e-'));
}, 180_000);

afterEach(async () => {
	for (const terminal of terminals.splice(0)) await terminal.kill();
});

afterAll(async () => {
	if (configDir) await rm(configDir, {recursive: true, force: true});
});

test('password login from the form, session saved 0600, resumed after restart, then --logout', {timeout: 120_000}, async () => {
	const devicesBefore = (await Api.for(user).devices()).length;

	// 1. The login form: homeserver prefilled from --homeserver; the password never shows.
	let app = await startApp();
	let screen = await app.waitForText('matrix-tui — log in');
	expect(screen).toContain(homeserverUrl());
	// Each key waits for the screen, as a person would: Ink does not split "text⏎" arriving in one
	// read, and the form then drops the Enter (see the report on LoginForm).
	await app.press('Enter'); // homeserver → user
	await app.waitForText('› User');
	await app.type(localpart(user.userId));
	await app.waitForText(localpart(user.userId));
	await app.press('Enter'); // user → password
	await app.waitForText('› Password');
	await app.type(user.password);
	screen = await app.waitForText('•'.repeat([...user.password].length));
	expect(screen).not.toContain(user.password);
	await app.press('Enter');
	screen = await app.waitForScreen((s) => connected(s) && s.includes('Login room'), 'the chat, connected, with the room');
	expect(screen).toContain(user.userId);
	expect(screen).not.toContain('log in');

	// 2. The session is saved: a 0600 file in a 0700 directory, holding a token that works.
	expect((await stat(join(configDir, 'config.json'))).mode & 0o777).toBe(0o600);
	expect((await stat(configDir)).mode & 0o777).toBe(0o700);
	const raw = await readFile(join(configDir, 'config.json'), 'utf8');
	expect(raw).not.toContain(user.password);
	const session = (await savedConfig())['session'] as Json;
	expect(session).toMatchObject({homeserver: homeserverUrl(), userId: user.userId});
	expect(typeof session['accessToken']).toBe('string');
	expect(session['accessToken']).not.toBe(user.accessToken); // a login of its own, not the test's token
	const saved = new Api(homeserverUrl(), String(session['accessToken']));
	expect(await saved.whoami()).toMatchObject({user_id: user.userId, device_id: session['deviceId']});
	const devices = await Api.for(user).devices();
	expect(devices).toHaveLength(devicesBefore + 1);
	expect(devices.find((device) => device['device_id'] === session['deviceId'])).toMatchObject({display_name: 'matrix-tui'});

	// 3. /quit exits cleanly.
	await app.type('/quit');
	await app.waitForText('> /quit');
	await app.press('Enter');
	expect(await app.waitForExit()).toBe(0);

	// 4. Restart: straight into the chat with the saved token — no form, no new login.
	app = await startApp();
	screen = await app.waitForScreen(
		(s) => s.includes('log in') || (connected(s) && s.includes('Login room')),
		'the chat (or, wrongly, the login form)',
	);
	expect(screen).not.toContain('log in');
	expect(screen).toContain(user.userId);
	expect(await Api.for(user).devices()).toHaveLength(devicesBefore + 1);
	await app.type('/quit');
	await app.waitForText('> /quit');
	await app.press('Enter');
	expect(await app.waitForExit()).toBe(0);

	// 5. --logout: the token dies on the server, its device is gone, the file forgets the session.
	const logout = await run(process.execPath, [BIN, '--logout', '--config-dir', configDir, '--homeserver', homeserverUrl()], 30_000);
	expect(logout.code, logout.stderr).toBe(0);
	expect(logout.stdout).toContain(`Logged out ${user.userId}`);
	const error = await saved.whoami().catch((e: unknown) => e);
	expect(error).toBeInstanceOf(HomeserverError);
	expect(error).toMatchObject({status: 401, errcode: 'M_UNKNOWN_TOKEN'});
	expect((await Api.for(user).devices()).map((device) => device['device_id'])).not.toContain(session['deviceId']);
	const after = await savedConfig();
	expect(after).not.toHaveProperty('session');
	expect(JSON.stringify(after)).not.toContain(String(session['accessToken']));
	expect((await stat(join(configDir, 'config.json'))).mode & 0o777).toBe(0o600);

	// 6. And the next start asks for the password again (the user is remembered, not the session).
	app = await startApp();
	screen = await app.waitForText('matrix-tui — log in');
	expect(screen).toContain(user.userId);
	expect(connected(screen)).toBe(false);
	await app.press('C-c');
	expect(await app.waitForExit()).toBe(0);
});
