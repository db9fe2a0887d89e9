/** Reading screens as text: shared by the in-process clients and the binary running in tmux. */

// SGR colour codes only: anything else reaching the frame is a sanitization bug tests should see.
const SGR = /\u001b\[[0-9;]*m/g;

export function plain(frame: string | undefined): string {
	return (frame ?? '').replace(SGR, '');
}

/**
 * One column of the three-pane layout (0 rooms, 1 timeline, 2 side panel), one row per line.
 * Only the rows that have the panes (not the composer and status bar).
 */
export function pane(screen: string, index: 0 | 1 | 2): string {
	return screen
		.split('\n')
		.filter((line) => line.includes('│'))
		.map((line) => (line.split('│')[index] ?? '').trimEnd())
		.join('\n');
}

/**
 * Polls `read` until `predicate` holds, every 50 ms, for at most `timeoutMs`. Throws with what it
 * waited for and the last screen, so a failure reads like a screenshot.
 */
export async function waitFor(read: () => string | Promise<string>, predicate: (screen: string) => boolean, what: string, timeoutMs: number): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	let last = '';
	for (;;) {
		last = await read();
		if (predicate(last)) return last;
		if (Date.now() > deadline) break;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the screen was:\n${last}`);
}
