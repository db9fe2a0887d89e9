/**
 * The matrix thread gives way to the UI thread when they compete for a core. On a busy machine
 * (a build, a browser) a sync landing in a big room would otherwise take half of what is left
 * from the thread that echoes the keys being typed. Linux sets a nice value per thread: this one's
 * alone is raised; elsewhere, or if refused, the thread keeps the default.
 */
import {readlinkSync} from 'node:fs';
import {setPriority} from 'node:os';

/** Nice 10: about a tenth of a contended core for this thread against a default one (Linux CFS weights). */
export const MATRIX_THREAD_NICE = 10;

export function giveWayToTheUiThread(): void {
	try {
		// /proc/thread-self links to /proc/<pid>/task/<tid>: this thread's own id.
		const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
		if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, MATRIX_THREAD_NICE);
	} catch {
		// Not Linux, or not allowed: the default priority.
	}
}
