/**
 * The WebSQL driver under indexeddbshim, over Node's built-in SQLite (`node:sqlite`): no native
 * module, nothing downloaded. websql-configurable's `custom` entry turns a driver of this shape —
 * `new Driver(file)`, `exec(queries, readOnly, callback)` — into WebSQL's `openDatabase`, and
 * indexeddbshim builds IndexedDB on that.
 *
 * Each database file is created private (private-files.ts) and runs in WAL mode: a commit is one
 * append, and a process killed mid-write leaves the last commit intact.
 */
import {DatabaseSync, type SQLInputValue, type StatementSync} from 'node:sqlite';
import {makePrivateFile} from '../private-files.js';
import {WriteTurns} from './write-turns.js';

/** One statement as websql-configurable queues it. */
export interface SqlQuery {
	sql: string;
	args: unknown[];
}

/** One statement's outcome, as websql-configurable reads it. */
export interface SqlResult {
	error: Error | null;
	insertId?: number;
	rowsAffected?: number;
	rows?: unknown[];
}

type ExecCallback = (error: Error | null, results?: SqlResult[]) => void;

const MEMORY = ':memory:';
const BEGIN = /^\s*BEGIN\b/i;
const END = /^\s*(END|COMMIT|ROLLBACK)\b/i;
const SELECT = /^\s*SELECT\b/i;
/** The statements indexeddbshim sends are few and repeat: this many prepared ones are kept per file. */
const STATEMENT_CACHE_SIZE = 200;

const writeTurns = new WriteTurns<SqliteDriver>();
const openDrivers = new Set<SqliteDriver>();

export class SqliteDriver {
	readonly #file: string;
	#database: DatabaseSync | undefined;
	readonly #statements = new Map<string, StatementSync>();

	/**
	 * What indexeddbshim reaches for to close a connection before it deletes a database
	 * (`websqlDatabase._db._db.close`): the name is its, not ours.
	 */
	readonly _db = {
		close: (callback?: (error: Error | null) => void) => {
			this.close();
			callback?.(null);
		},
	};

	constructor(file: string) {
		this.#file = file;
	}

	exec(queries: SqlQuery[], readOnly: boolean, callback: ExecCallback): void {
		const begins = !readOnly && queries.length > 0 && BEGIN.test(queries[0]!.sql);
		if (begins && !writeTurns.take(this.#file, this, () => this.exec(queries, readOnly, callback))) return;
		const results = queries.map((query) => this.#run(query, readOnly));
		const ends = queries.some((query) => END.test(query.sql));
		// A macrotask, never a microtask: indexeddbshim keeps a transaction alive by queueing its
		// next request from each callback, and a microtask chain would starve its timers.
		setImmediate(() => {
			if (ends) writeTurns.release(this.#file, this);
			callback(null, results);
		});
	}

	/** Closes the SQLite connection (a later exec opens it again) and gives back its write turn. */
	close(): void {
		this.#statements.clear();
		this.#database?.close();
		this.#database = undefined;
		openDrivers.delete(this);
		writeTurns.release(this.#file, this);
	}

	#run(query: SqlQuery, readOnly: boolean): SqlResult {
		const isSelect = SELECT.test(query.sql);
		if (readOnly && !isSelect) return {error: new Error(`not allowed in a read-only transaction: ${query.sql}`)};
		try {
			const statement = this.#statement(query.sql);
			const args = query.args.map(toSqlValue);
			if (isSelect) return {error: null, rowsAffected: 0, rows: statement.all(...args)};
			const outcome = statement.run(...args);
			return {error: null, insertId: Number(outcome.lastInsertRowid), rowsAffected: Number(outcome.changes), rows: []};
		} catch (error) {
			return {error: error instanceof Error ? error : new Error(String(error))};
		}
	}

	#statement(sql: string): StatementSync {
		const cached = this.#statements.get(sql);
		if (cached) return cached;
		const statement = this.#connection().prepare(sql);
		if (this.#statements.size >= STATEMENT_CACHE_SIZE) this.#statements.delete(this.#statements.keys().next().value!);
		this.#statements.set(sql, statement);
		return statement;
	}

	#connection(): DatabaseSync {
		if (this.#database) return this.#database;
		if (this.#file !== MEMORY) makePrivateFile(this.#file);
		// timeout 0: never block the thread waiting for a lock (write-turns.ts says why).
		const database = new DatabaseSync(this.#file, {timeout: 0});
		database.exec('PRAGMA journal_mode = WAL');
		this.#database = database;
		openDrivers.add(this);
		return database;
	}
}

/** How long closing waits for the writing transactions still open to end. */
const CLOSE_WAIT_MS = 2_000;

/**
 * Closes every SQLite connection, once the writing transactions still open have ended (closing
 * mid-transaction would roll back what the crypto believes it stored). A request that comes
 * later opens its file again: nothing is lost, only the tidy close.
 */
export async function closeAllDrivers(): Promise<void> {
	const deadline = Date.now() + CLOSE_WAIT_MS;
	while (writeTurns.busy && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
	for (const driver of [...openDrivers]) driver.close();
}

/** node:sqlite binds no undefined, and booleans only in recent releases; the rest binds as it is. */
function toSqlValue(value: unknown): SQLInputValue {
	if (value === undefined) return null;
	if (typeof value === 'boolean') return value ? 1 : 0;
	return value as SQLInputValue;
}
