import {describe, expect, test} from 'vitest';
import {matchLine} from '../../src/domain/search-match.js';
import {cellWidth} from '../../src/domain/text-width.js';

const joined = (line: {before: string; match: string; after: string}) => line.before + line.match + line.after;

describe('matchLine', () => {
	test('the match apart, case kept as sent', () => {
		expect(matchLine('the quick brown Fox jumps', 'fox', 80)).toEqual({before: 'the quick brown ', match: 'Fox', after: ' jumps'});
	});

	test('a match far into a long body stays in view, the start cut to "…"', () => {
		const line = matchLine(`${'word '.repeat(400)}needle and more`, 'needle', 30);
		expect(line.match).toBe('needle');
		expect(line.before.startsWith('…')).toBe(true);
		expect(cellWidth(joined(line))).toBeLessThanOrEqual(30);
	});

	test('hostile bodies: escapes, newlines and bidi controls never reach the line', () => {
		const line = matchLine('\u001b]0;pwned\u0007evil\nline \u202eneedle\u001b[2J after', 'needle', 80);
		expect(joined(line)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/u);
		expect(line.match).toBe('needle');
	});

	test('wide text: CJK and emoji cut on grapheme boundaries, within the width', () => {
		const family = '👨‍👩‍👧';
		const line = matchLine(`${'漢字'.repeat(30)}${family}検索${family}${'漢字'.repeat(30)}`, '検索', 20);
		expect(line.match).toBe('検索');
		expect(cellWidth(joined(line))).toBeLessThanOrEqual(20);
		expect(joined(line)).not.toMatch(/\u200d(?!\p{Extended_Pictographic})/u);
	});

	test('no match (the server matched a stem): the body alone, cut', () => {
		expect(matchLine('foxes everywhere', 'foxy', 8)).toEqual({before: 'foxes e…', match: '', after: ''});
	});

	test('case folding that changes length does not shift the match', () => {
		expect(matchLine('İstanbul fox', 'fox', 80)).toEqual({before: 'İstanbul ', match: 'fox', after: ''});
	});
});
