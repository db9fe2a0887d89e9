/** Kitty's graphics with Unicode placeholders: what goes to the terminal, byte for byte, read back as the protocol reads it. */
import {inflateSync, deflateSync} from 'node:zlib';
import {describe, expect, test} from 'vitest';
import stringWidth from 'string-width';
import {deleteImage, MAX_IMAGE_ID, MAX_PLACEMENT_SIDE, PLACEHOLDER, placeholderLines, transmitImage} from '../../src/domain/kitty-graphics.js';

/** The spec's first row/column marks: 0 → U+0305, 1 → U+030D, 2 → U+030E, 99 → U+074A. */
const MARK = {0: 0x0305, 1: 0x030d, 2: 0x030e, 99: 0x074a} as const;

function rgba(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]): Uint8Array {
	const data = new Uint8Array(width * height * 4);
	for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 4);
	return data;
}

/** An APC G sequence's control keys and payload, as a terminal parses it. */
function parse(sequence: string): {keys: Record<string, string>; payload: string} {
	const match = /^\u001B_G([^;\u001B]*)(?:;([^\u001B]*))?\u001B\\$/.exec(sequence);
	if (!match) throw new Error(`not one APC G sequence: ${JSON.stringify(sequence.slice(0, 80))}`);
	return {keys: Object.fromEntries(match[1]!.split(',').map((pair) => pair.split('=') as [string, string])), payload: match[2] ?? ''};
}

describe('transmitImage', () => {
	test('a small image: one sequence, a quiet virtual placement of the cells asked, its pixels deflated and whole', () => {
		const pixels = rgba(4, 2, (x) => (x < 2 ? [255, 0, 0, 255] : [0, 0, 255, 255]));
		const [only, ...rest] = transmitImage(42, {width: 4, height: 2, deflated: deflateSync(pixels)}, 3, 1);
		expect(rest).toEqual([]);
		const {keys, payload} = parse(only!);
		expect(keys).toEqual({a: 'T', U: '1', q: '2', C: '1', f: '32', o: 'z', s: '4', v: '2', i: '42', c: '3', r: '1', m: '0'});
		expect(new Uint8Array(inflateSync(Buffer.from(payload, 'base64')))).toEqual(pixels);
	});

	test('a large image goes in chunks of at most 4096 base64 characters, each decodable alone; m=1 on all but the last', () => {
		// Noise does not deflate: hundreds of KB, as a photo's thumbnail.
		const pixels = rgba(200, 150, (x, y) => [(x * 7919 + y * 104729) % 251, (x * 31 + y * 17) % 253, (x ^ y) & 0xff, 255]);
		const chunks = transmitImage(7, {width: 200, height: 150, deflated: deflateSync(pixels)}, 20, 8);
		expect(chunks.length).toBeGreaterThan(10);
		const parsed = chunks.map(parse);
		expect(parsed[0]!.keys).toMatchObject({a: 'T', i: '7', s: '200', v: '150', c: '20', r: '8', m: '1'});
		for (const later of parsed.slice(1, -1)) expect(later.keys).toEqual({m: '1'});
		expect(parsed.at(-1)!.keys).toEqual({m: '0'});
		for (const {payload} of parsed.slice(0, -1)) expect(payload.length).toBe(4096);
		const data = Buffer.concat(parsed.map(({payload}) => Buffer.from(payload, 'base64')));
		expect(new Uint8Array(inflateSync(data))).toEqual(pixels);
	});

	test('image numbers outside 1 … 2^24 − 1 (what the foreground colour carries) are refused', () => {
		const image = {width: 1, height: 1, deflated: deflateSync(new Uint8Array(4))};
		expect(() => transmitImage(0, image, 1, 1)).toThrow(RangeError);
		expect(() => transmitImage(MAX_IMAGE_ID + 1, image, 1, 1)).toThrow(RangeError);
		expect(() => transmitImage(MAX_IMAGE_ID, image, 1, 1)).not.toThrow();
	});

	test('deleteImage frees the image by its number, quietly', () => {
		expect(parse(deleteImage(42)).keys).toEqual({a: 'd', d: 'I', i: '42', q: '2'});
	});
});

describe('placeholderLines', () => {
	test('a line a row, a placeholder a cell with its row and column marks, in the colour that names the image', () => {
		const id = 0x123456;
		const lines = placeholderLines(id, 3, 2);
		expect(lines).toHaveLength(2);
		const cell = (row: 0 | 1, col: 0 | 1 | 2) => PLACEHOLDER + String.fromCodePoint(MARK[row], MARK[col]);
		expect(lines[0]).toBe(`\u001B[38;2;18;52;86m${cell(0, 0)}${cell(0, 1)}${cell(0, 2)}\u001B[39m`);
		expect(lines[1]).toBe(`\u001B[38;2;18;52;86m${cell(1, 0)}${cell(1, 1)}${cell(1, 2)}\u001B[39m`);
	});

	test('each line is as wide as the placement: one cell a placeholder, its marks taking none', () => {
		for (const line of placeholderLines(9, 48, 3)) expect(stringWidth(line)).toBe(48);
	});

	test('the hundredth row and column have the hundredth mark; nothing beyond what the marks can number', () => {
		const lines = placeholderLines(1, MAX_PLACEMENT_SIDE + 5, MAX_PLACEMENT_SIDE + 5);
		expect(lines).toHaveLength(MAX_PLACEMENT_SIDE);
		const last = [...lines.at(-1)!.replace(/\u001B\[[\d;]*m/g, '')];
		expect(last).toHaveLength(3 * MAX_PLACEMENT_SIDE);
		expect(last.slice(-3).map((char) => char.codePointAt(0))).toEqual([0x10eeee, MARK[99], MARK[99]]);
	});
});
