/**
 * The events IndexedDB fires (success, error, complete, abort, upgradeneeded, versionchange,
 * blocked, close), made lean: the store fires thousands a second while it decrypts, and DOM-like
 * event machinery was a large share of the old layer's cost. Handlers are the `on…` properties
 * and addEventListener's; an error event goes from a request to its transaction and then to its
 * database, as the spec's bubbling does, unless a handler stops it.
 */
export class IdbEvent {
	readonly type: string;
	readonly bubbles: boolean;
	readonly cancelable: boolean;
	target: IdbEventTarget | null = null;
	currentTarget: IdbEventTarget | null = null;
	defaultPrevented = false;
	/** @internal */
	propagationStopped = false;

	constructor(type: string, options: {bubbles?: boolean; cancelable?: boolean} = {}) {
		this.type = type;
		this.bubbles = options.bubbles ?? false;
		this.cancelable = options.cancelable ?? false;
	}

	preventDefault(): void {
		if (this.cancelable) this.defaultPrevented = true;
	}

	stopPropagation(): void {
		this.propagationStopped = true;
	}

	stopImmediatePropagation(): void {
		this.propagationStopped = true;
	}
}

export class IDBVersionChangeEvent extends IdbEvent {
	readonly oldVersion: number;
	readonly newVersion: number | null;

	constructor(type: string, oldVersion: number, newVersion: number | null) {
		super(type);
		this.oldVersion = oldVersion;
		this.newVersion = newVersion;
	}
}

type Listener = (this: unknown, event: IdbEvent) => unknown;
/** A handler that threw: the spec reports it and carries on; a transaction it ran in aborts. */
export type ThrownHandler = (error: unknown) => void;

export class IdbEventTarget {
	/** @internal Set by the handler properties of each subclass (onsuccess, …). */
	readonly handlers = new Map<string, Listener>();
	#listeners: Map<string, Listener[]> | undefined;

	addEventListener(type: string, listener: Listener | null): void {
		if (!listener) return;
		this.#listeners ??= new Map();
		const list = this.#listeners.get(type) ?? [];
		if (!list.includes(listener)) list.push(listener);
		this.#listeners.set(type, list);
	}

	removeEventListener(type: string, listener: Listener | null): void {
		const list = this.#listeners?.get(type);
		if (list && listener) list.splice(list.indexOf(listener) >>> 0, 1);
	}

	/** @internal Where an event goes after this target (a request's transaction, a transaction's database). */
	get parentTarget(): IdbEventTarget | null {
		return null;
	}

	/** @internal Calls this target's handlers for `event`; a handler that throws goes to `thrown`. */
	invoke(event: IdbEvent, thrown: ThrownHandler): void {
		event.currentTarget = this;
		const handler = this.handlers.get(event.type);
		if (handler) call(handler, this, event, thrown);
		const list = this.#listeners?.get(event.type);
		if (list) for (const listener of [...list]) call(listener, this, event, thrown);
	}
}

function call(listener: Listener, target: IdbEventTarget, event: IdbEvent, thrown: ThrownHandler): void {
	try {
		listener.call(target, event);
	} catch (error) {
		thrown(error);
	}
}

/** Fires `event` at `target`, and on up its parents if it bubbles. Whether a handler prevented its default. */
export function fire(target: IdbEventTarget, event: IdbEvent, thrown: ThrownHandler = reportThrown): boolean {
	event.target = target;
	for (let current: IdbEventTarget | null = target; current; current = event.bubbles ? current.parentTarget : null) {
		current.invoke(event, thrown);
		if (event.propagationStopped) break;
	}
	event.currentTarget = null;
	return event.defaultPrevented;
}

/** As a browser reports an exception from an event handler: it is logged, the program goes on. */
function reportThrown(error: unknown): void {
	// eslint-disable-next-line no-console -- what a browser does; the app routes the console away from the screen.
	console.error('An IndexedDB event handler threw:', error);
}

/** Handlers as `on…` properties, over IdbEventTarget's map: `defineHandlers(IDBRequest, 'success', 'error')`. */
export function defineHandlers(target: {prototype: IdbEventTarget}, ...types: string[]): void {
	for (const type of types) {
		Object.defineProperty(target.prototype, `on${type}`, {
			configurable: true,
			enumerable: true,
			get(this: IdbEventTarget) {
				return this.handlers.get(type) ?? null;
			},
			set(this: IdbEventTarget, handler: unknown) {
				if (typeof handler === 'function') this.handlers.set(type, handler as Listener);
				else this.handlers.delete(type);
			},
		});
	}
}

export type EventHandler = ((this: unknown, event: IdbEvent) => unknown) | null;
