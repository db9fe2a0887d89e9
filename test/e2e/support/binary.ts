/**
 * The real binary (bin/matrix-tui.js → dist/) in tmux, already logged in: a config directory
 * holding a saved session, as the login form would have left it, so a test can point the binary
 * at any base URL (a fault proxy) and kill and restart it against the same directory.
 */
import {execFile} from 'node:child_process';
import {mkdtemp, readdir, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {RegisteredUser} from './homeserver.js';
import {TmuxTerminal} from './tmux.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BIN = join(ROOT, 'bin/matrix-tui.js');

/** The environment the binary runs in: none of the developer's MATRIX_* settings leak in. */
function cleanEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	// As a user runs it: CI (set by .ci/run) would tell chalk the terminal draws no colours.
	for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('MATRIX_') && name !== 'CI') env[name] = value;
	return {...env, TERM: 'xterm-256color', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8'};
}

/** `npm run build`: the binary runs dist/, which must be the code under test. */
export function buildBinary(): Promise<void> {
	return new Promise((resolve, reject) => {
		execFile('npm', ['run', 'build'], {cwd: ROOT, env: cleanEnv(), timeout: 170_000}, (error, stdout, stderr) => {
			if (error) reject(new Error(`npm run build failed:\n${stdout}${stderr}`));
			else resolve();
		});
	});
}

/** A fresh 0700 config directory whose config.json (0600) holds `user`'s session on `homeserver`. */
export async function configWithSession(user: RegisteredUser, homeserver: string): Promise<string> {
	const directory = await mkdtemp(join(tmpdir(), 'matrix-tui-e2e-outbox-'));
	const session = {homeserver, userId: user.userId, accessToken: user.accessToken, deviceId: user.deviceId};
	await writeFile(join(directory, 'config.json'), JSON.stringify({session}), {mode: 0o600});
	return directory;
}

export function removeConfig(directory: string): Promise<void> {
	return rm(directory, {recursive: true, force: true});
}

/** Whether the suite's binaries sync by sliding sync (E2E_SYNC unset is the default, auto: Synapse offers it). */
export const SUITE_ON_SLIDING_SYNC = process.env['E2E_SYNC'] !== 'classic';

/** Runs the binary with this config directory, opening `room` first, with more flags if given. */
export function startBinary(configDir: string, options: {room?: string; args?: string[]; columns?: number; rows?: number; env?: Record<string, string>} = {}): Promise<TmuxTerminal> {
	const room = options.room ? ['--room', options.room] : [];
	const args = options.args ?? [];
	// E2E_SYNC=auto|classic|sliding runs the suite on that sync path (unless a test names its own).
	const sync = process.env['E2E_SYNC'] && !args.includes('--sync') ? ['--sync', process.env['E2E_SYNC']] : [];
	return TmuxTerminal.start([process.execPath, BIN, '--config-dir', configDir, ...room, ...sync, ...args], {
		columns: options.columns ?? 160,
		rows: options.rows ?? 32,
		cwd: ROOT,
		env: {...cleanEnv(), ...options.env},
	});
}

export interface StoredFile {
	/** Relative to the config directory. */
	path: string;
	mode: number;
	directory: boolean;
}

/** Every file and directory under the config directory whose own name or parent's starts with `prefix`. */
export async function filesNamed(configDir: string, prefix: string): Promise<StoredFile[]> {
	const found: StoredFile[] = [];
	const walk = async (relative: string, inside: boolean): Promise<void> => {
		for (const entry of await readdir(join(configDir, relative), {withFileTypes: true})) {
			const path = relative ? `${relative}/${entry.name}` : entry.name;
			const matched = inside || entry.name.startsWith(prefix);
			if (matched) found.push({path, mode: (await stat(join(configDir, path))).mode & 0o777, directory: entry.isDirectory()});
			if (entry.isDirectory()) await walk(path, matched);
		}
	};
	await walk('', false);
	return found;
}
