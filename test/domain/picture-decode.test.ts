import {deflateSync} from 'node:zlib';
import jpeg from 'jpeg-js';
import {describe, expect, it} from 'vitest';
import {decodePicture, MAX_PIXELS} from '../../src/domain/picture-decode.js';
import {pngOf} from '../support/png.js';

/** A PNG signature and an IHDR chunk declaring width × height, and nothing after: what a bomb's header says. */
function pngHeader(width: number, height: number, interlace = 0): Buffer {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr.set([8, 6, 0, 0, interlace], 8);
	const chunk = Buffer.concat([Buffer.from([0, 0, 0, 13]), Buffer.from('IHDR'), ihdr, Buffer.alloc(4)]);
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk]);
}

describe('decodePicture', () => {
	it('decodes a PNG to its RGBA pixels', () => {
		const decoded = decodePicture(pngOf(2, 1, (x) => (x === 0 ? [255, 0, 0] : [0, 0, 255, 128])));
		expect(decoded).toEqual({bitmap: {width: 2, height: 1, data: new Uint8Array([255, 0, 0, 255, 0, 0, 255, 128])}});
	});

	it('decodes a JPEG', () => {
		const data = Buffer.alloc(16 * 8 * 4);
		for (let index = 0; index < 16 * 8; index++) data.set([0, 200, 0, 255], index * 4);
		const decoded = decodePicture(jpeg.encode({width: 16, height: 8, data}, 90).data);
		if (!('bitmap' in decoded)) throw new Error(decoded.why);
		expect([decoded.bitmap.width, decoded.bitmap.height]).toEqual([16, 8]);
		const [r, g, b] = decoded.bitmap.data;
		expect(Math.abs(r! - 0) + Math.abs(g! - 200) + Math.abs(b! - 0)).toBeLessThan(12);
	});

	it('refuses an interlaced PNG: pngjs would inflate its data without a bound (1×1 declared, 64 MB of zeros in 64 kB)', () => {
		const zeros = deflateSync(Buffer.alloc(64 * 1024 * 1024));
		const idat = Buffer.concat([Buffer.alloc(4), Buffer.from('IDAT'), zeros, Buffer.alloc(4)]);
		idat.writeUInt32BE(zeros.length, 0);
		const bomb = Buffer.concat([pngHeader(1, 1, 1), idat]);
		expect(bomb.length).toBeLessThan(100_000);
		expect(decodePicture(bomb)).toEqual({why: 'an interlaced PNG is not previewed'});
	});

	it('refuses an image whose header declares more pixels than the cap, before decoding it', () => {
		expect(decodePicture(pngHeader(100_000, 100_000))).toEqual({why: 'the image is too large to preview (100000×100000)'});
		const side = Math.ceil(Math.sqrt(MAX_PIXELS)) + 1;
		expect(decodePicture(pngHeader(side, side))).toMatchObject({why: expect.stringContaining('too large')});
		// A JPEG's size is in its SOF marker: 60,000 × 60,000 here, with no image data at all.
		const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
		const sof = Buffer.from([0xff, 0xd8, ...app0, 0xff, 0xc0, 0x00, 0x11, 0x08, 0xea, 0x60, 0xea, 0x60, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9]);
		expect(decodePicture(sof)).toEqual({why: 'the image is too large to preview (60000×60000)'});
	});

	it('answers a short reason for a truncated or corrupt file, never a throw', () => {
		const png = pngOf(8, 8, () => [1, 2, 3]);
		expect(decodePicture(png.subarray(0, png.length - 20))).toEqual({why: 'the image is damaged'});
		expect(decodePicture(pngHeader(4, 4))).toEqual({why: 'the image is damaged'});
		const corrupt = Buffer.from(png);
		corrupt.fill(0x41, 40, 60);
		expect(decodePicture(corrupt)).toEqual({why: 'the image is damaged'});
		expect(decodePicture(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]))).toEqual({why: 'the image is damaged'});
		expect(decodePicture(Buffer.alloc(0))).toEqual({why: 'not a PNG or JPEG image'});
	});

	it('goes by the bytes, not the claimed type: text, GIF and WebP are not drawn', () => {
		expect(decodePicture(Buffer.from('\u001B[2J\u001B]0;pwned\u0007 not a picture'))).toEqual({why: 'not a PNG or JPEG image'});
		expect(decodePicture(Buffer.from('GIF89a\u0001\u0000\u0001\u0000'))).toEqual({why: 'not a PNG or JPEG image'});
		expect(decodePicture(Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toEqual({why: 'not a PNG or JPEG image'});
	});
});
