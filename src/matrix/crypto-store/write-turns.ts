/**
 * One writing transaction at a time per database file, among this process's connections to it.
 *
 * indexeddbshim may hold two connections to one file at once (an old one closing while an upgrade
 * opens a new one). SQLite would answer the second writer "database is locked" at once — its busy
 * timeout is 0, because waiting would block the only thread, and with it the commit that would end
 * the wait. So a writer that finds the file taken waits its turn here instead, and is resumed when
 * the holder's transaction ends. Readers never wait: in WAL mode they read the last commit.
 */
export class WriteTurns<Holder> {
	private readonly holders = new Map<string, Holder>();
	private readonly waiting = new Map<string, Array<() => void>>();

	/** Takes `file` for `holder` and returns true, or queues `resume` and returns false. */
	take(file: string, holder: Holder, resume: () => void): boolean {
		const current = this.holders.get(file);
		if (current === undefined || current === holder) {
			this.holders.set(file, holder);
			return true;
		}
		const queue = this.waiting.get(file) ?? [];
		queue.push(resume);
		this.waiting.set(file, queue);
		return false;
	}

	/** Gives `file` back if `holder` has it, and resumes the next writer waiting for it. */
	release(file: string, holder: Holder): void {
		if (this.holders.get(file) !== holder) return;
		this.holders.delete(file);
		const queue = this.waiting.get(file);
		const next = queue?.shift();
		if (queue?.length === 0) this.waiting.delete(file);
		// The resumed writer takes the file again itself, through take().
		next?.();
	}

	/** Whether some writing transaction is open on any file. */
	get busy(): boolean {
		return this.holders.size > 0;
	}
}
