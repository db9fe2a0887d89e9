/**
 * Values as IndexedDB stores them: a structured clone, taken when the request is made (a later
 * change to the object is not stored). v8's serializer is Node's structured clone, and its bytes
 * are what the SQLite file keeps; each read deserializes a fresh copy for the caller.
 */
import type {Buffer} from 'node:buffer';
import {deserialize, serialize} from 'node:v8';
import {idbError} from './errors.js';

export function cloneForStore(value: unknown): Buffer {
	try {
		return serialize(value);
	} catch (error) {
		throw idbError('DataCloneError', `the value cannot be stored: ${error instanceof Error ? error.message : String(error)}`);
	}
}

export function readStored(bytes: Uint8Array): unknown {
	return deserialize(bytes);
}
