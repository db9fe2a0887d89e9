/**
 * A file's bytes as a bitmap, for PNG and JPEG only, and only after their headers say the picture
 * is small enough: a few kilobytes can declare a 100,000 × 100,000 image, and decoding it would
 * take gigabytes. Every failure is a short reason, never a throw: the bytes are the sender's.
 */
import {imageSize} from 'image-size';
import jpeg from 'jpeg-js';
import {PNG} from 'pngjs';
import type {Bitmap} from './half-blocks.js';

/** 16 megapixels (a 4,000 × 4,000 image, 64 MB decoded): more than any thumbnail or phone photo. */
export const MAX_PIXELS = 16_000_000;
const MAX_DECODE_MB = 256;

export type Decoded = {bitmap: Bitmap} | {why: string};

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
	return magic.every((byte, index) => bytes[index] === byte);
}

/** What the bytes are, by their first bytes, not by what the event or the server claims. */
function pictureFormat(bytes: Uint8Array): 'png' | 'jpeg' | undefined {
	if (startsWith(bytes, PNG_MAGIC)) return 'png';
	if (startsWith(bytes, JPEG_MAGIC)) return 'jpeg';
	return undefined;
}

export function decodePicture(bytes: Uint8Array): Decoded {
	const format = pictureFormat(bytes);
	if (format === undefined) return {why: 'not a PNG or JPEG image'};
	let size: {width?: number; height?: number};
	try {
		size = imageSize(bytes);
	} catch {
		return {why: 'the image is damaged'};
	}
	const {width, height} = size;
	if (!width || !height) return {why: 'the image is damaged'};
	if (width * height > MAX_PIXELS) return {why: `the image is too large to preview (${width}×${height})`};
	// pngjs bounds what it inflates by the declared size only for non-interlaced images: an interlaced
	// one of 1×1 pixel could inflate 8 MB of zeros into gigabytes. Thumbnails are never interlaced.
	if (format === 'png' && isInterlacedPng(bytes)) return {why: 'an interlaced PNG is not previewed'};
	try {
		const bitmap = format === 'png' ? decodePng(bytes) : decodeJpeg(bytes);
		// The header was read before the decoder: a file whose frames disagree with it is not trusted.
		if (bitmap.width !== width || bitmap.height !== height || bitmap.data.length < width * height * 4) return {why: 'the image is damaged'};
		return {bitmap};
	} catch {
		return {why: 'the image is damaged'};
	}
}

/** IHDR's interlace method: the file's byte 28 (signature 8, chunk length 4, "IHDR" 4, then 13 bytes of which it is the last). */
function isInterlacedPng(bytes: Uint8Array): boolean {
	return bytes[28] !== 0;
}

function decodePng(bytes: Uint8Array): Bitmap {
	const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
	return {width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength)};
}

function decodeJpeg(bytes: Uint8Array): Bitmap {
	const image = jpeg.decode(bytes, {useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_PIXELS / 1_000_000, maxMemoryUsageInMB: MAX_DECODE_MB});
	return {width: image.width, height: image.height, data: image.data};
}
