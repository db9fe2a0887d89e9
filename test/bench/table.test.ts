import {describe, expect, it} from 'vitest';
import {aggregate, verdicts} from '../../bench/aggregate.ts';
import {METRIC_KEYS, type Metrics} from '../../bench/config.ts';
import {formatNumber, formatTable} from '../../bench/table.ts';

const runs = {
	big: [
		{firstFrameMs: 300, renderRatio: 1.2, peakRssMb: 500, maxFrameGapMs: 120, keystrokeP95Ms: 40, floorMs: 60, payloadMb: 25},
		{firstFrameMs: 200, renderRatio: 1.0, peakRssMb: 400, maxFrameGapMs: 80, keystrokeP95Ms: 30, floorMs: 50, payloadMb: 25},
		{firstFrameMs: null, renderRatio: 1.1, peakRssMb: 450, maxFrameGapMs: 90, keystrokeP95Ms: 20, floorMs: 55, payloadMb: 25},
	],
	sdk: [{sdkBaselineMs: 1000}, {sdkBaselineMs: 1200}, {sdkBaselineMs: null}],
	idle: [{idleRssMb: 200}, {idleRssMb: 210}, {}],
};

describe('aggregate', () => {
	const {metrics, spread} = aggregate(runs);

	it('takes medians of the measured values, skipping runs without one', () => {
		expect(metrics.firstFrameMs).toBe(250);
		expect(metrics.floorMs).toBe(55);
		expect(metrics.sdkBaselineMs).toBe(1100);
		expect(metrics.peakRssMb).toBe(450);
		expect(metrics.idleRssMb).toBe(205);
		expect(metrics.renderRatio).toBe(1.1);
		expect(metrics.maxFrameGapMs).toBe(90);
		expect(metrics.keystrokeP95Ms).toBe(30);
	});

	it('derives the ratios from those medians', () => {
		expect(metrics.firstFrameRatio).toBeCloseTo(250 / 55);
		expect(metrics.vsSdk).toBeCloseTo(250 / 1100);
		expect(metrics.rssRatio).toBeCloseTo((450 - 205) / 25);
	});

	it('has exactly the issue\'s keys, and a spread per measured one', () => {
		expect(Object.keys(metrics).sort()).toEqual([...METRIC_KEYS].sort());
		expect(spread.firstFrameMs).toEqual({min: 200, max: 300, n: 2});
	});

	it('marks targets met and missed, and nothing where there is no target or figure', () => {
		const marks = verdicts(metrics);
		expect(marks.maxFrameGapMs).toBe(true);
		expect(marks.keystrokeP95Ms).toBe(true);
		expect(marks.rssRatio).toBe(false);
		expect(marks.floorMs).toBeNull();
		expect(verdicts({...metrics, vsSdk: null}).vsSdk).toBeNull();
	});
});

describe('formatTable', () => {
	it('prints every metric with its target and mark, numbers right-aligned', () => {
		const {metrics, spread} = aggregate(runs);
		const lines = formatTable(metrics, spread).split('\n');
		expect(lines).toHaveLength(2 + METRIC_KEYS.length);
		expect(lines[0]).toMatch(/^metric\s+median\s+target\s+runs/);
		expect(lines.find((line) => line.startsWith('maxFrameGapMs'))).toMatch(/^maxFrameGapMs\s+90\.0\s+≤ 100\s+✓\s+80\.0 … 120\.0 \(n=3\)$/);
		expect(lines.find((line) => line.startsWith('rssRatio'))).toMatch(/9\.80\s+≤ 6\s+✗$/);
		expect(lines.find((line) => line.startsWith('floorMs'))).toMatch(/^floorMs\s+55\.0\s+50\.0 … 60\.0 \(n=3\)$/);
	});

	it('shows a dash for a figure no run produced', () => {
		const empty = Object.fromEntries(METRIC_KEYS.map((key) => [key, null])) as Metrics;
		expect(formatTable(empty).split('\n')[2]).toMatch(/^floorMs\s+—$/);
	});

	it('formats numbers by size', () => {
		expect(formatNumber(0.1234)).toBe('0.123');
		expect(formatNumber(4.567)).toBe('4.57');
		expect(formatNumber(123.45)).toBe('123.5');
		expect(formatNumber(2345.6)).toBe('2346');
		expect(formatNumber(null)).toBe('—');
	});
});
