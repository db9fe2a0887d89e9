/**
 * A MatrixSession whose SDK runs in a worker thread (session-worker.ts). Same interface as
 * SdkSession: the app cannot tell them apart, only that frames keep coming while a big sync lands.
 */
import {Worker} from 'node:worker_threads';
import type {Credentials} from './client.js';
import type {ActionResult, MatrixAction, MatrixSession, ResultOf, SessionUpdate} from './protocol.js';
import type {FromWorker, ToWorker, WorkerOptions} from './worker-messages.js';

/** How long a stop waits for the thread (it saves the local cache: a big account takes a moment). */
const STOP_PATIENCE_MS = 3000;

/** The thread's young generation (see the constructor). */
const WORKER_YOUNG_GENERATION_MB = 24;

type Request = ToWorker extends infer T ? (T extends {id: number} ? Omit<T, 'id'> : never) : never;

export class WorkerSession implements MatrixSession {
	readonly userId: string;
	private readonly worker: Worker;
	private readonly listeners = new Set<(update: SessionUpdate) => void>();
	private readonly waiting = new Map<number, (result: ActionResult) => void>();
	private nextId = 1;
	private dead: string | undefined;
	private ended: Promise<void> = Promise.resolve();
	/** Updates kept while held (holdUpdates), for the listeners that come before releaseUpdates. */
	private held: SessionUpdate[] | undefined;

	constructor(credentials: Credentials, options: WorkerOptions = {}) {
		this.userId = credentials.userId;
		// stdout/stderr: the thread's own streams, read and dropped here. What a library prints there
		// (matrix-js-sdk binds some loggers to the console before any routing) never reaches the terminal.
		// A bounded young generation: with V8's default for a thread an idle client on 1000 rooms
		// measured 439 MB resident, with 24 MB 336 MB, start no slower (/tmp experiment, bench account).
		const resourceLimits = {maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB};
		this.worker = new Worker(new URL('./session-worker.js', import.meta.url), {workerData: {credentials, ...options}, stdout: true, stderr: true, resourceLimits});
		this.worker.stdout.resume();
		this.worker.stderr.resume();
		this.worker.on('message', (message: FromWorker) => {
			if (message.kind === 'update') {
				this.deliver(JSON.parse(message.json) as SessionUpdate);
				return;
			}
			const resolve = this.waiting.get(message.id);
			this.waiting.delete(message.id);
			resolve?.(message.result);
		});
		this.worker.on('error', (error: Error) => this.fail(error.message));
		this.worker.on('exit', (code) => this.fail(`the matrix thread stopped (exit code ${code})`));
	}

	/** From now until releaseUpdates, updates are kept rather than delivered (the UI is not listening yet). */
	holdUpdates(): void {
		this.held ??= [];
	}

	/** Delivers what was kept, in order, then each update as it comes. */
	releaseUpdates(): void {
		const held = this.held ?? [];
		this.held = undefined;
		for (const update of held) this.deliver(update);
	}

	subscribe(listener: (update: SessionUpdate) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	async start(): Promise<void> {
		const result = await this.request({kind: 'start'});
		if (!result.ok) throw new Error(result.error.message);
	}

	stop(): void {
		if (this.dead) return;
		const stopped = this.request({kind: 'stop'});
		this.dead = 'the session was stopped';
		// If the thread does not answer, do not wait for it.
		const givenUp = new Promise<void>((resolve) => setTimeout(resolve, STOP_PATIENCE_MS).unref());
		this.ended = Promise.race([stopped.then(() => {}), givenUp]).finally(() => void this.worker.terminate());
	}

	/** After stop(): resolves once the thread has stopped (its local cache saved) or was given up on. */
	stopped(): Promise<void> {
		return this.ended;
	}

	perform<Action extends MatrixAction>(action: Action): Promise<ResultOf<Action>> {
		// The thread answers this request's id with this action's result.
		return this.request({kind: 'perform', action}) as Promise<ResultOf<Action>>;
	}

	private request(message: Request): Promise<ActionResult> {
		if (this.dead) return Promise.resolve({ok: false, error: {kind: 'other', message: this.dead}});
		const id = this.nextId++;
		return new Promise((resolve) => {
			this.waiting.set(id, resolve);
			this.worker.postMessage({...message, id});
		});
	}

	private fail(message: string): void {
		if (this.dead) return;
		this.dead = message;
		for (const resolve of this.waiting.values()) resolve({ok: false, error: {kind: 'other', message}});
		this.waiting.clear();
		this.deliver({kind: 'sync', status: 'stopped', error: message});
	}

	private deliver(update: SessionUpdate): void {
		if (this.held) this.held.push(update);
		else for (const listener of this.listeners) listener(update);
	}
}
