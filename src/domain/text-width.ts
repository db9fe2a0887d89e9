/**
 * Terminal cell widths. Lengths in UTF-16 code units say nothing about columns: CJK and emoji take
 * two cells, combining marks and ZWJ sequences take none of their own.
 */
import stringWidth from 'string-width';
import {graphemes} from './graphemes.js';

/** Printable ASCII only: one cell per character, no clusters (most names, reasons and messages). */
const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

export function isPrintableAscii(text: string): boolean {
	return PRINTABLE_ASCII.test(text);
}

export function cellWidth(text: string): number {
	if (typeof text !== 'string') return 0;
	return PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text);
}

/**
 * Cut `text` to at most `maxWidth` cells, ellipsis included, on grapheme boundaries only (a cut
 * inside a cluster would show a different character, e.g. a family emoji turning into one person).
 * Walks graphemes lazily, so a 64 KiB reason costs no more than the part we keep.
 */
export function truncateToWidth(text: string, maxWidth: number, ellipsis = '…'): string {
	if (typeof text !== 'string' || !(maxWidth > 0)) return '';
	const limit = Math.floor(maxWidth);
	if (limit <= 0) return '';

	const ellipsisWidth = ellipsis === '…' ? 1 : cellWidth(ellipsis);
	if (ellipsisWidth > limit) {
		// The ellipsis alone does not fit: show as much of it as fits, if the text needs cutting at all.
		return cellWidth(text) <= limit ? text : truncateToWidth(ellipsis, limit, '');
	}
	const budget = limit - ellipsisWidth; // room for text when an ellipsis is needed
	if (PRINTABLE_ASCII.test(text)) return text.length <= limit ? text : text.slice(0, budget) + ellipsis;

	let width = 0;
	let cut = 0; // end of the longest prefix that fits with the ellipsis
	for (const {segment, index} of graphemes(text)) {
		width += cellWidth(segment);
		if (width > limit) {
			// Escape sequences are measured differently whole (string-width strips them) than per
			// grapheme; sanitized text has none, but keep "unchanged if it fits" true for any input.
			if ((text.includes('\u001B') || text.includes('\u009B')) && cellWidth(text) <= limit) return text;
			return text.slice(0, cut) + ellipsis;
		}
		if (width <= budget) cut = index + segment.length;
	}
	return text;
}
