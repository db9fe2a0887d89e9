/**
 * IDBObjectStore over the SQLite records (sqlite-backing.ts). Keys are out of line — given with
 * each put — which is how the Rust crypto's store uses IndexedDB; a key path or a key generator on
 * a store is refused (NotSupportedError) rather than half done. Indexes are kept up to date on
 * every write, a unique one refusing a second record with its key.
 */
import {Buffer} from 'node:buffer';
import {openCursor, type CursorDirection} from './cursor.js';
import {dataError, idbError} from './errors.js';
import {ALL, limitOf, rangeOf, type EncodedRange} from './key-range.js';
import {decodeKey, encodeKey, keyAtPath} from './keys.js';
import {queryName} from './read-cache.js';
import {IDBRequest} from './request.js';
import {DOMStringList, type StoreSchema} from './schema.js';
import type {IndexEntryRow, IndexRow, RecordRow, SqliteBacking} from './sqlite-backing.js';
import {IDBIndex} from './store-index.js';
import type {IDBTransaction} from './transaction.js';
import {cloneForStore, readStored} from './values.js';

export class IDBObjectStore {
	readonly transaction: IDBTransaction;
	readonly keyPath = null;
	readonly autoIncrement = false;
	/** @internal */
	readonly schema: StoreSchema;
	readonly #indexes = new Map<string, IDBIndex>();

	constructor(transaction: IDBTransaction, schema: StoreSchema) {
		this.transaction = transaction;
		this.schema = schema;
	}

	get name(): string {
		return this.schema.name;
	}

	get indexNames(): DOMStringList {
		return new DOMStringList(this.schema.indexes.keys());
	}

	put(value: unknown, key?: unknown): IDBRequest {
		return this.#write(value, key, true);
	}

	add(value: unknown, key?: unknown): IDBRequest {
		return this.#write(value, key, false);
	}

	get(query: unknown): IDBRequest {
		const range = rangeOf(query, true);
		return this.#read((backing) => this.#cached('get', range, 1, () => backing.records(this.schema.id, range, 1)), (rows) => (rows[0] ? readStored(rows[0].value) : undefined));
	}

	getKey(query: unknown): IDBRequest {
		const range = rangeOf(query, true);
		return this.#read((backing) => backing.recordKeys(this.schema.id, range, 1), (keys) => (keys[0] ? decodeKey(keys[0]) : undefined));
	}

	getAll(query?: unknown, count?: number): IDBRequest {
		const range = rangeOf(query);
		const limit = limitOf(count);
		return this.#read((backing) => this.#cached('getAll', range, limit, () => backing.records(this.schema.id, range, limit)), (rows) => rows.map((row) => readStored(row.value)));
	}

	getAllKeys(query?: unknown, count?: number): IDBRequest {
		const range = rangeOf(query);
		const limit = limitOf(count);
		return this.#read((backing) => backing.recordKeys(this.schema.id, range, limit), (keys) => keys.map(decodeKey));
	}

	count(query?: unknown): IDBRequest {
		const range = rangeOf(query);
		return this.#read((backing) => backing.countRecords(this.schema.id, range), (count) => count);
	}

	delete(query: unknown): IDBRequest {
		this.transaction.assertWritable();
		const range = rangeOf(query, true);
		return this.#place(() => {
			this.transaction.writing(this.schema);
			this.#backing().deleteRecords(this.schema.id, range, this.#indexIds());
			return undefined;
		});
	}

	clear(): IDBRequest {
		this.transaction.assertWritable();
		return this.#place(() => {
			this.transaction.writing(this.schema);
			this.#backing().deleteRecords(this.schema.id, ALL, this.#indexIds());
			return undefined;
		});
	}

	openCursor(query?: unknown, direction?: CursorDirection): IDBRequest {
		return openCursor(this, query, direction, true);
	}

	openKeyCursor(query?: unknown, direction?: CursorDirection): IDBRequest {
		return openCursor(this, query, direction, false);
	}

	index(name: string): IDBIndex {
		this.#assertUsable();
		const row = this.schema.indexes.get(name);
		if (!row) throw idbError('NotFoundError', `no index "${name}" on object store "${this.name}"`);
		let index = this.#indexes.get(name);
		if (!index || index.row !== row) {
			index = new IDBIndex(this, row);
			this.#indexes.set(name, index);
		}
		return index;
	}

	createIndex(name: string, keyPath: string | string[], options: {unique?: boolean; multiEntry?: boolean} = {}): IDBIndex {
		this.#assertUpgrading();
		if (this.schema.indexes.has(name)) throw idbError('ConstraintError', `object store "${this.name}" already has an index "${name}"`);
		if (!isKeyPath(keyPath)) throw dataError(`${JSON.stringify(keyPath)} is not a valid key path`);
		if (options.multiEntry) throw idbError('NotSupportedError', 'multiEntry indexes are not supported');
		const unique = options.unique ?? false;
		const paths = typeof keyPath === 'string' ? keyPath : [...keyPath];
		const backing = this.#backing();
		const row: IndexRow = {id: backing.createIndex(this.schema.id, name, paths, unique), storeId: this.schema.id, name, keyPath: paths, unique};
		this.schema.indexes.set(name, row);
		for (const record of backing.records(this.schema.id, ALL, -1)) {
			const indexKey = keyAtPath(readStored(record.value), paths);
			if (!indexKey) continue;
			const primaryKey = Buffer.from(record.key);
			if (unique && backing.indexKeyTaken(row.id, indexKey, primaryKey)) {
				this.transaction.abortWith(idbError('ConstraintError', `records already break the uniqueness of index "${name}"`));
				break;
			}
			backing.putIndexEntry(row.id, indexKey, primaryKey);
		}
		return this.index(name);
	}

	deleteIndex(name: string): void {
		this.#assertUpgrading();
		const row = this.schema.indexes.get(name);
		if (!row) throw idbError('NotFoundError', `no index "${name}" on object store "${this.name}"`);
		this.#backing().deleteIndex(row.id);
		this.schema.indexes.delete(name);
	}

	/** @internal A request on this store, run when its turn comes in the transaction. */
	place(source: unknown, operation: () => unknown): IDBRequest {
		this.#assertUsable();
		return this.transaction.place(new IDBRequest(source, this.transaction), operation);
	}

	/** @internal Writes `value` under `key` (put: over what is there; add: a ConstraintError if something is). */
	writeRecord(source: unknown, value: unknown, key: unknown, overwrite: boolean): IDBRequest {
		this.transaction.assertWritable();
		if (key === undefined) throw dataError('this object store keeps its keys out of line: put and add need a key');
		const primaryKey = encodeKey(key);
		const bytes = cloneForStore(value);
		const indexKeys = [...this.schema.indexes.values()].map((index) => ({index, key: keyAtPath(value, index.keyPath)}));
		return this.place(source, () => {
			const backing = this.#backing();
			this.transaction.writing(this.schema);
			if (!overwrite && backing.hasRecord(this.schema.id, primaryKey)) throw idbError('ConstraintError', `object store "${this.name}" already has a record with this key`);
			for (const {index, key: indexKey} of indexKeys) {
				if (index.unique && indexKey && backing.indexKeyTaken(index.id, indexKey, primaryKey)) throw idbError('ConstraintError', `index "${index.name}" already has a record with this key`);
			}
			if (overwrite) backing.deleteRecords(this.schema.id, {lower: primaryKey, upper: primaryKey, lowerOpen: false, upperOpen: false}, this.#indexIds());
			backing.putRecord(this.schema.id, primaryKey, bytes);
			for (const {index, key: indexKey} of indexKeys) if (indexKey) backing.putIndexEntry(index.id, indexKey, primaryKey);
			return decodeKey(primaryKey);
		});
	}

	#write(value: unknown, key: unknown, overwrite: boolean): IDBRequest {
		return this.writeRecord(this, value, key, overwrite);
	}

	#read<T>(query: (backing: SqliteBacking) => T, result: (found: T) => unknown): IDBRequest {
		return this.#place(() => result(query(this.#backing())));
	}

	/** @internal A read of committed records through the context's cache (read-cache.ts). */
	cached<T extends RecordRow | IndexEntryRow>(source: string, kind: string, range: EncodedRange, limit: number, read: () => T[]): readonly T[] {
		return this.transaction.db.context.cache.read(this.transaction, this.schema, queryName(source, kind, range, limit), read);
	}

	#cached(kind: string, range: EncodedRange, limit: number, read: () => RecordRow[]): readonly RecordRow[] {
		return this.cached(`s${this.schema.id}`, kind, range, limit, read);
	}

	#place(operation: () => unknown): IDBRequest {
		return this.place(this, operation);
	}

	#backing(): SqliteBacking {
		return this.transaction.db.context.backing;
	}

	#indexIds(): number[] {
		return [...this.schema.indexes.values()].map((index) => index.id);
	}

	#assertUsable(): void {
		if (this.transaction.db.schema.stores.get(this.name) !== this.schema) throw idbError('InvalidStateError', `object store "${this.name}" has been deleted`);
	}

	#assertUpgrading(): void {
		if (this.transaction.mode !== 'versionchange' || !this.transaction.running) throw idbError('InvalidStateError', 'indexes are made and deleted only in an upgrade');
		this.#assertUsable();
	}
}


function isKeyPath(keyPath: unknown): keyPath is string | string[] {
	const isPath = (path: unknown) => typeof path === 'string' && (path === '' || path.split('.').every((name) => /^[\p{L}$_][\p{L}\p{N}$_]*$/u.test(name)));
	if (Array.isArray(keyPath)) return keyPath.length > 0 && keyPath.every(isPath);
	return isPath(keyPath);
}
