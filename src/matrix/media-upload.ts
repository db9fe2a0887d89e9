/**
 * /upload: a file from disk to the media repository, then its event into the outbox (never lost,
 * never doubled). The type comes from the bytes (file-type), an image's size from its header
 * (image-size). In an encrypted room the bytes are encrypted on their way out (attachment-crypto.ts)
 * and the event carries `file`, never `url`; the room's encryption is read only after the first
 * sync, as the outbox does. The file is streamed: never held whole in memory.
 */
import {createReadStream} from 'node:fs';
import {open, stat} from 'node:fs/promises';
import {homedir} from 'node:os';
import {basename} from 'node:path';
import {Readable, Transform} from 'node:stream';
import {fileTypeFromBuffer} from 'file-type';
import {imageSize} from 'image-size';
import type {MatrixClient} from 'matrix-js-sdk';
import {attachmentContent, type AttachmentFacts} from '../domain/attachment.js';
import {expandHome} from '../domain/file-names.js';
import {formatSize} from '../domain/media.js';
import {sanitizeInline} from '../domain/sanitize.js';
import {attachmentEncryptor} from './attachment-crypto.js';
import {uploadLimit, uploadMedia} from './media-http.js';
import type {OutboxSender} from './outbox-sender.js';
import {ENCRYPTION_OFF} from './outbox-encryption.js';
import type {UploadOutcome} from './protocol.js';
import type {Transfers} from './transfers.js';

/** Enough of a file to tell its type, and the size of most images (a JPEG's frame header can come late). */
const HEAD_BYTES = 512 * 1024;

export interface UploadContext {
	client: MatrixClient;
	outbox: OutboxSender;
	transfers: Transfers;
	/** Resolves once the first sync is in: rooms' encryption is known. */
	firstSync(): Promise<void>;
}

/** `relation`: what the message adds besides the file (a thread's m.relates_to, when the thread pane is open). */
export async function uploadFile(roomId: string, typedPath: string, context: UploadContext, relation: Record<string, unknown> = {}): Promise<UploadOutcome> {
	const path = expandHome(typedPath, homedir());
	const shown = sanitizeInline(typedPath);
	const found = await describeFile(path, shown);
	if ('why' in found) return {kind: 'refused', why: found.why};
	const {client} = context;
	const encrypted = await roomIsEncrypted(client, roomId, () => context.firstSync());
	if (encrypted === 'not-joined') return {kind: 'refused', why: 'you are not in this room'};
	if (encrypted === 'no-crypto') return {kind: 'refused', why: ENCRYPTION_OFF};

	const transfer = context.transfers.begin('upload', found.facts.name, found.facts.size);
	if (!transfer) return {kind: 'refused', why: 'another file is being transferred — wait for it, or Esc to cancel it'};
	try {
		const limit = await uploadLimit(client, transfer.signal).catch(() => undefined);
		if (limit !== undefined && found.facts.size > limit) {
			return {kind: 'refused', why: `${shown} is too big: ${formatSize(found.facts.size)}, the server takes at most ${formatSize(limit)}`};
		}
		const encryptor = encrypted ? attachmentEncryptor() : undefined;
		const counter = new Transform({
			transform(chunk: Buffer, _encoding, done) {
				transfer.progress(chunk.length);
				done(null, chunk);
			},
		});
		const source = createReadStream(path, {signal: transfer.signal});
		const piped = encryptor ? source.pipe(encryptor).pipe(counter) : source.pipe(counter);
		source.on('error', (error) => piped.destroy(error));
		encryptor?.on('error', (error) => piped.destroy(error));
		const mxc = await uploadMedia(client, Readable.toWeb(piped) as ReadableStream<Uint8Array>, {
			size: found.facts.size,
			// The server must not learn the type of what it cannot read.
			contentType: encryptor ? 'application/octet-stream' : found.facts.mimetype,
			...(encryptor ? {} : {filename: found.facts.name}),
			signal: transfer.signal,
		});
		const content = attachmentContent(found.facts, encryptor ? {encrypted: true, file: encryptor.file(mxc)} : {encrypted: false, url: mxc});
		const txnId = context.outbox.add(roomId, 'm.room.message', {...content, ...relation});
		return {kind: 'sent', txnId, name: found.facts.name, size: found.facts.size};
	} catch (error) {
		if (transfer.signal.aborted) return {kind: 'cancelled'};
		if (isHttpStatus(error, 413)) return {kind: 'refused', why: `${shown} is too big for the server (${formatSize(found.facts.size)})`};
		throw error;
	} finally {
		transfer.end();
	}
}

function isHttpStatus(error: unknown, status: number): boolean {
	return (error as {httpStatus?: unknown} | null)?.httpStatus === status;
}

/** Encrypted (and we can encrypt), clear, or encrypted with no crypto here: then it must not go at all. */
async function roomIsEncrypted(client: MatrixClient, roomId: string, firstSync: () => Promise<void>): Promise<boolean | 'no-crypto' | 'not-joined'> {
	await firstSync();
	const room = client.getRoom(roomId);
	if (!room || room.getMyMembership() !== 'join') return 'not-joined';
	const crypto = client.getCrypto();
	const encrypted = room?.hasEncryptionStateEvent() === true || (crypto !== undefined && (await crypto.isEncryptionEnabledInRoom(roomId)));
	if (encrypted && !crypto) return 'no-crypto';
	return encrypted;
}

/** What the event says of the file, from its bytes; or one line on why it cannot be sent. */
async function describeFile(path: string, shown: string): Promise<{facts: AttachmentFacts} | {why: string}> {
	let head: Buffer;
	let size: number;
	try {
		const info = await stat(path);
		if (info.isDirectory()) return {why: `${shown} is a folder — /upload takes a file`};
		if (!info.isFile()) return {why: `${shown} is not a regular file`};
		size = info.size;
		const handle = await open(path, 'r');
		try {
			const buffer = Buffer.alloc(Math.min(HEAD_BYTES, size));
			const {bytesRead} = await handle.read(buffer, 0, buffer.length, 0);
			head = buffer.subarray(0, bytesRead);
		} finally {
			await handle.close();
		}
	} catch (error) {
		return {why: fileProblem(error, shown)};
	}
	const detected = await fileTypeFromBuffer(head).catch(() => undefined);
	const mimetype = detected?.mime ?? (looksLikeText(head) ? 'text/plain' : 'application/octet-stream');
	const facts: AttachmentFacts = {name: sanitizeInline(basename(path)) || 'file', mimetype, size};
	if (mimetype.startsWith('image/')) {
		try {
			const {width, height} = imageSize(head);
			if (width && height) Object.assign(facts, {width, height});
		} catch {
			// Not a size we can read from the header: the event goes without w and h.
		}
	}
	return {facts};
}

function looksLikeText(head: Buffer): boolean {
	if (head.length === 0 || head.includes(0)) return false;
	try {
		new TextDecoder('utf-8', {fatal: true}).decode(head, {stream: true});
		return true;
	} catch {
		return false;
	}
}

export function fileProblem(error: unknown, shown: string): string {
	const code = (error as {code?: unknown} | null)?.code;
	if (code === 'ENOENT') return `No such file: ${shown}`;
	if (code === 'EACCES' || code === 'EPERM') return `Cannot read ${shown}: permission denied`;
	if (code === 'EISDIR') return `${shown} is a folder — /upload takes a file`;
	return `Cannot read ${shown}: ${sanitizeInline(error instanceof Error ? error.message : String(error))}`;
}
