/**
 * Kitty's graphics protocol with Unicode placeholders (kitty, Ghostty): the pixels go to the
 * terminal once, as a virtual placement of so many cells; the picture is then drawn wherever the
 * placeholder character U+10EEEE stands, one a cell, its row and column in combining marks and the
 * image's number in the foreground colour. Placeholders are text, so Ink lays them out, moves them
 * and redraws them like any other line: the terminal never sees a cursor move of ours, and a
 * scrolled timeline moves its pictures with it. Pure: numbers and bytes in, strings out.
 * https://sw.kovidgoyal.net/kitty/graphics-protocol/#unicode-placeholders
 */

export const PLACEHOLDER = '\u{10EEEE}';

/**
 * The first of the protocol's row/column marks (its rowcolumn-diacritics.txt, in order): the mark
 * at index n means row (or column) n. A picture is at most 48 cells wide and a third of a pane tall.
 */
const ROW_COLUMN_MARKS = [
	0x0305, 0x030d, 0x030e, 0x0310, 0x0312, 0x033d, 0x033e, 0x033f, 0x0346, 0x034a, 0x034b, 0x034c, 0x0350, 0x0351, 0x0352, 0x0357, 0x035b, 0x0363, 0x0364, 0x0365, 0x0366, 0x0367, 0x0368, 0x0369, 0x036a, 0x036b, 0x036c, 0x036d, 0x036e, 0x036f, 0x0483, 0x0484, 0x0485, 0x0486, 0x0487, 0x0592, 0x0593, 0x0594, 0x0595, 0x0597, 0x0598, 0x0599, 0x059c, 0x059d, 0x059e, 0x059f, 0x05a0, 0x05a1, 0x05a8, 0x05a9, 0x05ab, 0x05ac, 0x05af, 0x05c4, 0x0610, 0x0611, 0x0612, 0x0613, 0x0614, 0x0615, 0x0616, 0x0617, 0x0657, 0x0658, 0x0659, 0x065a, 0x065b, 0x065d, 0x065e, 0x06d6, 0x06d7, 0x06d8, 0x06d9, 0x06da, 0x06db, 0x06dc, 0x06df, 0x06e0, 0x06e1, 0x06e2, 0x06e4, 0x06e7, 0x06e8, 0x06eb, 0x06ec, 0x0730, 0x0732, 0x0733, 0x0735, 0x0736, 0x073a, 0x073d, 0x073f, 0x0740, 0x0741, 0x0743, 0x0745, 0x0747, 0x0749, 0x074a,
];

/** The most rows or columns a placement may have here: one mark each. */
export const MAX_PLACEMENT_SIDE = ROW_COLUMN_MARKS.length;

/** Image numbers fit the foreground colour's 24 bits (no third mark for a high byte). */
export const MAX_IMAGE_ID = 0xffffff;

/** Base64 per escape sequence, as the protocol asks (a multiple of 4, so each chunk decodes alone). */
const CHUNK = 4096;

export interface PixelImage {
	/** Pixels, RGBA 4 bytes each. */
	width: number;
	height: number;
	/** The RGBA bytes deflated (zlib, RFC 1950): the protocol's o=z. */
	deflated: Uint8Array;
}

function apc(control: string, payload = ''): string {
	return `\u001B_G${control}${payload ? `;${payload}` : ''}\u001B\\`;
}

/**
 * Sends `image` as number `id` and makes it a virtual placement of cols × rows cells (U=1), quietly
 * (q=2: no answer comes back as if typed), without moving the cursor (C=1): the escape sequences,
 * one a chunk, to write in this order.
 */
export function transmitImage(id: number, image: PixelImage, cols: number, rows: number): string[] {
	if (!Number.isSafeInteger(id) || id < 1 || id > MAX_IMAGE_ID) throw new RangeError(`image id ${id} out of range`);
	const data = Buffer.from(image.deflated.buffer, image.deflated.byteOffset, image.deflated.byteLength).toString('base64');
	const first = `a=T,U=1,q=2,C=1,f=32,o=z,s=${image.width},v=${image.height},i=${id},c=${cols},r=${rows}`;
	const chunks: string[] = [];
	for (let at = 0; at < data.length || at === 0; at += CHUNK) {
		const more = at + CHUNK < data.length ? 1 : 0;
		chunks.push(apc(at === 0 ? `${first},m=${more}` : `m=${more}`, data.slice(at, at + CHUNK)));
	}
	return chunks;
}

/** Frees image `id` in the terminal, with its placements. */
export function deleteImage(id: number): string {
	return apc(`a=d,d=I,i=${id},q=2`);
}

/**
 * The lines that draw image `id` placed as cols × rows: every cell a placeholder with its row and
 * column marks, in the foreground colour that names the image (24-bit), the colour reset after.
 */
export function placeholderLines(id: number, cols: number, rows: number): string[] {
	const color = `\u001B[38;2;${(id >> 16) & 0xff};${(id >> 8) & 0xff};${id & 0xff}m`;
	const lines: string[] = [];
	for (let row = 0; row < Math.min(rows, MAX_PLACEMENT_SIDE); row++) {
		let line = color;
		for (let col = 0; col < Math.min(cols, MAX_PLACEMENT_SIDE); col++) line += PLACEHOLDER + String.fromCodePoint(ROW_COLUMN_MARKS[row]!, ROW_COLUMN_MARKS[col]!);
		lines.push(`${line}\u001B[39m`);
	}
	return lines;
}
