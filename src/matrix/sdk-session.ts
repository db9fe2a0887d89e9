/**
 * The running session: an SDK client whose changes go out as RoomUpdates (room-tracker.ts) every
 * frame, and whose actions come in as values. It runs in the worker thread (session-worker.ts);
 * src/matrix is the only layer that talks to matrix-js-sdk.
 */
import {
	ClientEvent,
	HttpApiEvent,
	MatrixError,
	Method,
	MsgType,
	PendingEventOrdering,
	RoomEvent,
	RoomStateEvent,
	SyncState,
	type MatrixClient,
	type Room,
} from 'matrix-js-sdk';
import {createQuietClient, type Credentials} from './client.js';
import {toActionError} from './errors.js';
import {MessageSender} from './message-sender.js';
import {retryRateLimited} from './rate-limit.js';
import type {ActionResult, MatrixAction, MatrixSession, RoomUpdate, SessionUpdate, SyncStatus} from './protocol.js';
import {streamMembers} from './members-fetch.js';
import type {DivertedState} from './lean-sync.js';
import {leanSyncFetch} from './sync-fetch.js';
import {rawEventOf, RoomTracker} from './room-tracker.js';
import {stateCensus} from '../domain/state-census.js';
import {DEFAULT_REASON_MAX_WIDTH} from '../domain/reason.js';

/** How long changes are gathered before one batch of snapshots goes out (one frame at 60 fps). */
const FLUSH_DELAY_MS = 16;

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
	/** Messages that failed only because the homeserver was unreachable: re-sent once a sync succeeds. */
	private readonly sender: MessageSender;

	constructor(credentials: Credentials, options: {reasonMaxWidth?: number} = {}) {
		this.userId = credentials.userId;
		this.reasonMaxWidth = options.reasonMaxWidth ?? DEFAULT_REASON_MAX_WIDTH;
		this.client = createQuietClient({
			baseUrl: credentials.homeserver,
			userId: credentials.userId,
			accessToken: credentials.accessToken,
			deviceId: credentials.deviceId,
			fetchFn: leanSyncFetch(credentials.userId, (diverted) => this.takeDiverted(diverted)),
		});
		this.sender = new MessageSender(this.client);
	}

	subscribe(listener: (update: SessionUpdate) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	async start(): Promise<void> {
		const client = this.client;
		client.on(ClientEvent.Sync, (state, _previous, data) => this.onSync(state, data?.error));
		client.on(ClientEvent.Room, (room) => {
			// Unread counts can change without a timeline event (a read receipt from another device).
			room.on(RoomEvent.UnreadNotifications, () => this.markDirty(room.roomId));
			this.markDirty(room.roomId);
		});
		client.on(ClientEvent.DeleteRoom, (roomId) => this.emit({kind: 'room-removed', roomId}));
		client.on(RoomEvent.Timeline, (event, room) => {
			if (!room) return;
			if (event.getType() === 'm.room.redaction') this.tracker(room.roomId).redactUnseen(rawEventOf(event));
			this.markDirty(room.roomId);
		});
		client.on(RoomEvent.Redaction, (redaction, room) => {
			// The SDK prunes the redacted event in place: send the timeline again, and state if it was state.
			const tracker = this.tracker(room.roomId);
			tracker.resetEvents();
			const target = room.findEventById(redaction.event.redacts ?? redaction.getAssociatedId() ?? '');
			if (target?.isState()) {
				if (target.getType() === 'm.room.member') tracker.members.upsert(rawEventOf(target));
				else tracker.stateChangedNow();
			}
			this.markDirty(room.roomId);
		});
		client.on(RoomEvent.TimelineReset, (room) => {
			if (room) {
				this.tracker(room.roomId).resetEvents();
				this.markDirty(room.roomId);
			}
		});
		client.on(RoomEvent.LocalEchoUpdated, (_event, room) => this.markDirty(room.roomId));
		client.on(RoomEvent.Name, (room) => this.markDirty(room.roomId));
		client.on(RoomEvent.MyMembership, (room) => this.markDirty(room.roomId));
		client.on(RoomStateEvent.Events, (event) => {
			const roomId = event.getRoomId();
			if (!roomId) return;
			const tracker = this.tracker(roomId);
			if (event.getType() === 'm.room.member') tracker.members.upsert(rawEventOf(event));
			else {
				tracker.side.supersede(event.getType(), event.getStateKey() ?? '');
				tracker.stateChangedNow();
			}
			this.markDirty(roomId);
		});
		client.on(HttpApiEvent.SessionLoggedOut, (error) => this.emit({kind: 'logged-out', reason: error.message}));
		this.emit({kind: 'sync', status: 'connecting'});
		await client.startClient({
			lazyLoadMembers: true,
			initialSyncLimit: 30,
			pendingEventOrdering: PendingEventOrdering.Detached,
		});
	}

	stop(): void {
		clearTimeout(this.flushTimer);
		this.sender.clear();
		this.client.stopClient();
		this.emit({kind: 'sync', status: 'stopped'});
	}

	async logout(): Promise<ActionResult> {
		try {
			await this.client.logout(true);
			return {ok: true};
		} catch (error) {
			return {ok: false, error: toActionError(error)};
		}
	}

	async perform(action: MatrixAction): Promise<ActionResult> {
		try {
			const value = await retryRateLimited(() => this.run(action));
			return {ok: true, value};
		} catch (error) {
			return {ok: false, error: toActionError(error)};
		}
	}

	private async run(action: MatrixAction): Promise<unknown> {
		const client = this.client;
		switch (action.type) {
			case 'send-text':
				return this.sender.send(action.roomId, {msgtype: MsgType.Text, body: action.body});
			case 'send-emote':
				return this.sender.send(action.roomId, {msgtype: MsgType.Emote, body: action.body});
			case 'leave':
				// The SDK's leave() cannot carry a reason; the endpoint can (leave-reasons proposal).
				await client.http.authedRequest(Method.Post, `/rooms/${encodeURIComponent(action.roomId)}/leave`, undefined, action.reason ? {reason: action.reason} : {});
				return undefined;
			case 'join':
				return (await client.joinRoom(action.roomIdOrAlias)).roomId;
			case 'invite':
				return client.invite(action.roomId, action.userId);
			case 'kick':
				return client.kick(action.roomId, action.userId, action.reason);
			case 'ban':
				return client.ban(action.roomId, action.userId, action.reason);
			case 'set-topic':
				return client.setRoomTopic(action.roomId, action.topic);
			case 'set-display-name':
				return client.setDisplayName(action.name);
			case 'get-state':
				return client.getStateEvent(action.roomId, action.eventType, action.stateKey);
			case 'put-state':
				// eslint-disable-next-line @typescript-eslint/no-explicit-any -- custom state types are not in the SDK's map
				return client.sendStateEvent(action.roomId, action.eventType as any, action.content as any, action.stateKey);
			case 'paginate-back': {
				const room = this.room(action.roomId);
				await client.scrollback(room, 30);
				this.tracker(room.roomId).resetEvents();
				this.markDirty(room.roomId);
				return undefined;
			}
			case 'load-members': {
				// Our own /members fetch, streamed into cut-down events: the SDK's loadMembersIfNeeded() would
				// build a RoomMember per member, far too slow and heavy for big rooms.
				// Everyone but the departed first (as the SDK asks): that is the first screen. Then the
				// departed, whom the list hides until /show-deleted anyway.
				const room = this.room(action.roomId);
				const members = this.tracker(room.roomId).members;
				members.beginFetch();
				try {
					await streamMembers(client, room.roomId, {not_membership: 'leave'}, (events) => members.addFetched(events));
					members.finishPart('present');
					this.markDirty(room.roomId);
					await streamMembers(client, room.roomId, {membership: 'leave'}, (events) => members.addFetched(events));
					members.finishPart('departed');
				} finally {
					// Done or failed: the whole list goes out (after a head, it waits for this).
					members.endFetch();
					this.markDirty(room.roomId);
				}
				return undefined;
			}
			case 'load-state-view':
				this.tracker(this.room(action.roomId).roomId).wantStateView();
				this.markDirty(action.roomId);
				return undefined;
			case 'set-show-deleted':
				if (this.showDeleted !== action.value) {
					this.showDeleted = action.value;
					// Member lists and state views are rebuilt with or without their deleted rows.
					for (const roomId of this.trackers.keys()) this.markDirty(roomId);
				}
				return undefined;
			case 'mark-read': {
				const room = this.room(action.roomId);
				const last = room.getLiveTimeline().getEvents().at(-1);
				if (last) await client.sendReadReceipt(last);
				return undefined;
			}
			case 'resolve-alias':
				return (await client.getRoomIdForAlias(action.alias)).room_id;
			case 'state-census': {
				// The server's own copy, whole: we keep members cut down, and only the ones we fetched.
				return stateCensus(await client.roomState(action.roomId));
			}
			case 'room-state':
				// Plain JSON from the server, so it crosses the worker boundary as it is.
				return client.roomState(action.roomId);
			case 'upgrade-room':
				return (await client.upgradeRoom(action.roomId, action.newVersion)).replacement_room;
			case 'deactivate-account':
				return this.deactivateAccount(action.password);
		}
	}

	/**
	 * Interactive auth, the one-stage way: the first POST opens a session and lists the flows; the
	 * second proves it is us with the password. A server that asks for anything else gets a clear no.
	 */
	private async deactivateAccount(password: string): Promise<unknown> {
		let session: unknown;
		try {
			// A server that trusts a recent login may deactivate right away.
			return await this.client.deactivateAccount(undefined, false);
		} catch (error) {
			const data = error instanceof MatrixError && error.httpStatus === 401 ? error.data : undefined;
			if (!data || !Array.isArray(data.flows)) throw error;
			const flows = data.flows as Array<{stages?: unknown}>;
			if (!flows.some((flow) => Array.isArray(flow.stages) && flow.stages.length === 1 && flow.stages[0] === 'm.login.password')) {
				throw new Error('the homeserver wants more than a password to deactivate (single sign-on?) — use another client for this step');
			}
			session = data.session;
		}
		const auth = {type: 'm.login.password', identifier: {type: 'm.id.user', user: this.userId}, password, ...(typeof session === 'string' ? {session} : {})};
		return this.client.deactivateAccount(auth, false);
	}

	/** State a sync carried that the SDK does not read (lean-sync.ts): ours to keep, before the SDK takes the rest. */
	private takeDiverted(diverted: readonly DivertedState[]): void {
		for (const {roomId, events} of diverted) {
			const tracker = this.tracker(roomId);
			for (const event of events) {
				if (event.type === 'm.room.member') tracker.members.upsert(event);
				else {
					tracker.side.set(event);
					tracker.stateChangedNow();
				}
			}
			this.markDirty(roomId);
		}
	}

	private room(roomId: string): Room {
		const room = this.client.getRoom(roomId);
		if (!room) throw new Error(`not in room ${roomId}`);
		return room;
	}

	private onSync(state: SyncState, error: Error | undefined): void {
		const status: SyncStatus | undefined = {
			[SyncState.Prepared]: 'syncing',
			[SyncState.Syncing]: 'syncing',
			[SyncState.Catchup]: 'syncing',
			[SyncState.Reconnecting]: 'reconnecting',
			[SyncState.Error]: 'error',
			[SyncState.Stopped]: 'stopped',
		}[state] as SyncStatus | undefined;
		if (state === SyncState.Prepared) this.markAllDirty();
		if (state === SyncState.Syncing && this.sender.waiting > 0) this.sender.resendQueued();
		if (status) this.emit({kind: 'sync', status, error: error ? toActionError(error).message : undefined});
	}

	private markAllDirty(): void {
		for (const room of this.client.getRooms()) this.markDirty(room.roomId);
	}

	private markDirty(roomId: string): void {
		this.dirty.add(roomId);
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
		for (const roomId of this.dirty) {
			const room = this.client.getRoom(roomId);
			if (room) rooms.push(this.tracker(roomId).update(room, this.userId, ++this.version, {reasonMaxWidth: this.reasonMaxWidth, showDeleted: this.showDeleted}));
		}
		const again = [...this.dirty].filter((roomId) => this.trackers.get(roomId)?.wantsAnotherFlush);
		this.dirty.clear();
		if (rooms.length > 0) this.emit({kind: 'rooms', rooms});
		// A head went out: the rest follows once this update has been sent on its way.
		for (const roomId of again) this.markDirty(roomId);
	}

	private emit(update: SessionUpdate): void {
		for (const listener of this.listeners) listener(update);
	}
}
