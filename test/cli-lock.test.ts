/** One matrix-tui per config directory: the built binary, against a directory this test holds. */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {lockStore} from '../src/matrix/crypto-store/store-lock.js';

let directory: string;
beforeEach(() => {
	directory = mkdtempSync(join(tmpdir(), 'cli-lock-'));
});
afterEach(() => rmSync(directory, {recursive: true, force: true}));

const run = (...args: string[]) => spawnSync(process.execPath, ['bin/matrix-tui.js', '--config-dir', directory, ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, MATRIX_TUI_CONFIG_DIR: ''}});

test('a second one says which process holds the directory and exits with code 2', () => {
	const held = lockStore(directory);
	try {
		const result = run('--logout');
		expect(result.status).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe(`matrix-tui: ${directory} is in use by process ${process.pid} — one matrix-tui per config directory (--config-dir picks another)\n`);
	} finally {
		held.release();
	}
});

test('once the holder lets go, the directory is free again', () => {
	lockStore(directory).release();
	const result = run('--logout');
	expect(result.status).toBe(0);
	expect(result.stdout).toBe('matrix-tui: no saved session — nothing to log out\n');
});
