/**
 * The session's end-to-end encryption (issue 14, first step: reading): matrix-js-sdk's Rust crypto
 * on the persistent store in the config directory (crypto-store/), and the decrypted form of each
 * encrypted event put in place of its ciphertext in the held timeline — which is read from the
 * sync bodies, before the SDK decrypts anything.
 */
import {createHash} from 'node:crypto';
import {MatrixEvent, type MatrixClient} from 'matrix-js-sdk';
import type {RawEvent} from '../domain/events.js';
import {markUndecryptable} from '../domain/undecryptable.js';
import {installIndexedDb, type IndexedDbFolder} from './crypto-store/indexeddb.js';
import {cryptoStoreProblem, startPersistentCrypto} from './crypto-store/persistent-crypto.js';

export interface CryptoOptions {
	/** The store's folder (`crypto/` in the config directory). */
	directory: string;
	/** Its 32-byte key, kept by the app (config.ts). */
	storageKey: Uint8Array;
	/**
	 * The key was made at an earlier start, so this device's store was too: if it is gone, a new
	 * one would be a new identity under the old device ID, which the server refuses — a silent
	 * broken device. The user chooses instead.
	 */
	expectStore?: boolean;
}

/** Started, or why not, in one line; `locked`: this device's store is there and will not open (a wrong key, another device's). */
export type CryptoStart = {store: IndexedDbFolder} | {problem: string; locked?: true};

export async function startSessionCrypto(client: MatrixClient, options: CryptoOptions): Promise<CryptoStart> {
	const userId = client.getUserId();
	const deviceId = client.getDeviceId();
	if (!userId || !deviceId) return {problem: 'Encryption is off: this session has no device ID (log in with a password to get one)'};
	let store: IndexedDbFolder | undefined;
	try {
		store = installIndexedDb(options.directory);
		// One store per device: a new login of the account starts a store of its own beside the old.
		const databasePrefix = `device-${createHash('sha256').update(`${userId}|${deviceId}`).digest('hex').slice(0, 16)}`;
		if (options.expectStore && !(await storeExists(databasePrefix))) {
			await store.close();
			return {locked: true, problem: `This device's encryption store is missing from ${options.directory}`};
		}
		await startPersistentCrypto(client, {store, databasePrefix, storageKey: options.storageKey});
		return {store};
	} catch (error) {
		await store?.close();
		return describeProblem(error, options.directory);
	}
}

/** The Rust crypto's main database for this prefix (the SDK names it `<prefix>::matrix-sdk-crypto`). */
async function storeExists(databasePrefix: string): Promise<boolean> {
	const databases = await indexedDB.databases();
	return databases.some((database) => database.name === `${databasePrefix}::matrix-sdk-crypto`);
}

function describeProblem(error: unknown, directory: string): CryptoStart {
	const problem = cryptoStoreProblem(error);
	if (problem?.kind === 'wrong-key') return {locked: true, problem: `This device's encryption store (in ${directory}) does not open with its key`};
	if (problem?.kind === 'other-device') return {locked: true, problem: `The encryption store in ${directory} belongs to another device (${problem.detail})`};
	return {problem: `Encryption is off: ${error instanceof Error ? error.message : String(error)}`};
}

/**
 * What a decryption attempt puts in the event's place: its clear form (type and content under the
 * event's own ID), or, if it failed, the ciphertext marked with why (undecryptable.ts).
 *
 * The content is the event's own, with the relation that travels outside the ciphertext: not the
 * SDK's view of it, which for an edited message is the edit's new content — or `{}` while the
 * edit is still encrypted. Edits are applied by the domain (edits.ts), as for clear rooms.
 */
export function decryptedFormOf(event: MatrixEvent): RawEvent | undefined {
	if (event.isDecryptionFailure()) return markUndecryptable(event.event as RawEvent, event.decryptionFailureReason ?? 'UNKNOWN_ERROR');
	const clear = event.getClearContent();
	if (!clear) return undefined;
	const content: Record<string, unknown> = {...clear};
	const relation = event.getWireContent()['m.relates_to'];
	if (content['m.relates_to'] === undefined && relation !== undefined) content['m.relates_to'] = relation;
	return {...(event.getEffectiveEvent() as RawEvent), content};
}

/** Encrypted events of a /messages page (the SDK never sees those): decrypted one by one, each handed on once clear. */
export function decryptPage(client: MatrixClient, roomId: string, events: readonly RawEvent[], decrypted: (event: MatrixEvent) => void): void {
	if (!client.getCrypto()) return;
	for (const raw of events) {
		if (raw.type !== 'm.room.encrypted') continue;
		const event = new MatrixEvent({...raw, room_id: roomId} as ConstructorParameters<typeof MatrixEvent>[0]);
		void client.decryptEventIfNeeded(event).then(() => decrypted(event), () => undefined);
	}
}
