/**
 * IDBDatabase: one connection to a database. Transactions are made here; object stores are made
 * and deleted only inside an upgrade (open() with a higher version). close() waits for the
 * connection's transactions to end, then lets a waiting upgrade or deletion go ahead.
 */
import type {Context} from './context.js';
import {defineHandlers, IdbEventTarget, type EventHandler} from './events.js';
import {idbError} from './errors.js';
import type {IDBObjectStore} from './object-store.js';
import {DOMStringList, type DatabaseSchema} from './schema.js';
import {IDBTransaction, type TransactionHost, type TransactionMode} from './transaction.js';

export class IDBDatabase extends IdbEventTarget implements TransactionHost {
	declare onabort: EventHandler;
	declare onclose: EventHandler;
	declare onerror: EventHandler;
	declare onversionchange: EventHandler;
	readonly context: Context;
	/** @internal */
	schema: DatabaseSchema;
	/** @internal The version this connection sees (an upgrade raises it; an aborted one puts it back). */
	connectionVersion: number;
	/** @internal The upgrade running on this connection, while it runs. */
	upgrade: IDBTransaction | undefined;
	readonly #transactions = new Set<IDBTransaction>();
	readonly #closed: () => void;
	#closePending = false;
	#done = false;

	constructor(context: Context, schema: DatabaseSchema, closed: () => void) {
		super();
		this.context = context;
		this.schema = schema;
		this.connectionVersion = schema.version;
		this.#closed = closed;
	}

	get name(): string {
		return this.schema.name;
	}

	get version(): number {
		return this.connectionVersion;
	}

	get objectStoreNames(): DOMStringList {
		return new DOMStringList(this.schema.stores.keys());
	}

	/** @internal Whether close() was called (or an upgrade failed). */
	get closePending(): boolean {
		return this.#closePending;
	}

	transaction(storeNames: string | Iterable<string>, mode: TransactionMode = 'readonly'): IDBTransaction {
		if (this.#closePending) throw idbError('InvalidStateError', 'the connection is closing');
		if (this.upgrade?.running) throw idbError('InvalidStateError', 'an upgrade is running on this connection');
		if (mode !== 'readonly' && mode !== 'readwrite') throw new TypeError(`${String(mode)} is not a transaction mode`);
		const scope = [...new Set(typeof storeNames === 'string' ? [storeNames] : storeNames)];
		if (scope.length === 0) throw idbError('InvalidAccessError', 'a transaction needs at least one object store');
		for (const name of scope) if (!this.schema.stores.has(name)) throw idbError('NotFoundError', `no object store "${name}"`);
		const transaction = new IDBTransaction(this, scope, mode);
		this.#transactions.add(transaction);
		this.context.scheduler.add(transaction);
		return transaction;
	}

	createObjectStore(name: string, options: {keyPath?: string | string[] | null; autoIncrement?: boolean} = {}): IDBObjectStore {
		const upgrade = this.#runningUpgrade();
		if (this.schema.stores.has(name)) throw idbError('ConstraintError', `an object store "${name}" exists already`);
		if ((options.keyPath !== undefined && options.keyPath !== null) || options.autoIncrement) throw idbError('NotSupportedError', 'object stores with a key path or a key generator are not supported');
		const id = this.context.backing.createStore(this.schema.id!, name);
		this.schema.stores.set(name, {id, name, indexes: new Map(), generation: 0});
		return upgrade.objectStore(name);
	}

	deleteObjectStore(name: string): void {
		this.#runningUpgrade();
		const store = this.schema.stores.get(name);
		if (!store) throw idbError('NotFoundError', `no object store "${name}"`);
		this.context.backing.deleteStore(store.id);
		this.schema.stores.delete(name);
	}

	close(): void {
		this.#closePending = true;
		this.#closeIfIdle();
	}

	/** @internal */
	registerUpgrade(upgrade: IDBTransaction): void {
		this.upgrade = upgrade;
		this.#transactions.add(upgrade);
	}

	/** @internal */
	transactionFinished(transaction: IDBTransaction): void {
		this.#transactions.delete(transaction);
		if (transaction === this.upgrade) this.upgrade = undefined;
		this.#closeIfIdle();
	}

	#runningUpgrade(): IDBTransaction {
		if (!this.upgrade?.running) throw idbError('InvalidStateError', 'object stores are made and deleted only in an upgrade');
		return this.upgrade;
	}

	#closeIfIdle(): void {
		if (!this.#closePending || this.#done || this.#transactions.size > 0) return;
		this.#done = true;
		this.#closed();
	}
}
defineHandlers(IDBDatabase, 'abort', 'close', 'error', 'versionchange');
