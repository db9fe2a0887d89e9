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

/** What a test was looking at when a wait ended, for the message: the screen, a client's state. */
type Describe = () => string | Promise<string>;

async function timedOut(timeoutMs: number, what: string, describe?: Describe): Promise<Error> {
	const seen = describe ? await Promise.resolve(describe()).catch((error: unknown) => `(could not look: ${String(error)})`) : undefined;
	return new Error(`timed out after ${timeoutMs} ms waiting for ${what}${seen === undefined ? '' : `; last seen:\n${seen}`}`);
}

/**
 * Polls an async check (one that asks a server or the crypto) until it holds, or throws naming
 * `what` and, if given, what `describe` says then. A check that never answers counts against the
 * deadline too: the wait ends on time even when the thing asked hangs.
 */
export async function waitForAsync(check: () => Promise<boolean | undefined>, what: string, timeoutMs = 30_000, describe?: Describe): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const held = await within(check(), `an answer while waiting for ${what}`, {timeoutMs: Math.max(deadline - Date.now(), 0) + POLL_MS, describe});
		if (held) return;
		if (Date.now() > deadline) throw await timedOut(timeoutMs, what, describe);
		await new Promise((resolve) => setTimeout(resolve, POLL_MS));
	}
}

/**
 * Awaits `promise` for at most `timeoutMs`; then throws naming what was awaited and what
 * `describe` says at that moment (the state of the thing that did not answer).
 */
export async function within<T>(promise: Promise<T>, what: string, options: {timeoutMs?: number; describe?: Describe} = {}): Promise<T> {
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<never>((_, reject) => {
		timer = setTimeout(() => void timedOut(timeoutMs, what, options.describe).then(reject), timeoutMs);
	});
	try {
		return await Promise.race([promise, late]);
	} finally {
		clearTimeout(timer);
	}
}
