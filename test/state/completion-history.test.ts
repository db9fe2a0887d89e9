import {describe, expect, test} from 'vitest';
import {complete, type CompletionSources} from '../../src/state/completion.js';
import {remember, step} from '../../src/state/history.js';
import {fuzzyFilter, fuzzyScore} from '../../src/state/fuzzy.js';

const sources: CompletionSources = {
	commands: ['leave', 'delete-state', 'undelete-state', 'state', 'show-deleted'],
	members: [
		{userId: '@alice:example.org', name: 'Alice'},
		{userId: '@alfred:example.org', name: 'Alfred'},
		{userId: '@bob:example.org', name: 'Bob'},
	],
	aliases: ['#demo:example.org', '#dev:example.org'],
};

describe('complete', () => {
	test.each([
		['/le', '/leave '],
		['/st', '/state '],
		['@bo', '@bob:example.org '],
		['hi #de', 'hi #demo:example.org '],
		['Bo', 'Bob: '],
		['hey bo', 'hey Bob '],
	])('%s → %s', (text, expected) => {
		expect(complete({text, cursor: text.length}, sources, undefined).composer.text).toBe(expected);
	});

	test('nothing to complete leaves the text alone', () => {
		const result = complete({text: 'xyz', cursor: 3}, sources, undefined);
		expect(result).toEqual({composer: {text: 'xyz', cursor: 3}});
	});

	test('repeated Tab cycles through candidates and wraps', () => {
		let state = complete({text: 'Al', cursor: 2}, sources, undefined);
		expect(state.composer.text).toBe('Alfred: ');
		state = complete(state.composer, sources, state.completion);
		expect(state.composer.text).toBe('Alice: ');
		state = complete(state.composer, sources, state.completion);
		expect(state.composer.text).toBe('Alfred: ');
	});

	test('completes the word before the cursor, keeping what follows', () => {
		expect(complete({text: '@al rest', cursor: 3}, sources, undefined).composer).toEqual({text: '@alfred:example.org  rest', cursor: 20});
	});
});

describe('history', () => {
	test('remember de-duplicates and keeps the newest last', () => {
		expect(remember(['a', 'b'], 'a')).toEqual(['b', 'a']);
	});

	test('↑ walks back, ↓ forward, and past the newest restores the draft', () => {
		const history = ['first', 'second'];
		const up1 = step(history, undefined, '!r', 'draft', -1)!;
		expect(up1.text).toBe('second');
		const up2 = step(history, up1.cursor, '!r', up1.text, -1)!;
		expect(up2.text).toBe('first');
		expect(step(history, up2.cursor, '!r', up2.text, -1)).toBeUndefined();
		const down1 = step(history, up2.cursor, '!r', up2.text, 1)!;
		const down2 = step(history, down1.cursor, '!r', down1.text, 1)!;
		expect(down2.text).toBe('draft');
	});

	test('a cursor from another room does not leak', () => {
		const other = step(['x'], undefined, '!a', '', -1)!;
		expect(step(['y'], other.cursor, '!b', 'draft', -1)!.text).toBe('y');
	});
});

describe('fuzzy', () => {
	test('characters must appear in order', () => {
		expect(fuzzyScore('pd', 'Proposals demo')).toBeDefined();
		expect(fuzzyScore('dp', 'Proposals')).toBeUndefined();
	});

	test('word starts rank first', () => {
		expect(fuzzyFilter(['spread', 'Proposals demo', 'Lobby'], 'pd', (text) => text)).toEqual(['Proposals demo', 'spread']);
	});
});
