/** Tab completion, fuzzy scores and input history, case by case. */
import {describe, expect, test} from 'vitest';
import {complete, type CompletionSources} from '../../src/state/completion.js';
import {fuzzyFilter, fuzzyScore} from '../../src/state/fuzzy.js';
import {remember, step} from '../../src/state/history.js';

const sources: CompletionSources = {
	commands: ['state-stats', 'state', 'leave'],
	members: [
		{userId: '@zed:x', name: 'Ann'},
		{userId: '@ann:x', name: 'Ann'},
		{userId: '@Anna:x', name: 'annabel'},
	],
	aliases: ['#dev:x', '#Demo:x', '#dev:x', 'plain'],
};

describe('complete: candidates', () => {
	test.each([
		['/ST', ['/state-stats ', '/state ']],
		['/', ['/state-stats ', '/state ', '/leave ']],
		['x /st', []],
		['#DE', ['#Demo:x ', '#dev:x ']],
		['#', ['#Demo:x ', '#dev:x ']],
		['pl', []],
		['@AN', ['@ann:x ', '@Anna:x ']],
		['an', ['Ann: ', 'annabel: ']],
		['hi AN', ['Ann ', 'annabel ']],
		['hi ', []],
		['', []],
	])('%j → %j', (text, candidates) => {
		const result = complete({text, cursor: text.length}, sources, undefined);
		expect(result.completion?.candidates ?? []).toEqual(candidates);
		if (candidates.length === 0) expect(result).toEqual({composer: {text, cursor: text.length}});
	});

	test('the first candidate replaces the typed word; the completion remembers where and what', () => {
		const result = complete({text: 'hi an there', cursor: 5}, sources, undefined);
		expect(result.composer).toEqual({text: 'hi Ann  there', cursor: 7});
		// "Ann" names two members: no one mention; annabel is one.
		expect(result.completion).toEqual({start: 3, typed: 'an', candidates: ['Ann ', 'annabel '], index: 0, mentions: [undefined, {userId: '@Anna:x', text: 'annabel'}]});
	});

	test.each([
		['@AN', [{userId: '@ann:x', text: '@ann:x'}, {userId: '@Anna:x', text: '@Anna:x'}]],
		['annab', [{userId: '@Anna:x', text: 'annabel'}]],
		['hi annab', [{userId: '@Anna:x', text: 'annabel'}]],
		['/st', undefined],
		['#de', undefined],
	])('%j: the members its candidates mention %j', (text, mentions) => {
		expect(complete({text, cursor: text.length}, sources, undefined).completion?.mentions).toEqual(mentions);
	});

	test('the next Tab replaces the candidate up to the cursor with the next one, and wraps', () => {
		let result = complete({text: 'hi an there', cursor: 5}, sources, undefined);
		result = complete(result.composer, sources, result.completion);
		expect(result.composer).toEqual({text: 'hi annabel  there', cursor: 11});
		expect(result.completion?.index).toBe(1);
		result = complete(result.composer, sources, result.completion);
		expect(result.composer).toEqual({text: 'hi Ann  there', cursor: 7});
		expect(result.completion?.index).toBe(0);
	});
});

describe('fuzzyScore', () => {
	test.each([
		['', 'anything', 0],
		['a', 'a', 6 - 0.01],
		['ab', 'ab', 10 - 0.02],
		['AB', 'xab', 1 + 1 + 3 - 0.03],
		['b', 'ab', 1 - 0.02],
		['ac', 'abc', 6 + 1 - 0.03],
		...[' ', '#', '!', '@', ':', '.', '_', '-'].map((separator) => ['b', `a${separator}b`, 6 - 0.03] as [string, string, number]),
		['ba', 'ab', undefined],
		['aa', 'a', undefined],
	])('%j in %j → %s', (query, text, score) => {
		const got = fuzzyScore(query, text);
		if (score === undefined) expect(got).toBeUndefined();
		else expect(got).toBeCloseTo(score, 10);
	});

	test('fuzzyFilter keeps matches only, best first', () => {
		expect(fuzzyFilter(['xab', 'ab', 'a-b', 'zzz', 'b'], 'ab', (text) => text)).toEqual(['a-b', 'ab', 'xab']);
		expect(fuzzyFilter([{n: 'q'}, {n: 'b'}, {n: 'a-b'}], 'b', (item) => item.n)).toEqual([{n: 'b'}, {n: 'a-b'}]);
	});
});

describe('input history', () => {
	test('remember starts a history, keeps the newest 100, each text once', () => {
		expect(remember(undefined, 'a')).toEqual(['a']);
		const full = Array.from({length: 100}, (_, index) => `m${index}`);
		const kept = remember(full, 'new');
		expect(kept).toHaveLength(100);
		expect([kept[0], kept[99]]).toEqual(['m1', 'new']);
		expect(remember(full, 'm0')).toEqual([...full.slice(1), 'm0']);
	});

	test('step: the cursor keeps the draft and its index; ↓ from the draft goes nowhere; empty history has nowhere to go', () => {
		expect(step([], undefined, '!r', 'draft', -1)).toBeUndefined();
		expect(step(['a'], undefined, '!r', 'draft', 1)).toBeUndefined();
		const up = step(['a', 'b'], undefined, '!r', 'draft', -1);
		expect(up).toEqual({text: 'b', cursor: {roomId: '!r', index: 1, draft: 'draft'}});
		const down = step(['a', 'b'], up!.cursor, '!r', 'edited b', 1);
		expect(down).toEqual({text: 'draft', cursor: {roomId: '!r', index: 2, draft: 'draft'}});
	});
});
