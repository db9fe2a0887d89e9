/**
 * IndexedDB over SQLite files, in this test process (one folder per process: the whole file
 * shares it).
 */
import {chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {installIndexedDb, type IndexedDbFolder} from '../../../src/matrix/crypto-store/indexeddb.js';

let parent: string;
let directory: string;
let folder: IndexedDbFolder;

beforeAll(() => {
	parent = mkdtempSync(join(tmpdir(), 'indexeddb-'));
	directory = join(parent, 'crypto');
	// Already there and open to all: installing makes it private.
	mkdirSync(directory, {mode: 0o755});
	chmodSync(directory, 0o755);
	folder = installIndexedDb(directory);
});

afterAll(async () => {
	await folder.close();
	rmSync(parent, {recursive: true, force: true});
});

function request<T>(idbRequest: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		idbRequest.onsuccess = () => resolve(idbRequest.result);
		idbRequest.onerror = () => reject(idbRequest.error ?? new Error('IndexedDB request failed'));
	});
}

function open(name: string): Promise<IDBDatabase> {
	const opening = indexedDB.open(name, 1);
	opening.onupgradeneeded = () => opening.result.createObjectStore('things');
	return request(opening);
}

function committed(transaction: IDBTransaction): Promise<void> {
	return new Promise((resolve, reject) => {
		transaction.oncomplete = () => resolve();
		transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
	});
}

describe('installIndexedDb', () => {
	it('makes the folder private', () => {
		expect(statSync(directory).mode & 0o777).toBe(0o700);
	});

	it('keeps what is stored across a close of the files, binary keys and values included', async () => {
		const database = await open('keeps');
		const writing = database.transaction('things', 'readwrite');
		writing.objectStore('things').put({text: 'kept', bytes: new Uint8Array([1, 2, 3])}, ['room', 7]);
		writing.objectStore('things').put('by bytes', new Uint8Array([9, 9]).buffer);
		await committed(writing);
		database.close();
		await folder.close();

		const again = await open('keeps');
		const reading = again.transaction('things', 'readonly').objectStore('things');
		expect(await request(reading.get(['room', 7]))).toEqual({text: 'kept', bytes: new Uint8Array([1, 2, 3])});
		expect(await request(reading.get(new Uint8Array([9, 9]).buffer))).toBe('by bytes');
		again.close();
	});

	it('keeps every file of the folder 0600', async () => {
		const database = await open('private');
		const writing = database.transaction('things', 'readwrite');
		writing.objectStore('things').put('secret', 'key');
		await committed(writing);
		database.close();
		const files = readdirSync(directory);
		expect(files.length).toBeGreaterThan(0);
		for (const file of files) expect([file, statSync(join(directory, file)).mode & 0o777]).toEqual([file, 0o600]);
	});

	it('is installed once per process: again with the same folder it is the same, another folder is refused', () => {
		expect(installIndexedDb(join(directory, '.'))).toBe(folder);
		expect(() => installIndexedDb(join(parent, 'other'))).toThrow(`IndexedDB is already kept in ${directory}: one crypto store folder per process`);
	});
});
