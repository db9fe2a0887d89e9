/**
 * IndexedDB for Node, kept in a folder: matrix-js-sdk's Rust crypto keeps its store in IndexedDB,
 * which Node lacks (upstream's answer, an in-memory store, makes a new device on every start).
 * idb/ implements the part of IndexedDB the Rust store uses over one SQLite file (node:sqlite),
 * `indexeddb.sqlite` in the folder: every write transaction one SQLite transaction, so a kill at
 * any moment leaves the last commit.
 *
 * The globals (`indexedDB`, `IDBKeyRange`, …) are installed once per process (a worker thread is
 * a process of its own here), before matrix-js-sdk first looks for them.
 */
import {join, resolve} from 'node:path';
import {IDBCursor, IDBCursorWithValue} from './idb/cursor.js';
import {IDBDatabase} from './idb/database.js';
import {IDBVersionChangeEvent} from './idb/events.js';
import {IDBFactory} from './idb/factory.js';
import {IDBKeyRange} from './idb/key-range.js';
import {IDBObjectStore} from './idb/object-store.js';
import {IDBOpenDBRequest, IDBRequest} from './idb/request.js';
import {IDBIndex} from './idb/store-index.js';
import {IDBTransaction} from './idb/transaction.js';
import {makePrivateDirectory} from '../private-files.js';

/** The SQLite file in the store folder. */
const INDEXEDDB_FILE = 'indexeddb.sqlite';

export interface IndexedDbFolder {
	readonly directory: string;
	/**
	 * Closes the SQLite file once its open transactions end: after the client's stopClient(),
	 * which closes the crypto (matrix-js-sdk's RustCrypto.stop closes its OlmMachine).
	 */
	close(): Promise<void>;
}

let installed: IndexedDbFolder | undefined;

/**
 * Installs IndexedDB over a SQLite file in `directory` (made 0700, its files 0600). Again with the
 * same folder: the same one. With another: an error, as the globals are the process's.
 */
export function installIndexedDb(directory: string): IndexedDbFolder {
	const folder = resolve(directory);
	if (installed) {
		if (installed.directory === folder) return installed;
		throw new Error(`IndexedDB is already kept in ${installed.directory}: one crypto store folder per process`);
	}
	if ('indexedDB' in globalThis) throw new Error('This process already has an IndexedDB: the crypto store would not be the one used');
	makePrivateDirectory(folder);
	const factory = new IDBFactory(join(folder, INDEXEDDB_FILE));
	const globals = {IDBCursor, IDBCursorWithValue, IDBDatabase, IDBFactory, IDBIndex, IDBKeyRange, IDBObjectStore, IDBOpenDBRequest, IDBRequest, IDBTransaction, IDBVersionChangeEvent};
	for (const [name, value] of Object.entries(globals)) Object.defineProperty(globalThis, name, {value, configurable: true, writable: true});
	Object.defineProperty(globalThis, 'indexedDB', {value: factory, configurable: true, writable: true});
	installed = {directory: folder, close: () => factory.closeFile()};
	return installed;
}
