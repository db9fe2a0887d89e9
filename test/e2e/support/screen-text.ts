/** Reading screens as text: shared by the in-process clients and the binary running in tmux. */

export {pane, plain} from '../../support/screen.js';

/**
 * Polls `read` until `predicate` holds, every 50 ms, for at most `timeoutMs`. Throws with what it
 * waited for and the last screen, so a failure reads like a screenshot.
 */
export async function waitFor(read: () => string | Promise<string>, predicate: (screen: string) => boolean, what: string, timeoutMs: number): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	let last: string;
	for (;;) {
		last = await read();
		if (predicate(last)) return last;
		if (Date.now() > deadline) break;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the screen was:\n${last}`);
}

/** The emoji names in the binary's panel, in order, on one row (the same emoji may come twice). */
export function namesShown(screen: string, names: string[]): boolean {
	return screen.split('\n').some((row) => {
		let from = 0;
		for (const name of names) {
			const at = row.indexOf(name, from);
			if (at < 0) return false;
			from = at + name.length;
		}
		return true;
	});
}
