/**
 * The streams Ink renders into: a 120×40 TTY-like stdout that timestamps every write, and a stdin
 * that takes keystrokes the way a TTY's paused Readable does ('readable', then read() until null),
 * buffering what arrives while nobody listens instead of dropping it as ink-testing-library's does.
 */
import {EventEmitter} from 'node:events';
import {epochNow} from '../clock.ts';

export interface Write {
	/** epochNow() when Ink wrote it. */
	t: number;
	data: string;
}

export class FakeStdout extends EventEmitter {
	readonly isTTY = true;
	readonly columns: number;
	readonly rows: number;
	readonly writes: Write[] = [];
	/** Every byte Ink has written (UTF-8), for what a key costs the terminal. */
	bytesWritten = 0;

	constructor(columns: number, rows: number) {
		super();
		this.columns = columns;
		this.rows = rows;
	}

	write = (chunk: string | Uint8Array, encodingOrCallback?: unknown, callback?: unknown): boolean => {
		const data = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
		this.writes.push({t: epochNow(), data});
		this.bytesWritten += Buffer.byteLength(data);
		const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
		if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
		return true;
	};
}

export class FakeStdin extends EventEmitter {
	readonly isTTY = true;
	/** Keys not read yet: a real stream buffers them too, whether or not anyone is listening. */
	private buffered: string[] = [];
	/** Keys written while Ink had no 'readable' listener (they wait for the next one). */
	unattendedWrites = 0;

	constructor() {
		super();
		// As a paused Readable does: a new 'readable' listener hears about data already buffered.
		this.on('newListener', (event: string) => {
			if (event === 'readable') process.nextTick(() => this.buffered.length > 0 && this.emit('readable'));
		});
	}

	write(data: string): void {
		this.buffered.push(data);
		if (this.listenerCount('readable') === 0) this.unattendedWrites++;
		this.emit('readable');
	}

	read = (): string | null => {
		if (this.buffered.length === 0) return null;
		const data = this.buffered.join('');
		this.buffered = [];
		return data;
	};

	setEncoding(): this {
		return this;
	}
	setRawMode(): this {
		return this;
	}
	resume(): this {
		return this;
	}
	pause(): this {
		return this;
	}
	ref(): this {
		return this;
	}
	unref(): this {
		return this;
	}
}
