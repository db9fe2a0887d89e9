/**
 * An image event's picture for the timeline, as half-block cells for the bounds the UI asks for,
 * or as pixels (deflated, for kitty's graphics) with the cells they are to fill.
 * In clear: the server's thumbnail (the file itself when the server has none and it is small); in
 * an encrypted room: the event's encrypted thumbnail or the small file, decrypted and hash-checked.
 * Each bitmap is decoded once, shrunk, and kept (bitmap-cache.ts): a resize only recomputes cells.
 * Every expected failure is an outcome with a short reason; the network's are thrown as usual.
 */
import {Readable} from 'node:stream';
import {deflateSync} from 'node:zlib';
import {pipeline} from 'node:stream/promises';
import {MatrixError, type MatrixClient} from 'matrix-js-sdk';
import type {RawContent} from '../domain/events.js';
import {downscale, fitCells, halfBlockPicture, type Bitmap} from '../domain/half-blocks.js';
import {decodePicture} from '../domain/picture-decode.js';
import {MAX_PREVIEW_FILE_BYTES, pictureSourceOf, type PictureSource} from '../domain/picture-source.js';
import {AttachmentHashMismatch, attachmentDecryptor} from './attachment-crypto.js';
import {BitmapCache} from './bitmap-cache.js';
import {fetchMedia, fetchThumbnail} from './media-http.js';
import type {PictureOutcome} from './protocol.js';

/** One of the sizes Synapse makes at upload (320×240, scale): served as is, never made on request. */
const THUMBNAIL_SIZE = {width: 320, height: 240};
/**
 * Bitmaps are kept shrunk to this box: the thumbnail's size, as much as kitty's graphics draw in
 * 48 cells; half blocks need less (two pixels a cell), and shrink it further.
 */
const KEPT_SIDE = 320;
/** Pixels sent a cell, across: about what a terminal's cell is wide (kitty scales to fit the cells). */
const PIXELS_PER_COL = 10;
const CACHE_BYTES = 16 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 30_000;

const caches = new WeakMap<MatrixClient, BitmapCache>();

export interface PictureRequest {
	eventType: string;
	content: RawContent;
	maxCols: number;
	maxRows: number;
	/** Pixels for kitty's graphics rather than half-block cells. */
	pixels?: boolean;
}

export async function loadPicture(client: MatrixClient, request: PictureRequest): Promise<PictureOutcome> {
	const source = pictureSourceOf(request.eventType, request.content);
	if (!source) return {kind: 'none'};
	const maxCols = Math.max(1, Math.floor(request.maxCols));
	const maxRows = Math.max(1, Math.floor(request.maxRows));
	let cache = caches.get(client);
	if (!cache) caches.set(client, (cache = new BitmapCache(CACHE_BYTES)));
	const key = source.kind === 'thumbnail' ? source.url : source.file.url;
	let bitmap = cache.get(key);
	if (!bitmap) {
		const fetched = await fetchBytes(client, source);
		if ('why' in fetched) return {kind: 'failed', why: fetched.why};
		const decoded = decodePicture(fetched.bytes);
		if ('why' in decoded) return {kind: 'failed', why: decoded.why};
		bitmap = kept(decoded.bitmap);
		cache.set(key, bitmap);
	}
	return request.pixels ? pixelsOf(bitmap, maxCols, maxRows) : {kind: 'picture', picture: halfBlockPicture(bitmap, maxCols, maxRows)};
}

/** The cells the bitmap fits, as half blocks would draw it, and its pixels for them (no more than they show). */
function pixelsOf(bitmap: Bitmap, maxCols: number, maxRows: number): PictureOutcome {
	const {cols, rows} = fitCells(bitmap.width, bitmap.height, maxCols, maxRows);
	const width = Math.min(bitmap.width, cols * PIXELS_PER_COL);
	const height = Math.max(1, Math.round((bitmap.height * width) / bitmap.width));
	const sent = downscale(bitmap, width, height);
	return {kind: 'pixels', cols, rows, width: sent.width, height: sent.height, deflated: deflateSync(sent.data)};
}

function kept(bitmap: Bitmap): Bitmap {
	const {cols, pixelRows} = fitCells(bitmap.width, bitmap.height, KEPT_SIDE, KEPT_SIDE / 2);
	return downscale(bitmap, cols, pixelRows);
}

async function fetchBytes(client: MatrixClient, source: PictureSource): Promise<{bytes: Uint8Array} | {why: string}> {
	const signal = AbortSignal.timeout(FETCH_TIMEOUT_MS);
	if (source.kind === 'encrypted') {
		const bytes = await readCapped(await fetchMedia(client, source.file.url, signal));
		if (!bytes) return {why: 'the file is too large to preview'};
		try {
			return {bytes: await decrypted(bytes, source)};
		} catch (error) {
			if (error instanceof AttachmentHashMismatch) return {why: 'the file does not match its hash'};
			return {why: 'the file cannot be decrypted'};
		}
	}
	let response: Response;
	try {
		response = await fetchThumbnail(client, source.url, THUMBNAIL_SIZE, signal);
	} catch (error) {
		// No thumbnail (a small image, a server that makes none): the file itself, if it is small.
		if (!(error instanceof MatrixError) || error.httpStatus === 429 || error.httpStatus === 401) throw error;
		if (source.size !== undefined && source.size > MAX_PREVIEW_FILE_BYTES) return {why: 'the server has no thumbnail of it'};
		response = await fetchMedia(client, source.url, signal);
	}
	const bytes = await readCapped(response);
	return bytes ? {bytes} : {why: 'the file is too large to preview'};
}

/** The body, or undefined as soon as it proves longer than a preview may be (never held past the cap). */
async function readCapped(response: Response): Promise<Uint8Array | undefined> {
	if (!response.body) return new Uint8Array();
	if (Number(response.headers.get('content-length')) > MAX_PREVIEW_FILE_BYTES) {
		await response.body.cancel();
		return undefined;
	}
	const chunks: Uint8Array[] = [];
	let total = 0;
	const reader = response.body.getReader();
	for (;;) {
		const {done, value} = await reader.read();
		if (done) break;
		total += value.byteLength;
		if (total > MAX_PREVIEW_FILE_BYTES) {
			await reader.cancel();
			return undefined;
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks);
}

async function decrypted(bytes: Uint8Array, source: Extract<PictureSource, {kind: 'encrypted'}>): Promise<Uint8Array> {
	const chunks: Buffer[] = [];
	await pipeline(Readable.from([Buffer.from(bytes)]), attachmentDecryptor(source.file), async (plain: AsyncIterable<Buffer>) => {
		for await (const chunk of plain) chunks.push(chunk);
	});
	return Buffer.concat(chunks);
}
