/**
 * Preloaded (`node --import`) into the client when taking screenshots: the wall clock starts at
 * MATRIX_TUI_FIXED_NOW (ISO 8601) and runs on from there, so the demo's timestamps — seeded
 * relative to "now" — read the same on every run. Only Date moves: timers and durations are
 * untouched, and everything else is the real client.
 */
const fixedNow = process.env.MATRIX_TUI_FIXED_NOW;

if (fixedNow !== undefined) {
	const start = Date.parse(fixedNow);
	if (Number.isNaN(start)) throw new Error(`MATRIX_TUI_FIXED_NOW is not a date: ${fixedNow}`);
	const RealDate = Date;
	const realNow = RealDate.now.bind(RealDate);
	const offset = start - realNow();
	const now = () => realNow() + offset;

	globalThis.Date = new Proxy(RealDate, {
		// `new Date()` is now; `new Date(x)` is x.
		construct(target, args: unknown[], newTarget) {
			return Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget) as object;
		},
		// `Date()` called as a function returns the current time as a string.
		apply() {
			return new RealDate(now()).toString();
		},
		get(target, property, receiver): unknown {
			return property === 'now' ? now : Reflect.get(target, property, receiver);
		},
	});
}

export {};
