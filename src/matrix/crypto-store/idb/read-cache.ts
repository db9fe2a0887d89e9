/**
 * Committed reads, kept for the next transaction that asks the same: decrypting an event costs
 * the Rust crypto four read-only transactions (its Megolm session, the sender's devices, two
 * identities), nearly always the same rows as for the event before. A store's entries hold while
 * no commit has changed it (its generation, schema.ts); a transaction that has written to a store
 * reads it from SQLite, which alone sees its uncommitted writes. The rows are the stored bytes:
 * each reader still gets a fresh copy (values.ts).
 */
import type {EncodedRange} from './key-range.js';
import type {StoreSchema} from './schema.js';
import type {IDBTransaction} from './transaction.js';

/** Enough for the sessions and devices of a busy account's rooms; a hit costs no SQL at all. */
const MAX_BYTES = 8 * 1024 * 1024;

/** A record's, or an index entry's with its record's value. */
interface Row {
	key: Uint8Array;
	value: Uint8Array;
}

interface Entry {
	store: StoreSchema;
	generation: number;
	rows: readonly Row[];
	bytes: number;
}

export class ReadCache {
	readonly #entries = new Map<string, Entry>();
	#bytes = 0;

	read<T extends Row>(transaction: IDBTransaction, store: StoreSchema, query: string, read: () => T[]): readonly T[] {
		if (transaction.hasWritten(store)) return read();
		const entry = this.#entries.get(query);
		if (entry && entry.store === store && entry.generation === store.generation) {
			// Most recently used last: the first entry is the one to drop.
			this.#entries.delete(query);
			this.#entries.set(query, entry);
			return entry.rows as readonly T[];
		}
		if (entry) this.#drop(query, entry);
		const rows = read();
		const bytes = rows.reduce((sum, row) => sum + row.key.byteLength + row.value.byteLength, 64);
		if (bytes > MAX_BYTES / 8) return rows;
		this.#entries.set(query, {store, generation: store.generation, rows, bytes});
		this.#bytes += bytes;
		for (const [oldest, old] of this.#entries) {
			if (this.#bytes <= MAX_BYTES) break;
			this.#drop(oldest, old);
		}
		return rows;
	}

	#drop(query: string, entry: Entry): void {
		this.#entries.delete(query);
		this.#bytes -= entry.bytes;
	}
}

/** What names a query in the cache: the store or index, the kind of read, the range and the limit. */
export function queryName(source: number | string, kind: string, range: EncodedRange, limit: number): string {
	return `${source}|${kind}|${range.lower?.toString('base64') ?? ''}|${range.upper?.toString('base64') ?? ''}|${range.lowerOpen ? 1 : 0}${range.upperOpen ? 1 : 0}|${limit}`;
}
