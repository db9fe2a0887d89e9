/**
 * /open and /download: a media event's file from the media repository to disk, decrypted and
 * hash-checked when it is encrypted (a file that fails the check is deleted, never left to open).
 * /open writes into a private temp folder (0700, the file 0600) and hands the file to the system's
 * opener; /download saves into a folder (~/Downloads if there is one, else the current one) and
 * never overwrites: "name (1).ext" instead. Streamed: the file is never held whole in memory.
 */
import {createWriteStream, existsSync, statSync} from 'node:fs';
import {link, mkdtemp, unlink} from 'node:fs/promises';
import {homedir, tmpdir} from 'node:os';
import {basename, dirname, join, resolve} from 'node:path';
import {Readable, Transform} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import type {MatrixClient} from 'matrix-js-sdk';
import {asObject, type RawContent} from '../domain/events.js';
import {mediaSourceOf} from '../domain/attachment.js';
import {expandHome, freeName, safeFileName} from '../domain/file-names.js';
import {sanitizeInline} from '../domain/sanitize.js';
import {AttachmentHashMismatch, attachmentDecryptor} from './attachment-crypto.js';
import {fetchMedia} from './media-http.js';
import {openWithSystem} from './opener.js';
import type {DownloadOutcome, DownloadTarget} from './protocol.js';
import type {Transfers} from './transfers.js';

export async function downloadMedia(client: MatrixClient, transfers: Transfers, media: {eventType: string; content: RawContent; target: DownloadTarget}): Promise<DownloadOutcome> {
	const source = mediaSourceOf(media.eventType, media.content);
	if (!source) return {kind: 'refused', why: 'that event has no file that can be fetched'};
	const name = safeFileName(media.content['filename'] ?? media.content['body']);
	const destination = await destinationFor(media.target, name);
	if ('why' in destination) return {kind: 'refused', why: destination.why};
	const size = asObject(media.content['info'])['size'];
	const transfer = transfers.begin('download', name, typeof size === 'number' && size >= 0 ? size : undefined);
	if (!transfer) return {kind: 'refused', why: 'another file is being transferred — wait for it, or Esc to cancel it'};
	// Written under a hidden name, then linked to its own: no half file, nor one failing its hash, ever bears the name.
	const partial = join(dirname(destination.path), `.${basename(destination.path)}.${process.pid}.part`);
	let written = false;
	try {
		const response = await fetchMedia(client, source.encrypted ? source.file.url : source.url, transfer.signal);
		if (!response.body) throw new Error('the server sent no file');
		const counter = new Transform({
			transform(chunk: Buffer, _encoding, done) {
				transfer.progress(chunk.length);
				done(null, chunk);
			},
		});
		const out = createWriteStream(partial, {flags: 'wx', mode: 0o600});
		written = true;
		const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
		if (source.encrypted) await pipeline(body, counter, attachmentDecryptor(source.file), out, {signal: transfer.signal});
		else await pipeline(body, counter, out, {signal: transfer.signal});
		destination.path = await linkFree(partial, destination.path);
	} catch (error) {
		if (transfer.signal.aborted) return {kind: 'cancelled'};
		if (error instanceof AttachmentHashMismatch) return {kind: 'refused', why: `${name} does not match its hash: it was changed or damaged on the way, and was not saved`};
		if ((error as {code?: unknown}).code === 'EACCES') return {kind: 'refused', why: `Cannot write ${sanitizeInline(destination.path)}: permission denied`};
		throw error;
	} finally {
		if (written) await unlink(partial).catch(() => undefined);
		transfer.end();
	}
	if (media.target.kind === 'save') return {kind: 'saved', path: destination.path};
	return {kind: 'saved', path: destination.path, opened: (await openWithSystem(destination.path)) ? 'opened' : 'no-opener'};
}

/** Gives the finished file its name, or the next free one if a file took that name meanwhile: link never overwrites. */
async function linkFree(partial: string, wanted: string): Promise<string> {
	const folder = dirname(wanted);
	let path = wanted;
	for (;;) {
		try {
			await link(partial, path);
			return path;
		} catch (error) {
			if ((error as {code?: unknown}).code !== 'EEXIST') throw error;
			path = join(folder, freeName(basename(wanted), (candidate) => existsSync(join(folder, candidate))));
		}
	}
}

/** Where the file goes: a new private temp folder (open), or a free name in the folder asked for (save). */
async function destinationFor(target: DownloadTarget, name: string): Promise<{path: string} | {why: string}> {
	if (target.kind === 'open') return {path: join(await mkdtemp(join(tmpdir(), 'matrix-tui-')), name)};
	const asked = target.path === undefined ? undefined : resolve(expandHome(target.path, homedir()));
	if (asked !== undefined && !isDirectory(asked)) {
		// A file path: its folder must be there, and a file already at it is kept ("name (1)" instead).
		const folder = dirname(asked);
		if (!isDirectory(folder)) return {why: `No such folder: ${sanitizeInline(folder)}`};
		return {path: join(folder, freeName(basename(asked), (candidate) => existsSync(join(folder, candidate))))};
	}
	const folder = asked ?? defaultFolder();
	return {path: join(folder, freeName(name, (candidate) => existsSync(join(folder, candidate))))};
}

function defaultFolder(): string {
	const downloads = join(homedir(), 'Downloads');
	return isDirectory(downloads) ? downloads : process.cwd();
}

function isDirectory(path: string): boolean {
	try {
		return statSync(path).isDirectory();
	} catch {
		return false;
	}
}
