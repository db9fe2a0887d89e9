/**
 * IDBIndex: an object store's records ordered by a key taken from each value (its key path),
 * then by primary key. Its entries live beside the records (sqlite-backing.ts); the store keeps
 * them up to date on every write.
 */
import {openCursor, type CursorDirection} from './cursor.js';
import {limitOf, rangeOf} from './key-range.js';
import {decodeKey} from './keys.js';
import type {IDBObjectStore} from './object-store.js';
import type {IDBRequest} from './request.js';
import type {IndexEntryRow, IndexRow} from './sqlite-backing.js';
import {readStored} from './values.js';

export class IDBIndex {
	readonly objectStore: IDBObjectStore;
	readonly multiEntry = false;
	/** @internal */
	readonly row: IndexRow;

	constructor(objectStore: IDBObjectStore, row: IndexRow) {
		this.objectStore = objectStore;
		this.row = row;
	}

	get name(): string {
		return this.row.name;
	}

	get keyPath(): string | string[] {
		return this.row.keyPath;
	}

	get unique(): boolean {
		return this.row.unique;
	}

	get(query: unknown): IDBRequest {
		const range = rangeOf(query, true);
		return this.#read('get', range, 1, (rows) => (rows[0] ? readStored(rows[0].value) : undefined));
	}

	getKey(query: unknown): IDBRequest {
		const range = rangeOf(query, true);
		return this.#read('get', range, 1, (rows) => (rows[0] ? decodeKey(rows[0].primaryKey) : undefined));
	}

	getAll(query?: unknown, count?: number): IDBRequest {
		return this.#read('getAll', rangeOf(query), limitOf(count), (rows) => rows.map((row) => readStored(row.value)));
	}

	getAllKeys(query?: unknown, count?: number): IDBRequest {
		return this.#read('getAll', rangeOf(query), limitOf(count), (rows) => rows.map((row) => decodeKey(row.primaryKey)));
	}

	count(query?: unknown): IDBRequest {
		const range = rangeOf(query);
		return this.objectStore.place(this, () => this.objectStore.transaction.db.context.backing.countIndexEntries(this.row.id, range));
	}

	openCursor(query?: unknown, direction?: CursorDirection): IDBRequest {
		return openCursor(this, query, direction, true);
	}

	openKeyCursor(query?: unknown, direction?: CursorDirection): IDBRequest {
		return openCursor(this, query, direction, false);
	}

	#read(kind: string, range: ReturnType<typeof rangeOf>, limit: number, result: (rows: readonly IndexEntryRow[]) => unknown): IDBRequest {
		const {backing} = this.objectStore.transaction.db.context;
		return this.objectStore.place(this, () => result(this.objectStore.cached(`i${this.row.id}`, kind, range, limit, () => backing.indexEntries(this.row, range, limit))));
	}
}
