/**
 * IDBFactory (the `indexedDB` global) over one SQLite file. open() and deleteDatabase() of a name
 * run one after another, as the spec's connection queue has them; an upgrade or a deletion first
 * asks the name's other connections to close (versionchange) and waits for them (blocked).
 */
import type {Context} from './context.js';
import {IDBDatabase} from './database.js';
import {fire, IdbEvent, IDBVersionChangeEvent} from './events.js';
import {idbError} from './errors.js';
import {compareKeys} from './keys.js';
import {ReadCache} from './read-cache.js';
import {IDBOpenDBRequest, type IDBRequest} from './request.js';
import {Scheduler, type Scheduled} from './scheduler.js';
import {copySchema, loadSchema, restoreSchema, type DatabaseSchema} from './schema.js';
import {SqliteBacking} from './sqlite-backing.js';
import {IDBTransaction} from './transaction.js';

interface Named {
	schema: DatabaseSchema;
	connections: Set<IDBDatabase>;
	/** Called when a connection of the name has closed. */
	closedOne: Set<() => void>;
}

export class IDBFactory {
	readonly #file: string;
	readonly #context: Context;
	#backing: SqliteBacking | undefined;
	readonly #names = new Map<string, Named>();
	readonly #queues = new Map<string, Promise<void>>();

	constructor(file: string) {
		this.#file = file;
		const openBacking = () => (this.#backing ??= new SqliteBacking(this.#file));
		this.#context = {
			// Opened at the first use, and again after close().
			get backing() {
				return openBacking();
			},
			scheduler: new Scheduler(),
			cache: new ReadCache(),
		};
	}

	open(name: string, version?: number): IDBOpenDBRequest {
		if (version !== undefined && (!Number.isSafeInteger(version) || version < 1)) throw new TypeError(`${version} is not a valid database version`);
		const request = new IDBOpenDBRequest();
		this.#queue(name, request, () => this.#open(request, String(name), version));
		return request;
	}

	deleteDatabase(name: string): IDBOpenDBRequest {
		const request = new IDBOpenDBRequest();
		this.#queue(name, request, () => this.#delete(request, String(name)));
		return request;
	}

	databases(): Promise<Array<{name: string; version: number}>> {
		return Promise.resolve().then(() => this.#context.backing.databases().map(({name, version}) => ({name, version})));
	}

	cmp(first: unknown, second: unknown): number {
		return compareKeys(first, second);
	}

	/**
	 * Closes the SQLite file once no transaction is left (up to `waitMs`: closing mid-write would
	 * roll back what the crypto believes it stored). A later request opens it again.
	 */
	async closeFile(waitMs = 2_000): Promise<void> {
		const deadline = Date.now() + waitMs;
		while (!this.#context.scheduler.idle && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
		this.#backing?.close();
		this.#backing = undefined;
	}

	#queue(name: string, request: IDBRequest, steps: () => Promise<void>): void {
		const previous = this.#queues.get(name) ?? Promise.resolve();
		const next = previous.then(steps).catch((error: unknown) => {
			request.fail(idbError('UnknownError', error instanceof Error ? error.message : String(error)));
			fire(request, new IdbEvent('error', {bubbles: true, cancelable: true}));
		});
		this.#queues.set(name, next);
	}

	#named(name: string): Named {
		let named = this.#names.get(name);
		if (!named) {
			named = {schema: loadSchema(this.#context.backing, name), connections: new Set(), closedOne: new Set()};
			this.#names.set(name, named);
		}
		return named;
	}

	async #open(request: IDBOpenDBRequest, name: string, requested: number | undefined): Promise<void> {
		const named = this.#named(name);
		const {schema} = named;
		const version = requested ?? (schema.version || 1);
		if (version < schema.version) {
			request.fail(idbError('VersionError', `database "${name}" is at version ${schema.version}, above ${version}`));
			fire(request, new IdbEvent('error', {bubbles: true, cancelable: true}));
			return;
		}
		const connection: IDBDatabase = new IDBDatabase(this.#context, schema, () => this.#closed(named, connection));
		named.connections.add(connection);
		if (version > schema.version) {
			await this.#othersClosed(named, connection, request, version);
			if (!(await this.#upgrade(connection, request, version))) {
				// After the upgrade's own abort event, as the spec orders them.
				await new Promise((resolve) => setImmediate(resolve));
				request.fail(idbError('AbortError', `the upgrade of database "${name}" was aborted`));
				fire(request, new IdbEvent('error', {bubbles: true, cancelable: true}));
				return;
			}
		}
		request.succeed(connection);
		fire(request, new IdbEvent('success'));
	}

	#upgrade(connection: IDBDatabase, request: IDBOpenDBRequest, version: number): Promise<boolean> {
		const {schema} = connection;
		const oldVersion = schema.version;
		const before = copySchema(schema);
		const backing = () => this.#context.backing;
		return new Promise((resolve) => {
			const upgrade: IDBTransaction = new IDBTransaction(connection, [], 'versionchange', {
				started: () => {
					schema.id ??= backing().createDatabase(schema.name);
					backing().setVersion(schema.id, version);
					schema.version = connection.connectionVersion = version;
					request.succeed(connection);
					request.transaction = upgrade;
					fire(request, new IDBVersionChangeEvent('upgradeneeded', oldVersion, version), () => upgrade.abortWith(idbError('AbortError', 'an upgradeneeded handler threw')));
				},
				ended: (committed) => {
					request.transaction = null;
					if (!committed) {
						restoreSchema(schema, before);
						connection.connectionVersion = oldVersion;
						connection.close();
					}
					resolve(committed);
				},
			});
			connection.registerUpgrade(upgrade);
			this.#context.scheduler.add(upgrade);
		});
	}

	async #delete(request: IDBOpenDBRequest, name: string): Promise<void> {
		const named = this.#named(name);
		const oldVersion = named.schema.version;
		await this.#othersClosed(named, undefined, request, null);
		await this.#exclusively(named.schema, () => {
			if (named.schema.id === undefined) return;
			const backing = this.#context.backing;
			backing.begin();
			backing.deleteDatabase(named.schema.id);
			backing.commit();
		});
		this.#names.delete(name);
		request.succeed(undefined);
		fire(request, new IDBVersionChangeEvent('success', oldVersion, null));
	}

	/** Runs `work` as a writer of the whole database, between transactions (scheduler.ts). */
	#exclusively(schema: DatabaseSchema, work: () => void): Promise<void> {
		return new Promise((resolve, reject) => {
			const scheduler = this.#context.scheduler;
			const job: Scheduled = {
				writes: true,
				overlaps: (other) => other === job || (other instanceof IDBTransaction && other.db.schema === schema),
				start: () =>
					setImmediate(() => {
						try {
							work();
							resolve();
						} catch (error) {
							reject(error instanceof Error ? error : new Error(String(error)));
						} finally {
							scheduler.finished(job);
						}
					}),
			};
			scheduler.add(job);
		});
	}

	/** Asks the other connections of the name to close, and waits until they have. */
	async #othersClosed(named: Named, except: IDBDatabase | undefined, request: IDBOpenDBRequest, newVersion: number | null): Promise<void> {
		const others = () => [...named.connections].filter((connection) => connection !== except);
		const oldVersion = named.schema.version;
		for (const other of others()) if (!other.closePending) fire(other, new IDBVersionChangeEvent('versionchange', oldVersion, newVersion));
		if (others().length === 0) return;
		fire(request, new IDBVersionChangeEvent('blocked', oldVersion, newVersion));
		await new Promise<void>((resolve) => {
			const check = () => {
				if (others().length > 0) return;
				named.closedOne.delete(check);
				resolve();
			};
			named.closedOne.add(check);
		});
	}

	#closed(named: Named, connection: IDBDatabase): void {
		named.connections.delete(connection);
		for (const check of [...named.closedOne]) check();
	}
}
