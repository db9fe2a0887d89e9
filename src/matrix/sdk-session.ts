/**
 * The running session: an SDK client whose changes go out as RoomUpdates (room-tracker.ts) every
 * frame, and whose actions come in as values (actions.ts). It runs in the worker thread
 * (session-worker.ts); src/matrix is the only layer that talks to matrix-js-sdk.
 */
import {ClientEvent, EventTimeline, HttpApiEvent, MatrixEventEvent, PendingEventOrdering, RoomEvent, RoomStateEvent, SyncState, type ISyncResponse, type MatrixClient, type Room} from 'matrix-js-sdk';
import {runAction, type ActionContext} from './actions.js';
import {createQuietClient, type Credentials} from './client.js';
import {toActionError} from './errors.js';
import {outboxFile} from './outbox-file.js';
import {OutboxSender} from './outbox-sender.js';
import {sdkTransport} from './outbox-transport.js';
import {echoOf} from './outbox-echo.js';
import type {CryptoOptions} from './session-crypto.js';
import {SessionEncryption} from './session-encryption.js';
import {retryRateLimited} from './rate-limit.js';
import type {MatrixAction, MatrixSession, OutboxStatus, ResultOf, RoomUpdate, SessionUpdate, SyncStatus} from './protocol.js';
import type {DivertedState} from './lean-sync.js';
import {leanSyncFetch, readSyncBody, readSyncSections, type SyncBodyReaders} from './sync-fetch.js';
import type {SyncMode} from './sync-mode.js';
import {savedAsSliding} from './sliding-cache-shape.js';
import {CachedSyncStore} from './cached-sync-store.js';
import {SyncCache} from './sync-cache.js';
import {offersSlidingSync, RoomListSync} from './sliding-sync.js';
import {countUnreadHere} from './unread-counts.js';
import {ServerUnread} from './server-unread.js';
import {RoomTracker} from './room-tracker.js';
import {HistoryLoader} from './history-loader.js';
import {Transfers} from './transfers.js';
import {forgetTimelinesOnReset, trimSdkTimeline} from './sdk-timeline.js';
import type {RoomTimeline} from './sync-timelines.js';
import {RoomPlacement} from './room-placement.js';
import {DEFAULT_REASON_MAX_WIDTH} from '../domain/reason.js';
import type {RoomTyping} from '../domain/typing.js';
import type {RoomReceipts} from '../domain/receipts.js';

/** The local cache: at most one save in this long (a save writes the whole account). */
const CACHE_SAVE_EVERY_MS = 10_000;

/** How long changes are gathered before one batch of snapshots goes out (one frame at 60 fps). */
const FLUSH_DELAY_MS = 16;

const SYNC_STATUS: Partial<Record<SyncState, SyncStatus>> = {
	[SyncState.Prepared]: 'syncing',
	[SyncState.Syncing]: 'syncing',
	[SyncState.Catchup]: 'syncing',
	[SyncState.Reconnecting]: 'reconnecting',
	[SyncState.Error]: 'error',
	[SyncState.Stopped]: 'stopped',
};

/** The server answers syncs: after an outage, the moment this turns true is when waiting messages go. */
function isAnswering(state: SyncState | undefined): boolean {
	return state === SyncState.Prepared || state === SyncState.Syncing || state === SyncState.Catchup;
}

export interface SessionOptions {
	reasonMaxWidth?: number;
	/** Where unsent messages are kept across restarts, and the key they are sealed with (none: in memory only). */
	outbox?: {file: string; key: Uint8Array};
	/** The persistent store to decrypt with (none: encrypted rooms stay unreadable). */
	crypto?: CryptoOptions;
	/** The password of the login that made this session's device, if it was just typed. */
	loginPassword?: string;
	/** The local cache (sync-cache.ts), sealed with `key`, keeping `eventsPerRoom` events per room (none: every start is a full sync). */
	cache?: {file: string; key: Uint8Array; eventsPerRoom: number};
	/** auto (the default): simplified sliding sync where the server offers it, else classic; classic: /sync; sliding: as auto, with a line where it is not offered. */
	sync?: SyncMode;
	/** The ID of the room to open first, if known: sliding sync's first request subscribes to it already. */
	firstRoom?: string;
	/** Sliding sync: rooms of up to this many members are subscribed to with all their state (sliding-sync.ts). */
	wholeStateUpTo?: number;
}

export class SdkSession implements MatrixSession {
	readonly userId: string;
	private readonly client: MatrixClient;
	private readonly listeners = new Set<(update: SessionUpdate) => void>();
	private readonly dirty = new Set<string>();
	private readonly trackers = new Map<string, RoomTracker>();
	private readonly reasonMaxWidth: number;
	/** Whether member lists include the departed (the UI's /show-deleted). */
	private showDeleted = false;
	private flushTimer: NodeJS.Timeout | undefined;
	private version = 0;
	/** Every message typed, until a sync shows the server stored it (outbox-sender.ts). */
	private readonly outbox: OutboxSender;
	/** The first sync is in: rooms' membership and encryption are known, so messages may go. */
	private synced = false;
	private readonly firstSync = Promise.withResolvers<void>();
	private lastSyncState: SyncState | undefined;
	private lastOutboxStatus = '';
	private readonly notices: Array<{text: string; info?: true}> = [];
	/** End-to-end encryption: the crypto store, decryptions, trust, verification, recovery (session-encryption.ts). */
	private readonly encryption: SessionEncryption;
	private readonly actionContext: ActionContext;
	private readonly history: HistoryLoader;
	/** Direct chats (m.direct) and Favourite / Low priority tags: where each room goes in the list. */
	private readonly placement: RoomPlacement;
	/** The local cache the SDK's store keeps (none: every start is a full sync, as in the demo). */
	private readonly cachedSync: CachedSyncStore | undefined;
	private readonly syncMode: SyncMode;
	private readonly wholeStateUpTo: number | undefined;
	/** Sliding sync's room list and the room on screen's subscription (none: classic sync). */
	private roomListSync: RoomListSync | undefined;
	/** The room on screen, as the UI last said (sliding sync subscribes to it once it runs). */
	private onScreen: string | undefined;
	/** The room asked for at start (sliding sync subscribes to it from its first request, until it is on screen). */
	private readonly firstRoom: string | undefined;
	/** Sliding sync: the big rooms whose whole state (members aside) has been read for the state panel. */
	private readonly wholeStateRead = new Set<string>();
	/** Sliding sync: the server's unread counts, for the rooms whose unread events we do not all hold. */
	private readonly serverUnread: ServerUnread;

	constructor(credentials: Credentials, options: SessionOptions = {}) {
		this.encryption = new SessionEncryption(options.crypto, options.loginPassword);
		this.userId = credentials.userId;
		this.reasonMaxWidth = options.reasonMaxWidth ?? DEFAULT_REASON_MAX_WIDTH;
		this.syncMode = options.sync ?? 'auto';
		this.wholeStateUpTo = options.wholeStateUpTo;
		this.firstRoom = options.firstRoom;
		const readers: SyncBodyReaders = {
			diverted: (diverted) => this.keepDivertedState(diverted),
			timelines: (timelines) => this.keepTimelines(timelines),
			typing: (rooms) => this.keepTyping(rooms),
			receipts: (rooms) => this.keepReceipts(rooms),
			encrypted: (roomId) => this.client.getRoom(roomId)?.hasEncryptionStateEvent() ?? false,
			raw: (text) => this.cachedSync?.receivedSync(text),
			sliding: (body) => {
				this.cachedSync?.receivedSliding(body);
				this.serverUnread.sawResponse(body);
			},
			slidingRequest: (body) => this.roomListSync?.putSubscriptionsIn(body),
			slidingUnreachable: (error) => {
				if (isAnswering(this.lastSyncState)) this.onSync(SyncState.Reconnecting, error instanceof Error ? error : undefined, false);
			},
		};
		// On sliding sync the SDK is handed all of the saved state, as it is all of a response's.
		const replay = (body: ISyncResponse) => (this.roomListSync ? readSyncSections(body, readers) : readSyncBody(body, credentials.userId, readers));
		this.cachedSync = options.cache ? this.openCache(options.cache, credentials.userId, replay) : undefined;
		this.client = createQuietClient({
			baseUrl: credentials.homeserver,
			userId: credentials.userId,
			accessToken: credentials.accessToken,
			deviceId: credentials.deviceId,
			cryptoCallbacks: this.encryption.secretStorageKey.callbacks,
			fetchFn: leanSyncFetch(credentials.userId, readers),
			store: this.cachedSync,
		});
		const store = options.outbox ? outboxFile(options.outbox.file, {userId: credentials.userId, deviceId: credentials.deviceId}, options.outbox.key) : undefined;
		this.outbox = new OutboxSender(sdkTransport(this.client, () => this.synced), store, {
			changed: (roomIds) => {
				for (const roomId of roomIds) this.markDirty(roomId);
			},
			problem: (text) => this.notify(text),
			synced: (roomId, eventId) => this.trackers.get(roomId)?.held.has(eventId) ?? false,
		});
		this.placement = new RoomPlacement(this.client);
		this.serverUnread = new ServerUnread(this.client, (roomIds) => roomIds.forEach((roomId) => this.markDirty(roomId)));
		this.history = new HistoryLoader(
			this.client,
			(roomId) => this.tracker(roomId),
			(roomId) => this.markDirty(roomId),
			(roomId, events) => this.encryption.decryptPage(roomId, events),
		);
		this.encryption.attach({
			client: this.client,
			replace: (roomId, eventId, form) => {
				if (this.tracker(roomId).decrypted(eventId, form)) this.markDirty(roomId);
			},
			held: () => [...this.trackers].map(([roomId, tracker]) => [roomId, tracker.held.events] as const),
			notify: (text, info) => this.notify(text, info),
			emit: (update) => this.emit(update),
			changed: () => this.scheduleFlush(),
		});
		this.actionContext = {
			client: this.client,
			userId: this.userId,
			outbox: this.outbox,
			room: (roomId) => this.room(roomId),
			tracker: (roomId) => this.tracker(roomId),
			history: this.history,
			changed: (roomId) => this.markDirty(roomId),
			showDeleted: (value) => this.setShowDeleted(value),
			verifications: this.encryption.verifications,
			secretStorageKey: this.encryption.secretStorageKey,
			retryUndecryptable: () => this.encryption.retryUndecryptable(),
			transfers: new Transfers((transfer) => this.emit(transfer ? {kind: 'transfer', transfer} : {kind: 'transfer'})),
			firstSync: () => this.firstSync.promise,
			wholeState: (roomId) => this.loadWholeState(roomId),
			onScreen: (roomId) => {
				this.onScreen = roomId;
				this.roomListSync?.view(roomId);
			},
		};
	}

	subscribe(listener: (update: SessionUpdate) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	async start(): Promise<void> {
		const client = this.client;
		client.on(ClientEvent.Sync, (state, _previous, data) => this.onSync(state, data?.error, data?.fromCache === true));
		client.on(ClientEvent.Room, (room) => {
			// Unread counts can change without a timeline event (a read receipt from another device).
			room.on(RoomEvent.UnreadNotifications, () => this.markDirty(room.roomId));
			this.markDirty(room.roomId);
		});
		client.on(ClientEvent.DeleteRoom, (roomId) => this.emit({kind: 'room-removed', roomId}));
		client.on(RoomEvent.Timeline, (event, room, _toStart, removed) => {
			// `removed`: our own trimming of the SDK's timeline (sdk-timeline.ts).
			if (!room || removed) return;
			// Sliding sync leaves timeline events encrypted (its app decrypts what it shows): we show them all.
			if (this.roomListSync && event.isEncrypted()) void client.decryptEventIfNeeded(event);
			if (event.getType() === 'm.room.redaction') this.tracker(room.roomId).timelineRedaction(event);
			this.markDirty(room.roomId);
		});
		client.on(RoomEvent.Redaction, (redaction, room) => {
			this.tracker(room.roomId).redactedBySdk(room.findEventById(redaction.event.redacts ?? redaction.getAssociatedId() ?? ''));
			this.markDirty(room.roomId);
		});
		client.on(RoomEvent.LocalEchoUpdated, (_event, room) => this.markDirty(room.roomId));
		client.on(RoomEvent.Name, (room) => this.markDirty(room.roomId));
		client.on(RoomEvent.MyMembership, (room) => this.markDirty(room.roomId));
		client.on(RoomStateEvent.Events, (event) => {
			const roomId = event.getRoomId();
			if (!roomId) return;
			this.tracker(roomId).stateEvent(event);
			this.markDirty(roomId);
		});
		client.on(MatrixEventEvent.Decrypted, (event) => this.encryption.decrypted(event));
		this.placement.listen((roomIds) => (roomIds === 'all' ? this.markAllDirty() : roomIds.forEach((roomId) => this.markDirty(roomId))));
		client.on(HttpApiEvent.SessionLoggedOut, (error) => this.emit({kind: 'logged-out', reason: error.message}));
		this.emit({kind: 'sync', status: 'connecting'});
		this.outbox.load();
		forgetTimelinesOnReset(client);
		if ((await this.encryption.start()) === 'locked') return;
		this.roomListSync = this.syncMode === 'classic' ? undefined : await this.slidingSync();
		this.cachedSync?.syncWith(this.roomListSync ? 'sliding' : 'classic');
		// Classic sync asks the store for the saved account itself; sliding sync is handed it here.
		const saved = this.roomListSync ? this.cachedSync?.takeSaved() : undefined;
		if (saved) this.roomListSync?.slidingSync.holdForReplay();
		await client.startClient({
			lazyLoadMembers: true,
			initialSyncLimit: 30,
			pendingEventOrdering: PendingEventOrdering.Detached,
			...(this.roomListSync ? {slidingSync: this.roomListSync.slidingSync} : {}),
		});
		if (saved && this.roomListSync) {
			await this.roomListSync.slidingSync.replay(savedAsSliding(saved));
			this.onSync(SyncState.Prepared, undefined, true);
		}
	}

	stop(): void {
		clearTimeout(this.flushTimer);
		this.serverUnread.stop();
		this.outbox.stop();
		this.client.stopClient();
		this.cachedSync?.close();
		this.encryption.stop();
		this.emit({kind: 'sync', status: 'stopped'});
	}

	/** After stop(): the crypto store's files are closed (another session may open them now). */
	async closed(): Promise<void> {
		await this.encryption.closed();
	}

	async perform<Action extends MatrixAction>(action: Action): Promise<ResultOf<Action>> {
		try {
			const value = await retryRateLimited(() => runAction(action, this.actionContext));
			return {ok: true, value} as ResultOf<Action>;
		} catch (error) {
			return {ok: false, error: toActionError(error)};
		}
	}

	/** State a sync carried that the SDK does not read (lean-sync.ts): ours to keep, before the SDK takes the rest. */
	private keepDivertedState(diverted: readonly DivertedState[]): void {
		for (const {roomId, events} of diverted) {
			this.tracker(roomId).divertedState(events);
			this.markDirty(roomId);
		}
	}

	/** Every room's timeline section, as the server sent it, before the SDK sees the body. */
	private keepTimelines(timelines: readonly RoomTimeline[]): void {
		for (const section of timelines) {
			this.tracker(section.roomId).syncedTimeline(section, this.history.capFor(section.roomId));
			this.markDirty(section.roomId);
			this.history.synced(section.roomId);
			this.outbox.synced(section.roomId, section.events, section.limited);
		}
	}

	/** Who types in each room now, but us. */
	private keepTyping(rooms: readonly RoomTyping[]): void {
		for (const {roomId, userIds} of rooms) {
			if (this.tracker(roomId).typing(userIds.filter((userId) => userId !== this.userId))) this.markDirty(roomId);
		}
	}

	private keepReceipts(rooms: readonly RoomReceipts[]): void {
		for (const {roomId, receipts} of rooms) {
			this.tracker(roomId).receipts(receipts);
			this.markDirty(roomId);
		}
	}

	private setShowDeleted(value: boolean): void {
		if (this.showDeleted === value) return;
		this.showDeleted = value;
		// Member lists and state views are rebuilt with or without their deleted rows.
		for (const roomId of this.trackers.keys()) this.markDirty(roomId);
	}

	private room(roomId: string): Room {
		const room = this.client.getRoom(roomId);
		if (!room) throw new Error(`not in room ${roomId}`);
		return room;
	}

	private onSync(state: SyncState, error: Error | undefined, fromCache: boolean): void {
		if (fromCache) {
			// The account as the cache kept it: drawn, but not yet what the server holds now (a room may
			// have turned encrypted meanwhile), so nothing is sent until the server has answered.
			this.markAllDirty();
			this.emit({kind: 'sync', status: 'catching-up'});
			return;
		}
		const status = SYNC_STATUS[state];
		if (state === SyncState.Prepared) {
			this.synced = true;
			this.firstSync.resolve();
			this.markAllDirty();
			this.encryption.afterFirstSync();
			if (this.roomListSync) void this.serverUnread.refresh();
		}
		// The server answers (again): what waits goes now rather than at its backoff.
		const cameBack = isAnswering(state) && !isAnswering(this.lastSyncState);
		this.lastSyncState = state;
		if (cameBack && this.synced) this.outbox.wake();
		if (status) this.emit({kind: 'sync', status, error: error ? toActionError(error).message : undefined});
	}

	/** Sliding sync where the server offers it; where not, classic sync (and one line if sliding was asked for). */
	private async slidingSync(): Promise<RoomListSync | undefined> {
		if (await offersSlidingSync(this.client)) {
			const roomList = new RoomListSync(this.client, (sent) => this.forgetRoomsNotIn(sent), this.wholeStateUpTo, this.firstRoom);
			roomList.view(this.onScreen);
			return roomList;
		}
		if (this.syncMode === 'sliding') this.notify('This homeserver does not offer sliding sync (MSC4186): using classic sync.');
		return undefined;
	}

	/**
	 * Sliding sync brings a big room's state without its members (they come by /members) and
	 * without state of types it does not name: for the state panel (deleted state included), the
	 * rest of the room's state is read once, members aside.
	 */
	private async loadWholeState(roomId: string): Promise<void> {
		if (!this.roomListSync || this.roomListSync.wholeStateOf(roomId) || this.wholeStateRead.has(roomId)) return;
		this.wholeStateRead.add(roomId);
		try {
			const events = (await this.client.roomState(roomId)).filter((event) => event.type !== 'm.room.member');
			this.room(roomId).getLiveTimeline().getState(EventTimeline.FORWARDS)?.setStateEvents(events.map(this.client.getEventMapper()));
		} catch (error) {
			this.wholeStateRead.delete(roomId);
			throw error;
		}
	}

	/** Rooms drawn from the cache that the server's whole room list does not hold: left meanwhile. */
	private forgetRoomsNotIn(sent: ReadonlySet<string>): void {
		for (const room of this.client.getRooms()) {
			if (sent.has(room.roomId)) continue;
			this.client.store.removeRoom(room.roomId);
			this.client.emit(ClientEvent.DeleteRoom, room.roomId);
			this.cachedSync?.forget(room.roomId);
		}
	}

	private openCache(options: NonNullable<SessionOptions['cache']>, myUserId: string, replay: (body: ISyncResponse) => void): CachedSyncStore {
		const {cache, saved, problem} = SyncCache.open(options.file, options.key);
		if (problem) this.notify(problem);
		return new CachedSyncStore(cache, saved, {
			eventsPerRoom: options.eventsPerRoom,
			saveEveryMs: CACHE_SAVE_EVERY_MS,
			replay,
			problem: (text) => this.notify(text),
			myUserId,
		});
	}

	private markAllDirty(): void {
		for (const room of this.client.getRooms()) this.markDirty(room.roomId);
	}

	private markDirty(roomId: string): void {
		this.dirty.add(roomId);
		this.scheduleFlush();
	}

	/** One line for the user that no action answers: it goes out with the next flush. */
	private notify(text: string, info?: true): void {
		this.notices.push(info ? {text, info} : {text});
		this.scheduleFlush();
	}

	private scheduleFlush(): void {
		this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_DELAY_MS);
	}

	private tracker(roomId: string): RoomTracker {
		let tracker = this.trackers.get(roomId);
		if (!tracker) this.trackers.set(roomId, (tracker = new RoomTracker()));
		return tracker;
	}

	private flush(): void {
		this.flushTimer = undefined;
		const rooms: RoomUpdate[] = [];
		const again: string[] = [];
		const view = {reasonMaxWidth: this.reasonMaxWidth, showDeleted: this.showDeleted};
		for (const roomId of this.dirty) {
			const room = this.client.getRoom(roomId);
			if (!room) continue;
			trimSdkTimeline(room);
			if (this.roomListSync) countUnreadHere(this.client, room, this.userId, this.serverUnread.of(roomId));
			const echoes = this.outbox.echoes(roomId).map((entry) => echoOf(entry, this.userId));
			const {update, flushAgain} = this.tracker(roomId).update(room, this.userId, ++this.version, view, echoes);
			Object.assign(update.meta, this.placement.of(room));
			rooms.push(update);
			if (flushAgain) again.push(roomId);
		}
		this.dirty.clear();
		if (rooms.length > 0) this.emit({kind: 'rooms', rooms});
		this.emitOutboxStatus(this.outbox.summary);
		const verified = this.encryption.takeVerifiedChange();
		if (verified) this.emit({kind: 'verified-users', userIds: verified});
		for (const notice of this.notices.splice(0)) this.emit({kind: 'notice', ...notice});
		// A head went out: the rest follows once this update has been sent on its way.
		for (const roomId of again) this.markDirty(roomId);
	}

	private emitOutboxStatus(status: OutboxStatus): void {
		const signature = JSON.stringify(status);
		if (signature === this.lastOutboxStatus) return;
		this.lastOutboxStatus = signature;
		this.emit({kind: 'outbox', status});
	}

	private emit(update: SessionUpdate): void {
		for (const listener of this.listeners) listener(update);
	}
}
