import {describe, expect, it} from 'vitest';
import {WriteTurns} from '../../../src/matrix/crypto-store/write-turns.js';

describe('WriteTurns', () => {
	it('lets one writer a file at a time, and the next in order when it is given back', () => {
		const turns = new WriteTurns<string>();
		const resumed: string[] = [];
		expect(turns.take('a.sqlite', 'first', () => resumed.push('first'))).toBe(true);
		expect(turns.take('a.sqlite', 'second', () => resumed.push('second'))).toBe(false);
		expect(turns.take('a.sqlite', 'third', () => resumed.push('third'))).toBe(false);
		expect(turns.busy).toBe(true);

		turns.release('a.sqlite', 'first');
		expect(resumed).toEqual(['second']);
		// The resumed writer takes the turn itself; the third still waits.
		expect(turns.take('a.sqlite', 'second', () => {})).toBe(true);
		turns.release('a.sqlite', 'second');
		expect(resumed).toEqual(['second', 'third']);
		expect(turns.take('a.sqlite', 'third', () => {})).toBe(true);
		turns.release('a.sqlite', 'third');
		expect(turns.busy).toBe(false);
	});

	it('keeps files apart, lets a holder take its own turn again, and ignores a release by a non-holder', () => {
		const turns = new WriteTurns<string>();
		const resumed: string[] = [];
		expect(turns.take('a.sqlite', 'one', () => {})).toBe(true);
		expect(turns.take('b.sqlite', 'two', () => {})).toBe(true);
		expect(turns.take('a.sqlite', 'one', () => {})).toBe(true);
		expect(turns.take('a.sqlite', 'two', () => resumed.push('two'))).toBe(false);
		turns.release('a.sqlite', 'two');
		expect(resumed).toEqual([]);
		expect(turns.take('a.sqlite', 'three', () => {})).toBe(false);
	});
});
