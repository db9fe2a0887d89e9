/**
 * The fetch the SDK is given: every request goes through untouched, except /sync responses: their
 * rooms' timeline sections are handed to `timelines` (sync-timelines.ts), and the state the SDK
 * does not read is taken out (lean-sync.ts) and handed to `diverted`, before the SDK sees the body.
 * A sliding sync response (sliding-sync.ts) is read the same way, in a classic body's shape, untouched.
 */
import {divertSyncState, type DivertedState} from './lean-sync.js';
import {syncTimelines, type RoomTimeline} from './sync-timelines.js';
import {typingInSync, type RoomTyping} from '../domain/typing.js';
import {receiptsInSync, type RoomReceipts} from '../domain/receipts.js';
import {asObject} from '../domain/events.js';
import {slidingAsClassic, slidingForTheSdk} from './sliding-body.js';
import {SLIDING_SYNC_PREFIX} from './sliding-sync.js';

export interface SyncBodyReaders {
	diverted: (diverted: DivertedState[]) => void;
	/** Whether the SDK holds this room as encrypted: all its members stay in the body (lean-sync.ts). */
	encrypted?: (roomId: string) => boolean;
	timelines?: (timelines: RoomTimeline[]) => void;
	/** The rooms whose typing list came in this sync (the SDK's copy lives on members lean-sync may keep from it). */
	typing?: (rooms: RoomTyping[]) => void;
	/** The rooms whose read receipts came in this sync. */
	receipts?: (rooms: RoomReceipts[]) => void;
	/** The body as the server sent it, before anything is taken out (the local cache keeps that). */
	raw?: (text: string) => void;
	/** A sliding sync response as the server sent it, before the SDK's copy is fixed up (the local cache keeps that). */
	sliding?: (body: unknown) => void;
	/** A sliding sync request found no server (the SDK tells no one of that). */
	slidingUnreachable?: (error: unknown) => void;
	/** A sliding sync request's body before it goes, to be put right in place (sliding-sync.ts: its room subscriptions). */
	slidingRequest?: (body: Record<string, unknown>) => void;
}

export function leanSyncFetch(myUserId: string, readers: SyncBodyReaders, base: typeof fetch = globalThis.fetch): typeof fetch {
	return async (input, init) => {
		if (readers.slidingRequest && syncKind(input) === 'sliding' && typeof init?.body === 'string') init = {...init, body: rewritten(init.body, readers.slidingRequest)};
		let response: Response;
		try {
			response = await base(input, init);
		} catch (error) {
			// The SDK's sliding sync only waits and tries again when the server cannot be reached: say so.
			if (syncKind(input) === 'sliding' && !init?.signal?.aborted) readers.slidingUnreachable?.(error);
			throw error;
		}
		const kind = response.ok ? syncKind(input) : undefined;
		if (kind === undefined) return response;
		const text = await response.text();
		let body: unknown;
		try {
			body = JSON.parse(text);
		} catch {
			return sameResponse(text, response); // the SDK reports what is wrong with it
		}
		if (kind === 'sliding') {
			// Only the rooms in view, and their required state: nothing to take out; the readers see it all.
			readers.sliding?.(body);
			readSyncSections(slidingAsClassic(body), readers);
			return sameResponse(slidingForTheSdk(body) ? JSON.stringify(body) : text, response);
		}
		readers.raw?.(text);
		return sameResponse(readSyncBody(body, myUserId, readers) ? JSON.stringify(body) : text, response);
	};
}

/** The sections the readers keep (a sliding body, or the cache's replay on sliding sync: nothing is taken out). */
export function readSyncSections(body: unknown, readers: SyncBodyReaders): void {
	readers.timelines?.(syncTimelines(body));
	readers.typing?.(typingInSync(body));
	readers.receipts?.(receiptsInSync(body));
}

/**
 * Hands a sync body's sections to the readers and takes out the state the SDK does not read (in
 * place). True when something was taken out. A body replayed from the local cache goes through here too.
 */
export function readSyncBody(body: unknown, myUserId: string, readers: SyncBodyReaders): boolean {
	readSyncSections(body, readers);
	const diverted = divertSyncState(body, myUserId, readers.encrypted);
	if (diverted.length === 0) return false;
	readers.diverted(diverted);
	return true;
}

function rewritten(text: string, change: (body: Record<string, unknown>) => void): string {
	try {
		const body = asObject(JSON.parse(text));
		change(body);
		return JSON.stringify(body);
	} catch {
		return text; // not ours to mend: the server answers what it makes of it
	}
}

/** classic: GET /_matrix/client/v3/sync; sliding: simplified sliding sync (MSC4186, its unstable path). */
function syncKind(input: string | URL | Request): 'classic' | 'sliding' | undefined {
	const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
	if (/\/_matrix\/client\/[^/]+\/sync(\?|$)/.test(url)) return 'classic';
	return url.includes(`${SLIDING_SYNC_PREFIX}/sync`) ? 'sliding' : undefined;
}

/** The body is now decoded text of a new length: the wire's length and encoding no longer apply. */
function sameResponse(body: string, response: Response): Response {
	const headers = new Headers(response.headers);
	headers.delete('content-length');
	headers.delete('content-encoding');
	return new Response(body, {status: response.status, statusText: response.statusText, headers});
}
