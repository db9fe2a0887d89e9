import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {SortedRows} from '../../src/domain/sorted-rows.js';

const byValue = (a: number, b: number) => a - b;

describe('SortedRows', () => {
	test('any run of removals and additions reads like the same changes made to a sorted array', () => {
		const change = fc.record({removed: fc.array(fc.integer({min: 0, max: 3000}), {maxLength: 40}), added: fc.array(fc.integer({min: 0, max: 3000}), {maxLength: 600})});
		fc.assert(
			fc.property(fc.uniqueArray(fc.integer({min: 0, max: 3000}), {maxLength: 2000}), fc.array(change, {maxLength: 8}), (initial, changes) => {
				let model = [...initial].sort(byValue);
				let rows = SortedRows.of(model, byValue);
				const versions: Array<[SortedRows<number>, number[]]> = [[rows, model]];
				for (const {removed, added} of changes) {
					// Unique items, as member rows are (one per user): remove what is there, add what is not.
					const present = new Set(model);
					const gone = [...new Set(removed)].filter((value) => present.has(value));
					for (const value of gone) present.delete(value);
					const fresh = [...new Set(added)].filter((value) => !present.has(value));
					rows = rows.with([...gone, 3001], fresh); // 3001 is in no sequence: ignored
					model = [...present, ...fresh].sort(byValue);
					versions.push([rows, model]);
				}
				// Every version still reads as it did: a change never alters one handed out before.
				for (const [version, expected] of versions) {
					expect([...version]).toEqual(expected);
					expect(version.length).toBe(expected.length);
					for (const index of [0, 1, expected.length >> 1, expected.length - 1, expected.length]) expect(version.at(index)).toBe(expected[index]);
					expect(version.slice(5, 300)).toEqual(expected.slice(5, 300));
					expect(version.chunks().flat()).toEqual(expected);
					expect(version.chunks().every((block) => block.length > 0 && block.length < 512)).toBe(true);
				}
			}),
			{numRuns: 200},
		);
	});

	test('a change copies the block it touches and shares the others', () => {
		const rows = SortedRows.of(Array.from({length: 10_000}, (_, index) => index * 2), byValue);
		const next = rows.with([4000], [5001]);
		const shared = next.chunks().filter((block) => rows.chunks().includes(block));
		expect(next.chunks()).toHaveLength(rows.chunks().length);
		expect(shared).toHaveLength(rows.chunks().length - 2);
		expect(rows.with([], [])).toBe(rows);
	});

	test('a block that grows past twice its size is split', () => {
		const rows = SortedRows.of(Array.from({length: 1000}, (_, index) => index * 2), byValue);
		const crowded = Array.from({length: 999}, (_, index) => (index + 1) / 1000); // all between 0 and 2
		const next = rows.with([], crowded);
		expect(next.length).toBe(1999);
		expect(Math.max(...next.chunks().map((block) => block.length))).toBeLessThan(512);
		expect([...next]).toEqual([...crowded, ...rows].sort(byValue));
	});
});
