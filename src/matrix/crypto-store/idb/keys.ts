/**
 * IndexedDB keys as bytes that sort as the keys do (the spec's key order: numbers < dates <
 * strings < binary < arrays; strings by UTF-16 code unit, arrays element by element, a prefix
 * first). SQLite compares BLOBs byte by byte, so the ordered queries the store needs — a range,
 * the next record of a cursor — are plain comparisons on an indexed column.
 *
 * Each key is a type byte, then its body:
 *   number, date  8 bytes of the float64, the sign bit flipped (all bits for a negative one);
 *   string        each code unit in 1–3 bytes (the byte classes of Firefox's key encoding, which
 *                 keep the order and never make a 0 byte), then a 0 byte;
 *   binary        each byte the same way, then a 0 byte;
 *   array         its elements, then a 0 byte (lower than any type byte: a prefix sorts first).
 */
import {Buffer} from 'node:buffer';
import {dataError} from './errors.js';

/** The key types IndexedDB accepts, as they come back out: binary as an ArrayBuffer. */
export type IdbKey = number | string | Date | ArrayBuffer | IdbKey[];

const NUMBER = 0x10;
const DATE = 0x20;
const STRING = 0x30;
const BINARY = 0x40;
const ARRAY = 0x50;
const END = 0x00;

const ONE_BYTE_LIMIT = 0x7e;
const TWO_BYTE_LIMIT = 0x3fff + ONE_BYTE_LIMIT + 1;

/** The key's bytes; a DataError (as IndexedDB throws) if `key` is not a valid key. */
export function encodeKey(key: unknown): Buffer {
	const bytes: number[] = [];
	encodeInto(key, bytes, new Set());
	return Buffer.from(bytes);
}

function encodeInto(key: unknown, bytes: number[], seen: Set<unknown>): void {
	if (typeof key === 'number') {
		if (Number.isNaN(key)) throw dataError('NaN is not a valid key');
		bytes.push(NUMBER);
		pushFloat(key, bytes);
	} else if (typeof key === 'string') {
		bytes.push(STRING);
		for (let index = 0; index < key.length; index++) pushUnit(key.charCodeAt(index), bytes);
		bytes.push(END);
	} else if (key instanceof Date) {
		const time = key.getTime();
		if (Number.isNaN(time)) throw dataError('an invalid date is not a valid key');
		bytes.push(DATE);
		pushFloat(time, bytes);
	} else if (Array.isArray(key)) {
		if (seen.has(key)) throw dataError('an array that holds itself is not a valid key');
		seen.add(key);
		bytes.push(ARRAY);
		for (let index = 0; index < key.length; index++) {
			if (!(index in key)) throw dataError('an array with holes is not a valid key');
			encodeInto(key[index], bytes, seen);
		}
		bytes.push(END);
		seen.delete(key);
	} else {
		const binary = binaryBytes(key);
		if (!binary) throw dataError(`${describe(key)} is not a valid key`);
		bytes.push(BINARY);
		for (const byte of binary) pushUnit(byte, bytes);
		bytes.push(END);
	}
}

function binaryBytes(value: unknown): Uint8Array | undefined {
	if (value instanceof ArrayBuffer) return new Uint8Array(value);
	if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
	return undefined;
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	return typeof value === 'object' ? (value.constructor?.name ?? 'an object') : typeof value;
}

const floatView = new DataView(new ArrayBuffer(8));

function pushFloat(value: number, bytes: number[]): void {
	// -0 and 0 are the same key.
	floatView.setFloat64(0, value === 0 ? 0 : value);
	const negative = (floatView.getUint8(0) & 0x80) !== 0;
	for (let index = 0; index < 8; index++) {
		const byte = floatView.getUint8(index);
		bytes.push(negative ? ~byte & 0xff : index === 0 ? byte | 0x80 : byte);
	}
}

function pushUnit(unit: number, bytes: number[]): void {
	if (unit <= ONE_BYTE_LIMIT) bytes.push(unit + 1);
	else if (unit < TWO_BYTE_LIMIT) {
		const shifted = unit - ONE_BYTE_LIMIT - 1;
		bytes.push(0x80 | (shifted >> 8), shifted & 0xff);
	} else bytes.push(0xc0 | (unit >> 10), (unit >> 2) & 0xff, (unit & 0x3) << 6);
}

/** The key `bytes` encode (a fresh value: the caller may keep or change it). */
export function decodeKey(bytes: Uint8Array): IdbKey {
	const reader = {bytes, at: 0};
	const key = decodeOne(reader);
	if (reader.at !== bytes.length) throw new Error('a stored key has bytes after its end');
	return key;
}

interface Reader {
	bytes: Uint8Array;
	at: number;
}

function decodeOne(reader: Reader): IdbKey {
	const type = reader.bytes[reader.at++];
	switch (type) {
		case NUMBER:
			return readFloat(reader);
		case DATE:
			return new Date(readFloat(reader));
		case STRING:
			return fromUnits(readUnits(reader));
		case BINARY:
			return new Uint8Array(readUnits(reader)).buffer;
		case ARRAY: {
			const elements: IdbKey[] = [];
			while (reader.bytes[reader.at] !== END) elements.push(decodeOne(reader));
			reader.at++;
			return elements;
		}
		default:
			throw new Error(`a stored key has an unknown type byte ${String(type)}`);
	}
}

function readFloat(reader: Reader): number {
	const negative = (reader.bytes[reader.at]! & 0x80) === 0;
	for (let index = 0; index < 8; index++) {
		const byte = reader.bytes[reader.at + index]!;
		floatView.setUint8(index, negative ? ~byte & 0xff : index === 0 ? byte & 0x7f : byte);
	}
	reader.at += 8;
	return floatView.getFloat64(0);
}

function readUnits(reader: Reader): number[] {
	const units: number[] = [];
	const {bytes} = reader;
	for (;;) {
		const first = bytes[reader.at++];
		if (first === undefined) throw new Error('a stored key ends inside a string');
		if (first === END) return units;
		if (first <= ONE_BYTE_LIMIT + 1) units.push(first - 1);
		else if (first < 0xc0) units.push((((first & 0x3f) << 8) | bytes[reader.at++]!) + ONE_BYTE_LIMIT + 1);
		else {
			units.push(((first & 0x3f) << 10) | (bytes[reader.at]! << 2) | (bytes[reader.at + 1]! >> 6));
			reader.at += 2;
		}
	}
}

/** A string of code units, a slice at a time (a long key's units would overflow one call's arguments). */
function fromUnits(units: number[]): string {
	let text = '';
	for (let start = 0; start < units.length; start += 4096) text += String.fromCharCode(...units.slice(start, start + 4096));
	return text;
}

/** indexedDB.cmp: -1, 0 or 1, in the key order (DataError for an invalid key). */
export function compareKeys(first: unknown, second: unknown): -1 | 0 | 1 {
	const order = Buffer.compare(encodeKey(first), encodeKey(second));
	return order < 0 ? -1 : order > 0 ? 1 : 0;
}

/**
 * The key a key path picks out of a value (an index's key), or undefined if the value has none
 * there or it is not a valid key: such a record is left out of the index, as the spec says.
 */
export function keyAtPath(value: unknown, keyPath: string | string[]): Buffer | undefined {
	try {
		if (typeof keyPath === 'string') return encodeKey(valueAtPath(value, keyPath));
		return encodeKey(keyPath.map((path) => valueAtPath(value, path)));
	} catch {
		return undefined;
	}
}

function valueAtPath(value: unknown, path: string): unknown {
	if (path === '') return value;
	let current = value;
	for (const name of path.split('.')) {
		if (current === null || typeof current !== 'object' || !(name in current)) return undefined;
		current = (current as Record<string, unknown>)[name];
	}
	return current;
}
