/**
 * IndexedDB for Node, kept in a folder: matrix-js-sdk's Rust crypto keeps its store in IndexedDB,
 * which Node lacks (upstream's answer, an in-memory store, makes a new device on every start).
 * indexeddbshim implements IndexedDB over WebSQL, and sqlite-driver.ts gives it WebSQL over
 * `node:sqlite`: each IndexedDB database becomes one SQLite file in the folder.
 *
 * The globals (`indexedDB`, `IDBKeyRange`, …) are installed once per process (a worker thread is
 * a process of its own here), before matrix-js-sdk first looks for them.
 */
import {unlink} from 'node:fs';
import {resolve} from 'node:path';
import customOpenDatabase from 'websql-configurable/custom/index.js';
import setGlobalVars from 'indexeddbshim/src/setGlobalVars.js';
import {closeAllDrivers, SqliteDriver} from './sqlite-driver.js';
import {makePrivateDirectory} from '../private-files.js';

export interface IndexedDbFolder {
	readonly directory: string;
	/**
	 * Closes the SQLite files once their open transactions end: after the client's stopClient(),
	 * which closes the crypto (matrix-js-sdk's RustCrypto.stop closes its OlmMachine).
	 */
	close(): Promise<void>;
}

let installed: IndexedDbFolder | undefined;

/**
 * Installs IndexedDB over SQLite files in `directory` (made 0700, its files 0600). Again with the
 * same folder: the same one. With another: an error, as indexeddbshim's settings and its cache of
 * open databases are the process's.
 */
export function installIndexedDb(directory: string): IndexedDbFolder {
	const folder = resolve(directory);
	if (installed) {
		if (installed.directory === folder) return installed;
		throw new Error(`IndexedDB is already kept in ${installed.directory}: one crypto store folder per process`);
	}
	if ('indexedDB' in globalThis) throw new Error('This process already has an IndexedDB: the crypto store would not be the one used');
	makePrivateDirectory(folder);
	// websql-configurable calls the driver with `new` and the file's name; the rest of its options
	// let read-only IndexedDB transactions run side by side, as indexeddbshim's own Node setup does.
	const openDatabase = customOpenDatabase(SqliteDriver, {websql: {concurrentReaders: true}});
	setGlobalVars(undefined, {
		win: {openDatabase},
		// Node has no page origin for indexeddbshim to check.
		checkOrigin: false,
		databaseBasePath: folder,
		sysDatabaseBasePath: folder,
		deleteDatabaseFiles: true,
		fs: {unlink},
		// node:sqlite binds and reads strings with their length: a NUL inside one survives as it is.
		escapeNULForSQLiteStatements: false,
	});
	installed = {directory: folder, close: closeAllDrivers};
	return installed;
}
