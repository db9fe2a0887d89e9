/**
 * What crosses between the matrix layer and the rest of the app: actions in (each with its own
 * result type), room updates out. Nothing here refers to matrix-js-sdk objects, so the layer behind
 * it can move to a worker thread, or take a leaner path for big rooms, without the state or UI
 * layers noticing. The app's own model of a room (RoomSnapshot) is built from these in src/state.
 */
import type {RawContent, RawEvent} from '../domain/events.js';
import type {MemberList} from '../domain/member-list.js';
import type {Mention} from '../domain/mentions.js';
import type {ReadersAt} from '../domain/receipts.js';
import type {NotifyLevel, RoomNotifyLevel} from '../domain/notify-level.js';
import type {MemberListChanges} from '../domain/member-list-changes.js';
import type {StateCensus} from '../domain/state-census.js';
import type {StateView} from '../domain/state-view.js';
import type {RoomTags} from '../domain/room-placement.js';
import type {PublicRoomsPage} from '../domain/public-rooms.js';
import type {Picture} from '../domain/half-blocks.js';
import type {PixelImage} from '../domain/kitty-graphics.js';
import type {SearchPage} from '../domain/message-search.js';
import type {ThreadListPage, ThreadPage, ThreadTarget} from '../domain/threads.js';
import type {HierarchyPage} from '../domain/space-hierarchy.js';
import type {ParentClaim} from '../domain/spaces.js';

/** catching-up: drawn from the local cache, the first sync since is not in yet. */
export type SyncStatus = 'connecting' | 'catching-up' | 'syncing' | 'reconnecting' | 'stopped' | 'error';

export type RoomMembership = 'join' | 'invite' | 'leave' | 'ban' | 'knock';

/** One of our own events the server has not confirmed yet, as the timeline draws it. */
export interface LocalEcho {
	event: RawEvent;
	/** Left out once the server has stored it (its sync has not brought it yet). */
	pending?: 'sending' | 'failed';
	/** Why it is not out yet (failed: the server's refusal; sending: the last temporary failure). */
	reason?: string;
	/** Stored: the event ID the server gave it (an edit or a reply may name it before its sync comes). */
	storedAs?: string;
}

/** The outbox at a glance, for the status bar. */
export interface OutboxStatus {
	/** Typed and not stored by the server yet: attempts go on. */
	waiting: number;
	/** Refused for good: each waits for the user's /retry, /edit-unsent or /discard. */
	notSent: number;
	/** Why the oldest waiting message is not out yet, once an attempt failed. */
	why?: string;
}

/** A room's small facts, sent with every update. */
export interface RoomMeta {
	name: string;
	membership: RoomMembership;
	unread: number;
	highlights: number;
	/** Who invited us, for invites. */
	inviter?: string;
	/** False once the start of the room's history has been reached. */
	canPaginateBack: boolean;
	/** True once the full member list was fetched (lazy loading only sends the timeline's senders). */
	membersLoaded: boolean;
	/** A direct chat (the account's m.direct, or an invite marked is_direct): the other person's user ID. */
	direct?: string;
	/** Its m.favourite / m.lowpriority tags, if it has either. */
	tags?: RoomTags;
	/** The room's notification setting in the account's push rules (notify-level.ts). */
	notifyLevel?: RoomNotifyLevel;
	/** Two of us at most: messages notify by default, as the server's one-to-one rule says. */
	oneToOne?: boolean;
	/** A space (m.room.create's type 'm.space'): the room IDs its m.space.child events list (spaces.ts). */
	space?: {children: string[]};
	/** The spaces its m.space.parent events name, with their senders (the state layer checks them against the space). */
	spaceParents?: ParentClaim[];
}

/**
 * What changed in a room. Parts left out are unchanged since the last update for this room: a
 * 50,000-member room must not cross a thread boundary on every message.
 */
export interface RoomUpdate {
	roomId: string;
	/** Grows with every change, so views can memoize on (roomId, version). */
	version: number;
	meta: RoomMeta;
	/**
	 * 'append' changes the confirmed events sent before, in this order: the `dropped` oldest go (the
	 * per-room cap), `events` are appended, then each of `inserted` goes just before the event
	 * `before` (a gap filled, scrollback), and each of `replaced` takes the place of the event with
	 * its ID (an encrypted event, decrypted). 'replace' starts over (a redaction, a membership change).
	 */
	events?:
		| {mode: 'append'; events: RawEvent[]; dropped?: number; inserted?: Array<{before: string; events: RawEvent[]}>; replaced?: RawEvent[]}
		| {mode: 'replace'; events: RawEvent[]};
	/**
	 * Where messages are missing (a limited sync not filled yet): the IDs of the events each gap lies
	 * just before, replacing those sent before. paginate-back with the ID fills that gap.
	 */
	gaps?: string[];
	/** All our unconfirmed events, replacing those sent before. */
	pending?: LocalEcho[];
	/** The room's m.room.* settings (name, topic, power levels, tombstone…), replacing those sent before. */
	state?: RawEvent[];
	/** The room-state panel's rows, once the app asked for them (load-state-view). */
	stateView?: StateView;
	/**
	 * Member events of people the app needs names for (senders, subjects, us, our inviter): each
	 * replaces the one sent before for its user. Not the whole room: that is `memberList`.
	 */
	members?: RawEvent[];
	/** `members` are all the app needs now: the people no held event names any more are forgotten. */
	membersWhole?: true;
	/** Who is typing (user IDs, not us), replacing those sent before. */
	typing?: string[];
	/** Who has read up to which of the newest events (not us; a few names per event), replacing those sent before. */
	receipts?: ReadersAt[];
	/** Our read marker (m.fully_read, else our own receipt): the event we had read up to, when it moved. */
	readMarker?: string;
	/** The whole member list, built and sorted by the matrix layer, replacing the one sent before. */
	memberList?: MemberList;
	/** What changed in the member list sent before (a sync's few member changes in a big room). */
	memberChanges?: MemberListChanges;
}

/** One device of our account, as /devices shows it. */
export interface DeviceInfo {
	deviceId: string;
	/** Untrusted text from the server: sanitize before drawing. */
	displayName?: string;
	lastSeenTs?: number;
	lastSeenIp?: string;
	/** Verified by us or by our cross-signing; undefined when we cannot tell (crypto off, or no keys for the device). */
	verified?: boolean;
	/** The device this session runs as. */
	current: boolean;
}

/** The emoji of a SAS verification, as the spec names them. */
export interface SasEmoji {
	symbol: string;
	name: string;
}

/**
 * Where the one verification under way stands (verification.ts). 'incoming': the other side asks,
 * we accept or decline; 'waiting': for the other side to answer or start; 'emoji': compare and
 * answer; 'confirmed': we said they match, waiting for the other side; 'done' and 'failed' end it.
 */
export interface VerificationView {
	id: number;
	phase: 'incoming' | 'waiting' | 'emoji' | 'confirmed' | 'done' | 'failed';
	/** Whom we verify: ourselves (another of our devices) or another user. */
	userId: string;
	deviceId?: string;
	emoji?: SasEmoji[];
	/** For 'done' and 'failed' (a timeout, a cancel from the other side): one line for the status bar. */
	line?: string;
}

export type VerificationAnswer = 'accept' | 'decline' | 'match' | 'mismatch' | 'cancel';

/** The one file upload or download under way, for the progress bar: bytes done of `total` (when known). */
export interface TransferView {
	id: number;
	direction: 'upload' | 'download';
	/** Already sanitized by the matrix layer (a file name from an event or the disk). */
	name: string;
	done: number;
	total?: number;
}

/** Where /open and /download put a media event's file: a private temp file, opened; or saved (a path, or the default folder). */
export type DownloadTarget = {kind: 'open'} | {kind: 'save'; path?: string};

/**
 * /upload's answer: the event is in the outbox; or the user's own doing (Esc); or why not, as one
 * line (no such file, a directory, not readable, too big for the server).
 */
export type UploadOutcome = {kind: 'sent'; txnId: string; name: string; size: number} | {kind: 'cancelled'} | {kind: 'refused'; why: string};

/** /open and /download's answer: where the file is now (and whether an opener took it), cancelled, or why not. */
export type DownloadOutcome =
	| {kind: 'saved'; path: string; opened?: 'opened' | 'no-opener'}
	| {kind: 'cancelled'}
	| {kind: 'refused'; why: string};

/**
 * An image event's picture (load-picture): its half-block cells, or its pixels for the cells it
 * fits (kitty's graphics); none (not a PNG/JPEG image event); or why not, in a few words.
 */
export type PictureOutcome =
	| {kind: 'picture'; picture: Picture}
	| ({kind: 'pixels'; cols: number; rows: number} & PixelImage)
	| {kind: 'none'}
	| {kind: 'failed'; why: string};

export type SessionUpdate =
	| {kind: 'sync'; status: SyncStatus; error?: string}
	| {kind: 'rooms'; rooms: RoomUpdate[]}
	| {kind: 'room-removed'; roomId: string}
	| {kind: 'outbox'; status: OutboxStatus}
	/** Something the user should hear of that no action of theirs answers (the outbox file unreadable). */
	| {kind: 'notice'; text: string; info?: true}
	| {kind: 'logged-out'; reason: string}
	/** This device's crypto store will not open (wrong key, another device's): nothing syncs; the user chooses. */
	| {kind: 'crypto-locked'; text: string}
	/** The verification under way changed (verification.ts). */
	| {kind: 'verification'; verification: VerificationView}
	/** Users whose identity we verified through cross-signing (the member list marks them), replacing those sent before. */
	| {kind: 'verified-users'; userIds: string[]}
	/** The transfer under way moved on; none: it ended (done, failed or cancelled). */
	| {kind: 'transfer'; transfer?: TransferView};

export type MatrixAction =
	/**
	 * `plain`: the text as typed, never formatted from its markdown (/plain). `mentions`: members
	 * the composer completed; those still in the text are linked and listed in m.mentions.
	 */
	| {type: 'send-text'; roomId: string; body: string; plain?: boolean; mentions?: Mention[]; thread?: ThreadTarget}
	/** `thread`: sent in that thread (m.thread with the fallback reply: threads.ts), for any message. */
	| {type: 'send-emote'; roomId: string; body: string; mentions?: Mention[]; thread?: ThreadTarget}
	/** A replacement (m.replace) of our message `eventId`: its new text, an emote staying one. */
	| {type: 'send-edit'; roomId: string; eventId: string; body: string; emote: boolean; mentions?: Mention[]}
	/** The room's messages refused for good go again. */
	| {type: 'retry-unsent'; roomId: string}
	/** The room's newest message refused for good, if any. */
	| {type: 'newest-unsent'; roomId: string}
	/** Drops a message refused for good (it was never stored). */
	| {type: 'drop-unsent'; txnId: string}
	| {type: 'leave'; roomId: string; reason?: string}
	/** `via`: the servers to join through (a space's child event names them). */
	| {type: 'join'; roomIdOrAlias: string; via?: string[]}
	/** The direct chat with this user (m.direct), or a new encrypted one, recorded there. */
	| {type: 'open-dm'; userId: string}
	| {type: 'invite'; roomId: string; userId: string}
	| {type: 'kick'; roomId: string; userId: string; reason?: string}
	| {type: 'ban'; roomId: string; userId: string; reason?: string}
	| {type: 'set-topic'; roomId: string; topic: string}
	/** Puts the room under Favourites or Low priority (taking it out of the other), or takes the tag off. */
	| {type: 'set-room-tag'; roomId: string; tag: 'favourite' | 'low-priority'; on: boolean}
	/** A page of the room directory (POST /publicRooms): of our server or `server`, matching `term`, after `since`. */
	| {type: 'public-rooms'; term?: string; server?: string; since?: string}
	/** A page of the server's message index (POST /search): `term` in the bodies of `roomIds`' messages, after the page `next`. */
	| {type: 'search-messages'; term: string; roomIds: string[]; next?: string}
	/** The events around one (GET /context), decrypted where the keys are held: /search's jump. */
	| {type: 'event-context'; roomId: string; eventId: string}
	/** A page of the room's threads (GET /rooms/{id}/threads), newest activity first, after `from`. */
	| {type: 'thread-list'; roomId: string; from?: string}
	/** A page of a thread's replies (GET /relations/{root}/m.thread), older than `from`; the root with the first. */
	| {type: 'thread-page'; roomId: string; rootId: string; from?: string}
	/** We have read the thread up to `eventId`: a threaded read receipt (thread_id). */
	| {type: 'read-thread'; roomId: string; rootId: string; eventId: string; private?: boolean}
	/** A page of a space's rooms, sub-spaces walked (GET /hierarchy), after `from`. */
	| {type: 'space-hierarchy'; spaceId: string; from?: string}
	| {type: 'set-display-name'; name: string}
	| {type: 'get-state'; roomId: string; eventType: string; stateKey: string}
	| {type: 'put-state'; roomId: string; eventType: string; stateKey: string; content: RawContent}
	/** One page of older messages: before the oldest, or into the gap before the event `gap` (RoomUpdate.gaps). */
	| {type: 'paginate-back'; roomId: string; gap?: string}
	/**
	 * The room the user has open (none: undefined), and whether its timeline is scrolled to the end:
	 * gaps there are filled at once, and what the user reads scrolled up is not dropped by the cap.
	 */
	| {type: 'view-timeline'; roomId?: string; atEnd: boolean}
	| {type: 'load-members'; roomId: string}
	/** The room-state panel is open: send the room's stateView, now and whenever its state changes. */
	| {type: 'load-state-view'; roomId: string}
	/** Member lists include the departed (MSC3901-deleted) only while the user asks to see them. */
	| {type: 'set-show-deleted'; value: boolean}
	/** We have read the room's newest event: read marker and receipt there, the receipt private if `private` (m.read.private). */
	| {type: 'mark-read'; roomId: string; private?: boolean}
	/** We are typing in the room (a notification the server ends by itself after a while), or stopped. */
	| {type: 'typing'; roomId: string; typing: boolean}
	/** /notify: the room's push rule, as Element writes it (notify-level.ts). */
	| {type: 'set-notify-level'; roomId: string; level: NotifyLevel}
	| {type: 'state-census'; roomId: string}
	/** The room's whole current state as the server holds it (GET /rooms/{id}/state). */
	| {type: 'room-state'; roomId: string}
	/** POST /rooms/{id}/upgrade. */
	| {type: 'upgrade-room'; roomId: string; newVersion: string}
	/** POST /account/deactivate through the m.login.password interactive-auth step. */
	| {type: 'deactivate-account'; password: string}
	/** Our account's devices (GET /devices), each with its verification status. */
	| {type: 'list-devices'}
	/** DELETE /devices/{id} through the m.login.password interactive-auth step. */
	| {type: 'delete-device'; deviceId: string; password: string}
	/** Starts a SAS verification: another of our devices (one named, or all), or another user (in a direct chat). */
	| {type: 'verify'; userId?: string; deviceId?: string}
	/** The user's answer to the verification under way with this id. */
	| {type: 'answer-verification'; id: number; answer: VerificationAnswer}
	/**
	 * Secret storage and key backup under a new recovery key; the password answers the cross-signing
	 * upload if asked. An account that has secret storage keeps its key unless `replace` is set.
	 */
	| {type: 'set-up-recovery'; password?: string; replace?: true}
	/** Verifies this device through secret storage with the recovery key, and restores the key backup. */
	| {type: 'restore-recovery'; recoveryKey: string}
	/** Uploads a file (encrypted in an encrypted room), then its event goes through the outbox. `~` is expanded here. */
	| {type: 'upload-file'; roomId: string; path: string; thread?: ThreadTarget}
	/** Fetches a media event's file (decrypted and hash-checked if it is encrypted), to open or to save. */
	| {type: 'download-media'; roomId: string; eventType: string; content: RawContent; target: DownloadTarget}
	/** Esc: the transfer under way stops (its request aborted). */
	| {type: 'cancel-transfer'}
	/** An image event's picture within maxCols × maxRows, as half-block cells or (pixels) as its pixels (picture-loader.ts). */
	| {type: 'load-picture'; eventType: string; content: RawContent; maxCols: number; maxRows: number; pixels?: boolean};

export type ActionType = MatrixAction['type'];

/** An event with those around it, oldest first, and the member events the server sent for their senders' names. */
export interface EventContext {
	events: RawEvent[];
	members: RawEvent[];
}

/** A message taken into the outbox (and on disk): it goes out, in order, however long that takes. */
export interface SentMessage {
	txnId: string;
}

export interface UnsentMessage {
	txnId: string;
	eventType: string;
	content: RawContent;
}

/** What each action answers on success; `undefined` where success is all there is to say. */
export interface ActionValues {
	'send-text': SentMessage;
	'send-emote': SentMessage;
	'send-edit': SentMessage;
	/** How many went again. */
	'retry-unsent': number;
	'newest-unsent': UnsentMessage | undefined;
	/** False if it was no longer there (sent meanwhile, or dropped already). */
	'drop-unsent': boolean;
	leave: undefined;
	/** The ID of the room joined. */
	join: string;
	'open-dm': {roomId: string; created: boolean};
	invite: undefined;
	kick: undefined;
	ban: undefined;
	'set-topic': undefined;
	'set-room-tag': undefined;
	'public-rooms': PublicRoomsPage;
	'search-messages': SearchPage;
	'event-context': EventContext;
	'thread-list': ThreadListPage;
	'thread-page': ThreadPage;
	'read-thread': undefined;
	'space-hierarchy': HierarchyPage;
	'set-display-name': undefined;
	/** The state event's content, as the server holds it now. */
	'get-state': RawContent;
	'put-state': undefined;
	'paginate-back': undefined;
	'view-timeline': undefined;
	'load-members': undefined;
	'load-state-view': undefined;
	'set-show-deleted': undefined;
	'mark-read': undefined;
	typing: undefined;
	'set-notify-level': undefined;
	'state-census': StateCensus;
	/** Plain JSON from the server, untrusted. */
	'room-state': RawEvent[];
	/** The replacement room's ID. */
	'upgrade-room': string;
	'deactivate-account': undefined;
	'list-devices': DeviceInfo[];
	'delete-device': undefined;
	verify: undefined;
	'answer-verification': undefined;
	'set-up-recovery': RecoverySetup;
	'restore-recovery': RecoveryRestore;
	'upload-file': UploadOutcome;
	'download-media': DownloadOutcome;
	/** False if nothing was under way. */
	'cancel-transfer': boolean;
	'load-picture': PictureOutcome;
}

/**
 * /recovery setup: the key to write down (shown once, in a panel), or why not: the account has a
 * recovery key already (kept: only a reset replaces it), a password is needed to set up
 * cross-signing, or this device does not hold the account's cross-signing keys.
 */
export type RecoverySetup = {kind: 'created'; recoveryKey: string} | {kind: 'exists'} | {kind: 'needs-password'} | {kind: 'unverified-device'};

/** /recovery <key>: this device verified and the backup's keys imported, or why not. */
export type RecoveryRestore =
	| {kind: 'restored'; imported: number; total: number}
	| {kind: 'verified-no-backup'}
	| {kind: 'not-a-key'}
	| {kind: 'wrong-key'}
	| {kind: 'no-secret-storage'};

export type ActionErrorKind = 'forbidden' | 'not-found' | 'rate-limited' | 'network' | 'unknown-token' | 'bad-request' | 'other';

export interface ActionError {
	kind: ActionErrorKind;
	message: string;
	status?: number;
	errcode?: string;
	retryAfterMs?: number;
}

/** An action's outcome: its value (left out where it is `undefined`) or what went wrong. */
export type ActionResult<Value = unknown> = (undefined extends Value ? {ok: true; value?: Value} : {ok: true; value: Value}) | {ok: false; error: ActionError};

/** The result `perform` answers for this action. */
export type ResultOf<Action extends MatrixAction> = ActionResult<ActionValues[Action['type']]>;

export interface MatrixSession {
	readonly userId: string;
	subscribe(listener: (update: SessionUpdate) => void): () => void;
	start(): Promise<void>;
	stop(): void;
	perform<Action extends MatrixAction>(action: Action): Promise<ResultOf<Action>>;
}
