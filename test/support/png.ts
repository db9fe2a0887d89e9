/** Small PNGs of known pixels for the picture tests, made with pngjs (no binary fixtures). */
import {PNG} from 'pngjs';

/** A width × height PNG whose pixel (x, y) is `pixel(x, y)`: [r, g, b] or [r, g, b, a]. */
export function pngOf(width: number, height: number, pixel: (x: number, y: number) => readonly number[]): Buffer {
	const png = new PNG({width, height});
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const [r = 0, g = 0, b = 0, a = 255] = pixel(x, y);
			png.data.set([r, g, b, a], (y * width + x) * 4);
		}
	}
	return PNG.sync.write(png);
}
