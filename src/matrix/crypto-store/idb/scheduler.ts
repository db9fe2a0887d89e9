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
	/** In the order they were made: waiting ones and running ones. */
	readonly #unfinished: Scheduled[] = [];
	readonly #running = new Set<Scheduled>();

	add(item: Scheduled): void {
		this.#unfinished.push(item);
		this.#startWhatCan();
	}

	finished(item: Scheduled): void {
		const at = this.#unfinished.indexOf(item);
		if (at >= 0) this.#unfinished.splice(at, 1);
		this.#running.delete(item);
		this.#startWhatCan();
	}

	/** Whether nothing is running or waiting. */
	get idle(): boolean {
		return this.#unfinished.length === 0;
	}

	#startWhatCan(): void {
		const starting = this.#unfinished.filter((item, at) => !this.#running.has(item) && this.#mayStart(item, at));
		for (const item of starting) this.#running.add(item);
		// Started after the look over the list: a start may finish something, which looks again.
		for (const item of starting) item.start();
	}

	#mayStart(item: Scheduled, at: number): boolean {
		for (let earlier = 0; earlier < at; earlier++) {
			const other = this.#unfinished[earlier]!;
			if (item.writes && other.writes) return false;
			if ((item.writes || other.writes) && item.overlaps(other)) return false;
		}
		return true;
	}
}
