/**
 * The crypto store across processes, as a restart and a crash see it: matrix-js-sdk's Rust crypto
 * in a child process (store-child.js) on a folder of this test's, opened again by another child.
 */
import {mkdtempSync, readdirSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {cryptoStoreProblem, newStorageKey, startPersistentCrypto} from '../../../src/matrix/crypto-store/persistent-crypto.js';
import {killChildren, startChild} from './store-children.js';

const KEY = 'a1'.repeat(32);
const WRONG_KEY = 'b2'.repeat(32);
const DEVICE = 'STOREDEVICE';

let directory: string;

beforeEach(() => {
	directory = mkdtempSync(join(tmpdir(), 'crypto-store-'));
});

afterEach(() => {
	killChildren();
	rmSync(directory, {recursive: true, force: true});
});

const hasKeys = (line: Record<string, any>) => 'keys' in line;

/** Opens the store in a new process, stops it, and returns what it said. */
async function openAndStop(key: string, device = DEVICE, where: 'process' | 'worker' = 'process', then: 'stop' | 'start-over' = 'stop'): Promise<{first: Record<string, any>; exitCode: number | null}> {
	const args = ['crypto', directory, key, device, then];
	const child = where === 'worker' ? startChild('in-worker', ...args) : startChild(...args);
	const first = await child.line((line) => hasKeys(line) || 'error' in line, 'the store to open or be refused', 30_000);
	return {first, exitCode: await child.exit(30_000)};
}

describe('the persistent crypto store', () => {
	it('gives the same device the same identity keys after a restart, and the process exits by itself once stopped', async () => {
		const first = await openAndStop(KEY);
		expect(first.exitCode).toBe(0);
		expect(first.first.keys.ed25519).toMatch(/^[A-Za-z0-9+/]{43}$/);
		const second = await openAndStop(KEY);
		expect(second.exitCode).toBe(0);
		expect(second.first.keys).toEqual(first.first.keys);
	});

	it('works in a worker thread, the matrix layer’s home: the same keys, and the process exits by itself', async () => {
		const made = await openAndStop(KEY);
		const inWorker = await openAndStop(KEY, DEVICE, 'worker');
		expect(inWorker.exitCode).toBe(0);
		expect([made.first.thread, inWorker.first.thread]).toEqual(['main', 'worker']);
		expect(inWorker.first.keys).toEqual(made.first.keys);
		for (const file of readdirSync(directory)) expect([file, statSync(join(directory, file)).mode & 0o777]).toEqual([file, 0o600]);
	});

	it('refuses a wrong key with the SDK error cryptoStoreProblem() names, and the store still opens with the right one', async () => {
		const created = await openAndStop(KEY);
		const refused = await openAndStop(WRONG_KEY);
		expect(refused.exitCode).toBe(1);
		expect(refused.first.error).toBe('An object failed to be decrypted while unpickling');
		expect(refused.first.problem).toEqual({kind: 'wrong-key'});
		expect((await openAndStop(KEY)).first.keys).toEqual(created.first.keys);
	});

	it('can be deleted for a new device, with a new key: MatrixClient.clearStores leaves no file of the old store', async () => {
		const old = await openAndStop(KEY);
		const filesOfOne = readdirSync(directory).sort();
		const fresh = await openAndStop(WRONG_KEY, 'NEWDEVICE', 'process', 'start-over');
		expect(fresh.exitCode).toBe(0);
		expect(fresh.first.keys).not.toEqual(old.first.keys);
		expect((await openAndStop(WRONG_KEY, 'NEWDEVICE')).first.keys).toEqual(fresh.first.keys);
		expect(readdirSync(directory).sort()).toEqual(filesOfOne);
	});

	it('refuses to be another device’s store', async () => {
		await openAndStop(KEY);
		const refused = await openAndStop(KEY, 'OTHERDEVICE');
		expect(refused.first.error).toBe(`the account in the store doesn't match the account in the constructor: expected @child:localhost:${DEVICE}, got @child:localhost:OTHERDEVICE`);
		expect(refused.first.problem).toEqual({kind: 'other-device', detail: `expected @child:localhost:${DEVICE}, got @child:localhost:OTHERDEVICE`});
	});

	it('still opens after a SIGKILL in the middle of writing, with every write it confirmed', async () => {
		const writer = startChild('crypto', directory, KEY, DEVICE, 'keep-writing');
		const opened = await writer.line(hasKeys, 'the store to open', 30_000);
		await writer.line((line) => line.stored >= 20, '20 writes confirmed', 30_000);
		await writer.kill('SIGKILL');
		const confirmed = Math.max(...writer.lines.filter((line) => 'stored' in line).map((line) => line.stored as number));

		const reopened = await openAndStop(KEY);
		expect(reopened.exitCode).toBe(0);
		expect(reopened.first.keys).toEqual(opened.keys);
		// The one write under way when the kill came may or may not have landed; none before it is lost.
		expect(reopened.first.stored).toBeGreaterThanOrEqual(confirmed);
		expect(reopened.first.stored).toBeLessThanOrEqual(confirmed + 1);
	});

	it('keeps its folder 0700 and every file in it 0600', async () => {
		const writer = startChild('crypto', directory, KEY, DEVICE, 'keep-writing');
		await writer.line((line) => line.stored >= 3, 'writes under way');
		// While the client runs, so the -wal and -shm files are there too.
		const files = readdirSync(directory);
		expect(files.some((file) => file.endsWith('-wal'))).toBe(true);
		expect(files.some((file) => file.endsWith('-shm'))).toBe(true);
		expect(statSync(directory).mode & 0o777).toBe(0o700);
		for (const file of files) expect([file, statSync(join(directory, file)).mode & 0o777]).toEqual([file, 0o600]);
	});
});

describe('newStorageKey', () => {
	it('makes 32 random bytes', () => {
		const [one, two] = [newStorageKey(), newStorageKey()];
		expect(one).toBeInstanceOf(Uint8Array);
		expect(one.length).toBe(32);
		expect(Buffer.from(one).equals(Buffer.from(two))).toBe(false);
	});
});

describe('startPersistentCrypto', () => {
	it('takes only a 32-byte key', async () => {
		const store = {directory, close: async () => {}};
		const client = {initRustCrypto: () => Promise.reject(new Error('should not be reached'))} as never;
		await expect(startPersistentCrypto(client, {store, databasePrefix: 'x', storageKey: new Uint8Array(16)})).rejects.toThrow('The crypto store key must be 32 bytes, not 16');
	});
});

describe('cryptoStoreProblem', () => {
	it.each([
		['a non-error', 'An object failed to be decrypted while unpickling', undefined],
		['an unrelated error', new Error('network down'), undefined],
		['a wrong key', new Error('An object failed to be decrypted while unpickling'), {kind: 'wrong-key'}],
	])('%s', (_name, error, problem) => {
		expect(cryptoStoreProblem(error)).toEqual(problem);
	});
});
