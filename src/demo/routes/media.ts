/**
 * The media repository, as far as the demo's one picture goes: its download and its thumbnail
 * (authenticated v1 paths, under the client prefix) serve a small whiteboard drawn here with
 * pngjs, so the demo ships no binary file. Any other media is not found.
 */
import {PNG} from 'pngjs';
import {notFound} from '../http/errors.js';
import {BinaryBody} from '../http/io.js';
import type {DemoRoute} from './context.js';

const WIDTH = 64;
const HEIGHT = 36;

type Rgb = readonly [number, number, number];

/** A whiteboard after a planning meeting: a blue box, a red arrow to a green one, yellow notes. */
function whiteboardPng(): Buffer {
	const png = new PNG({width: WIDTH, height: HEIGHT});
	const paint = (x: number, y: number, [r, g, b]: Rgb) => png.data.set([r, g, b, 255], (y * WIDTH + x) * 4);
	const fill = (x0: number, y0: number, x1: number, y1: number, colour: Rgb) => {
		for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) paint(x, y, colour);
	};
	const outline = (x0: number, y0: number, x1: number, y1: number, colour: Rgb) => {
		fill(x0, y0, x1, y0 + 1, colour);
		fill(x0, y1 - 1, x1, y1, colour);
		fill(x0, y0, x0 + 1, y1, colour);
		fill(x1 - 1, y0, x1, y1, colour);
	};
	fill(0, 0, WIDTH, HEIGHT, [240, 240, 232]);
	outline(0, 0, WIDTH, HEIGHT, [120, 120, 120]);
	outline(5, 6, 24, 20, [40, 90, 200]);
	fill(8, 10, 21, 11, [40, 90, 200]);
	fill(8, 14, 18, 15, [40, 90, 200]);
	fill(24, 13, 40, 14, [210, 40, 40]);
	for (let step = 1; step <= 3; step++) fill(40 - step, 13 - step, 41 - step, 14 + step, [210, 40, 40]);
	outline(40, 6, 59, 20, [40, 160, 70]);
	fill(43, 10, 56, 11, [40, 160, 70]);
	fill(6, 24, 16, 32, [250, 215, 60]);
	fill(19, 24, 29, 32, [250, 215, 60]);
	fill(44, 25, 58, 26, [60, 60, 60]);
	fill(44, 29, 54, 30, [60, 60, 60]);
	return PNG.sync.write(png);
}

let whiteboard: Buffer | undefined;

function media(server: string | undefined, mediaId: string | undefined): BinaryBody {
	if (server !== 'demo.local' || mediaId !== 'whiteboard') throw notFound('Not found');
	whiteboard ??= whiteboardPng();
	return new BinaryBody(whiteboard, 'image/png');
}

export const mediaRoutes: DemoRoute[] = [
	{method: 'GET', path: 'media/download/:server/:mediaId', handler: ({params}) => media(params['server'], params['mediaId'])},
	{method: 'GET', path: 'media/thumbnail/:server/:mediaId', handler: ({params}) => media(params['server'], params['mediaId'])},
];
