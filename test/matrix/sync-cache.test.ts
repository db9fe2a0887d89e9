/** The local cache's file: sealed, private, one consistent save, and honest about a file it cannot use. */
import {randomBytes} from 'node:crypto';
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {DatabaseSync} from 'node:sqlite';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {CACHE_SCHEMA, clearSyncCache, syncCachePath, SyncCache, type SavedSync} from '../../src/matrix/sync-cache.js';

const KEY = new Uint8Array(randomBytes(32));
let directory: string;
let path: string;

const saved = (nextBatch: string, roomName = 'Secret planning room'): SavedSync => ({
	nextBatch,
	roomsData: {join: {'!r:example.org': {state: {events: [{type: 'm.room.name', state_key: '', content: {name: roomName}}]}}}},
	accountData: [{type: 'm.direct', content: {}}],
});

beforeEach(() => {
	directory = mkdtempSync(join(tmpdir(), 'sync-cache-'));
	path = syncCachePath(join(directory, 'cache'), '@me:example.org', 'DEVICE1');
});
afterEach(() => rmSync(directory, {recursive: true, force: true}));

/** Opens and closes the cache: what it found there. */
function reopen(key = KEY): {saved?: SavedSync; problem?: string} {
	const {cache, saved, problem} = SyncCache.open(path, key);
	cache.close();
	return {saved, problem};
}

test('what is saved comes back on the next open, token and data together; the file is 0600 in a 0700 directory and named without the user ID', () => {
	const {cache, saved: nothing, problem} = SyncCache.open(path, KEY);
	expect(nothing).toBeUndefined();
	expect(problem).toBeUndefined();
	cache.save(saved('s1'));
	cache.save(saved('s2', 'Renamed room'));
	cache.close();
	expect(reopen()).toMatchObject({saved: saved('s2', 'Renamed room')});
	expect(statSync(path).mode & 0o777).toBe(0o600);
	expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
	expect(path).not.toContain('example.org');
});

test('nothing of the account is readable in the files: the room name is sealed', () => {
	const {cache} = SyncCache.open(path, KEY);
	cache.save(saved('s1'));
	cache.close();
	for (const name of readdirSync(dirname(path))) {
		expect(readFileSync(join(dirname(path), name)).includes(Buffer.from('Secret planning room')), name).toBe(false);
	}
});

test.each([
	['another key', () => {}, new Uint8Array(randomBytes(32)), /does not open with this device’s key/],
	['garbage bytes', () => writeFileSync(path, 'not a database '.repeat(200)), KEY, /cannot be read|damaged/],
	['another schema', () => new DatabaseSync(path).exec(`PRAGMA user_version = ${CACHE_SCHEMA + 1}`), KEY, new RegExp(`schema ${CACHE_SCHEMA + 1}`)],
	['a row that is not a save', () => new DatabaseSync(path).prepare('UPDATE sync SET data = ?').run('bm90IGEgc2VhbGVkIGJveCBhdCBhbGwsIG5vdCBhdCBhbGw='), KEY, /does not open/],
])('%s: the file is moved aside with one line, and the cache opens empty', (_what, spoil, key, why) => {
	const {cache} = SyncCache.open(path, KEY);
	cache.save(saved('s1'));
	cache.close();
	spoil();
	const opening = reopen(key);
	expect(opening.saved).toBeUndefined();
	expect(opening.problem).toMatch(/^The local cache was set aside \(.*\): this start is a full sync\.$/);
	expect(opening.problem).toMatch(why);
	expect(opening.problem).not.toContain('\n');
	expect(readdirSync(dirname(path)).some((name) => name.includes('.unusable-'))).toBe(true);
	// The new cache works.
	const again = SyncCache.open(path, key);
	again.cache.save(saved('s9'));
	again.cache.close();
	expect(reopen(key)).toMatchObject({saved: {nextBatch: 's9'}});
});

test('a file made but never saved to (killed before the first save) opens empty, with no problem', () => {
	SyncCache.open(path, KEY).cache.close();
	expect(reopen()).toMatchObject({saved: undefined, problem: undefined});
	clearSyncCache(path);
	new DatabaseSync(path).close(); // an empty file, as a kill between create and schema would leave
	expect(reopen()).toMatchObject({saved: undefined, problem: undefined});
});

test('clearSyncCache removes the file and its WAL: the next open has nothing', () => {
	const {cache} = SyncCache.open(path, KEY);
	cache.save(saved('s1'));
	clearSyncCache(path);
	cache.close();
	clearSyncCache(path);
	expect(existsSync(path)).toBe(false);
	expect(existsSync(`${path}-wal`)).toBe(false);
	expect(reopen().saved).toBeUndefined();
});
