import type {IncomingMessage, ServerResponse} from 'node:http';
// '.ts', unlike the rest of src: the bench server runs this file from source, and node does not
// map '.js' to '.ts' (the build rewrites it to '.js').
import {MatrixError, badJson} from './errors.ts';

/** Upper bound for a request body: Matrix caps events at 64 KiB, so 1 MiB is generous. */
const MAX_BODY_BYTES = 1024 * 1024;

/** Reads and parses a JSON body; an empty body is `undefined` (GETs, bodiless POSTs). */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		const buffer = chunk as Buffer;
		size += buffer.length;
		if (size > MAX_BODY_BYTES) throw new MatrixError(413, 'M_TOO_LARGE', 'Request body too large');
		chunks.push(buffer);
	}
	const text = Buffer.concat(chunks).toString('utf8');
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw new MatrixError(400, 'M_NOT_JSON', 'Content not JSON.');
	}
}

/** The body as a JSON object, or a 400 when it is something else (array, string…). */
export function objectBody(body: unknown): Record<string, unknown> {
	if (body === undefined) return {};
	if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badJson('Content must be a JSON object.');
	return body as Record<string, unknown>;
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
	sendJsonText(res, status, JSON.stringify(value));
}

/** Sends a body serialised already (the bench serves the same megabytes of JSON many times). */
export function sendJsonText(res: ServerResponse, status: number, body: string | Buffer): void {
	if (res.writableEnded || res.destroyed) return; // e.g. a long-poll whose socket closed meanwhile
	res.writeHead(status, {
		'Content-Type': 'application/json',
		'Content-Length': Buffer.byteLength(body),
		'Cache-Control': 'no-cache, no-store, must-revalidate',
	});
	res.end(body);
}

/** A handler's answer that is a file, not JSON (the media repository's downloads and thumbnails). */
export class BinaryBody {
	readonly bytes: Buffer;
	readonly contentType: string;

	constructor(bytes: Buffer, contentType: string) {
		this.bytes = bytes;
		this.contentType = contentType;
	}
}

export function sendBinary(res: ServerResponse, body: BinaryBody): void {
	if (res.writableEnded || res.destroyed) return;
	res.writeHead(200, {'Content-Type': body.contentType, 'Content-Length': body.bytes.length});
	res.end(body.bytes);
}
