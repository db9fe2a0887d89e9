/**
 * Waiting without sleeping: a test polls for what it expects to see, with a deadline, and a
 * timeout says what it was waiting for and what it saw last.
 */
const POLL_MS = 5;
const DEFAULT_TIMEOUT_MS = 10_000;

interface WaitOptions {
	timeoutMs?: number;
	/** What is awaited, for the timeout's message. */
	what?: string;
	/** What the test was looking at, for the timeout's message (the screen, most often). */
	describe?: () => string;
}

/** Polls until `check` returns a truthy value, and returns it; throws after `timeoutMs` with what it last saw. */
export async function waitFor<T>(check: () => T | undefined | false, options: WaitOptions = {}): Promise<T> {
	const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
	for (;;) {
		const value = check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting${options.what ? ` for ${options.what}` : ''}${options.describe ? `; last seen:\n${options.describe()}` : ''}`);
		await new Promise((resolve) => setTimeout(resolve, POLL_MS));
	}
}

/** What a frame is awaited for: a text in it, a pattern it matches, or a test over all of it. */
export type FrameExpectation = string | RegExp | ((frame: string) => boolean);

function frameShows(frame: string, expected: FrameExpectation): boolean {
	if (typeof expected === 'string') return frame.includes(expected);
	if (expected instanceof RegExp) return expected.test(frame);
	return expected(frame);
}

function describeExpectation(expected: FrameExpectation): string {
	if (typeof expected === 'string') return JSON.stringify(expected);
	if (expected instanceof RegExp) return String(expected);
	return expected.name || 'a frame passing the check';
}

/**
 * Polls `frame` until it shows `expected`, and returns that frame. The timeout's error names what
 * was awaited and prints the last frame, so a failing test shows the screen it got.
 */
export async function waitForFrame(frame: () => string, expected: FrameExpectation, options: {timeoutMs?: number} = {}): Promise<string> {
	let last = '';
	const seen = await waitFor(
		() => {
			last = frame();
			return frameShows(last, expected) && {frame: last};
		},
		{timeoutMs: options.timeoutMs, what: describeExpectation(expected), describe: () => last},
	);
	return seen.frame;
}

/** Polls an async check (one that asks a server or the crypto) until it holds, or throws naming `what`. */
export async function waitForAsync(check: () => Promise<boolean | undefined>, what: string, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, POLL_MS));
	}
}
