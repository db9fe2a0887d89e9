/**
 * 429 M_LIMIT_EXCEEDED says how long to wait (retry_after_ms): wait that long and try again, a few
 * times, instead of failing an action the server would accept in a moment.
 */
import {toActionError} from './errors.js';

const MAX_RETRIES = 3;
const MAX_WAIT_MS = 30_000;
const DEFAULT_WAIT_MS = 1_000;

export async function retryRateLimited<T>(run: () => Promise<T>, sleep: (ms: number) => Promise<void> = delay): Promise<T> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await run();
		} catch (error) {
			const described = toActionError(error);
			if (described.kind !== 'rate-limited' || attempt >= MAX_RETRIES) throw error;
			const wait = described.retryAfterMs ?? DEFAULT_WAIT_MS;
			if (wait > MAX_WAIT_MS) throw error;
			await sleep(wait);
		}
	}
}

function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
