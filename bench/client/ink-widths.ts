/**
 * Cell widths for xterm as Ink measures them: string-width per grapheme. xterm's built-in table
 * (Unicode 6) gives emoji one cell and splits ZWJ sequences and flags into several cells, which
 * would shift every column after them; the bench's names and reasons carry such emoji on purpose.
 *
 * xterm asks a provider about one code point at a time, with the properties it returned for the
 * one before: joining decides whether the code point extends that cell, and the small state below
 * (after a ZWJ, after a lone regional indicator, after a pictograph) carries what the next decision
 * needs. Enough for the scripts and emoji Ink lays out here (marks, variation selectors, skin
 * tones, ZWJ sequences, flags); Hangul jamo and Indic conjuncts are not clustered.
 */
import type {IUnicodeVersionProvider, Terminal} from '@xterm/headless';
import stringWidth from 'string-width';

const VERSION = 'string-width';

/** xterm's packing: (state << 3) | (width << 1) | joins. */
const pack = (state: number, width: number, joins: boolean) => (state << 3) | (width << 1) | (joins ? 1 : 0);
const widthOf = (properties: number) => (properties >> 1) & 3;
const stateOf = (properties: number) => properties >> 3;

const PLAIN = 0;
const AFTER_ZWJ = 1;
const LONE_FLAG_HALF = 2;
const PICTOGRAPH = 3;

const ZWJ = 0x200d;
const EMOJI_PRESENTATION = 0xfe0f;

type Kind = 'extend' | 'flag' | 'pictograph' | 'other';
const EXTEND = /^[\p{Grapheme_Extend}\p{Emoji_Modifier}]$/u;
const FLAG = /^\p{Regional_Indicator}$/u;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;

/** Kind and width of each code point seen, by code point (a screen uses few distinct ones). */
const known = new Map<number, {kind: Kind; width: 0 | 1 | 2}>();

function classify(codepoint: number): {kind: Kind; width: 0 | 1 | 2} {
	let found = known.get(codepoint);
	if (found === undefined) {
		const text = String.fromCodePoint(codepoint);
		const kind: Kind = EXTEND.test(text) ? 'extend' : FLAG.test(text) ? 'flag' : PICTOGRAPHIC.test(text) ? 'pictograph' : 'other';
		found = {kind, width: Math.min(2, stringWidth(text)) as 0 | 1 | 2};
		known.set(codepoint, found);
	}
	return found;
}

const provider: IUnicodeVersionProvider = {
	version: VERSION,
	wcwidth: (codepoint) => (codepoint < 0xa0 ? 1 : classify(codepoint).width),
	charProperties(codepoint, preceding) {
		if (codepoint < 0xa0) return pack(PLAIN, 1, false);
		const {kind, width} = classify(codepoint);
		// Nothing to join at a line's start or after an escape sequence (xterm passes 0 there).
		if (preceding !== 0) {
			const state = stateOf(preceding);
			const cluster = widthOf(preceding);
			if (codepoint === ZWJ) return pack(AFTER_ZWJ, cluster, true);
			if (codepoint === EMOJI_PRESENTATION) return pack(PLAIN, state === PICTOGRAPH ? 2 : cluster, true);
			if (kind === 'extend') return pack(state, cluster, true);
			if (kind === 'pictograph' && state === AFTER_ZWJ) return pack(PICTOGRAPH, Math.max(cluster, width), true);
			if (kind === 'flag' && state === LONE_FLAG_HALF) return pack(PLAIN, 2, true);
		}
		return pack(kind === 'flag' ? LONE_FLAG_HALF : kind === 'pictograph' ? PICTOGRAPH : PLAIN, width, false);
	},
};

/** Makes `terminal` lay text out as Ink does (needs `allowProposedApi`). */
export function useInkWidths(terminal: Terminal): void {
	if (!terminal.unicode.versions.includes(VERSION)) terminal.unicode.register(provider);
	terminal.unicode.activeVersion = VERSION;
}
