/**
 * IDBCursor and IDBCursorWithValue over an object store or an index: each step is one query for
 * the row just after the cursor's position (sqlite-backing.ts), run as a request of its own in
 * the transaction, so a write made between two steps is seen by the next one, as the spec says.
 */
import {Buffer} from 'node:buffer';
import {dataError, idbError} from './errors.js';
import {rangeOf, type EncodedRange} from './key-range.js';
import {decodeKey, encodeKey, type IdbKey} from './keys.js';
import type {IDBObjectStore} from './object-store.js';
import type {IDBRequest} from './request.js';
import type {CursorPosition, Order} from './sqlite-backing.js';
import type {IDBIndex} from './store-index.js';
import {readStored} from './values.js';

export type CursorDirection = 'next' | 'nextunique' | 'prev' | 'prevunique';

interface Row {
	key: Uint8Array;
	primaryKey: Uint8Array;
	value: Uint8Array;
}

export class IDBCursor {
	readonly source: IDBObjectStore | IDBIndex;
	readonly direction: CursorDirection;
	/** @internal */
	readonly withValue: boolean;
	#request!: IDBRequest;
	readonly #range: EncodedRange;
	#position: CursorPosition | undefined;
	#key: IdbKey | undefined;
	#primaryKey: IdbKey | undefined;
	#value: unknown;
	#gotValue = false;

	constructor(source: IDBObjectStore | IDBIndex, range: EncodedRange, direction: CursorDirection, withValue: boolean) {
		this.source = source;
		this.#range = range;
		this.direction = direction;
		this.withValue = withValue;
	}

	get request(): IDBRequest {
		return this.#request;
	}

	get key(): IdbKey | undefined {
		return this.#key;
	}

	get primaryKey(): IdbKey | undefined {
		return this.#primaryKey;
	}

	/** @internal For IDBCursorWithValue. */
	get currentValue(): unknown {
		return this.#value;
	}

	continue(key?: unknown): void {
		const target = key === undefined ? undefined : encodeKey(key);
		if (target && this.#position && !beyond(target, this.#position.key, this.#order)) throw dataError('continue() must move the cursor forward');
		this.#again(() => this.#step(target));
	}

	advance(count: number): void {
		if (!Number.isInteger(count) || count < 1) throw new TypeError(`advance() needs a positive count, not ${count}`);
		this.#again(() => {
			let found = this.#step(undefined);
			for (let step = 1; step < count && found; step++) found = this.#step(undefined);
			return found;
		});
	}

	continuePrimaryKey(): void {
		throw idbError('NotSupportedError', 'continuePrimaryKey is not supported');
	}

	update(value: unknown): IDBRequest {
		const store = this.#store();
		if (!this.withValue || !this.#gotValue || this.#primaryKey === undefined) throw idbError('InvalidStateError', 'the cursor has no record to update');
		return store.writeRecord(this, value, this.#primaryKey, true);
	}

	delete(): IDBRequest {
		const store = this.#store();
		store.transaction.assertWritable();
		if (!this.withValue || !this.#gotValue || !this.#position) throw idbError('InvalidStateError', 'the cursor has no record to delete');
		const primaryKey = Buffer.from(this.#position.primaryKey ?? this.#position.key);
		return store.place(this, () => {
			store.transaction.writing(store.schema);
			store.transaction.db.context.backing.deleteRecords(store.schema.id, {lower: primaryKey, upper: primaryKey, lowerOpen: false, upperOpen: false}, [...store.schema.indexes.values()].map((index) => index.id));
			return undefined;
		});
	}

	/** @internal The first step, with the request that carries the cursor. */
	open(request: IDBRequest): IDBRequest {
		this.#request = request;
		return request;
	}

	/** @internal Moves to the next row (at or beyond `target`); the cursor, or null past the end. */
	step(target: Buffer | undefined): IDBCursor | null {
		return this.#step(target);
	}

	get #order(): Order {
		return this.direction.startsWith('prev') ? 'descending' : 'ascending';
	}

	#again(operation: () => unknown): void {
		const store = this.#store();
		if (!this.#gotValue) throw idbError('InvalidStateError', 'the cursor is moving or has ended');
		this.#gotValue = false;
		this.#request.again();
		store.transaction.place(this.#request, operation);
	}

	#step(target: Buffer | undefined): IDBCursor | null {
		const row = this.#next(target);
		if (!row) {
			this.#position = undefined;
			this.#key = this.#primaryKey = this.#value = undefined;
			return null;
		}
		this.#position = {key: row.key, primaryKey: row.primaryKey};
		this.#key = decodeKey(row.key);
		this.#primaryKey = row.primaryKey === row.key ? decodeKey(row.key) : decodeKey(row.primaryKey);
		this.#value = this.withValue ? readStored(row.value) : undefined;
		this.#gotValue = true;
		return this;
	}

	#next(target: Buffer | undefined): Row | undefined {
		const order = this.#order;
		const range = target ? narrowed(this.#range, target, order) : this.#range;
		const store = this.#store();
		const {backing} = store.transaction.db.context;
		if (isStore(this.source)) {
			const position = this.#position && {key: this.#position.key};
			const [record] = backing.records(store.schema.id, range, 1, order, position);
			return record && {key: record.key, primaryKey: record.key, value: record.value};
		}
		if (this.direction === 'prevunique') throw idbError('NotSupportedError', 'prevunique cursors on an index are not supported');
		return backing.indexEntries(this.source.row, range, 1, order, this.#position, this.direction === 'nextunique')[0];
	}

	#store(): IDBObjectStore {
		return isStore(this.source) ? this.source : this.source.objectStore;
	}
}

export class IDBCursorWithValue extends IDBCursor {
	get value(): unknown {
		return this.currentValue;
	}
}

/** openCursor and openKeyCursor of a store or an index. */
export function openCursor(source: IDBObjectStore | IDBIndex, query: unknown, direction: CursorDirection = 'next', withValue: boolean): IDBRequest {
	if (!['next', 'nextunique', 'prev', 'prevunique'].includes(direction)) throw new TypeError(`${String(direction)} is not a cursor direction`);
	const range = rangeOf(query);
	const cursor = withValue ? new IDBCursorWithValue(source, range, direction, true) : new IDBCursor(source, range, direction, false);
	const store = isStore(source) ? source : source.objectStore;
	return cursor.open(store.place(source, () => cursor.step(undefined)));
}

/** A store, not an index (an index has the store it orders). */
function isStore(source: IDBObjectStore | IDBIndex): source is IDBObjectStore {
	return !('objectStore' in source);
}

function beyond(key: Buffer, current: Uint8Array, order: Order): boolean {
	const compared = Buffer.compare(key, current);
	return order === 'ascending' ? compared > 0 : compared < 0;
}

/** The range from `target` on, in the cursor's direction (continue(key)). */
function narrowed(range: EncodedRange, target: Buffer, order: Order): EncodedRange {
	if (order === 'ascending') return range.lower && Buffer.compare(range.lower, target) > 0 ? range : {...range, lower: target, lowerOpen: false};
	return range.upper && Buffer.compare(range.upper, target) < 0 ? range : {...range, upper: target, upperOpen: false};
}
