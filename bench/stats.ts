/** Small statistics over samples: no dependencies, no surprises with empty input. */

function numbers(values: ReadonlyArray<number | null | undefined>): number[] {
	return values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
}

/** The median of the finite values, or null when there are none. */
export function median(values: ReadonlyArray<number | null | undefined>): number | null {
	const sorted = numbers(values).sort((a, b) => a - b);
	if (sorted.length === 0) return null;
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Nearest-rank percentile (p in 0..100): the smallest sample that at least p% of the samples do not
 * exceed. With 120 keystrokes, p95 is the 114th fastest; it is always a value that was observed.
 */
export function percentile(values: ReadonlyArray<number | null | undefined>, p: number): number | null {
	const sorted = numbers(values).sort((a, b) => a - b);
	if (sorted.length === 0) return null;
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
	return sorted[Math.min(rank, sorted.length) - 1]!;
}

/**
 * The longest stretch without a frame inside [start, end]: between the window's start and the first
 * frame, between consecutive frames, and from the last frame to the end. Times in ms, any order.
 */
export function maxGap(frameTimes: readonly number[], start: number, end: number): number {
	if (end < start) return 0;
	const inside = frameTimes.filter((time) => time >= start && time <= end).sort((a, b) => a - b);
	let previous = start;
	let longest = 0;
	for (const time of [...inside, end]) {
		longest = Math.max(longest, time - previous);
		previous = time;
	}
	return longest;
}

/** a ÷ b, or null when either is missing or b is zero. */
export function ratio(a: number | null, b: number | null): number | null {
	if (a === null || b === null || b === 0) return null;
	return a / b;
}

/** Rounds for display and JSON: 3 significant decimals below 10, 1 decimal below 1000, else whole. */
export function round(value: number | null): number | null {
	if (value === null) return null;
	const abs = Math.abs(value);
	const digits = abs < 10 ? 3 : abs < 1000 ? 1 : 0;
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}
