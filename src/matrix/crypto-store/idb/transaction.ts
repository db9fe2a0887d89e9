/**
 * IDBTransaction: its requests run one at a time, in order, each in a microtask of its own, so
 * that what a success handler's promises do next (the Rust crypto's futures resume in microtasks)
 * comes before the next request runs. It commits at the first macrotask that finds no request
 * left, as IndexedDB's transactions commit by themselves once idle: a future awaiting something
 * else for a few microtasks still places its next request in time. A writing one is one SQLite
 * transaction, begun at its first write (sqlite-backing.ts); an error nobody handles, a handler
 * that throws, or abort() rolls it all back.
 */
import type {Context} from './context.js';
import {defineHandlers, fire, IdbEvent, IdbEventTarget, type EventHandler} from './events.js';
import {idbError} from './errors.js';
import {IDBObjectStore} from './object-store.js';
import type {IDBRequest} from './request.js';
import type {Scheduled} from './scheduler.js';
import {DOMStringList, type DatabaseSchema, type StoreSchema} from './schema.js';

export type TransactionMode = 'readonly' | 'readwrite' | 'versionchange';

/** What the database a transaction runs on tells it and hears from it. */
export interface TransactionHost extends IdbEventTarget {
	readonly schema: DatabaseSchema;
	readonly context: Context;
	transactionFinished(transaction: IDBTransaction): void;
}

interface Queued {
	request: IDBRequest;
	operation: () => unknown;
}

/** For an upgrade: what open() does when the transaction starts and when it ends. */
export interface UpgradeHooks {
	started(): void;
	ended(committed: boolean): void;
}

export class IDBTransaction extends IdbEventTarget implements Scheduled {
	declare oncomplete: EventHandler;
	declare onerror: EventHandler;
	declare onabort: EventHandler;
	readonly db: TransactionHost;
	readonly mode: TransactionMode;
	readonly durability = 'default';
	readonly #scope: readonly string[];
	readonly #stores = new Map<string, IDBObjectStore>();
	readonly #queue: Queued[] = [];
	readonly #written = new Set<StoreSchema>();
	readonly #upgrade: UpgradeHooks | undefined;
	#state: 'waiting' | 'running' | 'finished' = 'waiting';
	#commitAsked = false;
	#requestQueued = false;
	#idleCheckQueued = false;
	#error: DOMException | null = null;

	constructor(db: TransactionHost, scope: readonly string[], mode: TransactionMode, upgrade?: UpgradeHooks) {
		super();
		this.db = db;
		this.#scope = scope;
		this.mode = mode;
		this.#upgrade = upgrade;
	}

	get objectStoreNames(): DOMStringList {
		return new DOMStringList(this.mode === 'versionchange' ? this.db.schema.stores.keys() : this.#scope);
	}

	get error(): DOMException | null {
		return this.#error;
	}

	override get parentTarget(): IdbEventTarget | null {
		return this.db;
	}

	objectStore(name: string): IDBObjectStore {
		if (this.#state === 'finished') throw idbError('InvalidStateError', 'the transaction has finished');
		const schema = this.db.schema.stores.get(name);
		if (!schema || (this.mode !== 'versionchange' && !this.#scope.includes(name))) throw idbError('NotFoundError', `no object store "${name}" in this transaction`);
		let store = this.#stores.get(name);
		if (!store || store.schema !== schema) {
			store = new IDBObjectStore(this, schema);
			this.#stores.set(name, store);
		}
		return store;
	}

	abort(): void {
		if (this.#state === 'finished' || this.#commitAsked) throw idbError('InvalidStateError', 'the transaction has finished or is committing');
		this.#abort(null);
	}

	commit(): void {
		if (this.#state === 'finished' || this.#commitAsked) throw idbError('InvalidStateError', 'the transaction has finished or is committing');
		this.#commitAsked = true;
		this.#queueIdleCheck();
	}

	// For the scheduler.

	get writes(): boolean {
		return this.mode !== 'readonly';
	}

	overlaps(other: Scheduled): boolean {
		if (!(other instanceof IDBTransaction)) return other.overlaps(this);
		if (other.db.schema !== this.db.schema) return false;
		if (this.mode === 'versionchange' || other.mode === 'versionchange') return true;
		return this.#scope.some((name) => other.#scope.includes(name));
	}

	start(): void {
		this.#state = 'running';
		if (this.#upgrade) {
			this.db.context.backing.begin();
			this.#upgrade.started();
		}
		if (this.#queue.length > 0) this.#queueRequest();
		else this.#queueIdleCheck();
	}

	// For object stores, indexes and cursors.

	/** @internal Queues a request; it runs after those queued before it. */
	place(request: IDBRequest, operation: () => unknown): IDBRequest {
		if (this.#state === 'finished' || this.#commitAsked) throw idbError('TransactionInactiveError', 'the transaction has finished or is committing');
		this.#queue.push({request, operation});
		this.#queueRequest();
		return request;
	}

	/** @internal Throws unless the transaction may write. */
	assertWritable(): void {
		if (this.mode === 'readonly') throw idbError('ReadOnlyError', 'the transaction is read-only');
	}

	/** @internal Before a write to `store`: the SQLite transaction is open, and the store's cached reads go stale at commit. */
	writing(store: StoreSchema): void {
		this.db.context.backing.begin();
		this.#written.add(store);
	}

	/** @internal Whether this transaction changed `store` (its reads then bypass the committed-reads cache). */
	hasWritten(store: StoreSchema): boolean {
		return this.#written.has(store);
	}

	/** @internal Whether it is still running (an upgrade's schema changes need one). */
	get running(): boolean {
		return this.#state === 'running' && !this.#commitAsked;
	}

	/** @internal The upgrade failed in a way no request reports (an index over records that break its uniqueness). */
	abortWith(error: DOMException): void {
		if (this.#state !== 'finished') this.#abort(error);
	}

	#queueRequest(): void {
		if (this.#requestQueued || this.#state !== 'running') return;
		this.#requestQueued = true;
		queueMicrotask(() => {
			this.#requestQueued = false;
			this.#runRequest();
		});
	}

	/** A macrotask later: commits if no request came meanwhile. */
	#queueIdleCheck(): void {
		if (this.#idleCheckQueued || this.#state !== 'running') return;
		this.#idleCheckQueued = true;
		setImmediate(() => {
			this.#idleCheckQueued = false;
			if (this.#state !== 'running' || this.#requestQueued) return;
			if (this.#queue.length > 0) this.#queueRequest();
			else this.#commit();
		});
	}

	#runRequest(): void {
		if (this.#state !== 'running') return;
		const next = this.#queue.shift();
		if (!next) {
			this.#queueIdleCheck();
			return;
		}
		let threw = false;
		const thrown = () => (threw = true);
		try {
			next.request.succeed(next.operation());
			fire(next.request, new IdbEvent('success'), thrown);
			if (threw) this.#abort(idbError('AbortError', 'a success handler threw'));
		} catch (error) {
			const failure = asDomException(error);
			next.request.fail(failure);
			const prevented = fire(next.request, new IdbEvent('error', {bubbles: true, cancelable: true}), thrown);
			if (threw || !prevented) this.#abort(failure);
		}
		if (this.#queue.length > 0) this.#queueRequest();
		else this.#queueIdleCheck();
	}

	#commit(): void {
		try {
			if (this.writes) this.db.context.backing.commit();
		} catch (error) {
			this.#abort(idbError('UnknownError', `the commit failed: ${error instanceof Error ? error.message : String(error)}`), true);
			return;
		}
		this.#state = 'finished';
		for (const store of this.#written) store.generation++;
		this.#upgrade?.ended(true);
		this.#finish();
		fire(this, new IdbEvent('complete'));
	}

	#abort(error: DOMException | null, rolledBack = false): void {
		this.#state = 'finished';
		this.#error = error;
		if (this.writes && !rolledBack) this.db.context.backing.rollback();
		const pending = this.#queue.splice(0);
		this.#upgrade?.ended(false);
		this.#finish();
		setImmediate(() => {
			for (const {request} of pending) {
				request.fail(idbError('AbortError', 'the transaction was aborted'));
				fire(request, new IdbEvent('error', {bubbles: true, cancelable: true}));
			}
			fire(this, new IdbEvent('abort', {bubbles: true}));
		});
	}

	#finish(): void {
		this.db.context.scheduler.finished(this);
		this.db.transactionFinished(this);
	}
}
defineHandlers(IDBTransaction, 'complete', 'error', 'abort');

function asDomException(error: unknown): DOMException {
	if (error instanceof DOMException) return error;
	return idbError('UnknownError', error instanceof Error ? error.message : String(error));
}
