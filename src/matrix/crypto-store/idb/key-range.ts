/**
 * IDBKeyRange, and what a query (a key or a range) becomes for SQL: encoded bounds (keys.ts).
 */
import {Buffer} from 'node:buffer';
import {dataError} from './errors.js';
import {encodeKey, type IdbKey} from './keys.js';

export class IDBKeyRange {
	readonly lower: IdbKey | undefined;
	readonly upper: IdbKey | undefined;
	readonly lowerOpen: boolean;
	readonly upperOpen: boolean;
	/** @internal The bounds' bytes, encoded once. */
	readonly bounds: EncodedRange;

	private constructor(lower: unknown, upper: unknown, lowerOpen: boolean, upperOpen: boolean) {
		const bounds: EncodedRange = {lowerOpen, upperOpen};
		if (lower !== undefined) bounds.lower = encodeKey(lower);
		if (upper !== undefined) bounds.upper = encodeKey(upper);
		if (bounds.lower && bounds.upper) {
			const order = Buffer.compare(bounds.lower, bounds.upper);
			if (order > 0 || (order === 0 && (lowerOpen || upperOpen))) throw dataError('the lower bound of a key range is above its upper bound');
		}
		this.lower = lower as IdbKey | undefined;
		this.upper = upper as IdbKey | undefined;
		this.lowerOpen = lowerOpen;
		this.upperOpen = upperOpen;
		this.bounds = bounds;
	}

	static only(key: unknown): IDBKeyRange {
		return new IDBKeyRange(key, key, false, false);
	}

	static lowerBound(lower: unknown, open = false): IDBKeyRange {
		return new IDBKeyRange(lower, undefined, open, true);
	}

	static upperBound(upper: unknown, open = false): IDBKeyRange {
		return new IDBKeyRange(undefined, upper, true, open);
	}

	static bound(lower: unknown, upper: unknown, lowerOpen = false, upperOpen = false): IDBKeyRange {
		if (lower === undefined || upper === undefined) throw dataError('a bound key range needs both bounds');
		return new IDBKeyRange(lower, upper, lowerOpen, upperOpen);
	}

	includes(key: unknown): boolean {
		return inRange(encodeKey(key), this.bounds);
	}
}

export interface EncodedRange {
	lower?: Buffer;
	upper?: Buffer;
	lowerOpen: boolean;
	upperOpen: boolean;
}

/** Every key. */
export const ALL: EncodedRange = {lowerOpen: false, upperOpen: false};

/**
 * A query argument as IndexedDB takes it: a range, a key (the range of that key alone), or
 * nothing (every key; with `required`, a DataError as for get and delete).
 */
export function rangeOf(query: unknown, required = false): EncodedRange {
	if (query instanceof IDBKeyRange) return query.bounds;
	if (query === undefined || query === null) {
		if (required) throw dataError('this request needs a key or a key range');
		return ALL;
	}
	const key = encodeKey(query);
	return {lower: key, upper: key, lowerOpen: false, upperOpen: false};
}

function inRange(key: Buffer, range: EncodedRange): boolean {
	if (range.lower) {
		const order = Buffer.compare(key, range.lower);
		if (order < 0 || (order === 0 && range.lowerOpen)) return false;
	}
	if (range.upper) {
		const order = Buffer.compare(key, range.upper);
		if (order > 0 || (order === 0 && range.upperOpen)) return false;
	}
	return true;
}

/** getAll's count: none or 0 is every record (SQLite's LIMIT -1). */
export function limitOf(count: number | undefined): number {
	if (count === undefined || count === 0) return -1;
	if (!Number.isInteger(count) || count < 0 || count > 2 ** 32 - 1) throw new TypeError(`${count} is not a valid count`);
	return count;
}
