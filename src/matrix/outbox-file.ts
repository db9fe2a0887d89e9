/**
 * The outbox on disk: what was typed and not yet stored by the server survives a quit, a crash or
 * a SIGKILL, and goes out on the next start with its original transaction ID. One JSON file per
 * account in the config directory (0600 in a 0700 directory: it holds what the user wrote), replaced
 * whole and atomically (write, fsync, rename), so a kill mid-write leaves the old file or the new.
 *
 * What it holds is sealed (sealed-box.ts) with the account's outbox key, which the app keeps apart
 * from it: no message, of an encrypted room or any other, is kept here in clear. A file of the
 * first format (plain JSON, before messages could be encrypted) is still read, and sealed when next
 * written.
 */
import {chmodSync, closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync} from 'node:fs';
import {createHash} from 'node:crypto';
import {dirname, join} from 'node:path';
import {asObject} from '../domain/events.js';
import type {OutboxEntry} from './outbox.js';
import {makePrivateDirectory, PRIVATE_FILE_MODE} from './private-files.js';
import {seal, unseal} from './sealed-box.js';

const PLAIN_FORMAT = 1;
const SEALED_FORMAT = 2;

export interface OutboxOwner {
	userId: string;
	deviceId?: string;
}

/** What a start finds on disk: the entries to send, and a line for the user if something was off. */
export interface LoadedOutbox {
	entries: OutboxEntry[];
	problem?: string;
}

export interface OutboxStore {
	load(): LoadedOutbox;
	save(entries: readonly OutboxEntry[]): void;
}

/** The file for this account inside `directory` (the config directory's outbox folder). */
export function outboxPath(directory: string, userId: string): string {
	return join(directory, `${createHash('sha256').update(userId).digest('hex').slice(0, 16)}.json`);
}

/** `key`: the account's 32-byte outbox key (config.ts). */
export function outboxFile(path: string, owner: OutboxOwner, key: Uint8Array): OutboxStore {
	return {
		load: () => loadOutbox(path, owner, key),
		save(entries) {
			makePrivateDirectory(dirname(path));
			const stored = entries.filter((entry) => entry.state !== 'sent').map(toStored);
			const sealed = seal(key, JSON.stringify({deviceId: owner.deviceId, entries: stored}));
			writeAtomically(path, JSON.stringify({format: SEALED_FORMAT, userId: owner.userId, sealed}));
		},
	};
}

interface StoredEntry {
	txnId: string;
	roomId: string;
	eventType: string;
	content: Record<string, unknown>;
	typedAt: number;
	attempts: number;
	/** Set when the server refused it for good: the user still has to decide. */
	refused?: string;
}

function toStored(entry: OutboxEntry): StoredEntry {
	const stored: StoredEntry = {txnId: entry.txnId, roomId: entry.roomId, eventType: entry.eventType, content: entry.content, typedAt: entry.typedAt, attempts: entry.attempts};
	if (entry.state === 'refused' && entry.reason) stored.refused = entry.reason;
	return stored;
}

function loadOutbox(path: string, owner: OutboxOwner, key: Uint8Array): LoadedOutbox {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {entries: []};
		return {entries: [], problem: `Cannot read the unsent messages (${(error as Error).message})`};
	}
	let body: Record<string, unknown>;
	try {
		body = asObject(JSON.parse(text));
	} catch {
		return {entries: [], problem: `The unsent messages file is damaged: ${setAside(path)}`};
	}
	if (body['userId'] !== owner.userId || (body['format'] !== PLAIN_FORMAT && body['format'] !== SEALED_FORMAT)) {
		return {entries: [], problem: `The unsent messages file is not this account's: ${setAside(path)}`};
	}
	if (body['format'] === SEALED_FORMAT) {
		const text = typeof body['sealed'] === 'string' ? unseal(key, body['sealed']) : undefined;
		if (text === undefined) return {entries: [], problem: `The unsent messages file does not open with this account's key: ${setAside(path)}`};
		try {
			body = asObject(JSON.parse(text));
		} catch {
			return {entries: [], problem: `The unsent messages file is damaged: ${setAside(path)}`};
		}
	}
	if (!Array.isArray(body['entries'])) return {entries: [], problem: `The unsent messages file is damaged: ${setAside(path)}`};
	// Another login of the account: the server deduplicates per device, so a message that may have
	// gone out under the old one could be stored twice. The user decides; one never tried just goes.
	const sameDevice = body['deviceId'] === owner.deviceId;
	const entries = (body['entries'] as unknown[]).flatMap((value) => {
		const entry = fromStored(value);
		if (!entry) return [];
		if (!sameDevice && entry.attempts > 0 && entry.state !== 'refused') {
			entry.state = 'refused';
			entry.reason = 'typed under an earlier login and may have arrived — /retry sends it anyway';
		}
		return [entry];
	});
	return {entries};
}

function fromStored(value: unknown): OutboxEntry | undefined {
	const stored = asObject(value);
	const {txnId, roomId, eventType, content, typedAt, attempts, refused} = stored;
	if (typeof txnId !== 'string' || typeof roomId !== 'string' || typeof eventType !== 'string' || typeof typedAt !== 'number') return undefined;
	if (typeof content !== 'object' || content === null || Array.isArray(content)) return undefined;
	const entry: OutboxEntry = {txnId, roomId, eventType, content: content as Record<string, unknown>, typedAt, state: 'queued', attempts: typeof attempts === 'number' ? attempts : 0};
	if (typeof refused === 'string') {
		entry.state = 'refused';
		entry.reason = refused;
	}
	return entry;
}

/** Moves a file we cannot use out of the way, keeping it for the user; says where it went. */
function setAside(path: string): string {
	const aside = `${path}.unreadable-${Date.now()}`;
	try {
		renameSync(path, aside);
		return `kept as ${aside}`;
	} catch {
		return 'left as it is';
	}
}

function writeAtomically(path: string, text: string): void {
	const temporary = `${path}.${process.pid}.tmp`;
	const fd = openSync(temporary, 'w', PRIVATE_FILE_MODE);
	try {
		writeSync(fd, text);
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
	// openSync's mode is cut by the umask; the file must be private whatever it is.
	chmodSync(temporary, PRIVATE_FILE_MODE);
	renameSync(temporary, path);
	// The rename itself reaches the disk only with its directory.
	const directory = openSync(dirname(path), 'r');
	try {
		fsyncSync(directory);
	} finally {
		closeSync(directory);
	}
}
