/**
 * Where IndexedDB keeps its data: one SQLite file (node:sqlite, WAL), with every database, object
 * store and index of the folder in it. Records are (store, key) → value; an index is a table of
 * (index, index key, primary key) entries beside them, both ordered by the keys' bytes (keys.ts),
 * so a range or a cursor's next record is one indexed query. Values are v8-serialized (the
 * structured clone IndexedDB stores).
 *
 * A writing IndexedDB transaction is one SQLite transaction: it commits whole or not at all, and a
 * process killed at any moment leaves the last commit. Only one is open at a time (the scheduler
 * in transactions.ts sees to it), so the connection is shared by all.
 */
import type {Buffer} from 'node:buffer';
import {DatabaseSync, type SQLInputValue, type StatementSync} from 'node:sqlite';
import {makePrivateFile} from '../../private-files.js';
import type {EncodedRange} from './key-range.js';

/** The layout this code writes; PRAGMA user_version holds it. */
const LAYOUT = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS idb_database (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS idb_store (id INTEGER PRIMARY KEY, database_id INTEGER NOT NULL, name TEXT NOT NULL, UNIQUE (database_id, name));
CREATE TABLE IF NOT EXISTS idb_index (id INTEGER PRIMARY KEY, store_id INTEGER NOT NULL, name TEXT NOT NULL, key_path TEXT NOT NULL, is_unique INTEGER NOT NULL, UNIQUE (store_id, name));
CREATE TABLE IF NOT EXISTS idb_record (store_id INTEGER NOT NULL, key BLOB NOT NULL, value BLOB NOT NULL, PRIMARY KEY (store_id, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS idb_index_entry (index_id INTEGER NOT NULL, key BLOB NOT NULL, primary_key BLOB NOT NULL, PRIMARY KEY (index_id, key, primary_key)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idb_index_entry_by_record ON idb_index_entry (index_id, primary_key);
`;

export interface IndexRow {
	id: number;
	storeId: number;
	name: string;
	keyPath: string | string[];
	unique: boolean;
}

export interface RecordRow {
	key: Uint8Array;
	value: Uint8Array;
}

export interface IndexEntryRow {
	key: Uint8Array;
	primaryKey: Uint8Array;
	value: Uint8Array;
}

/** Where a cursor stands: the next row is strictly after it, in the cursor's direction. */
export interface CursorPosition {
	key: Uint8Array;
	primaryKey?: Uint8Array;
}

export type Order = 'ascending' | 'descending';

export class SqliteBacking {
	readonly #database: DatabaseSync;
	readonly #statements = new Map<string, StatementSync>();
	#inTransaction = false;

	constructor(file: string) {
		makePrivateFile(file);
		// timeout 0: another process on the file is an error at once, never a wait that blocks the
		// only thread (store-lock.ts keeps a second client away in the first place).
		this.#database = new DatabaseSync(file, {timeout: 0});
		this.#database.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL');
		const layout = (this.#database.prepare('PRAGMA user_version').get() as {user_version: number}).user_version;
		if (layout > LAYOUT) throw new Error(`${file} was written by a newer matrix-tui (layout ${layout})`);
		this.#database.exec(`BEGIN; ${SCHEMA} PRAGMA user_version = ${LAYOUT}; COMMIT`);
	}

	close(): void {
		if (this.#inTransaction) this.rollback();
		this.#statements.clear();
		this.#database.close();
	}

	// Transactions: one at a time.

	begin(): void {
		if (this.#inTransaction) return;
		this.#database.exec('BEGIN IMMEDIATE');
		this.#inTransaction = true;
	}

	commit(): void {
		if (!this.#inTransaction) return;
		this.#inTransaction = false;
		try {
			this.#database.exec('COMMIT');
		} catch (error) {
			if (this.#database.isTransaction) this.#database.exec('ROLLBACK');
			throw error;
		}
	}

	rollback(): void {
		if (!this.#inTransaction) return;
		this.#inTransaction = false;
		this.#database.exec('ROLLBACK');
	}

	// Databases, object stores, indexes.

	databases(): Array<{id: number; name: string; version: number}> {
		return this.#all('SELECT id, name, version FROM idb_database ORDER BY name') as Array<{id: number; name: string; version: number}>;
	}

	createDatabase(name: string): number {
		return Number(this.#run('INSERT INTO idb_database (name, version) VALUES (?, 0)', name).lastInsertRowid);
	}

	setVersion(databaseId: number, version: number): void {
		this.#run('UPDATE idb_database SET version = ? WHERE id = ?', version, databaseId);
	}

	deleteDatabase(databaseId: number): void {
		for (const store of this.stores(databaseId)) this.deleteStore(store.id);
		this.#run('DELETE FROM idb_database WHERE id = ?', databaseId);
	}

	stores(databaseId: number): Array<{id: number; name: string}> {
		return this.#all('SELECT id, name FROM idb_store WHERE database_id = ? ORDER BY name', databaseId) as Array<{id: number; name: string}>;
	}

	indexes(storeId: number): IndexRow[] {
		const rows = this.#all('SELECT id, name, key_path, is_unique FROM idb_index WHERE store_id = ? ORDER BY name', storeId) as Array<{id: number; name: string; key_path: string; is_unique: number}>;
		return rows.map((row) => ({id: row.id, storeId, name: row.name, keyPath: JSON.parse(row.key_path) as string | string[], unique: row.is_unique !== 0}));
	}

	createStore(databaseId: number, name: string): number {
		return Number(this.#run('INSERT INTO idb_store (database_id, name) VALUES (?, ?)', databaseId, name).lastInsertRowid);
	}

	renameStore(storeId: number, name: string): void {
		this.#run('UPDATE idb_store SET name = ? WHERE id = ?', name, storeId);
	}

	deleteStore(storeId: number): void {
		for (const index of this.indexes(storeId)) this.deleteIndex(index.id);
		this.#run('DELETE FROM idb_record WHERE store_id = ?', storeId);
		this.#run('DELETE FROM idb_store WHERE id = ?', storeId);
	}

	createIndex(storeId: number, name: string, keyPath: string | string[], unique: boolean): number {
		return Number(this.#run('INSERT INTO idb_index (store_id, name, key_path, is_unique) VALUES (?, ?, ?, ?)', storeId, name, JSON.stringify(keyPath), unique ? 1 : 0).lastInsertRowid);
	}

	deleteIndex(indexId: number): void {
		this.#run('DELETE FROM idb_index_entry WHERE index_id = ?', indexId);
		this.#run('DELETE FROM idb_index WHERE id = ?', indexId);
	}

	// Records.

	records(storeId: number, range: EncodedRange, limit: number, order: Order = 'ascending', after?: CursorPosition): RecordRow[] {
		const where = rangeWhere('key', range, after && {column: 'key', key: after.key, order});
		return this.#all(`SELECT key, value FROM idb_record WHERE store_id = ?${where.sql} ORDER BY key ${sqlOrder(order)} LIMIT ?`, storeId, ...where.params, limit) as unknown as RecordRow[];
	}

	recordKeys(storeId: number, range: EncodedRange, limit: number): Uint8Array[] {
		const where = rangeWhere('key', range);
		const rows = this.#all(`SELECT key FROM idb_record WHERE store_id = ?${where.sql} ORDER BY key LIMIT ?`, storeId, ...where.params, limit) as Array<{key: Uint8Array}>;
		return rows.map((row) => row.key);
	}

	countRecords(storeId: number, range: EncodedRange): number {
		const where = rangeWhere('key', range);
		return Number((this.#get(`SELECT count(*) AS count FROM idb_record WHERE store_id = ?${where.sql}`, storeId, ...where.params) as {count: number}).count);
	}

	hasRecord(storeId: number, key: Buffer): boolean {
		return this.#get('SELECT 1 AS found FROM idb_record WHERE store_id = ? AND key = ?', storeId, key) !== undefined;
	}

	putRecord(storeId: number, key: Buffer, value: Buffer): void {
		this.#run('INSERT OR REPLACE INTO idb_record (store_id, key, value) VALUES (?, ?, ?)', storeId, key, value);
	}

	deleteRecords(storeId: number, range: EncodedRange, indexIds: readonly number[]): void {
		for (const indexId of indexIds) {
			const where = rangeWhere('primary_key', range);
			this.#run(`DELETE FROM idb_index_entry WHERE index_id = ?${where.sql}`, indexId, ...where.params);
		}
		const where = rangeWhere('key', range);
		this.#run(`DELETE FROM idb_record WHERE store_id = ?${where.sql}`, storeId, ...where.params);
	}

	// Index entries.

	indexEntries(index: IndexRow, range: EncodedRange, limit: number, order: Order = 'ascending', after?: CursorPosition, unique = false): IndexEntryRow[] {
		const position = after && (unique || !after.primaryKey ? {column: 'e.key', key: after.key, order} : {column: '(e.key, e.primary_key)', key: after.key, primaryKey: after.primaryKey, order});
		const where = rangeWhere('e.key', range, position);
		const direction = sqlOrder(order);
		const rows = this.#all(
			`SELECT e.key AS key, e.primary_key AS primaryKey, r.value AS value FROM idb_index_entry e JOIN idb_record r ON r.store_id = ? AND r.key = e.primary_key WHERE e.index_id = ?${where.sql} ORDER BY e.key ${direction}, e.primary_key ${direction} LIMIT ?`,
			index.storeId,
			index.id,
			...where.params,
			limit,
		) as unknown as IndexEntryRow[];
		return rows;
	}

	countIndexEntries(indexId: number, range: EncodedRange): number {
		const where = rangeWhere('key', range);
		return Number((this.#get(`SELECT count(*) AS count FROM idb_index_entry WHERE index_id = ?${where.sql}`, indexId, ...where.params) as {count: number}).count);
	}

	/** Whether a unique index already has `key` for another record than `primaryKey`. */
	indexKeyTaken(indexId: number, key: Buffer, primaryKey: Buffer): boolean {
		return this.#get('SELECT 1 AS found FROM idb_index_entry WHERE index_id = ? AND key = ? AND primary_key <> ? LIMIT 1', indexId, key, primaryKey) !== undefined;
	}

	putIndexEntry(indexId: number, key: Buffer, primaryKey: Buffer): void {
		this.#run('INSERT OR IGNORE INTO idb_index_entry (index_id, key, primary_key) VALUES (?, ?, ?)', indexId, key, primaryKey);
	}

	// Statements, prepared once each.

	#statement(sql: string): StatementSync {
		let statement = this.#statements.get(sql);
		if (!statement) {
			statement = this.#database.prepare(sql);
			this.#statements.set(sql, statement);
		}
		return statement;
	}

	#all(sql: string, ...params: SQLInputValue[]): Array<Record<string, SQLInputValue>> {
		return this.#statement(sql).all(...params);
	}

	#get(sql: string, ...params: SQLInputValue[]): Record<string, SQLInputValue> | undefined {
		return this.#statement(sql).get(...params);
	}

	#run(sql: string, ...params: SQLInputValue[]) {
		return this.#statement(sql).run(...params);
	}
}

function sqlOrder(order: Order): string {
	return order === 'ascending' ? 'ASC' : 'DESC';
}

interface Position {
	column: string;
	key: Uint8Array;
	primaryKey?: Uint8Array;
	order: Order;
}

/** The SQL conditions (each starting with " AND") of a key range and a cursor's position. */
function rangeWhere(column: string, range: EncodedRange, position?: Position): {sql: string; params: SQLInputValue[]} {
	let sql = '';
	const params: SQLInputValue[] = [];
	if (range.lower) {
		sql += ` AND ${column} ${range.lowerOpen ? '>' : '>='} ?`;
		params.push(range.lower);
	}
	if (range.upper) {
		sql += ` AND ${column} ${range.upperOpen ? '<' : '<='} ?`;
		params.push(range.upper);
	}
	if (position) {
		const beyond = position.order === 'ascending' ? '>' : '<';
		if (position.primaryKey) {
			sql += ` AND ${position.column} ${beyond} (?, ?)`;
			params.push(position.key, position.primaryKey);
		} else {
			sql += ` AND ${position.column} ${beyond} ?`;
			params.push(position.key);
		}
	}
	return {sql, params};
}
