/**
 * What a database holds, as its connections see it: its version, its object stores and their
 * indexes (ids in the SQLite file, sqlite-backing.ts). One per database name, shared by every
 * connection to it; an upgrade changes it in place, and an aborted upgrade puts the copy taken
 * before it back.
 */
import type {IndexRow, SqliteBacking} from './sqlite-backing.js';

export interface StoreSchema {
	id: number;
	name: string;
	indexes: Map<string, IndexRow>;
	/** Bumped at each commit that changed the store's records: what read-cache.ts checks. */
	generation: number;
}

export interface DatabaseSchema {
	/** Undefined until its first upgrade commits a row for it. */
	id: number | undefined;
	name: string;
	version: number;
	stores: Map<string, StoreSchema>;
}

export function loadSchema(backing: SqliteBacking, name: string): DatabaseSchema {
	const row = backing.databases().find((database) => database.name === name);
	const schema: DatabaseSchema = {id: row?.id, name, version: row?.version ?? 0, stores: new Map()};
	if (row) {
		for (const store of backing.stores(row.id)) {
			schema.stores.set(store.name, {id: store.id, name: store.name, indexes: new Map(backing.indexes(store.id).map((index) => [index.name, index])), generation: 0});
		}
	}
	return schema;
}

export function copySchema(schema: DatabaseSchema): DatabaseSchema {
	const stores = new Map([...schema.stores].map(([name, store]) => [name, {...store, indexes: new Map(store.indexes)}]));
	return {...schema, stores};
}

export function restoreSchema(schema: DatabaseSchema, copy: DatabaseSchema): void {
	schema.id = copy.id;
	schema.version = copy.version;
	schema.stores = copy.stores;
}

/** The names, sorted as IndexedDB sorts them (by code unit), in a DOMStringList. */
export class DOMStringList {
	readonly #names: string[];

	constructor(names: Iterable<string>) {
		this.#names = [...names].sort((first, second) => (first < second ? -1 : first > second ? 1 : 0));
	}

	get length(): number {
		return this.#names.length;
	}

	item(index: number): string | null {
		return this.#names[index] ?? null;
	}

	contains(name: string): boolean {
		return this.#names.includes(name);
	}

	[Symbol.iterator](): Iterator<string> {
		return this.#names[Symbol.iterator]();
	}
}
