import {mkdtempSync, readFileSync, writeFileSync, existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {acquireLock} from '../../bench/lock.ts';

const lockPath = () => join(mkdtempSync(join(tmpdir(), 'bench-lock-')), 'bench.lock');

describe('acquireLock', () => {
	it('takes a free lock with our PID and removes it on release', async () => {
		const path = lockPath();
		const release = await acquireLock(path, {waitMs: 0});
		expect(readFileSync(path, 'utf8')).toBe(String(process.pid));
		release!();
		expect(existsSync(path)).toBe(false);
	});

	it('waits for a live holder, and gives up when the wait runs out', async () => {
		const path = lockPath();
		const first = await acquireLock(path, {waitMs: 0});
		const waited: number[] = [];
		expect(await acquireLock(path, {waitMs: 30, pollMs: 10, onWait: (pid) => waited.push(pid)})).toBeUndefined();
		expect(waited).toEqual([process.pid]);
		const second = acquireLock(path, {waitMs: 1000, pollMs: 10});
		setTimeout(() => first!(), 30);
		const release = await second;
		expect(release).toBeTypeOf('function');
		release!();
	});

	it('takes over a lock whose process is gone', async () => {
		const path = lockPath();
		writeFileSync(path, '999999999');
		const release = await acquireLock(path, {waitMs: 0});
		expect(readFileSync(path, 'utf8')).toBe(String(process.pid));
		release!();
	});
});
