/** Long text is segmented in pieces (for speed): the clusters must be exactly those of the whole text. */
import fc from 'fast-check';
import {expect, test} from 'vitest';
import {graphemes} from '../../src/domain/graphemes.js';

const whole = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
const clusters = (text: string) => [...whole.segment(text)].map(({index, segment}) => ({index, segment}));

// Pieces that join across a cut if one falls inside them: combining marks, ZWJ sequences, flags, CR LF.
const PIECES = ['a', ' ', 'ab', '\n', '\r\n', '\r', 'e\u0301', '\u0301', '👨‍👩‍👧', '\u200d', '🇫🇷', '🇫', '🏳️‍🌈', '漢字', 'ᄀ', 'ᅡ', 'ᆨ', 'x'.repeat(700), 'é'.repeat(300), '\u0600a'];

test('pieces or not, the same clusters at the same places', () => {
	fc.assert(
		fc.property(fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({unit: 'grapheme', maxLength: 20})), {minLength: 1, maxLength: 60}), (parts) => {
			const text = parts.join('');
			expect([...graphemes(text)].map(({index, segment}) => ({index, segment}))).toEqual(clusters(text));
		}),
		{numRuns: 300},
	);
});

test('a cluster across where a piece would end is kept whole', () => {
	// Pieces are 2048 code units: clusters of several units put across that point, in a text long enough to be cut.
	const joining = ['e\u0301\u0302', '👨‍👩‍👧', '🇫🇷🇩🇪', '🏳️‍🌈', '\r\n', '각', '\u0600a', 'a\u0301'];
	fc.assert(
		fc.property(fc.integer({min: 2030, max: 2060}), fc.constantFrom(...joining), fc.constantFrom('x', 'é', '漢', ' '), (before, cluster, filler) => {
			const text = filler.repeat(before) + cluster.repeat(3) + filler.repeat(3000);
			expect([...graphemes(text)].map(({index, segment}) => ({index, segment}))).toEqual(clusters(text));
		}),
		{numRuns: 200},
	);
});

test('a text longer than a piece with no certain cut in it is segmented whole', () => {
	const text = '漢'.repeat(10_000);
	expect([...graphemes(text)].map(({index, segment}) => ({index, segment}))).toEqual(clusters(text));
});
