import {describe, expect, test} from 'vitest';
import fc from 'fast-check';
import {StreamedArray} from '../../src/matrix/streamed-array.js';

/** Feeds `text` in the given pieces; returns every item handed over, and how many hand-overs. */
function parse(pieces: string[], key = 'chunk'): {items: unknown[]; batches: number} {
	const items: unknown[] = [];
	let batches = 0;
	const parser = new StreamedArray(key, (batch) => {
		batches++;
		items.push(...batch);
	});
	for (const piece of pieces) parser.write(piece);
	parser.end();
	return {items, batches};
}

function splitAt(text: string, cuts: number[]): string[] {
	const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
	const pieces: string[] = [];
	let from = 0;
	for (const point of points) {
		pieces.push(text.slice(from, point));
		from = point;
	}
	pieces.push(text.slice(from));
	return pieces;
}

describe('StreamedArray', () => {
	test('hands over the items of the named array a slice at a time, whatever surrounds it', () => {
		const body = {before: {chunk: ['not this one']}, chunk: [{a: '}],[{'}, {b: 'quote \\" and \\\\'}, [1, [2]], 'x', 3, null], after: 'end'};
		const text = JSON.stringify(body);
		const whole = parse([text]);
		expect(whole.items).toEqual(body.chunk);
		const byChar = parse([...text]);
		expect(byChar.items).toEqual(body.chunk);
		expect(byChar.batches).toBeGreaterThan(1);
	});

	test('backslashes and quotes inside strings, cut at every point', () => {
		const chunk = ['\\', '\\"', '"\\\\', 'a\\"b', {'k\\"': ['\\\\"', '}]']}];
		const text = JSON.stringify({chunk});
		for (let cut = 0; cut <= text.length; cut++) {
			expect(parse([text.slice(0, cut), text.slice(cut)]).items).toEqual(chunk);
		}
		expect(parse([...text]).items).toEqual(chunk);
	});

	test('compact member-like objects are cut as they come; pretty-printed JSON reads the same', () => {
		const chunk = Array.from({length: 50}, (_, index) => ({type: 'm.room.member', state_key: `@u${index}:x`, content: {membership: 'join', displayname: index % 7 === 0 ? '},{"trap":1}' : `U${index}`}}));
		const compact = JSON.stringify({chunk});
		const pieces = Array.from({length: Math.ceil(compact.length / 300)}, (_, index) => compact.slice(index * 300, index * 300 + 300));
		const streamed = parse(pieces);
		expect(streamed.items).toEqual(chunk);
		expect(streamed.batches).toBeGreaterThan(5);
		expect(parse([...JSON.stringify({chunk}, null, 2)]).items).toEqual(chunk);
	});

	test('an escaped key is still the key', () => {
		expect(parse(['{"ch\\u0075nk": [1, 2]}']).items).toEqual([1, 2]);
	});

	test('an empty array hands over nothing', () => {
		expect(parse(['{"chunk": [ ]}'])).toEqual({items: [], batches: 0});
	});

	test('a truncated body, a body without the array or broken JSON is an error', () => {
		expect(() => parse(['{"chunk": [{"a": 1}, {"b"'])).toThrow(SyntaxError);
		expect(() => parse(['{"other": [1]}'])).toThrow(/no "chunk" array/);
		expect(() => parse(['{"chunk": [1, }]}'])).toThrow(SyntaxError);
		expect(() => parse(['{"chunk": [1]}}'])).toThrow(SyntaxError);
	});

	test('any JSON array, cut anywhere, comes out equal to JSON.parse of the whole', () => {
		fc.assert(
			fc.property(fc.array(fc.jsonValue(), {maxLength: 30}), fc.array(fc.nat(), {maxLength: 12}), fc.jsonValue(), (chunk, cuts, other) => {
				const text = JSON.stringify({other, chunk, tail: other});
				expect(parse(splitAt(text, cuts)).items).toEqual(JSON.parse(text).chunk);
			}),
			{numRuns: 500},
		);
	});

	test('compact objects take the fast path: each write hands over what precedes its last "},{"', () => {
		// The exact scan cuts at every top-level comma: it would hand over {a} on the first write, and
		// everything else when "]" arrives. JSON.parse up to the last "},{" lags one item behind it.
		const handed: unknown[][] = [];
		const parser = new StreamedArray('chunk', (items) => handed.push(items));
		const perWrite: unknown[][][] = [];
		for (const piece of ['{"chunk":[{"a":1},', '{"b":2},', '{"c":3},{"d":4}]}']) {
			parser.write(piece);
			perWrite.push(handed.splice(0));
		}
		parser.end();
		perWrite.push(handed.splice(0));
		expect(perWrite).toEqual([[], [[{a: 1}]], [[{b: 2}, {c: 3}]], [[{d: 4}]]]);
	});
});
