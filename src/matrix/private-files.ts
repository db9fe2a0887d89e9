/**
 * What the matrix layer keeps on disk is private — the crypto store holds the device's secret keys,
 * the outbox what the user wrote: each folder is the owner's alone (0700) and so is every file in
 * it (0600), whatever the umask. A umask cannot be set here — process.umask() throws
 * in a worker thread, the matrix layer's home — so files are made private as they are created.
 */
import {chmodSync, closeSync, mkdirSync, openSync} from 'node:fs';

const PRIVATE_DIRECTORY_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `directory` (and its parents) if need be, and makes it the owner's alone. */
export function makePrivateDirectory(directory: string): void {
	mkdirSync(directory, {recursive: true, mode: PRIVATE_DIRECTORY_MODE});
	// mkdir's mode is cut by the umask, and does nothing to a folder that was already there.
	chmodSync(directory, PRIVATE_DIRECTORY_MODE);
}

/**
 * Creates `path` empty if it is missing, and makes it 0600. Before SQLite opens a database: SQLite
 * gives the -wal and -shm files it creates beside it the database file's own mode.
 */
export function makePrivateFile(path: string): void {
	closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
	chmodSync(path, PRIVATE_FILE_MODE);
}
