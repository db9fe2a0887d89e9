/** The notification escape sequences: chosen by the terminal, and inert whatever the text. */
import {describe, expect, test} from 'vitest';
import {notificationProtocol, notificationSequence, notificationText} from '../../src/terminal/desktop-notification.js';

describe('notificationProtocol', () => {
	test.each([
		[{KITTY_WINDOW_ID: '1'}, 'osc99'],
		[{TERM: 'xterm-kitty'}, 'osc99'],
		[{TERM_PROGRAM: 'iTerm.app'}, 'osc9'],
		[{TERM_PROGRAM: 'WezTerm'}, 'osc9'],
		[{TERM_PROGRAM: 'ghostty'}, 'osc9'],
		[{VTE_VERSION: '7600'}, 'osc777'],
		[{TERM: 'foot'}, 'osc777'],
		[{TERM: 'rxvt-unicode-256color'}, 'osc777'],
		[{TERM: 'xterm-256color'}, undefined],
		[{}, undefined],
	])('%j → %s', (env, protocol) => {
		expect(notificationProtocol(env)).toBe(protocol);
	});
});

describe('notificationSequence', () => {
	test.each([
		['osc99', '\u001B]99;i=1:d=0;Room\u001B\\\u001B]99;i=1:d=1:p=body;Bob: hi\u001B\\'],
		['osc9', '\u001B]9;Room: Bob: hi\u001B\\'],
		['osc777', '\u001B]777;notify;Room;Bob: hi\u001B\\'],
	] as const)('%s', (protocol, expected) => {
		expect(notificationSequence(protocol, 'Room', 'Bob: hi')).toBe(expected);
	});

	test('inside tmux the sequence is wrapped for passthrough, its escapes doubled', () => {
		expect(notificationSequence('osc9', 'R', 'b', {tmux: true})).toBe('\u001BPtmux;\u001B\u001B]9;R: b\u001B\u001B\\\u001B\\');
	});

	test('hostile text cannot end the sequence, add a field, or run long', () => {
		const hostile = 'x\u001B\\\u001B]0;pwned\u0007;field\r\n' + 'y'.repeat(500);
		for (const protocol of ['osc99', 'osc9', 'osc777'] as const) {
			const sequence = notificationSequence(protocol, hostile, hostile);
			// Only our own ESCs: two per OSC 99 part, one ESC ] and one ST otherwise.
			expect(sequence.match(/\u001B/g)).toHaveLength(protocol === 'osc99' ? 4 : 2);
			expect(sequence).not.toContain('\u0007');
			expect(sequence).not.toMatch(/[\r\n]/);
			expect(sequence.length).toBeLessThan(400);
		}
		expect(notificationSequence('osc777', 'a;b', 'c;d')).toBe('\u001B]777;notify;a,b;c,d\u001B\\');
		expect(notificationText('y'.repeat(500), 10)).toHaveLength(10);
	});
});
