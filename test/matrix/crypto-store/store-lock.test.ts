import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {lockStore, StoreLockedError, type StoreLock} from '../../../src/matrix/crypto-store/store-lock.js';
import {killChildren, startChild} from './store-children.js';

let directory: string;
const held: StoreLock[] = [];

beforeEach(() => {
	directory = mkdtempSync(join(tmpdir(), 'store-lock-'));
});

afterEach(() => {
	for (const lock of held.splice(0)) lock.release();
	killChildren();
	rmSync(directory, {recursive: true, force: true});
});

function lock(): StoreLock {
	const taken = lockStore(directory);
	held.push(taken);
	return taken;
}

function refusal(): StoreLockedError {
	try {
		lock();
	} catch (error) {
		if (error instanceof StoreLockedError) return error;
		throw error;
	}
	throw new Error('the lock was not refused');
}

describe('lockStore', () => {
	it('refuses a second holder, naming the process that has the folder', () => {
		lock();
		const refused = refusal();
		expect(refused.holderPid).toBe(process.pid);
		expect(refused.message).toBe(`${directory} is in use by process ${process.pid}`);
	});

	it('is held while the process runs, even by a caller that drops the handle: a garbage collection does not release it', async () => {
		setFlagsFromString('--expose-gc');
		const collectGarbage = runInNewContext('gc') as () => void;
		lockStore(directory);
		for (let round = 0; round < 3; round++) {
			collectGarbage();
			await new Promise((resolve) => setImmediate(resolve));
		}
		expect(refusal().holderPid).toBe(process.pid);
		// The lock stays held on a folder afterEach removes: nothing else in this process uses it.
	});

	it('can be taken again once released, and release is idempotent', () => {
		const first = lock();
		first.release();
		first.release();
		expect(() => lock()).not.toThrow();
	});

	it('refuses while another process holds it, and is free as soon as that process is killed', async () => {
		const holder = startChild('lock', directory);
		const locked = await holder.line((line) => 'locked' in line, 'the child to hold the lock');
		expect(locked.locked).toBe(holder.process.pid);
		expect(refusal().holderPid).toBe(holder.process.pid);

		// No exit handler runs on SIGKILL: the kernel gives the lock back, and its pid file is stale.
		await holder.kill('SIGKILL');
		lock();
		expect(readFileSync(join(directory, 'instance.pid'), 'utf8')).toBe(`${process.pid}\n`);
	});

	it('is refused to another process while this one holds it', async () => {
		lock();
		const other = startChild('lock', directory);
		const refused = await other.line((line) => 'refused' in line, 'the child to be refused');
		expect(refused).toEqual({refused: `${directory} is in use by process ${process.pid}`, holderPid: process.pid});
	});

	it('names no process when the pid file says nothing usable', () => {
		lock();
		writeFileSync(join(directory, 'instance.pid'), 'garbage');
		const refused = refusal();
		expect(refused.holderPid).toBeUndefined();
		expect(refused.message).toBe(`${directory} is in use by another process`);
	});

	it('keeps its files private', () => {
		lock();
		expect(statSync(directory).mode & 0o777).toBe(0o700);
		for (const file of ['instance.lock', 'instance.pid']) expect([file, statSync(join(directory, file)).mode & 0o777]).toEqual([file, 0o600]);
	});

	it('takes its pid file away on release', () => {
		lock().release();
		expect(() => statSync(join(directory, 'instance.pid'))).toThrow(/ENOENT/);
	});
});
