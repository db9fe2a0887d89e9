/** What crosses between the UI thread and the matrix layer's worker thread. */
import type {ActionResult, ActionType, ActionValues, MatrixAction} from './protocol.js';
import type {SyncMode} from './sync-mode.js';

export interface WorkerOptions {
	reasonMaxWidth?: number;
	logFile?: string;
	/** Where unsent messages are kept across restarts, sealed with `key` (none: in memory only, as in the demo). */
	outbox?: {file: string; key: Uint8Array};
	/** The crypto store to decrypt with (none: encrypted rooms stay unreadable). */
	crypto?: {directory: string; storageKey: Uint8Array; expectStore?: boolean};
	/** The password just typed at the login form, for setting up cross-signing once; never stored. */
	loginPassword?: string;
	/** The local cache of the account (sync-cache.ts), sealed with `key` (none: every start is a full sync). */
	cache?: {file: string; key: Uint8Array; eventsPerRoom: number};
	/** auto (the default: sliding sync where the server offers it), classic or sliding. */
	sync?: SyncMode;
	/** The ID of the room to open first, if --room named one by ID. */
	firstRoom?: string;
}

export type ToWorker = {kind: 'start'; id: number} | {kind: 'perform'; id: number; action: MatrixAction} | {kind: 'stop'; id: number};

/** A reply answers the request with its id: for 'perform', with that action's own result type. */
export type FromWorker = {kind: 'update'; json: string} | {kind: 'reply'; id: number; result: ActionResult<ActionValues[ActionType]>};
