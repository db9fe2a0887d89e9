/**
 * One running client per store folder: two processes on one crypto store would fight over its
 * ratchets and one-time keys. The lock is a lock the kernel holds, not a file's mere presence — an
 * exclusive SQLite transaction on `instance.lock`, kept open while the client runs — so it is
 * released however the holder ends, SIGKILL included: no stale lock to detect, and no reused pid
 * to mistake for the holder. `instance.pid` beside it names the holder for the refusal.
 *
 * The lock file is never deleted: a process waiting on the old file and one locking a new file of
 * the same name would both think they hold it.
 */
import {readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {DatabaseSync} from 'node:sqlite';
import {makePrivateDirectory, makePrivateFile, PRIVATE_FILE_MODE} from '../private-files.js';

const LOCK_FILE = 'instance.lock';

/**
 * The connections that hold locks. A DatabaseSync nobody references is closed when it is garbage
 * collected, and the lock with it: the CLI drops the handle, and a second client then started on
 * the same folder (seen in the e2e tests: two processes decrypting with one store).
 */
const heldLocks = new Set<DatabaseSync>();
const PID_FILE = 'instance.pid';

export interface StoreLock {
	readonly directory: string;
	/** Gives the lock up (idempotent). Exiting does too, however the process ends. */
	release(): void;
}

/** Another process holds the folder. `holderPid` is undefined if it has not said who it is yet. */
export class StoreLockedError extends Error {
	readonly directory: string;
	readonly holderPid: number | undefined;

	constructor(directory: string, holderPid: number | undefined) {
		super(`${directory} is in use by ${holderPid === undefined ? 'another process' : `process ${holderPid}`}`);
		this.name = 'StoreLockedError';
		this.directory = directory;
		this.holderPid = holderPid;
	}
}

/** Takes the folder for this process, or throws StoreLockedError naming the process that has it. */
export function lockStore(directory: string): StoreLock {
	makePrivateDirectory(directory);
	const lockFile = join(directory, LOCK_FILE);
	makePrivateFile(lockFile);
	// timeout 0: a held lock is an answer at once, not a wait.
	const database = new DatabaseSync(lockFile, {timeout: 0});
	try {
		database.exec('BEGIN EXCLUSIVE');
	} catch (error) {
		database.close();
		if (isBusy(error)) throw new StoreLockedError(directory, readHolder(directory));
		throw error;
	}
	writeHolder(directory);
	heldLocks.add(database);
	let held = true;
	return {
		directory,
		release() {
			if (!held) return;
			held = false;
			if (readHolder(directory) === process.pid) rmSync(join(directory, PID_FILE), {force: true});
			heldLocks.delete(database);
			database.close();
		},
	};
}

function isBusy(error: unknown): boolean {
	return error instanceof Error && 'errcode' in error && error.errcode === SQLITE_BUSY;
}

const SQLITE_BUSY = 5;

function readHolder(directory: string): number | undefined {
	try {
		const pid = Number(readFileSync(join(directory, PID_FILE), 'utf8').trim());
		return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
	} catch {
		return undefined;
	}
}

/** Replaced whole (write, rename): a reader never sees half a pid. */
function writeHolder(directory: string): void {
	const file = join(directory, PID_FILE);
	const temporary = `${file}.${process.pid}.tmp`;
	writeFileSync(temporary, `${process.pid}\n`, {mode: PRIVATE_FILE_MODE});
	renameSync(temporary, file);
}
