/**
 * From the runs' raw results to the figures of issues 4 and 12. Measured values are medians over runs;
 * firstFrameRatio, vsSdk and rssRatio are ratios of those medians (so the table can be checked by
 * hand); renderRatio is the median of each run's own ratio (both rooms timed in one process).
 */
import {METRIC_KEYS, TARGETS, type MetricKey, type Metrics, type TrafficFigures} from './config.ts';
import {median, ratio} from './stats.ts';

export interface BigRun extends TrafficFigures {
	firstFrameMs?: number | null;
	renderRatio?: number | null;
	peakRssMb?: number;
	maxFrameGapMs?: number | null;
	keystrokeP95Ms?: number | null;
	floorMs?: number;
	payloadMb?: number;
}

export interface RunSet {
	big: BigRun[];
	sdk: Array<{sdkBaselineMs: number | null}>;
	idle: Array<{idleRssMb?: number}>;
}

export interface Spread {
	min: number | null;
	max: number | null;
	/** How many runs produced a value. */
	n: number;
}

export function aggregate(runs: RunSet): {metrics: Metrics; spread: Partial<Record<MetricKey, Spread>>} {
	const column = <T>(rows: T[], pick: (row: T) => number | null | undefined) => rows.map(pick);
	const measured = {
		floorMs: column(runs.big, (run) => run.floorMs),
		sdkBaselineMs: column(runs.sdk, (run) => run.sdkBaselineMs),
		firstFrameMs: column(runs.big, (run) => run.firstFrameMs),
		renderRatio: column(runs.big, (run) => run.renderRatio),
		peakRssMb: column(runs.big, (run) => run.peakRssMb),
		idleRssMb: column(runs.idle, (run) => run.idleRssMb),
		payloadMb: column(runs.big, (run) => run.payloadMb),
		maxFrameGapMs: column(runs.big, (run) => run.maxFrameGapMs),
		keystrokeP95Ms: column(runs.big, (run) => run.keystrokeP95Ms),
		trafficKeystrokeP95Ms: column(runs.big, (run) => run.trafficKeystrokeP95Ms),
		stormToMembersMs: column(runs.big, (run) => run.stormToMembersMs),
		busyKeystrokeP95Ms: column(runs.big, (run) => run.busyKeystrokeP95Ms),
		rssGrowth: column(runs.big, (run) => run.rssGrowth),
		messagesMissing: column(runs.big, (run) => run.messagesMissing),
		messagesDuplicated: column(runs.big, (run) => run.messagesDuplicated),
		bytesPerKeystroke: column(runs.big, (run) => run.bytesPerKeystroke),
	} satisfies Partial<Record<MetricKey, Array<number | null | undefined>>>;

	const m = Object.fromEntries(Object.entries(measured).map(([key, values]) => [key, median(values)])) as Record<keyof typeof measured, number | null>;
	const metrics: Metrics = {
		floorMs: m.floorMs,
		sdkBaselineMs: m.sdkBaselineMs,
		firstFrameMs: m.firstFrameMs,
		firstFrameRatio: ratio(m.firstFrameMs, m.floorMs),
		vsSdk: ratio(m.firstFrameMs, m.sdkBaselineMs),
		renderRatio: m.renderRatio,
		peakRssMb: m.peakRssMb,
		idleRssMb: m.idleRssMb,
		payloadMb: m.payloadMb,
		rssRatio: m.peakRssMb === null || m.idleRssMb === null ? null : ratio(m.peakRssMb - m.idleRssMb, m.payloadMb),
		maxFrameGapMs: m.maxFrameGapMs,
		keystrokeP95Ms: m.keystrokeP95Ms,
		trafficKeystrokeP95Ms: m.trafficKeystrokeP95Ms,
		stormToMembersMs: m.stormToMembersMs,
		busyKeystrokeP95Ms: m.busyKeystrokeP95Ms,
		rssGrowth: m.rssGrowth,
		messagesMissing: m.messagesMissing,
		messagesDuplicated: m.messagesDuplicated,
		bytesPerKeystroke: m.bytesPerKeystroke,
	};

	const spread: Partial<Record<MetricKey, Spread>> = {};
	for (const [key, values] of Object.entries(measured) as Array<[MetricKey, Array<number | null | undefined>]>) {
		const present = values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
		spread[key] = {min: present.length ? Math.min(...present) : null, max: present.length ? Math.max(...present) : null, n: present.length};
	}
	return {metrics, spread};
}

/** true/false against the upper bounds; null when there is no target or no figure. */
export function verdicts(metrics: Metrics): Record<MetricKey, boolean | null> {
	return Object.fromEntries(
		METRIC_KEYS.map((key) => {
			const target = TARGETS[key];
			const value = metrics[key];
			return [key, target === undefined || value === null ? null : value <= target];
		}),
	) as Record<MetricKey, boolean | null>;
}
