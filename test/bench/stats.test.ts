import {describe, expect, it} from 'vitest';
import {maxGap, median, percentile, ratio, round} from '../../bench/stats.ts';

describe('median', () => {
	it('takes the middle value, or the mean of the two middle ones', () => {
		expect(median([5, 1, 3])).toBe(3);
		expect(median([4, 1, 3, 2])).toBe(2.5);
	});
	it('ignores missing and non-finite values, and is null with none left', () => {
		expect(median([null, 2, undefined, Number.NaN, 4])).toBe(3);
		expect(median([])).toBeNull();
		expect(median([null, undefined])).toBeNull();
	});
});

describe('percentile (nearest rank)', () => {
	const hundred = Array.from({length: 100}, (_, index) => index + 1);
	it('returns an observed value: the p95 of 1…100 is 95, of 1…120 is 114', () => {
		expect(percentile(hundred, 95)).toBe(95);
		expect(percentile(Array.from({length: 120}, (_, index) => index + 1), 95)).toBe(114);
	});
	it('handles the edges', () => {
		expect(percentile([7], 95)).toBe(7);
		expect(percentile(hundred, 100)).toBe(100);
		expect(percentile(hundred, 0)).toBe(1);
		expect(percentile([], 95)).toBeNull();
	});
	it('does not care about input order', () => {
		expect(percentile([30, 10, 20, 40], 50)).toBe(20);
	});
});

describe('maxGap', () => {
	it('counts the gaps from the window start and to the window end', () => {
		expect(maxGap([110, 120, 130], 100, 200)).toBe(70);
		expect(maxGap([150, 160, 199], 100, 200)).toBe(50);
	});
	it('ignores frames outside the window and sorts the rest', () => {
		expect(maxGap([50, 180, 120, 300], 100, 200)).toBe(60);
	});
	it('is the whole window without frames, and 0 for an empty window', () => {
		expect(maxGap([], 100, 250)).toBe(150);
		expect(maxGap([10], 200, 100)).toBe(0);
	});
});

describe('ratio and round', () => {
	it('divides, or gives null for missing values and zero divisors', () => {
		expect(ratio(6, 3)).toBe(2);
		expect(ratio(null, 3)).toBeNull();
		expect(ratio(1, 0)).toBeNull();
	});
	it('keeps three decimals below 10, one below 1000, none above', () => {
		expect(round(0.123456)).toBe(0.123);
		expect(round(123.456)).toBe(123.5);
		expect(round(1234.5)).toBe(1235);
		expect(round(null)).toBeNull();
	});
});
