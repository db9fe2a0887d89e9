import {describe, expect, test} from 'vitest';
import {DEFAULT_REASON_MAX_WIDTH, displayReason} from '../../src/domain/reason.js';
import {cellWidth} from '../../src/domain/text-width.js';
import {graphemesOf} from './fixtures.js';

const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}';

describe('displayReason', () => {
	test('the default width is 80 cells', () => {
		expect(DEFAULT_REASON_MAX_WIDTH).toBe(80);
		const shown = displayReason('x'.repeat(200));
		expect(shown).toBe(`${'x'.repeat(79)}…`);
	});

	test.each([[42], [0], [null], [undefined], [{reason: 'x'}], [['bye']], [true]])('non-string %j → undefined', (raw) => {
		expect(displayReason(raw)).toBeUndefined();
	});

	test.each([
		['empty', ''],
		['spaces', '   '],
		['newlines and tabs', '\n\t\r\n'],
		['only an escape sequence', '\u001B[2J'],
		['only controls', '\u0000\u0007\u007F'],
	])('%s → undefined', (_name, raw) => {
		expect(displayReason(raw)).toBeUndefined();
	});

	test.each([
		['plain', 'ping timeout', 'ping timeout'],
		['trimmed', '  bye  ', 'bye'],
		['newlines collapsed', 'line one\n\nline two', 'line one line two'],
		['CRLF collapsed', 'a\r\nb', 'a b'],
		['tabs and mixed runs', 'a \t\n b\u000B\u000Cc', 'a b c'],
		['escape sequence becomes a space', 'a\u001B[31mb', 'a b'],
		['OSC payload never shows', 'see\u001B]52;c;SGVsbG8=\u0007this', 'see this'],
		['bidi override is marked, not applied', 'evil\u202Etxt.exe', 'evil\uFFFDtxt.exe'],
		['unicode spaces', 'a\u00A0\u3000b', 'a b'],
		['emoji and CJK untouched', `bye ${FAMILY} 再见`, `bye ${FAMILY} 再见`],
	])('%s', (_name, raw, expected) => {
		expect(displayReason(raw)).toBe(expected);
	});

	test.each([
		['hello world', 5, 'hell…'],
		['hello', 5, 'hello'],
		['hello', 1, '…'],
		['漢字漢字', 4, '漢…'],
	])('%j at width %i → %j', (raw, max, expected) => {
		expect(displayReason(raw, max)).toBe(expected);
	});

	test('width 0 leaves nothing to show', () => {
		expect(displayReason('hello', 0)).toBeUndefined();
	});

	// A long mixed reason: ZWJ emoji, combining marks, CJK, flags, Thai, skin tones.
	const pieces = [FAMILY, 'e\u0301', '漢', 'a', ' ', '\u{1F1EB}\u{1F1F7}', 'ก\u0E31', '\u{1F44B}\u{1F3FD}', 'n\u0303\u0323', 'ｶ'];
	let mixed = '';
	for (let i = 0; mixed.length < 300; i++) mixed += pieces[i % pieces.length];
	mixed = mixed.slice(0, 300);
	// The slice may have cut the last cluster; drop the last grapheme so the input is clean text.
	mixed = graphemesOf(mixed).slice(0, -1).join('');

	test.each([1, 2, 3, 7, 20, 41, 80, 119])('300-char mixed reason at width %i', (max) => {
		expect(mixed.length).toBeGreaterThan(280);
		const shown = displayReason(mixed, max);
		expect(shown).toBeDefined();
		const text = shown as string;
		expect(cellWidth(text)).toBeLessThanOrEqual(max);
		expect(text.endsWith('…')).toBe(true);

		// Every grapheme kept is the input's grapheme at the same place: nothing broken or reordered.
		const kept = graphemesOf(text.slice(0, -1));
		const input = graphemesOf(mixed);
		expect(kept).toEqual(input.slice(0, kept.length));
		// And as much as fits was kept: one more grapheme would overflow (trailing spaces are trimmed
		// by nobody here, the input has single spaces only).
		const next = input[kept.length] as string;
		expect(cellWidth(kept.join('') + next) + 1).toBeGreaterThan(max);
	});
});
