/**
 * IDBRequest: what a request on a store, an index or a cursor gives back at once; its result or
 * error come with the success or error event fired at it when its transaction runs it.
 */
import {defineHandlers, IdbEventTarget, type EventHandler} from './events.js';
import {idbError} from './errors.js';
import type {IDBTransaction} from './transaction.js';

export class IDBRequest extends IdbEventTarget {
	declare onsuccess: EventHandler;
	declare onerror: EventHandler;
	readonly source: unknown;
	transaction: IDBTransaction | null;
	readyState: 'pending' | 'done' = 'pending';
	#result: unknown;
	#error: DOMException | null = null;

	constructor(source: unknown, transaction: IDBTransaction | null) {
		super();
		this.source = source;
		this.transaction = transaction;
	}

	get result(): unknown {
		if (this.readyState === 'pending') throw idbError('InvalidStateError', 'the request has not finished');
		return this.#result;
	}

	get error(): DOMException | null {
		if (this.readyState === 'pending') throw idbError('InvalidStateError', 'the request has not finished');
		return this.#error;
	}

	override get parentTarget(): IdbEventTarget | null {
		return this.transaction;
	}

	/** @internal */
	succeed(result: unknown): void {
		this.readyState = 'done';
		this.#result = result;
		this.#error = null;
	}

	/** @internal */
	fail(error: DOMException): void {
		this.readyState = 'done';
		this.#result = undefined;
		this.#error = error;
	}

	/** @internal A cursor's request, made pending again by continue(). */
	again(): void {
		this.readyState = 'pending';
	}
}
defineHandlers(IDBRequest, 'success', 'error');

/** indexedDB.open's and deleteDatabase's request: its events go nowhere after it. */
export class IDBOpenDBRequest extends IDBRequest {
	declare onupgradeneeded: EventHandler;
	declare onblocked: EventHandler;

	constructor() {
		super(null, null);
	}

	override get parentTarget(): IdbEventTarget | null {
		return null;
	}
}
defineHandlers(IDBOpenDBRequest, 'upgradeneeded', 'blocked');
