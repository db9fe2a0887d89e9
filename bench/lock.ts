/**
 * One bench at a time per machine: two runs at once (say, two engineers' shells) skew each other's
 * every figure. A lock file in the temp directory holds the running bench's PID; a second bench
 * waits for it, and a lock whose process is gone is taken over.
 */
import {openSync, readFileSync, rmSync, writeSync, closeSync} from 'node:fs';
import {setTimeout as sleep} from 'node:timers/promises';

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function holder(path: string): number | undefined {
	try {
		const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
		return Number.isInteger(pid) && pid > 0 ? pid : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Takes the lock, waiting up to waitMs for another live holder; resolves with a release function,
 * or undefined if the wait ran out.
 */
export async function acquireLock(path: string, options: {waitMs: number; pollMs?: number; onWait?: (pid: number) => void}): Promise<(() => void) | undefined> {
	const deadline = Date.now() + options.waitMs;
	let told = false;
	for (;;) {
		try {
			const fd = openSync(path, 'wx');
			writeSync(fd, String(process.pid));
			closeSync(fd);
			let released = false;
			const release = () => {
				if (released) return;
				released = true;
				if (holder(path) === process.pid) rmSync(path, {force: true});
			};
			process.once('exit', release);
			return release;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		const pid = holder(path);
		if (pid === undefined || !alive(pid)) {
			rmSync(path, {force: true}); // stale: its bench is gone
			continue;
		}
		if (Date.now() >= deadline) return undefined;
		if (!told) options.onWait?.(pid);
		told = true;
		await sleep(options.pollMs ?? 1000);
	}
}
