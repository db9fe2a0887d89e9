/**
 * Keystrokes from outside the app's event loop, as a terminal delivers them: a worker thread posts
 * each key at its scheduled time, stamped when sent; the main thread writes it to Ink's stdin only
 * when its event loop gets to the message. So a busy loop shows up as latency, the way a user feels it.
 */
import {Worker} from 'node:worker_threads';

export interface SentKey {
	index: number;
	key: string;
	/** epochNow() in the worker when the key was "pressed". */
	t: number;
}

// Plain CommonJS for an eval worker: no file to resolve, no type stripping needed.
const WORKER_SOURCE = `
const {parentPort} = require('node:worker_threads');
const {performance} = require('node:perf_hooks');
let timer;
let running = false;
parentPort.on('message', (command) => {
	if (command.type === 'start') {
		clearTimeout(timer);
		running = true;
		const {keys, intervalMs, repeat} = command;
		const start = performance.now();
		let index = 0;
		const step = () => {
			if (!running) return;
			if (!repeat && index >= keys.length) {
				running = false;
				parentPort.postMessage({type: 'done', sent: index});
				return;
			}
			parentPort.postMessage({type: 'key', index, key: keys[index % keys.length], t: performance.timeOrigin + performance.now()});
			index++;
			timer = setTimeout(step, Math.max(0, start + index * intervalMs - performance.now()));
		};
		step();
	} else if (command.type === 'stop') {
		clearTimeout(timer);
		running = false;
		parentPort.postMessage({type: 'done'});
	}
});
`;

export class Typist {
	private readonly worker: Worker;
	readonly sent: SentKey[] = [];
	private onDone: (() => void) | undefined;

	constructor(deliver: (key: string) => void) {
		this.worker = new Worker(WORKER_SOURCE, {eval: true});
		this.worker.unref();
		this.worker.on('message', (message: {type: 'key'; index: number; key: string; t: number} | {type: 'done'}) => {
			if (message.type === 'key') {
				this.sent.push({index: message.index, key: message.key, t: message.t});
				deliver(message.key);
			} else {
				this.onDone?.();
			}
		});
	}

	/** Types `keys` one every intervalMs; resolves when the last was sent. */
	type(keys: readonly string[], intervalMs: number): Promise<void> {
		this.sent.length = 0;
		return new Promise((resolve) => {
			this.onDone = resolve;
			this.worker.postMessage({type: 'start', keys, intervalMs, repeat: false});
		});
	}

	/** Types `keys` over and over, one every intervalMs, until stop(). */
	loop(keys: readonly string[], intervalMs: number): void {
		this.sent.length = 0;
		this.onDone = undefined;
		this.worker.postMessage({type: 'start', keys, intervalMs, repeat: true});
	}

	stop(): Promise<void> {
		return new Promise((resolve) => {
			this.onDone = resolve;
			this.worker.postMessage({type: 'stop'});
		});
	}

	terminate(): Promise<number> {
		return this.worker.terminate();
	}
}
