/**
 * The checks the outbox proofs rest on (test/e2e/support/delivery.ts): each must notice what it
 * guards against — a message missing, doubled, out of order or never meant to be stored; a failure
 * on any frame; a sent text handed back to the composer; a draft overwritten.
 */
import {describe, expect, test} from 'vitest';
import {composerText, deliveryProblems, screenProblems, shownAs, timesShown, waitingCount} from '../e2e/support/delivery.js';

describe('deliveryProblems', () => {
	test.each([
		{stored: ['a', 'b'], problem: undefined},
		{stored: ['a'], problem: 'missing "b"'},
		{stored: ['a', 'b', 'b'], problem: '"b" stored 2 times'},
		{stored: ['b', 'a'], problem: 'out of order'},
		{stored: ['a', 'x', 'b'], problem: '"x" should never have been stored'},
		{stored: [], problem: 'missing "a"; missing "b"'},
	])('stored $stored against [a, b]: $problem', ({stored, problem}) => {
		const found = deliveryProblems(['a', 'b'], stored);
		if (problem === undefined) expect(found).toBeUndefined();
		else expect(found).toBe(`${problem} — Synapse holds ${JSON.stringify(stored)}, expected ["a","b"]`);
	});
});

/** A three-pane screen: rooms │ timeline │ members, then the composer and the status bar. */
function screen(timeline: string[], composer: string, status = '● connected @alice:localhost'): string {
	return [...timeline.map((line) => `Room      │${line.padEnd(50)}│ Members`), composer, status].join('\n');
}

describe('how a message shows', () => {
	test.each([
		{line: '03:01 Alice: hello', shown: 'sent'},
		{line: '03:01 Alice: hello (sending…)', shown: 'sending'},
		{line: '03:01 Alice: hello (not sent: not allowed)', shown: 'not sent'},
		{line: '03:01 Bob: hello', shown: undefined},
	])('$line → $shown', ({line, shown}) => {
		expect(shownAs(screen([line], '>'), 'hello')).toBe(shown);
	});

	test('a doubled echo counts twice; the status bar count; the composer placeholder is empty', () => {
		expect(timesShown(screen(['Alice: hi', 'Alice: hi (sending…)'], '>'), 'hi')).toBe(2);
		expect(waitingCount(screen([], '>', '● connected @a:b  2 waiting to send: the server answered 500'))).toBe(2);
		expect(waitingCount(screen([], '>'))).toBe(0);
		expect(composerText(screen([], '>  message Room, or /help'))).toBe('');
		expect(composerText(`${screen([], '> draft ')}\n`)).toBe('draft'); // a terminal capture's final newline
	});
});

describe('screenProblems', () => {
	const draft = 'my draft';

	test('honest frames pass', () => {
		const frames = [screen([], '> hi'), screen(['Alice: hi (sending…)'], '>'), screen(['Alice: hi (sending…)'], `> ${draft}`), screen(['Alice: hi'], `> ${draft}`)];
		expect(screenProblems(frames, {draft, sent: ['hi']})).toEqual([]);
	});

	test.each([
		{status: '● connected @a:b Cannot send the message: Internal server error', problem: 'reports a failed send ("Cannot send")'},
		{status: '● connected @a:b  1 not sent — /retry', problem: 'reports a message as "not sent"'},
	])('a failure on one frame among many: $problem', ({status, problem}) => {
		const frames = [screen(['Alice: hi (sending…)'], '>'), screen(['Alice: hi (sending…)'], '>', status), screen(['Alice: hi'], '>')];
		const problems = screenProblems(frames);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(new RegExp(`^screen 2 of 3 ${problem.replace(/[()]/g, '\\$&')}:\n`));
		expect(screenProblems(frames, {refusedOk: true})).toEqual([]);
	});

	test('a sent text back in the composer, and a draft overwritten, are each found', () => {
		const refilled = [screen([], '> hi'), screen(['Alice: hi (sending…)'], '>'), screen(['Alice: hi (sending…)'], '> hi')];
		expect(screenProblems(refilled, {sent: ['hi']})[0]).toMatch(/^screen 3 of 3 handed "hi" back to the composer after it was sent/);
		const overwritten = [screen([], `> ${draft}`), screen([], '> hi')];
		expect(screenProblems(overwritten, {draft})[0]).toMatch(/^screen 2 of 2 overwrote the composer \(it should still read "> my draft"\)/);
	});
});
