/**
 * Turns Ink's writes into screens, after the fact: writes are only timestamped when Ink makes them
 * (so measuring adds almost nothing to the app's frame), and are handed to the terminal later, on
 * a timer, in order. Observers see the screen once each write is on it, with that write's time.
 * The bench runs this in a child process (screen-child.ts), so parsing costs the app nothing.
 */
import {setTimeout as sleep} from 'node:timers/promises';
import type {Write} from './terminal.ts';
import {TerminalScreen} from './screen.ts';

/** Where the writes come from: Ink's stdout, or the batches the measured process sends. */
export interface WriteSource {
	readonly columns: number;
	readonly rows: number;
	/** Taken (emptied) as they are handed to the terminal. */
	readonly writes: Write[];
}

const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[^[\]]/g;

export type FrameObserver = (screen: TerminalScreen, t: number) => void;

export class FrameWatcher {
	readonly screen: TerminalScreen;
	/** Times of the writes that put visible text on screen (not bare cursor or mode switches). */
	readonly frameTimes: number[] = [];
	private readonly source: WriteSource;
	/** The time of the last write the screen shows. */
	private lastShownAt = -Infinity;
	private readonly observers = new Set<FrameObserver>();

	constructor(source: WriteSource) {
		this.source = source;
		this.screen = new TerminalScreen(source.columns, source.rows);
	}

	/** Hands every write not handed yet to the terminal; the observers hear of each once it is on screen. */
	pump(): void {
		for (const {t, data} of this.source.writes.splice(0)) {
			if (data.replace(ESCAPES, '').length > 0) this.frameTimes.push(t);
			this.screen.write(data, () => {
				this.lastShownAt = t;
				for (const observer of this.observers) observer(this.screen, t);
			});
		}
	}

	/** Pumps, then resolves once the screen shows every write so far. */
	async caughtUp(): Promise<void> {
		this.pump();
		await this.screen.settled();
	}

	observe(observer: FrameObserver): () => void {
		this.observers.add(observer);
		return () => this.observers.delete(observer);
	}

	/**
	 * Calls `found` (once) with the time of the first write at or after `after` whose screen
	 * satisfies the predicate, from the writes handed over so far on; answers a cancel function.
	 * Already on screen: it has been since the last write at the latest.
	 */
	watch(predicate: (screen: TerminalScreen) => boolean, after: number, found: (t: number) => void): () => void {
		let done = false;
		const stop = this.observe((screen, t) => {
			if (done || t < after || !predicate(screen)) return;
			done = true;
			stop();
			found(t);
		});
		if (this.lastShownAt >= after && predicate(this.screen)) {
			done = true;
			stop();
			found(this.lastShownAt);
		}
		return () => {
			done = true;
			stop();
		};
	}

	/**
	 * Resolves with the time of the first write at or after `after` whose screen satisfies the
	 * predicate, or null after timeoutMs. Polls, so a busy app is never interrupted to check.
	 */
	async waitFor(predicate: (screen: TerminalScreen) => boolean, options: {after?: number; timeoutMs: number}): Promise<number | null> {
		const after = options.after ?? -Infinity;
		await this.caughtUp();
		// Already on screen: it has been since the last write at the latest.
		if (this.lastShownAt >= after && predicate(this.screen)) return this.lastShownAt;
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
