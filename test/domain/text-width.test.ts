import stringWidth from 'string-width';
import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {cellWidth, truncateToWidth} from '../../src/domain/text-width.js';
import {graphemesOf} from './fixtures.js';

const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}';
const E_ACUTE = 'e\u0301';

describe('cellWidth', () => {
	test.each([
		['', 0],
		['abc', 3],
		['漢字', 4],
		[FAMILY, 2],
		[E_ACUTE, 1],
		['\u{1F1EB}\u{1F1F7}', 2],
	])('%j is %i cells', (text, width) => {
		expect(cellWidth(text)).toBe(width);
	});
});

describe('truncateToWidth', () => {
	test.each([
		['fits: unchanged', 'abc', 5, '…', 'abc'],
		['exact fit: unchanged', 'abcde', 5, '…', 'abcde'],
		['ASCII overflow', 'abcdef', 5, '…', 'abcd…'],
		['maxWidth 0', 'abc', 0, '…', ''],
		['negative maxWidth', 'abc', -3, '…', ''],
		['NaN maxWidth', 'abc', Number.NaN, '…', ''],
		['maxWidth 1 with overflow', 'ab', 1, '…', '…'],
		['maxWidth 1 without overflow', 'a', 1, '…', 'a'],
		['fractional maxWidth floors', 'abcdef', 3.9, '…', 'ab…'],
		['CJK exact', '漢字漢字', 5, '…', '漢字…'],
		['CJK never half a wide char', '漢字漢字', 4, '…', '漢…'],
		['ZWJ family is one cluster', `${FAMILY}${FAMILY}`, 3, '…', `${FAMILY}…`],
		['ZWJ family does not fit', `${FAMILY}${FAMILY}`, 2, '…', '…'],
		['combining marks stay with their base', `${E_ACUTE}${E_ACUTE}${E_ACUTE}`, 2, '…', `${E_ACUTE}…`],
		['custom ellipsis', 'abcdef', 5, '...', 'ab...'],
		['empty ellipsis: hard cut', 'abcdef', 4, '', 'abcd'],
		['ellipsis wider than maxWidth', 'abcdef', 2, '...', '..'],
		['empty text', '', 3, '…', ''],
		['Infinity', 'abc', Number.POSITIVE_INFINITY, '…', 'abc'],
		['under one cell', 'abc', 0.5, '…', ''],
		['an escape sequence measured whole: fits exactly', 'ab\u001B[31mcd', 4, '…', 'ab\u001B[31mcd'],
		['an 8-bit CSI measured whole: fits exactly', 'ab\u009B31mcd', 4, '…', 'ab\u009B31mcd'],
		['an escape sequence measured whole: too wide', 'ab\u001B[31mcde', 4, '…', 'ab\u001B[…'],
	])('%s', (_name, text, max, ellipsis, expected) => {
		expect(truncateToWidth(text, max, ellipsis)).toBe(expected);
	});

	test('the default ellipsis is …', () => {
		expect(truncateToWidth('abcdef', 4)).toBe('abc…');
	});

	test('any string, any width: fits, unchanged when possible, cut on grapheme boundaries', () => {
		const unit = fc.oneof(
			fc.constantFrom('a', ' ', '漢', FAMILY, E_ACUTE, '\u{1F1EB}\u{1F1F7}', '\u0301', '\u200B', 'ก\u0E31', '\u{1F44B}\u{1F3FD}'),
			fc.string({unit: 'grapheme', maxLength: 1}),
		);
		fc.assert(
			fc.property(fc.array(unit, {maxLength: 30}), fc.integer({min: -2, max: 40}), (units, max) => {
				const text = units.join('');
				const result = truncateToWidth(text, max);
				if (max <= 0) {
					expect(result).toBe('');
				} else if (cellWidth(text) <= max) {
					expect(result).toBe(text);
				} else {
					expect(cellWidth(result)).toBeLessThanOrEqual(max);
					expect(result.endsWith('…')).toBe(true);
					const kept = graphemesOf(result.slice(0, -1));
					expect(kept).toEqual(graphemesOf(text).slice(0, kept.length));
				}
			}),
			{numRuns: 1000},
		);
	});

	test('printable ASCII (the quick path) measures and cuts as string-width would', () => {
		fc.assert(
			fc.property(fc.string({unit: fc.integer({min: 0x20, max: 0x7e}).map((code) => String.fromCharCode(code)), maxLength: 60}), fc.integer({min: 1, max: 50}), (text, max) => {
				expect(cellWidth(text)).toBe(stringWidth(text));
				const result = truncateToWidth(text, max);
				if (stringWidth(text) <= max) expect(result).toBe(text);
				else {
					// The longest prefix that fits beside the ellipsis: the line is used to its last cell.
					expect(stringWidth(result)).toBe(max);
					expect(text.startsWith(result.slice(0, -1))).toBe(true);
				}
			}),
			{numRuns: 500},
		);
		// One character past printable ASCII takes the careful path.
		expect(cellWidth('abc\u007F')).toBe(stringWidth('abc\u007F'));
		expect(truncateToWidth('ab漢cd', 4)).toBe('ab…');
	});
});
