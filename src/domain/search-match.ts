/**
 * Where a search term sits in a message, and the message on one line with that place in view:
 * case-insensitive (Unicode case folding, never toLowerCase, whose length can differ from the
 * text's), sanitized, cut on grapheme boundaries to a width in terminal cells.
 */
import {graphemes} from './graphemes.js';
import {sanitizeInline} from './sanitize.js';
import {cellWidth, truncateToWidth} from './text-width.js';

const escaped = (term: string) => term.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

function patternOf(term: string): RegExp {
	return new RegExp(escaped(term), 'iu');
}

/** A test of a body for the term; an empty term matches nothing. */
export function matcherFor(term: string): (body: string) => boolean {
	if (term === '') return () => false;
	const pattern = patternOf(term);
	return (body) => pattern.test(body);
}

export interface MatchLine {
	before: string;
	match: string;
	after: string;
}

/** Characters of context kept before the match before measuring: a line shows far fewer. */
const CONTEXT_CHARS = 256;

/**
 * The body as one line of at most `width` cells with the first match of `term` (found in the
 * body as sent, then sanitized piece by piece) in view: a long start is cut to "…" and a few
 * words before it. No match (the server's index also matches word stems): all of it is `before`.
 */
export function matchLine(body: string, term: string, width: number): MatchLine {
	const found = term === '' ? null : patternOf(term).exec(body);
	if (!found) return {before: truncateToWidth(sanitizeInline(body), width), match: '', after: ''};
	let start = Math.max(0, found.index - CONTEXT_CHARS);
	// Never half a surrogate pair at the cut.
	if (start > 0 && isLowSurrogate(body.charCodeAt(start))) start--;
	const before = `${start > 0 ? '…' : ''}${sanitizeInline(body.slice(start, found.index))}`;
	const match = truncateToWidth(sanitizeInline(found[0]), width);
	const after = sanitizeInline(body.slice(found.index + found[0].length));
	const room = width - cellWidth(match);
	// The match first; of what is left, a third at most for the words before it when they do not all fit.
	const lead = cellWidth(before) + Math.min(cellWidth(after), 1) <= room ? before : tailToWidth(before, Math.floor(room / 3));
	return {before: lead, match, after: truncateToWidth(after, room - cellWidth(lead))};
}

/** The end of `text` in at most `width` cells, marked "…" where it was cut. */
function tailToWidth(text: string, width: number): string {
	if (width <= 0) return '';
	if (cellWidth(text) <= width) return text;
	const parts = [...graphemes(text)].map((part) => part.segment);
	let kept = '';
	let used = 1;
	for (let index = parts.length - 1; index >= 0; index--) {
		const cells = cellWidth(parts[index]!);
		if (used + cells > width) break;
		kept = parts[index]! + kept;
		used += cells;
	}
	return `…${kept}`;
}

function isLowSurrogate(code: number): boolean {
	return code >= 0xdc00 && code <= 0xdfff;
}
