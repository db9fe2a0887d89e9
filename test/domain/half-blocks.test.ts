import {describe, expect, it} from 'vitest';
import {downscale, fitCells, halfBlockPicture, nearest256, pictureLines, type Bitmap} from '../../src/domain/half-blocks.js';

/** A bitmap from rows of 0xRRGGBBAA. */
function bitmap(rows: number[][]): Bitmap {
	const height = rows.length;
	const width = rows[0]!.length;
	const data = new Uint8Array(width * height * 4);
	rows.flat().forEach((rgba, index) => data.set([(rgba >>> 24) & 0xff, (rgba >>> 16) & 0xff, (rgba >>> 8) & 0xff, rgba & 0xff], index * 4));
	return {width, height, data};
}

const RED = 0xff0000ff;
const GREEN = 0x00ff00ff;
const BLUE = 0x0000ffff;
const WHITE = 0xffffffff;
const CLEAR = 0x00000000;
const ESC = '\u001B';

describe('halfBlockPicture', () => {
	it('draws a 2×2 image as two cells, each its top pixel over its bottom one', () => {
		const picture = halfBlockPicture(bitmap([[RED, GREEN], [BLUE, WHITE]]), 48, 10);
		expect(picture).toEqual({cols: 2, rows: 1, cells: [0xff0000, 0x0000ff, 0x00ff00, 0xffffff]});
		expect(pictureLines(picture, 3)).toEqual([`${ESC}[38;2;255;0;0;48;2;0;0;255m▀${ESC}[38;2;0;255;0;48;2;255;255;255m▀${ESC}[39;49m`]);
	});

	it('writes a colour only where it changes', () => {
		const lines = pictureLines(halfBlockPicture(bitmap([[RED, RED, BLUE]]), 48, 10), 3);
		expect(lines).toEqual([`${ESC}[38;2;255;0;0m▀▀${ESC}[38;2;0;0;255m▀${ESC}[39m`]);
	});

	it('leaves fully transparent pixels to the terminal: a space, or the lower half block alone', () => {
		const picture = halfBlockPicture(bitmap([[CLEAR, CLEAR, RED], [CLEAR, RED, CLEAR]]), 48, 10);
		expect(pictureLines(picture, 3)).toEqual([` ${ESC}[38;2;255;0;0m▄▀${ESC}[39m`]);
	});

	it('blends a half-transparent pixel onto the assumed background (black unless told)', () => {
		const half = 0xff000080;
		expect(halfBlockPicture(bitmap([[half], [half]]), 48, 10).cells).toEqual([0x800000, 0x800000]);
		expect(halfBlockPicture(bitmap([[half], [half]]), 48, 10, 0xffffff).cells).toEqual([0xff7f7f, 0xff7f7f]);
	});

	it('falls back to the nearest of 256 colours below truecolor, and draws nothing without colours', () => {
		const picture = halfBlockPicture(bitmap([[RED], [0x808080ff]]), 48, 10);
		expect(pictureLines(picture, 2)).toEqual([`${ESC}[38;5;196;48;5;244m▀${ESC}[39;49m`]);
		expect(pictureLines(picture, 1)).toEqual(pictureLines(picture, 2));
		expect(pictureLines(picture, 0)).toEqual([]);
	});

	it('yields nothing but half blocks, spaces and SGR colour sequences', () => {
		const rows = Array.from({length: 9}, (_, y) => Array.from({length: 7}, (_, x) => (((x * 37 + y * 91) & 0xff) << 24) | ((y * 53) << 8) | (x % 3 === 0 ? 0 : 0xff)));
		for (const level of [1, 2, 3] as const) {
			for (const line of pictureLines(halfBlockPicture(bitmap(rows), 5, 3), level)) {
				expect(line.replace(/\u001B\[[0-9;]*m/g, '')).toMatch(/^[▀▄ ]+$/);
				expect(line.replace(/\u001B\[(?:[34]8;(?:2(?:;\d{1,3}){3}|5;\d{1,3})|39|49)(?:;(?:[34]8;(?:2(?:;\d{1,3}){3}|5;\d{1,3})|39|49))*m/g, '')).not.toContain(ESC);
			}
		}
	});
});

describe('fitCells', () => {
	it('keeps the aspect, shrinks to the width or to twice the rows, and never enlarges', () => {
		expect(fitCells(2, 2, 48, 10)).toEqual({cols: 2, rows: 1, pixelRows: 2});
		expect(fitCells(1280, 720, 48, 10)).toEqual({cols: 36, rows: 10, pixelRows: 20});
		expect(fitCells(960, 480, 48, 16)).toEqual({cols: 48, rows: 12, pixelRows: 24});
		expect(fitCells(1, 10_000, 48, 5)).toEqual({cols: 1, rows: 5, pixelRows: 10});
		expect(fitCells(3, 3, 48, 10)).toEqual({cols: 3, rows: 2, pixelRows: 3});
	});
});

describe('downscale', () => {
	it('averages the pixels each target pixel covers', () => {
		const small = downscale(bitmap([[RED, BLUE, GREEN, GREEN], [RED, BLUE, GREEN, GREEN]]), 2, 1);
		expect([...small.data]).toEqual([128, 0, 128, 255, 0, 255, 0, 255]);
	});

	it('weighs colours by their alpha: a transparent neighbour does not darken the edge', () => {
		const small = downscale(bitmap([[RED, CLEAR]]), 1, 1);
		expect([...small.data]).toEqual([255, 0, 0, 128]);
	});

	it('gives a picture bounded by the pane whatever the image size', () => {
		const wide = bitmap([Array.from({length: 400}, (_, x) => (x < 200 ? RED : BLUE))]);
		const picture = halfBlockPicture(wide, 48, 4);
		expect(picture.cols).toBe(48);
		expect(picture.rows).toBe(1);
		expect(picture.cells.slice(0, 2)).toEqual([0xff0000, -1]);
		expect(picture.cells.slice(-2)).toEqual([0x0000ff, -1]);
	});
});

describe('nearest256', () => {
	it('takes the cube for colours and the grey ramp for greys', () => {
		expect(nearest256(0xff0000)).toBe(196);
		expect(nearest256(0x0000ff)).toBe(21);
		expect(nearest256(0x000000)).toBe(16);
		expect(nearest256(0xffffff)).toBe(231);
		expect(nearest256(0x808080)).toBe(244);
		expect(nearest256(0x5f87af)).toBe(67);
	});
});
