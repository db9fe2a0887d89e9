/**
 * A picture as terminal cells: each cell '▀' is two pixels, the upper half in the foreground
 * colour and the lower in the background, so a cell (about twice as tall as wide) holds two square
 * pixels. The bitmap is shrunk by area average to fit the bounds, never enlarged. Pure: bitmap in,
 * numbers out; the colour sequences are made by `pictureLines` alone, from those numbers only.
 */

/** RGBA, 4 bytes a pixel, row by row. */
export interface Bitmap {
	width: number;
	height: number;
	data: Uint8Array;
}

/**
 * `cells` holds two colours a cell, row by row: the top pixel's 0xRRGGBB then the bottom's, -1
 * where the pixel is fully transparent. Plain numbers: it crosses the worker boundary as is.
 */
export interface Picture {
	cols: number;
	rows: number;
	cells: number[];
}

/** 0 no colours, 1 sixteen, 2 256, 3 truecolor (chalk's levels). */
export type ColorLevel = 0 | 1 | 2 | 3;

/** Transparent pixels are blended onto black: most terminals are dark, and we cannot ask which. */
const ASSUMED_BACKGROUND = 0x000000;

const TRANSPARENT = -1;

/** The cell grid a width × height image fits in: at most maxCols wide and maxRows tall, aspect kept. */
export function fitCells(width: number, height: number, maxCols: number, maxRows: number): {cols: number; rows: number; pixelRows: number} {
	const scale = Math.min(1, maxCols / width, (2 * maxRows) / height);
	const cols = Math.max(1, Math.min(maxCols, Math.round(width * scale)));
	const pixelRows = Math.max(1, Math.min(2 * maxRows, Math.round(height * scale)));
	return {cols, rows: Math.ceil(pixelRows / 2), pixelRows};
}

/**
 * The bitmap shrunk to width × height by a box filter: each target pixel the average of the source
 * pixels it covers, colours weighted by their alpha so transparent pixels do not darken the edges.
 */
export function downscale(bitmap: Bitmap, width: number, height: number): Bitmap {
	if (width >= bitmap.width && height >= bitmap.height) return bitmap;
	const out = new Uint8Array(width * height * 4);
	const {data} = bitmap;
	for (let y = 0; y < height; y++) {
		const y0 = Math.floor((y * bitmap.height) / height);
		const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * bitmap.height) / height));
		for (let x = 0; x < width; x++) {
			const x0 = Math.floor((x * bitmap.width) / width);
			const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * bitmap.width) / width));
			let [r, g, b, a] = [0, 0, 0, 0];
			for (let sy = y0; sy < y1; sy++) {
				for (let sx = x0; sx < x1; sx++) {
					const at = (sy * bitmap.width + sx) * 4;
					const alpha = data[at + 3]!;
					r += data[at]! * alpha;
					g += data[at + 1]! * alpha;
					b += data[at + 2]! * alpha;
					a += alpha;
				}
			}
			const at = (y * width + x) * 4;
			const area = (x1 - x0) * (y1 - y0);
			if (a > 0) {
				out[at] = Math.round(r / a);
				out[at + 1] = Math.round(g / a);
				out[at + 2] = Math.round(b / a);
			}
			out[at + 3] = Math.round(a / area);
		}
	}
	return {width, height, data: out};
}

/** The bitmap as cells within maxCols × maxRows; partly transparent pixels blended onto `background`. */
export function halfBlockPicture(bitmap: Bitmap, maxCols: number, maxRows: number, background = ASSUMED_BACKGROUND): Picture {
	const {cols, rows, pixelRows} = fitCells(bitmap.width, bitmap.height, maxCols, maxRows);
	const small = downscale(bitmap, cols, pixelRows);
	const pixel = (x: number, y: number): number => {
		if (y >= small.height) return TRANSPARENT;
		const at = (y * small.width + x) * 4;
		const alpha = small.data[at + 3]! / 255;
		if (alpha === 0) return TRANSPARENT;
		const blend = (value: number, shift: number) => Math.round(value * alpha + ((background >> shift) & 0xff) * (1 - alpha));
		return (blend(small.data[at]!, 16) << 16) | (blend(small.data[at + 1]!, 8) << 8) | blend(small.data[at + 2]!, 0);
	};
	const cells: number[] = [];
	for (let row = 0; row < rows; row++) for (let x = 0; x < cols; x++) cells.push(pixel(x, 2 * row), pixel(x, 2 * row + 1));
	return {cols, rows, cells};
}

const CUBE = [0, 95, 135, 175, 215, 255];

/** The xterm 256-colour palette's nearest entry: the 6×6×6 cube or the 24 greys, whichever is closer. */
export function nearest256(rgb: number): number {
	const [r, g, b] = [(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff];
	const level = (value: number) => {
		let best = 0;
		for (let index = 1; index < CUBE.length; index++) if (Math.abs(CUBE[index]! - value) < Math.abs(CUBE[best]! - value)) best = index;
		return best;
	};
	const [cr, cg, cb] = [level(r), level(g), level(b)];
	const cubeDistance = (CUBE[cr]! - r) ** 2 + (CUBE[cg]! - g) ** 2 + (CUBE[cb]! - b) ** 2;
	const grey = Math.min(23, Math.max(0, Math.round(((r + g + b) / 3 - 8) / 10)));
	const greyValue = 8 + 10 * grey;
	const greyDistance = (greyValue - r) ** 2 + (greyValue - g) ** 2 + (greyValue - b) ** 2;
	return greyDistance < cubeDistance ? 232 + grey : 16 + 36 * cr + 6 * cg + cb;
}

function colorCode(rgb: number, level: ColorLevel, ground: 38 | 48): string {
	if (level === 3) return `${ground};2;${(rgb >> 16) & 0xff};${(rgb >> 8) & 0xff};${rgb & 0xff}`;
	return `${ground};5;${nearest256(rgb)}`;
}

/**
 * Each row of the picture as a string of half blocks and SGR colour sequences, and nothing else:
 * truecolor at level 3, the nearest of 256 colours below it; no colours at all: no picture.
 * A colour is written only where it changes, and every row ends with the colours reset.
 */
export function pictureLines(picture: Picture, level: ColorLevel): string[] {
	if (level === 0) return [];
	const lines: string[] = [];
	for (let row = 0; row < picture.rows; row++) {
		let line = '';
		let [fg, bg] = ['', ''];
		const set = (wantFg: string, wantBg: string) => {
			const codes = [wantFg === fg ? '' : wantFg || '39', wantBg === bg ? '' : wantBg || '49'].filter(Boolean);
			if (codes.length > 0) line += `\u001B[${codes.join(';')}m`;
			[fg, bg] = [wantFg, wantBg];
		};
		for (let x = 0; x < picture.cols; x++) {
			const at = (row * picture.cols + x) * 2;
			const [top, bottom] = [picture.cells[at]!, picture.cells[at + 1]!];
			if (top === TRANSPARENT && bottom === TRANSPARENT) {
				set('', '');
				line += ' ';
			} else if (top === TRANSPARENT) {
				set(colorCode(bottom, level, 38), '');
				line += '▄';
			} else {
				set(colorCode(top, level, 38), bottom === TRANSPARENT ? '' : colorCode(bottom, level, 48));
				line += '▀';
			}
		}
		set('', '');
		lines.push(line);
	}
	return lines;
}
