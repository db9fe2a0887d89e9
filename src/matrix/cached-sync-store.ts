/**
 * The SDK's store with the local cache (sync-cache.ts) behind it. A start hands the SDK what the
 * cache kept (`getSavedSync`: the SDK replays it while its first requests are still out, so the
 * account is drawn from disk, then syncs on from the saved token); every sync the SDK has finished
 * processing is folded in (`setSyncData`) and saved now and then (`wantsSave` / `save`, which the
 * SDK calls only between batches, so a save never holds half of one).
 *
 * What is folded in is the body as the server sent it (`received`), not the one the SDK was handed
 * (lean-sync.ts takes state out first), and the replay goes through the same readers as a live
 * sync (`replay`): every view is rebuilt the same way. To-device messages and key counts are never
 * kept (the accumulator drops them): they were for the crypto store, which has them already.
 *
 * Sliding sync (`syncWith('sliding')`) keeps the same shape: the SDK never asks for the saved
 * account there, so the session takes it (`takeSaved`) and hands it to the SDK's sliding sync
 * itself; each response is folded in as it comes (`receivedSliding`, sliding-cache-shape.ts), the
 * position it carries being no token to go on from (a start opens a new connection). A save made
 * by sliding sync is marked so: classic sync cannot go on from it and starts afresh.
 */
import {MemoryStore, SyncAccumulator, type ISyncResponse} from 'matrix-js-sdk';
import type {ISavedSync} from 'matrix-js-sdk/lib/store/index.js';
import {asObject} from '../domain/events.js';
import {slidingForTheCache, withoutPlaceholders} from './sliding-cache-shape.js';
import type {SavedSync, SyncCache} from './sync-cache.js';

export interface CachedSyncOptions {
	/** Per room, the newest events kept (the accumulator's `maxTimelineEntries`). */
	eventsPerRoom: number;
	/** At most one save in this long (a save writes the whole account). */
	saveEveryMs: number;
	/** Takes a body through the sync readers, and the state the SDK does not read out of it. */
	replay: (body: ISyncResponse) => void;
	/** One line for the user: the cache could not be written (it is then left as it was). */
	problem: (text: string) => void;
	/** Whose account: a sliding response says our leave only in the room's state. */
	myUserId: string;
}

export class CachedSyncStore extends MemoryStore {
	private readonly accumulator: SyncAccumulator;
	private saved: SavedSync | undefined;
	private savedToken: string | null;
	private sliding = false;
	/** The token of the last body folded in. */
	private token = '';
	/** Per room, the IDs of the timeline events kept, oldest first (sliding sync folds by them). */
	private readonly kept = new Map<string, string[]>();
	/** The last /sync body as it came off the wire, until the SDK has processed it. */
	private received: string | undefined;
	private unsaved = false;
	private lastSave: number;
	/** A batch went by that could not be folded in: saving on would skip it, so the last save stands. */
	private stalled = false;

	constructor(
		private readonly cache: SyncCache,
		saved: SavedSync | undefined,
		private readonly options: CachedSyncOptions,
	) {
		super();
		this.saved = saved;
		this.savedToken = saved?.nextBatch ?? null;
		// With nothing on disk the first sync is saved at once; a start from the cache has it there,
		// and a save (the whole account) would only slow the start down.
		this.lastSave = saved ? Date.now() : 0;
		this.accumulator = new SyncAccumulator({maxTimelineEntries: options.eventsPerRoom});
	}

	/** Whether this start begins from the cache (its first frame is the saved account). */
	get fromCache(): boolean {
		return this.savedToken !== null;
	}

	/** Before the sync starts: which way. Classic sync cannot go on from what sliding sync saved. */
	syncWith(mode: 'classic' | 'sliding'): void {
		this.sliding = mode === 'sliding';
		if (!this.sliding && this.saved?.sliding) {
			this.saved = undefined;
			this.savedToken = null;
		}
	}

	/** Sliding sync: the saved account, once, replayed to the readers (the SDK is handed it by the session). */
	takeSaved(): ISyncResponse | undefined {
		const saved = this.saved;
		this.saved = undefined;
		if (!saved) return undefined;
		this.fold(bodyOf(structuredClone(saved)), true);
		const body = withoutPlaceholders(bodyOf(saved));
		this.options.replay(body);
		return body;
	}

	/** Sliding sync: a room the server no longer lists for us (left while we were away) is kept no more. */
	forget(roomId: string): void {
		if (this.stalled || this.saved) return;
		this.fold({next_batch: this.token, rooms: {join: {}, invite: {}, leave: {[roomId]: {}}, knock: {}}} as unknown as ISyncResponse);
		this.unsaved = true;
	}

	/** Sliding sync: a response, folded in as it comes, and saved when a save is due. */
	receivedSliding(response: unknown): void {
		// The saved account not folded in first would be lost at the next save.
		if (this.saved) this.stalled = true;
		if (this.stalled) return;
		const body = slidingForTheCache(response, this.options.myUserId, (roomId) => this.kept.get(roomId));
		this.fold(body);
		this.unsaved ||= carriesNews(body);
		if (this.wantsSave()) this.saveNow();
	}

	/** A /sync response's text, before the SDK sees it (sync-fetch.ts's `raw` reader). */
	receivedSync(text: string): void {
		this.received = text;
	}

	override getSavedSyncToken(): Promise<string | null> {
		return Promise.resolve(this.savedToken);
	}

	/** Called once, as classic sync starts (sliding sync never asks: the saved account then stays unread). */
	override getSavedSync(): Promise<ISavedSync | null> {
		const saved = this.saved;
		this.saved = undefined; // replayed once; the accumulator holds its own copy
		if (!saved) return Promise.resolve(null);
		this.fold(bodyOf(structuredClone(saved)), true);
		const body = bodyOf(saved);
		this.options.replay(body);
		return Promise.resolve({nextBatch: body.next_batch, roomsData: body.rooms, accountData: body.account_data?.events ?? []});
	}

	override setSyncData(processed: ISyncResponse): Promise<void> {
		const text = this.received;
		this.received = undefined;
		// A batch with the saved account not folded in first would lose it at the next save.
		if (this.saved) this.stalled = true;
		if (this.stalled) return Promise.resolve();
		const body = text === undefined ? undefined : parsed(text);
		if (body?.next_batch !== processed.next_batch) {
			this.stalled = true; // not the body we saw come in: keep the last consistent save
			return Promise.resolve();
		}
		this.fold(body);
		this.unsaved ||= carriesNews(body);
		return Promise.resolve();
	}

	override wantsSave(): boolean {
		return this.unsaved && !this.stalled && Date.now() - this.lastSave >= this.options.saveEveryMs;
	}

	override save(): Promise<void> {
		this.saveNow();
		return Promise.resolve();
	}

	/** At the end: what has been processed since the last save is kept too. */
	close(): void {
		this.saveNow();
		this.stalled = true; // a batch the SDK still finishes after this is not saved
		this.cache.close();
	}

	private saveNow(): void {
		if (!this.unsaved || this.stalled) return;
		try {
			const saved: SavedSync = withoutStateBefore(this.accumulator.getJSON(true));
			this.cache.save(this.sliding ? {...saved, sliding: true} : saved);
			this.unsaved = false;
			this.lastSave = Date.now();
		} catch (error) {
			this.stalled = true;
			this.options.problem(`The local cache could not be saved (${error instanceof Error ? error.message.split('\n')[0] : String(error)}): the next start syncs from where it last was saved.`);
		}
	}

	private fold(body: ISyncResponse, fromDatabase = false): void {
		this.accumulator.accumulate(body, fromDatabase);
		this.token = body.next_batch;
		for (const [roomId, value] of Object.entries(asObject(body.rooms?.join))) {
			const timeline = asObject(asObject(value).timeline);
			if (!Array.isArray(timeline.events)) continue;
			const ids = (timeline.events as unknown[]).map((event) => asObject(event).event_id).filter((id): id is string => typeof id === 'string');
			const kept = timeline.limited === true ? ids : [...(this.kept.get(roomId) ?? []), ...ids];
			this.kept.set(roomId, kept.slice(-this.options.eventsPerRoom));
		}
		for (const roomId of Object.keys(asObject(body.rooms?.leave))) this.kept.delete(roomId);
	}
}

/**
 * Where a room has its state after the timeline (MSC4222, which the SDK asks for), the state before
 * it is what the accumulator keeps too: the SDK reads only the former (and so do our readers, last),
 * and without the latter the file is half the size.
 */
function withoutStateBefore(saved: SavedSync): SavedSync {
	const rooms = saved.roomsData as Record<string, Record<string, Record<string, unknown>> | undefined>;
	for (const section of Object.values(rooms)) {
		for (const room of Object.values(section ?? {})) {
			if (STATE_AFTER in room) delete room['state'];
		}
	}
	return saved;
}

const STATE_AFTER = 'org.matrix.msc4222.state_after';

/**
 * Whether a body changes what is kept. A long poll that ends with nothing new moves only the token:
 * a start from the token before it fetches nothing more, so it is not worth a save (the whole account).
 */
function carriesNews(body: ISyncResponse): boolean {
	const rooms = body.rooms as unknown as Record<string, Record<string, unknown> | undefined> | undefined;
	const anyRoom = Object.values(rooms ?? {}).some((section) => Object.keys(section ?? {}).length > 0);
	return anyRoom || (body.account_data?.events.length ?? 0) > 0;
}

function bodyOf(saved: SavedSync): ISyncResponse {
	return {next_batch: saved.nextBatch, rooms: saved.roomsData, account_data: {events: saved.accountData}} as ISyncResponse;
}

function parsed(text: string): ISyncResponse | undefined {
	try {
		return JSON.parse(text) as ISyncResponse;
	} catch {
		return undefined;
	}
}
