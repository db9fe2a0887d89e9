/**
 * When each IndexedDB transaction may run. The spec's rule: one that reads waits for earlier
 * writers of the same stores, one that writes waits for every earlier transaction on them. Here,
 * further, one writer at a time across all databases: they share one SQLite connection, and a
 * writer is one SQLite transaction (sqlite-backing.ts). Readers never wait for one another.
 */
export interface Scheduled {
	/** Writes (readwrite, versionchange, a database's deletion). */
	readonly writes: boolean;
	/** Whether it works on any of the stores `other` works on. */
	overlaps(other: Scheduled): boolean;
	/** Called once, when it may run. */
	start(): void;
}

export class Scheduler {
	/** In the order they were made: waiting ones and running ones (a Set: a finished one leaves in O(1)). */
	readonly #unfinished = new Set<Scheduled>();
	readonly #running = new Set<Scheduled>();
	/** How many of the unfinished write: with none, a reader starts at once (decrypting is thousands of readers). */
	#writers = 0;

	add(item: Scheduled): void {
		this.#unfinished.add(item);
		if (item.writes) this.#writers++;
		else if (this.#writers === 0) {
			this.#running.add(item);
			item.start();
			return;
		}
		this.#startWhatCan();
	}

	finished(item: Scheduled): void {
		if (!this.#unfinished.delete(item)) return;
		if (item.writes) this.#writers--;
		this.#running.delete(item);
		if (this.#running.size < this.#unfinished.size) this.#startWhatCan();
	}

	/** Whether nothing is running or waiting. */
	get idle(): boolean {
		return this.#unfinished.size === 0;
	}

	#startWhatCan(): void {
		const starting: Scheduled[] = [];
		const earlierWriters: Scheduled[] = [];
		const earlierReaders: Scheduled[] = [];
		for (const item of this.#unfinished) {
			if (!this.#running.has(item) && mayStart(item, earlierWriters, earlierReaders)) starting.push(item);
			(item.writes ? earlierWriters : earlierReaders).push(item);
		}
		for (const item of starting) this.#running.add(item);
		// Started after the look over the list: a start may finish something, which looks again.
		for (const item of starting) item.start();
	}
}

/** A writer waits for every earlier writer and for earlier readers of its stores; a reader, for earlier writers of its stores. */
function mayStart(item: Scheduled, earlierWriters: readonly Scheduled[], earlierReaders: readonly Scheduled[]): boolean {
	if (item.writes) return earlierWriters.length === 0 && !earlierReaders.some((other) => item.overlaps(other));
	return !earlierWriters.some((other) => item.overlaps(other));
}
