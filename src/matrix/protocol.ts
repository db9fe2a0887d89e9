/**
 * The narrow interface between the matrix layer and the rest of the app: actions in, plain
 * snapshots out. Nothing here refers to matrix-js-sdk objects, so the layer behind it can move to a
 * worker thread, or take a leaner path for big rooms, without the state or UI layers noticing.
 */
import type {RawContent, RawEvent} from '../domain/events.js';
import type {MemberList} from '../domain/member-list.js';
import type {StateView} from '../domain/state-view.js';

export type SyncStatus = 'connecting' | 'syncing' | 'reconnecting' | 'stopped' | 'error';

export interface TimelineEntry {
	event: RawEvent;
	/** Local echo of our own event that the server has not confirmed yet. */
	pending?: 'sending' | 'failed';
}

/**
 * A room as the app sees it. Built on the app's side from RoomUpdates, so that a change sends only
 * what changed: a 50,000-member room must not cross a thread boundary on every message.
 */
export interface RoomSnapshot {
	roomId: string;
	name: string;
	membership: 'join' | 'invite' | 'leave' | 'ban' | 'knock';
	unread: number;
	highlights: number;
	/** Who invited us, for invites. */
	inviter?: string;
	/** Confirmed timeline events, oldest first (edits and reactions included, as raw events). */
	events: RawEvent[];
	/** Our own events the server has not confirmed yet. */
	pending: TimelineEntry[];
	/** events then pending, as entries: what the timeline draws. */
	timeline: TimelineEntry[];
	/**
	 * The room's current m.room.* state but its members: the settings the app reads (name, topic,
	 * power levels, tombstone…). Rooms can have 20,000 other state events: those reach the app only
	 * as `stateView` rows.
	 */
	state: RawEvent[];
	/**
	 * The room-state panel, built by the matrix layer from all non-member state once the app asks
	 * for it (load-state-view), then kept up to date. Deleted rows are in it only while the user asks
	 * to see deleted state; it counts them either way.
	 */
	stateView?: StateView;
	/**
	 * Member events of the people the app needs names for: the timeline's senders and subjects, us,
	 * our inviter. Not the whole room: that is `memberList`.
	 */
	members: RawEvent[];
	/** The whole member list, built and sorted by the matrix layer, left members included. */
	memberList: MemberList;
	/** False once the start of the room's history has been reached. */
	canPaginateBack: boolean;
	/** True once the full member list was fetched (lazy loading only sends the timeline's senders). */
	membersLoaded: boolean;
	/** Grows with every change, so views can memoize on (roomId, version). */
	version: number;
}

/** What changed in a room. Parts left out are unchanged since the last update for this room. */
export interface RoomUpdate {
	roomId: string;
	version: number;
	meta: Pick<RoomSnapshot, 'name' | 'membership' | 'unread' | 'highlights' | 'inviter' | 'canPaginateBack' | 'membersLoaded'>;
	/** 'append' adds to the confirmed events sent before; 'replace' starts over (scrollback, redaction). */
	events?: {mode: 'append' | 'replace'; events: RawEvent[]};
	pending?: TimelineEntry[];
	state?: RawEvent[];
	stateView?: StateView;
	/** Replaces the named users' member events (mode 'upsert') or all of them ('replace'). */
	members?: {mode: 'upsert' | 'replace'; events: RawEvent[]};
	memberList?: MemberList;
}

export type SessionUpdate =
	| {kind: 'sync'; status: SyncStatus; error?: string}
	| {kind: 'rooms'; rooms: RoomUpdate[]}
	| {kind: 'room-removed'; roomId: string}
	| {kind: 'logged-out'; reason: string};

export type MatrixAction =
	| {type: 'send-text'; roomId: string; body: string}
	| {type: 'send-emote'; roomId: string; body: string}
	| {type: 'leave'; roomId: string; reason?: string}
	| {type: 'join'; roomIdOrAlias: string}
	| {type: 'invite'; roomId: string; userId: string}
	| {type: 'kick'; roomId: string; userId: string; reason?: string}
	| {type: 'ban'; roomId: string; userId: string; reason?: string}
	| {type: 'set-topic'; roomId: string; topic: string}
	| {type: 'set-display-name'; name: string}
	| {type: 'get-state'; roomId: string; eventType: string; stateKey: string}
	| {type: 'put-state'; roomId: string; eventType: string; stateKey: string; content: RawContent}
	| {type: 'paginate-back'; roomId: string}
	| {type: 'load-members'; roomId: string}
	/** The room-state panel is open: send the room's stateView, now and whenever its state changes. */
	| {type: 'load-state-view'; roomId: string}
	/** Member lists include the departed (MSC3901-deleted) only while the user asks to see them. */
	| {type: 'set-show-deleted'; value: boolean}
	| {type: 'mark-read'; roomId: string}
	| {type: 'resolve-alias'; alias: string}
	| {type: 'state-census'; roomId: string}
	/** The room's whole current state as the server holds it (GET /rooms/{id}/state): RawEvent[]. */
	| {type: 'room-state'; roomId: string}
	/** POST /rooms/{id}/upgrade: the replacement room's ID. */
	| {type: 'upgrade-room'; roomId: string; newVersion: string}
	/** POST /account/deactivate through the m.login.password interactive-auth step. */
	| {type: 'deactivate-account'; password: string};

export type ActionErrorKind = 'forbidden' | 'not-found' | 'rate-limited' | 'network' | 'unknown-token' | 'bad-request' | 'other';

export interface ActionError {
	kind: ActionErrorKind;
	message: string;
	status?: number;
	errcode?: string;
	retryAfterMs?: number;
}

export type ActionResult = {ok: true; value?: unknown} | {ok: false; error: ActionError};

export interface MatrixSession {
	readonly userId: string;
	subscribe(listener: (update: SessionUpdate) => void): () => void;
	start(): Promise<void>;
	stop(): void;
	perform(action: MatrixAction): Promise<ActionResult>;
	logout(): Promise<ActionResult>;
}
