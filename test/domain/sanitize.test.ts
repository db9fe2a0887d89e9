import {describe, expect, test} from 'vitest';
import {sanitizeInline, sanitizeText} from '../../src/domain/sanitize.js';
import {isTerminalSafe} from './fixtures.js';

const ESC = '\u241B'; // ␛
const FFFD = '\uFFFD';

describe('sanitizeText: escape sequences become one ␛ and nothing else of them', () => {
	test.each([
		['CSI colour', 'a\u001B[31mred\u001B[0m', `a${ESC}red${ESC}`],
		['CSI clear screen', 'x\u001B[2Jy', `x${ESC}y`],
		['CSI private mode with params', 'x\u001B[?25ly', `x${ESC}y`],
		['CSI with intermediate', 'x\u001B[1 qy', `x${ESC}y`],
		['CSI cursor move with several params', '\u001B[10;20Hok', `${ESC}ok`],
		['CSI without final byte stops at a non-CSI char', 'a\u001B[12\u00E9', `a${ESC}\u00E9`],
		['CSI cut short by end of text', 'a\u001B[12', `a${ESC}`],
		['OSC title ended by BEL', 'a\u001B]0;pwned\u0007b', `a${ESC}b`],
		['OSC 52 clipboard ended by ST', 'a\u001B]52;c;SGVsbG8=\u001B\\b', `a${ESC}b`],
		['OSC 8 hyperlink keeps only the visible label', '\u001B]8;;https://evil\u001B\\click\u001B]8;;\u001B\\', `${ESC}click${ESC}`],
		['OSC ended by 8-bit ST', 'a\u001B]0;t\u009Cb', `a${ESC}b`],
		['OSC unterminated swallows the rest', 'a\u001B]0;title and more', `a${ESC}`],
		['DCS sixel', 'a\u001BPq#0;2;0;0;0#0~~\u001B\\b', `a${ESC}b`],
		['SOS', 'a\u001BXhidden\u001B\\b', `a${ESC}b`],
		['PM', 'a\u001B^hidden\u001B\\b', `a${ESC}b`],
		['APC kitty graphics', '\u001B_Gf=100;AAAA\u001B\\ok', `${ESC}ok`],
		['lone ESC + one char (RIS reset)', 'a\u001Bcb', `a${ESC}b`],
		['lone ESC + 7 (save cursor)', '\u001B7x', `${ESC}x`],
		['nF charset designation ESC ( B', 'a\u001B(Bb', `a${ESC}b`],
		['ESC at the end', 'a\u001B', `a${ESC}`],
		['ESC ESC', '\u001B\u001B', `${ESC}${ESC}`],
		['ESC before an emoji does not split it', '\u001B\u{1F600}', `${ESC}\u{1F600}`],
		['ESC before a newline keeps the newline for its own rule', 'a\u001B\nb', `a${ESC} b`],
		['C1 CSI with params', 'a\u009B31mb', `a${ESC}b`],
		['C1 OSC ended by C1 ST', 'a\u009D0;title\u009Cb', `a${ESC}b`],
		['C1 OSC ended by BEL', 'a\u009D0;title\u0007b', `a${ESC}b`],
		['C1 DCS', 'a\u0090payload\u009Cb', `a${ESC}b`],
		['C1 APC', 'a\u009Fpayload\u001B\\b', `a${ESC}b`],
		['C1 NEL', 'a\u0085b', `a${ESC}b`],
		['C1 first and last', '\u0080\u009F', `${ESC}${ESC}`],
	])('%s', (_name, input, expected) => {
		expect(sanitizeText(input)).toBe(expected);
	});
});

describe('sanitizeText: C0 controls and DEL become Control Pictures', () => {
	test.each([
		['BEL', 'a\u0007b', 'a\u2407b'],
		['carriage return', 'a\rb', 'a\u240Db'],
		['backspace', 'a\bb', 'a\u2408b'],
		['NUL', '\u0000', '\u2400'],
		['vertical tab', '\u000B', '\u240B'],
		['form feed', '\u000C', '\u240C'],
		['unit separator', '\u001F', '\u241F'],
		['DEL', 'a\u007Fb', 'a\u2421b'],
		['tab becomes one space', 'a\tb', 'a b'],
		['newline becomes a space by default', 'a\nb', 'a b'],
	])('%s', (_name, input, expected) => {
		expect(sanitizeText(input)).toBe(expected);
	});

	test('multiline keeps newlines but still replaces \\r', () => {
		expect(sanitizeText('one\r\ntwo\nthree', {multiline: true})).toBe('one\u240D\ntwo\nthree');
		expect(sanitizeText('one\ntwo', {multiline: false})).toBe('one two');
	});
});

describe('sanitizeText: bidi controls and lone surrogates become U+FFFD', () => {
	test.each(['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'])(
		'bidi control U+%s',
		(control) => {
			expect(sanitizeText(`txt${control}exe`)).toBe(`txt${FFFD}exe`);
		},
	);

	test.each([
		['lone high surrogate', 'a\uD83Db', `a${FFFD}b`],
		['lone low surrogate', 'a\uDE00b', `a${FFFD}b`],
		['pair in the wrong order', '\uDE00\uD83D', `${FFFD}${FFFD}`],
		['high surrogate at the end', 'a\uD83D', `a${FFFD}`],
	])('%s', (_name, input, expected) => {
		expect(sanitizeText(input)).toBe(expected);
	});
});

describe('sanitizeText: kitty\'s image placeholder becomes U+FFFD', () => {
	test('U+10EEEE with its row and column marks: only our pictures may draw there; the marks stay as text', () => {
		expect(sanitizeText('see \u{10EEEE}\u0305\u0305\u{10EEEE} here')).toBe(`see ${FFFD}\u0305\u0305${FFFD} here`);
	});

	test('its neighbours in the private use plane are untouched', () => {
		expect(sanitizeText('\u{10EEED}\u{10EEEF}')).toBe('\u{10EEED}\u{10EEEF}');
	});
});

describe('sanitizeText: ordinary Unicode is untouched', () => {
	test.each([
		['ASCII', 'Hello, world! ~'],
		['ZWJ family emoji', '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}'],
		['flag', '\u{1F1EB}\u{1F1F7}'],
		['skin tone', '\u{1F44B}\u{1F3FD}'],
		['combining marks', 'e\u0301 a\u0308\u0323'],
		['CJK', '漢字かなカナ한국어'],
		['Arabic with ZWNJ/ZWJ', 'م\u200Cن\u200D'],
		['NBSP and other printable Latin-1', '\u00A0\u00E9\u00FF'],
		['existing control pictures', '\u2400\u241B'],
	])('%s', (_name, input) => {
		expect(sanitizeText(input)).toBe(input);
		expect(sanitizeText(input, {multiline: true})).toBe(input);
	});
});

describe('sanitizeInline', () => {
	test.each([
		[42, ''],
		[null, ''],
		[undefined, ''],
		[{}, ''],
		[['a'], ''],
		[true, ''],
		['Alice', 'Alice'],
		['two\nlines', 'two lines'],
		['\u001B[31mred', `${ESC}red`],
	])('%j → %j', (input, expected) => {
		expect(sanitizeInline(input)).toBe(expected);
	});

	test('never lets a control or bidi character through, whatever the mix', () => {
		let all = '';
		for (let code = 0; code < 0x100; code++) all += String.fromCharCode(code) + 'x';
		all += '\u202E\u2066\u200F\u061C\uD800';
		expect(isTerminalSafe(sanitizeInline(all))).toBe(true);
		expect(isTerminalSafe(sanitizeText(all, {multiline: true}), {allowNewline: true})).toBe(true);
	});
});

describe('sanitizeInline length cap', () => {
	test('a 1 MB name is cut to the cap, marked, and stays safe', async () => {
		const {sanitizeInline, INLINE_MAX_LENGTH} = await import('../../src/domain/sanitize.js');
		const result = sanitizeInline(`\u001b]0;x\u0007${'a'.repeat(1_000_000)}`);
		expect(result.length).toBeLessThanOrEqual(INLINE_MAX_LENGTH + 1);
		expect(result.endsWith('…')).toBe(true);
		expect(result).not.toContain('\u001b');
	});

	test('the cut never splits a surrogate pair', async () => {
		const {sanitizeInline, INLINE_MAX_LENGTH} = await import('../../src/domain/sanitize.js');
		const result = sanitizeInline(`${'a'.repeat(INLINE_MAX_LENGTH - 1)}${'😀'.repeat(10)}`);
		expect(result).not.toContain('\uFFFD');
		expect(result.endsWith('…')).toBe(true);
	});
});
