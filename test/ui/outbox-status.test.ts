/** The status bar's word on the outbox. */
import {expect, test} from 'vitest';
import {outboxText} from '../../src/ui/StatusBar.js';

test('nothing waiting: nothing said', () => {
	expect(outboxText({waiting: 0, notSent: 0})).toBe('');
});

test('how many wait and why, how many were refused and what to do', () => {
	expect(outboxText({waiting: 2, notSent: 0, why: 'cannot reach the homeserver'})).toBe(' 2 waiting to send: cannot reach the homeserver ');
	expect(outboxText({waiting: 1, notSent: 0})).toBe(' 1 waiting to send ');
	expect(outboxText({waiting: 1, notSent: 3})).toBe(' 1 waiting to send · 3 not sent — /retry, /edit-unsent or /discard ');
});

test('the reason is sanitized and cut: a server message cannot take over the bar', () => {
	const text = outboxText({waiting: 1, notSent: 0, why: `the server answered 500: \u001b]0;pwned\u0007${'x'.repeat(200)}`});
	expect(text).not.toContain('\u001b');
	expect(text).not.toContain('\u0007');
	expect(text.length).toBeLessThan(70);
});
