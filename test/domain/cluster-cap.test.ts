import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {CELL_MAX_CODE_POINTS, EXTRA_PER_CHARACTER, EXTRA_SAVED, PREPEND, STARTERS, capClusters} from '../../src/domain/cluster-cap.js';
import {graphemesOf} from '../../src/domain/graphemes.js';
import {sanitizeInline, sanitizeText} from '../../src/domain/sanitize.js';
import {cellWidth} from '../../src/domain/text-width.js';
import {wrapRows} from '../../src/ui/rows.js';

const ZWJ = '\u200D';
const ZWSP = '\u200B';

/** The text as characters on screen: each visible cluster with the invisible ones after it. */
function characters(text: string): string[] {
	const out: string[] = [];
	for (const cluster of graphemesOf(text)) {
		if (out.length > 0 && cluster !== '\n' && cellWidth(cluster) === 0) out[out.length - 1] += cluster;
		else out.push(cluster);
	}
	return out;
}

const visibleClusters = (text: string) => [...graphemesOf(text)].filter((cluster) => cluster === '\n' || cellWidth(cluster) > 0).length;
const codePoints = (text: string) => [...text].length;
const mostCodePoints = (text: string) => Math.max(0, ...characters(text).map(codePoints));
const mostBytes = (text: string) => Math.max(0, ...characters(text).map((character) => Buffer.byteLength(character)));

describe('capClusters: one character carries at most CELL_MAX_CODE_POINTS code points', () => {
	test('a 70 kB run of emoji joined by ZWJ (one cluster) keeps its first emoji, as one character still', () => {
		const huge = `zwj: 🙂${`${ZWJ}🙂`.repeat(10_000)}`;
		const capped = capClusters(huge);
		expect(capped).toBe('zwj: 🙂'); // an RGI emoji, drawn alike by every terminal (a cut sequence is not)
		expect(cellWidth(capped)).toBe(cellWidth(huge));
		expect(visibleClusters(capped)).toBe(visibleClusters(huge));
	});

	test('a cut sequence keeps the longest RGI emoji it starts with, uncharged', () => {
		const family = '👨‍👩‍👧‍👦';
		expect(capClusters(`${family}${`${ZWJ}👦`.repeat(20)}`)).toBe(family);
		// The allowance spent on marks before, a long sequence still shows its emoji, and what follows is drawn.
		const after = capClusters(`${`a${'\u0301'.repeat(15)}`.repeat(6)}${family}${`${ZWJ}👦`.repeat(20)}b${'\u0301'.repeat(2)}`);
		expect(characters(after).slice(6)).toEqual([family, `b${'\u0301'.repeat(2)}`]);
	});

	test('one letter under 35,000 combining marks keeps 15 of them', () => {
		expect(capClusters(`Z${'\u0336'.repeat(35_000)}!`)).toBe(`Z${'\u0336'.repeat(15)}!`);
	});

	test('the limit is exact: 16 code points stay, 17 do not', () => {
		expect(capClusters(`Z${'\u0336'.repeat(15)}`)).toBe(`Z${'\u0336'.repeat(15)}`);
		expect(capClusters(`Z${'\u0336'.repeat(16)}`)).toBe(`Z${'\u0336'.repeat(15)}`);
	});

	test('a cluster visible only by its end (marks, then a stray skin tone) still shows: as U+FFFD', () => {
		const cluster = `${'\u094D'.repeat(20)}\u{1F3FB}`;
		expect(cellWidth(cluster)).toBe(2);
		expect(capClusters(`x\n${cluster}`)).toBe('x\n\uFFFD');
	});

	test('Zalgo text: the first letters keep 15 marks, until the savings are spent; then 3 a letter; every letter stays', () => {
		const marks = Array.from({length: 30}, (_, index) => String.fromCharCode(0x0300 + index)).join('');
		const words = 'he comes '.repeat(100);
		const capped = characters(capClusters([...words].map((letter) => letter + marks).join('')));
		expect(capped.map((character) => character[0]).join('')).toBe(words);
		expect(capped.map(codePoints).slice(0, 12)).toEqual([16, 16, 16, 16, 16, 5, 4, 4, 4, 4, 4, 4]);
		expect(Math.max(...capped.slice(6).map(codePoints))).toBe(1 + EXTRA_PER_CHARACTER);
	});

	test('the allowance is saved up: marks after plain text get more, up to EXTRA_SAVED', () => {
		const plain = 'x'.repeat(100);
		const capped = capClusters(`${plain}${`a${'\u0301'.repeat(15)}`.repeat(10)}`);
		expect(characters(capped).slice(100).map(codePoints)).toEqual([16, 16, 16, 16, 16, 5, 4, 4, 4, 4]);
	});

	test('the allowance holds without any long run: letters with 10 marks each', () => {
		const text = `a${'\u0301'.repeat(10)}`.repeat(20);
		expect(characters(capClusters(text)).map(codePoints)).toEqual([11, 11, 11, 11, 11, 11, 11, 11, 9, ...Array.from({length: 11}, () => 4)]);
	});

	test('invisible clusters after a character count towards it: a run of 23,000 zero-width spaces keeps 15', () => {
		expect(capClusters(`a${ZWSP.repeat(23_000)}b`)).toBe(`a${ZWSP.repeat(15)}b`);
		expect(capClusters(ZWSP.repeat(100))).toBe(ZWSP.repeat(16));
	});

	test('a line break starts afresh: the next line keeps its own invisible clusters', () => {
		expect(capClusters(`a${ZWSP.repeat(20)}\n${ZWSP.repeat(20)}b`)).toBe(`a${ZWSP.repeat(15)}\n${ZWSP.repeat(16)}b`);
	});

	test('a cut that would join the next character keeps them apart with a zero-width space', () => {
		// Hangul leading jamo join each other (L × L): 20 of them then a syllable-starting L (U+1100).
		const jamo = `${'\u1100'.repeat(20)}\u1161\u11A8`;
		const capped = capClusters(`${jamo}\u1100\u1161`);
		expect(capped).toBe(`${'\u1100'.repeat(16)}${ZWSP}\u1100\u1161`);
		expect(visibleClusters(capped)).toBe(2);
		// Dropped invisible clusters: a mark after a zero-width space starts a cluster of its own,
		// which would join the letter once the spaces between are gone.
		const marks = capClusters(`a${ZWSP.repeat(20)}\u0903`); // U+0903: a spacing mark, visible
		expect(visibleClusters(marks)).toBe(2);
		expect(mostCodePoints(marks)).toBeLessThanOrEqual(CELL_MAX_CODE_POINTS + 1);
	});

	test('a cut that ends in a Prepend is kept apart from the ASCII letter after it', () => {
		const capped = capClusters(`${'\u0600'.repeat(20)}ab`);
		expect(capped).toBe(`${'\u0600'.repeat(16)}${ZWSP}b`);
		expect(visibleClusters(capped)).toBe(2);
	});

	test('Prepends join the ASCII letter after them: with marks on it, a character over the limit without a long run', () => {
		// Ten Arabic number signs, a letter and ten accents: one cluster of 21 code points.
		expect(capClusters(`${'\u0600'.repeat(10)}a${'\u0301'.repeat(10)}`)).toBe(`${'\u0600'.repeat(10)}a${'\u0301'.repeat(5)}`);
	});

	const rgi = /^\p{RGI_Emoji}$/v;
	const tones = ['', '\u{1F3FB}', '\u{1F3FC}', '\u{1F3FD}', '\u{1F3FE}', '\u{1F3FF}'];
	const people = ['\u{1F468}', '\u{1F469}', '\u{1F9D1}'];
	const longEmoji = [
		'👨‍👩‍👧‍👦',
		'👩‍👩‍👧‍👧',
		'🏴󠁧󠁢󠁳󠁣󠁴󠁿',
		'🏴󠁧󠁢󠁥󠁮󠁧󠁿',
		'🏴󠁧󠁢󠁷󠁬󠁳󠁿',
		'🇫🇷',
		'1️⃣',
		'🧑🏻‍🦽‍➡️',
		'🏳️‍⚧️',
		// Kisses, couples, handshakes with every skin tone: the longest RGI sequences (10 code points).
		...people.flatMap((a) => people.flatMap((b) => tones.flatMap((toneA) => tones.map((toneB) => [a + toneA, b + toneB])))).flatMap(([a, b]) => [
			`${a}${ZWJ}❤️${ZWJ}💋${ZWJ}${b}`,
			`${a}${ZWJ}❤️${ZWJ}${b}`,
			`${a}${ZWJ}🤝${ZWJ}${b}`,
		]),
	].filter((emoji) => rgi.test(emoji));

	test('every RGI emoji sequence tried is kept whole, alone or in a row', () => {
		expect(longEmoji.length).toBeGreaterThan(100);
		expect(Math.max(...longEmoji.map(codePoints))).toBe(10);
		for (const emoji of longEmoji) expect(capClusters(emoji)).toBe(emoji);
		const row = longEmoji.join('');
		expect(capClusters(row)).toBe(row);
	});

	test.each([
		['Devanagari conjuncts', 'क्ष्म्य स्त्री द्व्यर्थक'],
		['Vietnamese', 'Tiếng Việt có dấu: ặ ẫ ổ'],
		['Hebrew with points and cantillation', 'בְּרֵאשִׁ֖ית בָּרָ֣א אֱלֹהִ֑ים'],
		['Hangul, precomposed and in jamo', '한국어 \u1112\u1161\u11AB\u1100\u1173\u11AF'],
		['Thai', 'ภาษาไทยที่มีสระและวรรณยุกต์'],
		['Japanese, long', 'これは句読点のない長い日本語の文章でありとても長く続きます'.repeat(3)],
		['Tibetan stacks', 'བསྒྲུབས་པའི་སྒྲོལ་མ'],
		['a zero-width space between words', `word${ZWSP}word ${ZWSP}`],
		['Vietnamese, decomposed (NFD)', 'Tiếng Việt có dấu: ặ ẫ ổ'.normalize('NFD')],
		['emoji with skin tones and flags', '👍🏽 🇫🇷🇯🇵 🏳️‍🌈 👩🏻‍💻👨🏿‍🚀 🧑🏻‍🦽‍➡️ 👨‍👩‍👧‍👦'],
	])('real text is untouched: %s, and 30 times over (what characters carry past their first stays within the allowance)', (_what, text) => {
		expect(capClusters(text)).toBe(text);
		const long = `${text} `.repeat(30);
		expect(capClusters(long)).toBe(long);
	});

	test('sanitizeText and sanitizeInline cap too', () => {
		const huge = `Z${'\u0336'.repeat(500)}`; // under sanitizeInline's own cut
		expect(sanitizeText(`\u001B[31m${huge}`, {multiline: true})).toBe(`\u241BZ${'\u0336'.repeat(15)}`);
		expect(sanitizeText(huge)).toBe(`Z${'\u0336'.repeat(15)}`);
		expect(sanitizeInline(huge)).toBe(`Z${'\u0336'.repeat(15)}`);
	});
});

describe('capClusters, properties over hostile text', () => {
	const pieces = ['a', ' ', '\n', '🙂', ZWJ, ZWSP, '\u0301', '\u0336', '\u0903', '\u0600', '\u1100', '\u1161', '\u11A8', '\u0915', '\u094D', '\u{1F3FB}', '\u{E0067}', '\u{E007F}', '\u{1F1EB}', '\uFE0F', '\u00AD', '漢'];
	const textOf = (exclude: RegExp) => {
		const unit = fc.oneof(
			{weight: 3, arbitrary: fc.constantFrom(...pieces.filter((piece) => !exclude.test(piece)))},
			{weight: 1, arbitrary: fc.integer({min: 0x20, max: 0x2ffff}).filter((code) => (code < 0xd800 || code > 0xdfff) && !exclude.test(String.fromCodePoint(code))).map((code) => String.fromCodePoint(code))},
		);
		return fc.array(fc.oneof(unit, fc.tuple(unit, fc.integer({min: 1, max: 60})).map(([piece, times]) => piece.repeat(times))), {maxLength: 40}).map((parts) => parts.join(''));
	};
	const hostile = textOf(/^$/);
	// wrap-ansi breaks at spaces even inside a cluster (a space with marks on it): not this module's concern.
	const hostileWords = textOf(/ /);

	test('no character over the limit (a separator aside), at most 4 bytes a code point; capping twice changes nothing', () => {
		fc.assert(
			fc.property(hostile, (text) => {
				const capped = capClusters(text);
				expect(mostCodePoints(capped)).toBeLessThanOrEqual(CELL_MAX_CODE_POINTS + 1);
				expect(mostBytes(capped)).toBeLessThanOrEqual(4 * CELL_MAX_CODE_POINTS + 3);
				expect(capClusters(capped)).toBe(capped);
			}),
			{numRuns: 1500},
		);
	});

	test('nothing visible is lost or merged: the same number of visible characters', () => {
		fc.assert(
			fc.property(hostile, (text) => {
				expect(visibleClusters(capClusters(text))).toBe(visibleClusters(text));
			}),
			{numRuns: 1500},
		);
	});

	test('text within both limits is returned as it is', () => {
		fc.assert(
			fc.property(hostile, (text) => {
				const extras = characters(text).reduce((sum, character) => sum + codePoints(character) - 1, 0);
				if (mostCodePoints(text) <= CELL_MAX_CODE_POINTS && extras <= EXTRA_SAVED) expect(capClusters(text)).toBe(text);
			}),
			{numRuns: 1500},
		);
	});

	test('what characters carry past their first code point stays within the allowance (RGI emoji aside)', () => {
		const rgi = /^\p{RGI_Emoji}/v;
		fc.assert(
			fc.property(hostile, (text) => {
				const shown = characters(capClusters(text));
				// A separator (one zero-width space) may follow a character that was cut.
				const extras = shown.reduce((sum, character) => sum + (rgi.test(character) ? 1 : codePoints(character) - 1 - (character.endsWith(ZWSP) ? 1 : 0)), 0);
				expect(extras).toBeLessThanOrEqual(EXTRA_SAVED + EXTRA_PER_CHARACTER * shown.length);
			}),
			{numRuns: 1500},
		);
	});

	test('rows wrapped from capped text are measured as drawn: each fits, and together they hold every character', () => {
		fc.assert(
			// Wider than any one character can be (16 code points, two cells at most each).
			fc.property(hostileWords, fc.integer({min: 2 * CELL_MAX_CODE_POINTS, max: 60}), (text, width) => {
				const capped = capClusters(text);
				const rows = wrapRows(capped, width);
				for (const row of rows) expect(cellWidth(row)).toBeLessThanOrEqual(width);
				const total = (parts: string[]) => parts.map(visibleClusters).reduce((sum, count) => sum + count, 0);
				expect(total(rows)).toBe(total(capped.split('\n')));
			}),
			{numRuns: 500},
		);
	});
});

describe('the tables cluster-cap.ts relies on, against this Node', () => {
	test('PREPEND is every code point that joins a following ASCII letter', () => {
		const prepend = new RegExp(`^[${PREPEND}]$`, 'u');
		const joining: string[] = [];
		const listed: string[] = [];
		for (let code = 0x80; code <= 0x2ffff; code++) {
			if (code >= 0xd800 && code <= 0xdfff) continue;
			const character = String.fromCodePoint(code);
			if ([...graphemesOf(`${character}a`)].length === 1) joining.push(code.toString(16));
			if (prepend.test(character)) listed.push(code.toString(16));
		}
		expect(listed).toEqual(joining);
	});

	test('every STARTER is a character of its own after any kind of character that joins, and takes a cell', () => {
		const starter = new RegExp(`^[${STARTERS}]$`, 'u');
		// After anything (Extend, SpacingMark), a ZWJ in an emoji (GB11), Hangul L, V and LV (GB6–8),
		// a Devanagari consonant and virama (GB9c), a regional indicator (GB12–13), a Thai consonant.
		const before = ['a', `🙂${ZWJ}`, '\u1100', '\u1161', '\uAC00', '\u0915\u094D', '\u{1F1EB}', '\u0E01'];
		const joined: string[] = [];
		let count = 0;
		for (let code = 0xa0; code <= 0xffff; code++) {
			const character = String.fromCharCode(code);
			if (!starter.test(character)) continue;
			count++;
			if (cellWidth(character) < 1 || before.some((previous) => [...graphemesOf(previous + character)].at(-1) !== character)) joined.push(code.toString(16));
		}
		expect(count).toBeGreaterThan(20_000);
		expect(joined).toEqual([]);
	});
});
