/** Polls until `check` returns a truthy value or throws after `timeoutMs` with what it last saw. */
export async function waitFor<T>(check: () => T | undefined | false, options: {timeoutMs?: number; describe?: () => string} = {}): Promise<T> {
	const deadline = Date.now() + (options.timeoutMs ?? 10_000);
	for (;;) {
		const value = check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting${options.describe ? `; last seen:\n${options.describe()}` : ''}`);
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}
