/**
 * The local cache: what the last sync left (each room's state, its newest events, account data,
 * unread counts and receipts, as matrix-js-sdk's SyncAccumulator folds them) with the token it
 * covers, so a restart draws the account from disk and catches up from that token.
 *
 * One SQLite file (node:sqlite, WAL), one row: token and data are written in one transaction, so a
 * process killed at any moment leaves the last complete save. The data is sealed with the device's
 * store key (sealed-box.ts): rooms' names and members are no one's business on disk either, and an
 * encrypted room's events are kept as they came, as ciphertext. A file that is damaged, of another
 * schema, or sealed with another key is moved aside, and the start is a full sync.
 */
import {createHash} from 'node:crypto';
import {existsSync, renameSync, rmSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {DatabaseSync} from 'node:sqlite';
import {makePrivateDirectory, makePrivateFile} from './private-files.js';
import {seal, unseal} from './sealed-box.js';

/** Raise it when the shape of what is saved changes: an older file is then moved aside. */
export const CACHE_SCHEMA = 1;

/** What a save holds: matrix-js-sdk's ISyncData, kept as opaque JSON here. */
export interface SavedSync {
	nextBatch: string;
	roomsData: unknown;
	accountData: unknown[];
	/** Written by sliding sync: the token is a connection's position, which classic sync cannot go on from. */
	sliding?: true;
}

export type CacheOpening = {cache: SyncCache; saved?: SavedSync; problem?: string};

export function syncCachePath(directory: string, userId: string, deviceId: string | undefined): string {
	const name = createHash('sha256').update(`${userId}|${deviceId ?? ''}`).digest('hex').slice(0, 16);
	return join(directory, `${name}.sqlite`);
}

/** Empties the cache (`--clear-cache`): the next start is a full sync. */
export function clearSyncCache(path: string): void {
	for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, {force: true});
}

export class SyncCache {
	private constructor(
		private readonly database: DatabaseSync,
		private readonly key: Uint8Array,
	) {}

	/**
	 * Opens (or makes) the cache at `path`. `problem`: the file there could not be used and was
	 * moved aside (one line for the user); the cache returned is then a new, empty one.
	 */
	static open(path: string, key: Uint8Array): CacheOpening {
		makePrivateDirectory(dirname(path));
		let problem: string | undefined;
		if (existsSync(path)) {
			try {
				const database = new DatabaseSync(path);
				const read = readSaved(database, key);
				if (!('unusable' in read)) return {cache: SyncCache.ready(database, key), saved: read.saved};
				database.close();
				problem = read.unusable;
			} catch (error) {
				problem = `it cannot be read (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
			}
			const aside = `${path}.unusable-${Date.now()}`;
			for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
			problem = `The local cache was set aside (${problem}): this start is a full sync.`;
		}
		makePrivateFile(path);
		const cache = SyncCache.ready(new DatabaseSync(path), key);
		return problem ? {cache, problem} : {cache};
	}

	private static ready(database: DatabaseSync, key: Uint8Array): SyncCache {
		database.exec('PRAGMA journal_mode = WAL');
		database.exec('CREATE TABLE IF NOT EXISTS sync (id INTEGER PRIMARY KEY CHECK (id = 1), saved_at INTEGER NOT NULL, data TEXT NOT NULL)');
		database.exec(`PRAGMA user_version = ${CACHE_SCHEMA}`);
		return new SyncCache(database, key);
	}

	/** Replaces what is kept, token and data together (one statement, so one transaction). */
	save(saved: SavedSync): void {
		const data = seal(this.key, JSON.stringify(saved));
		this.database.prepare('INSERT OR REPLACE INTO sync (id, saved_at, data) VALUES (1, ?, ?)').run(Date.now(), data);
	}

	close(): void {
		if (this.database.isOpen) this.database.close();
	}
}

function readSaved(database: DatabaseSync, key: Uint8Array): {saved?: SavedSync} | {unusable: string} {
	const version = (database.prepare('PRAGMA user_version').get() as {user_version: number}).user_version;
	const tables = database.prepare('SELECT count(*) AS n FROM sqlite_master').get() as {n: number};
	if (version === 0 && tables.n === 0) return {}; // made, and the process ended before its first save
	if (version !== CACHE_SCHEMA) return {unusable: `it is of schema ${version}, this version keeps ${CACHE_SCHEMA}`};
	const check = database.prepare('PRAGMA quick_check').get() as Record<string, unknown>;
	if (Object.values(check)[0] !== 'ok') return {unusable: 'it is damaged'};
	const row = database.prepare('SELECT data FROM sync WHERE id = 1').get() as {data?: unknown} | undefined;
	if (row === undefined) return {};
	const text = typeof row.data === 'string' ? unseal(key, row.data) : undefined;
	if (text === undefined) return {unusable: 'it does not open with this device’s key'};
	let saved: unknown;
	try {
		saved = JSON.parse(text);
	} catch {
		return {unusable: 'it is damaged'};
	}
	return isSavedSync(saved) ? {saved} : {unusable: 'it is damaged'};
}

function isSavedSync(value: unknown): value is SavedSync {
	if (typeof value !== 'object' || value === null) return false;
	const saved = value as Record<string, unknown>;
	return typeof saved.nextBatch === 'string' && saved.nextBatch !== '' && typeof saved.roomsData === 'object' && saved.roomsData !== null && Array.isArray(saved.accountData);
}
