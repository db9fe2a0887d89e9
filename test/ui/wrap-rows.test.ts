import fc from 'fast-check';
import wrapAnsi from 'wrap-ansi';
import {describe, expect, test} from 'vitest';
import {wrapRows} from '../../src/ui/rows.js';

/** wrapRows as it was before lines that fit skipped wrap-ansi: the oracle for the quick path. */
function wrappedByWrapAnsi(text: string, width: number): string[] {
	return text.split('\n').flatMap((paragraph) => wrapAnsi(paragraph, width, {hard: true, trim: false, wordWrap: true}).split('\n').map((row, index) => (index > 0 && row.startsWith(' ') ? row.slice(1) : row)));
}

describe('wrapRows', () => {
	test('any text, any width: the same rows as wrap-ansi gives', () => {
		const unit = fc.oneof(fc.constantFrom(' ', '  ', '\n', '漢字', '👨‍👩‍👧', 'e\u0301', ' \u0301', '\u200d', '\u212b', '\u{1d15e}', '“', '”', 'word', 'a-much-longer-word'), fc.string({maxLength: 8}), fc.string({unit: 'grapheme', maxLength: 3}));
		fc.assert(
			fc.property(fc.array(unit, {maxLength: 20}), fc.integer({min: 1, max: 30}), (units, width) => {
				const text = units.join('');
				expect(wrapRows(text, width)).toEqual(wrappedByWrapAnsi(text, width));
			}),
			{numRuns: 3000},
		);
	});

	test('a line that fits is one row, as it is', () => {
		expect(wrapRows('fits exactly', 12)).toEqual(['fits exactly']);
		expect(wrapRows('one more char', 12)).toEqual(['one more ', 'char']);
		expect(wrapRows('e\u0301', 5)).toEqual(['\u00e9']); // not plain ASCII: wrap-ansi's way, normalized
		// U+1D15E splits in two under normalization and measures a cell wider after: found by the property.
		expect(wrapRows('\u{1d15e}    ', 5)).toEqual(wrappedByWrapAnsi('\u{1d15e}    ', 5));
	});
});
