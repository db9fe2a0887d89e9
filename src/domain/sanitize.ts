/**
 * Terminal-safe display text. Anything a remote user wrote reaches our terminal, so escape sequences
 * (colours, cursor moves, OSC 52 clipboard writes, title changes…), raw control characters and bidi
 * overrides (which can reorder what the reader sees) must never be written out as they are, nor
 * kitty's image placeholder (which would draw one of our pictures in their text). And no
 * character may carry more than a few dozen bytes (cluster-cap.ts), or one message costs every frame
 * that draws it as much as a screenful of text.
 */
import {capClusters} from './cluster-cap.js';
import {isPrintableAscii} from './text-width.js';

/** What an escape sequence (7-bit ESC… or 8-bit C1) becomes: one visible mark, nothing of its payload. */
export const ESCAPE_PLACEHOLDER = '\u241B'; // ␛
/** What a bidi control or a lone surrogate becomes. */
const REPLACEMENT = '\uFFFD';

export interface SanitizeOptions {
	/** Keep `\n` (message bodies); otherwise it becomes a space. */
	multiline?: boolean;
}

// Anything that needs work: C0, DEL, C1, bidi controls, lone surrogates, kitty's image placeholder
// (U+10EEEE, the pair DBFB DEEE). Other well-formed surrogate pairs (emoji…) do not, so ordinary
// text takes the fast path.
const NEEDS_WORK =
	/[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\uDBFB\uDEEE/;

const ESC = 0x1b;
const BEL = 0x07;
const C1_ST = 0x9c;
const C1_CSI = 0x9b;
const C1_OSC = 0x9d;
// DCS, SOS, PM, APC: string sequences whose payload runs to ST.
const C1_STRING_STARTS = new Set([0x90, 0x98, 0x9e, 0x9f]);
const ESC_STRING_INTRODUCERS = new Set([0x50 /* P */, 0x58 /* X */, 0x5e /* ^ */, 0x5f /* _ */]);

function isBidiControl(code: number): boolean {
	return (
		code === 0x061c ||
		code === 0x200e ||
		code === 0x200f ||
		(code >= 0x202a && code <= 0x202e) ||
		(code >= 0x2066 && code <= 0x2069)
	);
}

/** Index just past a CSI body starting at `i`: parameters, intermediates, then one final byte if present. */
function skipCsiBody(text: string, i: number): number {
	let j = i;
	while (j < text.length && isInRange(text.charCodeAt(j), 0x30, 0x3f)) j++;
	while (j < text.length && isInRange(text.charCodeAt(j), 0x20, 0x2f)) j++;
	// A malformed sequence ends here; whatever follows is sanitized on its own.
	if (j < text.length && isInRange(text.charCodeAt(j), 0x40, 0x7e)) j++;
	return j;
}

/**
 * Index just past a string sequence's payload (OSC/DCS/SOS/PM/APC) starting at `i`. Terminals swallow
 * everything up to ST (ESC \ or 8-bit ST) or BEL, so we do too; unterminated means to the end.
 */
function skipStringBody(text: string, i: number): number {
	for (let j = i; j < text.length; j++) {
		const code = text.charCodeAt(j);
		if (code === BEL || code === C1_ST) return j + 1;
		if (code === ESC && text.charCodeAt(j + 1) === 0x5c /* \ */) return j + 2;
	}
	return text.length;
}

/** Index just past an ESC-introduced sequence; `i` points at the ESC. */
function skipEscapeSequence(text: string, i: number): number {
	const next = text.charCodeAt(i + 1); // NaN at end of text
	if (next === 0x5b /* [ */) return skipCsiBody(text, i + 2);
	if (next === 0x5d /* ] */) return skipStringBody(text, i + 2);
	if (ESC_STRING_INTRODUCERS.has(next)) return skipStringBody(text, i + 2);
	// nF sequences (ESC ( B…): intermediates then one final. Otherwise ESC + one printable ASCII char.
	// A control or non-ASCII char after ESC is left to be sanitized on its own (never split a surrogate pair).
	let j = i + 1;
	while (j < text.length && isInRange(text.charCodeAt(j), 0x20, 0x2f)) j++;
	if (j < text.length && isInRange(text.charCodeAt(j), 0x30, 0x7e)) j++;
	return j;
}

function isInRange(code: number, low: number, high: number): boolean {
	return code >= low && code <= high;
}

export function sanitizeText(text: string, options: SanitizeOptions = {}): string {
	if (typeof text !== 'string') return ''; // untyped callers
	if (isPrintableAscii(text)) return text; // most text: one quick scan, nothing to do
	if (!NEEDS_WORK.test(text)) return capClusters(text);

	const multiline = options.multiline === true;
	let out = '';
	let runStart = 0; // start of the pending run of ordinary text
	let i = 0;
	const emit = (replacement: string, next: number): void => {
		out += text.slice(runStart, i) + replacement;
		i = next;
		runStart = next;
	};

	while (i < text.length) {
		const code = text.charCodeAt(i);
		if (code === ESC) {
			emit(ESCAPE_PLACEHOLDER, skipEscapeSequence(text, i));
		} else if (code === C1_CSI) {
			emit(ESCAPE_PLACEHOLDER, skipCsiBody(text, i + 1));
		} else if (code === C1_OSC || C1_STRING_STARTS.has(code)) {
			emit(ESCAPE_PLACEHOLDER, skipStringBody(text, i + 1));
		} else if (code >= 0x80 && code <= 0x9f) {
			emit(ESCAPE_PLACEHOLDER, i + 1);
		} else if (code === 0x0a) {
			emit(multiline ? '\n' : ' ', i + 1);
		} else if (code === 0x09) {
			emit(' ', i + 1);
		} else if (code < 0x20) {
			emit(String.fromCharCode(0x2400 + code), i + 1);
		} else if (code === 0x7f) {
			emit('\u2421', i + 1);
		} else if (isBidiControl(code)) {
			emit(REPLACEMENT, i + 1);
		} else if (code >= 0xd800 && code <= 0xdbff) {
			const low = text.charCodeAt(i + 1);
			// Kitty draws one of our pictures wherever U+10EEEE stands: only ours may (kitty-graphics.ts).
			if (code === 0xdbfb && low === 0xdeee) emit(REPLACEMENT, i + 2);
			else if (low >= 0xdc00 && low <= 0xdfff) i += 2; // a valid pair stays in the run
			else emit(REPLACEMENT, i + 1);
		} else if (code >= 0xdc00 && code <= 0xdfff) {
			emit(REPLACEMENT, i + 1); // a low surrogate without its high half
		} else {
			i++;
		}
	}
	return capClusters(out + text.slice(runStart));
}

/**
 * Past this, single-line text is never shown whole (a terminal line is at most a few hundred cells);
 * cutting first keeps a 1 MB display name from costing a layout per frame.
 */
export const INLINE_MAX_LENGTH = 1024;

/** For names, topics and other single-line text: only strings are displayed, newlines become spaces. */
export function sanitizeInline(text: unknown): string {
	if (typeof text !== 'string') return '';
	if (text.length <= INLINE_MAX_LENGTH) return sanitizeText(text, {multiline: false});
	// Cut on a code point boundary (never half a surrogate pair), then mark the cut.
	const cut = text.codePointAt(INLINE_MAX_LENGTH - 1)! > 0xffff ? INLINE_MAX_LENGTH - 1 : INLINE_MAX_LENGTH;
	return `${sanitizeText(text.slice(0, cut), {multiline: false})}…`;
}
