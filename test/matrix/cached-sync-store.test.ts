/**
 * The SDK's store over the local cache: it keeps the bodies as they came off the wire, only once the
 * SDK has processed them, saves no more often than asked, and replays a start through the readers.
 */
import {randomBytes} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {ISyncResponse} from 'matrix-js-sdk';
import {afterEach, beforeEach, expect, test, vi} from 'vitest';
import {CachedSyncStore, type CachedSyncOptions} from '../../src/matrix/cached-sync-store.js';
import {SyncCache, type SavedSync} from '../../src/matrix/sync-cache.js';

const KEY = new Uint8Array(randomBytes(32));
const ROOM = '!r:example.org';
let path: string;
let directory: string;

beforeEach(() => {
	directory = mkdtempSync(join(tmpdir(), 'cached-sync-'));
	path = join(directory, 'cache.sqlite');
});
afterEach(() => rmSync(directory, {recursive: true, force: true}));

const member = (userId: string) => ({type: 'm.room.member', state_key: userId, sender: userId, event_id: `$m-${userId}`, origin_server_ts: 1, content: {membership: 'join'}});
const message = (n: number) => ({type: 'm.room.message', sender: '@bob:example.org', event_id: `$e${n}`, origin_server_ts: n, content: {msgtype: 'm.text', body: `message ${n}`}});

/** A /sync body: `state` and `timeline` for one joined room. */
function body(nextBatch: string, events: {state?: object[]; timeline?: object[]}): ISyncResponse {
	return {
		next_batch: nextBatch,
		rooms: {join: {[ROOM]: {state: {events: events.state ?? []}, timeline: {events: events.timeline ?? [], prev_batch: `p-${nextBatch}`, limited: false}}}},
		account_data: {events: []},
		to_device: {events: [{type: 'm.room_key', sender: '@bob:example.org', content: {secret: 'to-device secret'}}]},
	} as unknown as ISyncResponse;
}

function store(options: Partial<CachedSyncOptions> = {}) {
	const {cache, saved} = SyncCache.open(path, KEY);
	const problem = vi.fn();
	const replay = vi.fn<(body: ISyncResponse) => void>();
	return {store: new CachedSyncStore(cache, saved, {eventsPerRoom: 3, saveEveryMs: 60_000, replay, problem, myUserId: '@alice:example.org', ...options}), replay, problem};
}

/** What arrives, then what the SDK was handed (lean-sync.ts took the state out) once it processed it. */
async function synced(cached: CachedSyncStore, wire: ISyncResponse): Promise<void> {
	cached.receivedSync(JSON.stringify(wire));
	await cached.setSyncData({...wire, rooms: {join: {[ROOM]: {timeline: wire.rooms.join[ROOM]!.timeline}}}} as unknown as ISyncResponse);
}

function savedNow(): SavedSync | undefined {
	const {cache, saved} = SyncCache.open(path, KEY);
	cache.close();
	return saved;
}

/** The room's state as saved: after its timeline (MSC4222), as the accumulator gives it and the SDK reads it. */
const stateOf = (saved: SavedSync | undefined) => (saved?.roomsData as {join: Record<string, Record<string, {events: Array<{state_key: string}>}>>}).join[ROOM]!['org.matrix.msc4222.state_after']!.events.map((event) => event.state_key);
const timelineOf = (saved: SavedSync | undefined) => (saved?.roomsData as {join: Record<string, {timeline: {events: Array<{event_id: string}>}}>}).join[ROOM]!.timeline.events.map((event) => event.event_id);

test('keeps the body as it came (state the SDK was not handed too), the newest N events per room, with its token; never to-device', async () => {
	const {store: cached} = store();
	expect(cached.fromCache).toBe(false);
	await synced(cached, body('s1', {state: [member('@alice:example.org'), member('@bob:example.org')], timeline: [message(1), message(2)]}));
	expect(cached.wantsSave()).toBe(true); // the first save goes at once
	await cached.save();
	expect(cached.wantsSave()).toBe(false);
	await synced(cached, body('s2', {timeline: [message(3), message(4), message(5)]}));
	cached.close();
	const saved = savedNow();
	expect(saved?.nextBatch).toBe('s2');
	expect(stateOf(saved)).toEqual(['@alice:example.org', '@bob:example.org']);
	expect(timelineOf(saved)).toEqual(['$e3', '$e4', '$e5']);
	expect(JSON.stringify(saved)).not.toContain('to-device secret');
});

test('a room with its state after the timeline (MSC4222) is saved without the state before it, which the SDK does not read', async () => {
	const {store: cached} = store();
	await synced(cached, body('s1', {state: [member('@alice:example.org')], timeline: [message(1)]}));
	const after = {...body('s2', {timeline: [message(2)]})};
	(after.rooms.join[ROOM] as unknown as Record<string, unknown>)['org.matrix.msc4222.state_after'] = {events: [member('@bob:example.org')]};
	await synced(cached, after);
	cached.close();
	const room = (savedNow()?.roomsData as {join: Record<string, Record<string, {events: Array<{state_key: string}>}>>}).join[ROOM]!;
	expect(room['state']).toBeUndefined();
	expect(room['org.matrix.msc4222.state_after']!.events.map((event) => event.state_key)).toEqual(['@alice:example.org', '@bob:example.org']);
});

test('saves no more often than asked: within the interval it waits, close() keeps the rest', async () => {
	const {store: cached} = store();
	await synced(cached, body('s1', {timeline: [message(1)]}));
	await cached.save();
	await synced(cached, body('s2', {timeline: [message(2)]}));
	expect(cached.wantsSave()).toBe(false);
	expect(savedNow()?.nextBatch).toBe('s1');
	cached.close();
	expect(savedNow()?.nextBatch).toBe('s2');
});

test('a start from the cache: the saved token first, the body replayed once through the readers; what the replay takes out stays in the cache', async () => {
	const first = store();
	await synced(first.store, body('s1', {state: [member('@alice:example.org')], timeline: [message(1)]}));
	first.store.close();

	const {store: cached, replay} = store();
	expect(cached.fromCache).toBe(true);
	expect(await cached.getSavedSyncToken()).toBe('s1');
	replay.mockImplementation((replayed) => {
		(replayed.rooms.join[ROOM] as unknown as Record<string, {events: unknown[]}>)['org.matrix.msc4222.state_after']!.events = []; // as lean-sync.ts takes state out
	});
	const handed = await cached.getSavedSync();
	expect(replay).toHaveBeenCalledTimes(1);
	expect(handed?.nextBatch).toBe('s1');
	expect((handed?.roomsData as unknown as {join: Record<string, Record<string, {events: unknown[]}>>}).join[ROOM]!['org.matrix.msc4222.state_after']!.events).toEqual([]);
	expect(await cached.getSavedSync()).toBeNull();

	await synced(cached, body('s2', {timeline: [message(2)]}));
	cached.close();
	expect(stateOf(savedNow())).toEqual(['@alice:example.org']);
	expect(timelineOf(savedNow())).toEqual(['$e1', '$e2']);
});

test('a processed batch that is not the one seen on the wire stops the saving: the last consistent save stands', async () => {
	const {store: cached} = store();
	await synced(cached, body('s1', {timeline: [message(1)]}));
	await cached.save();
	cached.receivedSync(JSON.stringify(body('s2', {timeline: [message(2)]})));
	await cached.setSyncData(body('s3', {timeline: [message(3)]}));
	await synced(cached, body('s4', {timeline: [message(4)]}));
	expect(cached.wantsSave()).toBe(false);
	cached.close();
	expect(savedNow()?.nextBatch).toBe('s1');
});

test('a save that fails says so in one line and stops saving', async () => {
	const {store: cached, problem} = store();
	await synced(cached, body('s1', {timeline: [message(1)]}));
	rmSync(directory, {recursive: true, force: true});
	const {cache} = SyncCache.open(join(directory, 'other.sqlite'), KEY);
	cache.close();
	// The store's own database is still open on the deleted file; break it by closing under it.
	(cached as unknown as {cache: SyncCache}).cache.close();
	await cached.save();
	expect(problem).toHaveBeenCalledTimes(1);
	expect(problem.mock.calls[0]![0]).toMatch(/^The local cache could not be saved \(.+\): the next start syncs from where it last was saved\.$/);
	expect(cached.wantsSave()).toBe(false);
});

test('sliding sync: the saved account is taken once and replayed; each response is folded in without an event twice; the save is marked, and classic sync starts afresh from it', async () => {
	const first = store();
	first.store.syncWith('sliding');
	const room = (timeline: object[], initial = false) => ({pos: 'p', rooms: {[ROOM]: {initial, required_state: [member('@alice:example.org')], timeline}}});
	first.store.receivedSliding(room([message(1), message(2)], true));
	first.store.close();

	const again = store();
	again.store.syncWith('sliding');
	const taken = again.store.takeSaved();
	expect(taken?.next_batch).toBe('p');
	// A window with no prev_batch reached the room's start: kept all the same, and no token is made up for it.
	expect((taken?.rooms.join[ROOM]?.timeline.events ?? []).map((event) => event.event_id)).toEqual(['$e1', '$e2']);
	expect(taken?.rooms.join[ROOM]?.timeline.prev_batch).toBeUndefined();
	expect(again.replay).toHaveBeenCalledTimes(1);
	expect(again.store.takeSaved()).toBeUndefined();
	// A fresh connection sends the newest event again, then what is new.
	again.store.receivedSliding(room([message(2)], true));
	again.store.receivedSliding(room([message(3)]));
	again.store.close();
	expect(timelineOf(savedNow())).toEqual(['$e1', '$e2', '$e3']);
	expect(stateOf(savedNow())).toEqual(['@alice:example.org']);
	expect(savedNow()?.sliding).toBe(true);

	const classic = store();
	classic.store.syncWith('classic');
	expect(classic.store.fromCache).toBe(false);
	expect(await classic.store.getSavedSyncToken()).toBeNull();
	expect(await classic.store.getSavedSync()).toBeNull();
});

test('a sync with nothing new (a long poll that timed out) is not worth a save: only one that changes what is kept', async () => {
	const {store: cached} = store({saveEveryMs: 0});
	await synced(cached, body('s1', {timeline: [message(1)]}));
	await cached.save();
	const empty = {next_batch: 's2', rooms: {join: {}, invite: {}, leave: {}}, account_data: {events: []}} as unknown as ISyncResponse;
	cached.receivedSync(JSON.stringify(empty));
	await cached.setSyncData(empty);
	expect(cached.wantsSave()).toBe(false);
	await synced(cached, body('s3', {timeline: [message(2)]}));
	expect(cached.wantsSave()).toBe(true);
});

test('on sliding sync too: a response with nothing new leaves the last save as it was, even at the end', () => {
	const {store: cached} = store();
	cached.syncWith('sliding');
	cached.receivedSliding({pos: 'p1', rooms: {[ROOM]: {initial: true, required_state: [member('@alice:example.org')], timeline: [message(1)]}}}); // the first: saved at once
	cached.receivedSliding({pos: 'p2', rooms: {}, lists: {rooms: {count: 1}}, extensions: {}});
	cached.close();
	expect(savedNow()?.nextBatch).toBe('p1');
});
