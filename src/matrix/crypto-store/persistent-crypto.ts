/**
 * matrix-js-sdk's Rust crypto on the persistent store (indexeddb.ts): the same device, with the
 * same keys and sessions, after a restart or a kill. The store's values are encrypted with a
 * 32-byte key the caller keeps (where is the caller's business: the OS keyring, config.json).
 */
import {randomBytes} from 'node:crypto';
import type {MatrixClient} from 'matrix-js-sdk';
import type {IndexedDbFolder} from './indexeddb.js';

const STORAGE_KEY_BYTES = 32;

/** A new store key: made once, with the store, and kept by the caller for as long as the store. */
export function newStorageKey(): Uint8Array {
	return new Uint8Array(randomBytes(STORAGE_KEY_BYTES));
}

export interface PersistentCryptoOptions {
	/** From installIndexedDb: proof that IndexedDB is there, in the folder meant. */
	store: IndexedDbFolder;
	/** Names the IndexedDB databases (`<prefix>::matrix-sdk-crypto`, `…-meta`): one store per prefix. */
	databasePrefix: string;
	storageKey: Uint8Array;
}

/**
 * Starts the Rust crypto on `client` (made with its userId and deviceId) over the store. Rejects
 * with the SDK's error when the store cannot be opened: cryptoStoreProblem() tells which.
 */
export async function startPersistentCrypto(client: MatrixClient, options: PersistentCryptoOptions): Promise<void> {
	if (options.storageKey.length !== STORAGE_KEY_BYTES) throw new RangeError(`The crypto store key must be ${STORAGE_KEY_BYTES} bytes, not ${options.storageKey.length}`);
	await client.initRustCrypto({cryptoDatabasePrefix: options.databasePrefix, storageKey: options.storageKey});
}

/** Why a store would not open, when it is one of the reasons a person can act on. */
export type CryptoStoreProblem =
	/** The key does not decrypt the store's values. */
	| {kind: 'wrong-key'}
	/** The store belongs to another account or device; `detail` names both, as the SDK says it. */
	| {kind: 'other-device'; detail: string};

// The SDK's (its Rust store's) own words, as of matrix-js-sdk 43.0.0 and crypto-wasm 18.9.0;
// test/matrix/crypto-store/persistent-crypto.test.ts holds them to it at every upgrade.
const WRONG_KEY = 'An object failed to be decrypted while unpickling';
const OTHER_DEVICE = "the account in the store doesn't match the account in the constructor";

export function cryptoStoreProblem(error: unknown): CryptoStoreProblem | undefined {
	if (!(error instanceof Error)) return undefined;
	if (error.message.includes(WRONG_KEY)) return {kind: 'wrong-key'};
	if (error.message.includes(OTHER_DEVICE)) return {kind: 'other-device', detail: error.message.slice(error.message.indexOf(OTHER_DEVICE) + OTHER_DEVICE.length).replace(/^:\s*/, '')};
	return undefined;
}
