/**
 * Turns Ink's writes into screens, after the fact: writes are only timestamped when Ink makes them
 * (so measuring adds almost nothing to the app's frame), and are applied to the virtual screen
 * later, on a timer, in order. Observers see the screen after each write with that write's time.
 */
import {setTimeout as sleep} from 'node:timers/promises';
import type {FakeStdout} from './terminal.ts';
import {VirtualScreen} from './vt.ts';

const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[^[\]]/g;

export type FrameObserver = (screen: VirtualScreen, t: number) => void;

export class FrameWatcher {
	readonly screen: VirtualScreen;
	/** Times of the writes that put visible text on screen (not bare cursor or mode switches). */
	readonly frameTimes: number[] = [];
	private readonly stdout: FakeStdout;
	private applied = 0;
	private lastWriteAt = -Infinity;
	private readonly observers = new Set<FrameObserver>();

	constructor(stdout: FakeStdout) {
		this.stdout = stdout;
		this.screen = new VirtualScreen(stdout.columns, stdout.rows);
	}

	/** Applies every write not applied yet, calling the observers after each. */
	pump(): void {
		const writes = this.stdout.writes;
		while (this.applied < writes.length) {
			const write = writes[this.applied++]!;
			this.screen.write(write.data);
			this.lastWriteAt = write.t;
			if (write.data.replace(ESCAPES, '').length > 0) this.frameTimes.push(write.t);
			for (const observer of this.observers) observer(this.screen, write.t);
		}
	}

	observe(observer: FrameObserver): () => void {
		this.observers.add(observer);
		return () => this.observers.delete(observer);
	}

	/**
	 * Resolves with the time of the first write at or after `after` whose screen satisfies the
	 * predicate, or null after timeoutMs. Polls, so a busy app is never interrupted to check.
	 */
	async waitFor(predicate: (screen: VirtualScreen) => boolean, options: {after?: number; timeoutMs: number}): Promise<number | null> {
		const after = options.after ?? -Infinity;
		this.pump();
		// Already on screen: it has been since the last write at the latest.
		if (this.lastWriteAt >= after && predicate(this.screen)) return this.lastWriteAt;
		let found: number | null = null;
		const stop = this.observe((screen, t) => {
			if (found === null && t >= after && predicate(screen)) found = t;
		});
		const deadline = Date.now() + options.timeoutMs;
		try {
			while (found === null && Date.now() < deadline) {
				await sleep(10);
				this.pump();
			}
			return found;
		} finally {
			stop();
		}
	}
}
