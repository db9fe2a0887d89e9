/**
 * The timeline's pictures by event ID: what the matrix layer answered (load-picture) for the
 * bounds it was asked. A failure is kept, for every size, so that no redraw asks again, but for a
 * lost connection, asked again after a while (a redraw then); a picture for other bounds is asked
 * anew (the matrix layer keeps the bitmap, so that costs no fetch).
 */
import type {Picture} from '../domain/half-blocks.js';
import type {ActionResult, PictureOutcome} from '../matrix/protocol.js';

/**
 * `images` setting: pictures drawn the best way the terminal allows (auto), by kitty's graphics,
 * in half-block cells, or not at all (off: the media line only).
 */
export type ImagesSetting = 'auto' | 'kitty' | 'cells' | 'off';
/** How this terminal draws them (terminal/picture-drawing.ts decides). */
export type PictureDrawing = 'kitty' | 'cells' | 'off';

export const IMAGES_SETTINGS: readonly ImagesSetting[] = ['auto', 'kitty', 'cells', 'off'];

/** A picture the terminal holds (kitty's graphics): its number there, and the cells it is placed in. */
export interface PlacedImage {
	id: number;
	cols: number;
	rows: number;
}

export type PictureEntry =
	| {state: 'ready'; bounds: string; picture: Picture}
	/** Sent to the terminal, drawn by placeholders. */
	| {state: 'placed'; bounds: string; image: PlacedImage}
	/** Not a picture we draw (the bytes were no PNG or JPEG the event said): its line alone. */
	| {state: 'none'}
	/** Why it could not be drawn, as a few words for its media line. */
	| {state: 'failed'; why: string; retryAfter?: number};

/** How long a picture whose fetch found no connection waits before a redraw asks for it again. */
const NETWORK_RETRY_MS = 30_000;

/** Entries kept: a long session scrolls past many images; the oldest answers go first. */
const MAX_ENTRIES = 256;

export function boundsKey(maxCols: number, maxRows: number): string {
	return `${maxCols}x${maxRows}`;
}

/** Whether the timeline should ask for this event's picture at these bounds. */
export function wantsPicture(entry: PictureEntry | undefined, bounds: string, now: number): boolean {
	if (entry?.state === 'failed') return entry.retryAfter !== undefined && now >= entry.retryAfter;
	return entry === undefined || ((entry.state === 'ready' || entry.state === 'placed') && entry.bounds !== bounds);
}

export function withPicture(pictures: ReadonlyMap<string, PictureEntry>, eventId: string, entry: PictureEntry): ReadonlyMap<string, PictureEntry> {
	const next = new Map(pictures);
	next.delete(eventId);
	next.set(eventId, entry);
	for (const oldest of next.keys()) {
		if (next.size <= MAX_ENTRIES) break;
		next.delete(oldest);
	}
	return next;
}

/**
 * The matrix layer's answer as an entry; a refused or failed request in a few words (retried only
 * after a lost connection). Pixels (for kitty's graphics) are placed by `place`, which sends them.
 */
export function pictureEntry(result: ActionResult<PictureOutcome>, bounds: string, now: number, place?: (outcome: Extract<PictureOutcome, {kind: 'pixels'}>) => PlacedImage): PictureEntry {
	if (!result.ok) {
		const {kind} = result.error;
		if (kind === 'network') return {state: 'failed', why: 'no connection to the server', retryAfter: now + NETWORK_RETRY_MS};
		const why = kind === 'not-found' ? 'the server has no such file' : kind === 'forbidden' ? 'the server refused it' : 'the server could not send it';
		return {state: 'failed', why};
	}
	const outcome = result.value;
	if (outcome.kind === 'picture') return {state: 'ready', bounds, picture: outcome.picture};
	if (outcome.kind === 'pixels') return place ? {state: 'placed', bounds, image: place(outcome)} : {state: 'none'};
	return outcome.kind === 'none' ? {state: 'none'} : {state: 'failed', why: outcome.why};
}
