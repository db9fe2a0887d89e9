/**
 * What `npm run bench` measures and what it aims for: the shape of issue 4 as data, so the run,
 * the table and the tests agree on one set of numbers.
 */

/** The virtual terminal the client draws into. */
export const TERMINAL = {columns: 120, rows: 40} as const;

/** Metric keys, in the order the table prints them (the names issue 4 gives them). */
export const METRIC_KEYS = [
	'floorMs',
	'sdkBaselineMs',
	'firstFrameMs',
	'firstFrameRatio',
	'vsSdk',
	'renderRatio',
	'peakRssMb',
	'idleRssMb',
	'payloadMb',
	'rssRatio',
	'maxFrameGapMs',
	'keystrokeP95Ms',
	// Issue 12: the traffic phases, synced as Synapse does (bench/client/traffic-phases.ts).
	'trafficKeystrokeP95Ms',
	'stormToMembersMs',
	'busyKeystrokeP95Ms',
	'rssGrowth',
	'messagesMissing',
	'messagesDuplicated',
	// Issue 13: what one key costs the terminal (bytes Ink writes per keystroke, nothing else arriving).
	'bytesPerKeystroke',
] as const;

export type MetricKey = (typeof METRIC_KEYS)[number];
export type Metrics = Record<MetricKey, number | null>;

/** Issue 12's figures, as one big run reports them (each null when its phase did not finish). */
export type TrafficFigures = Partial<Record<'trafficKeystrokeP95Ms' | 'stormToMembersMs' | 'busyKeystrokeP95Ms' | 'rssGrowth' | 'messagesMissing' | 'messagesDuplicated' | 'bytesPerKeystroke', number | null>>;

/** Issue 4's and issue 12's targets: every one is an upper bound. */
export const TARGETS: Partial<Record<MetricKey, number>> = {
	firstFrameRatio: 4,
	vsSdk: 0.2,
	renderRatio: 1.1,
	rssRatio: 6,
	maxFrameGapMs: 100,
	keystrokeP95Ms: 33,
	trafficKeystrokeP95Ms: 33,
	stormToMembersMs: 500,
	busyKeystrokeP95Ms: 50,
	rssGrowth: 1.5,
	messagesMissing: 0,
	messagesDuplicated: 0,
};

/** How the scenario is driven; small enough that five runs finish in about three minutes on two cores. */
export const SCENARIO = {
	/** A keystroke (or the tick that stands in for one) every this many ms while the storm is processed. */
	tickIntervalMs: 16,
	/** Messages per second arriving in the big room while the user types. */
	messagesPerSecond: 100,
	/** How long the user types (one key every typingIntervalMs) while the messages arrive. */
	typingMs: 6_000,
	typingIntervalMs: 50,
	/** Keys typed before Ctrl+U clears the composer, so the text always fits on its line. */
	typingSegment: 30,
	/**
	 * Frames timed per room for renderRatio, one every renderSpacingMs (past Ink's frame throttle), in
	 * renderPairs pairs of blocks (big room, control room) so drift favours neither. Each block first
	 * draws renderWarmup frames it does not time: the first frames after a room switch and a
	 * collection recompile and refill caches, in either room, and 12 samples were too few to outvote them.
	 */
	renderSamples: 60,
	renderPairs: 3,
	renderWarmup: 4,
	renderSpacingMs: 50,
	/** Distinct member rows (by serial) that must be on screen to count as "showing member rows". */
	memberRowsShown: 5,
	/** Rows of members who joined in the storm that must be on screen to count it as processed. */
	stormRowsShown: 3,
	/** Traffic phases: the realistic storm's first step this long into the messages, then one step every stormSpacingMs. */
	stormFirstAtMs: 800,
	stormSpacingMs: 600,
	/** The long run's messages (BENCH_LONG_RUN_MS overrides, for quick checks), and the quiet pause before each RSS reading. */
	longRunMs: 60_000,
	quietMs: 2_000,
	/** Longest wait for any one step before the run gives up on it (the metric is then null). */
	stepTimeoutMs: 60_000,
} as const;

