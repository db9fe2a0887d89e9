/**
 * Rows wider than the terminal that the security tests once found, as the smallest reproductions:
 * Ink and the app measured clusters with different string-width versions (now one, by an npm
 * override), and Yoga shrank the composer's prompt. A row one cell too wide makes the terminal wrap
 * it and shifts the screen below.
 */
import {describe, expect, test} from 'vitest';
import {FakeSession} from '../support/fake-session.js';
import {frameProblems, mountApp} from './virtual-terminal.js';

function problemsAfter(columns: number, rows: number, change: (app: ReturnType<typeof mountApp>, session: FakeSession) => void): string[] {
	const session = new FakeSession();
	const app = mountApp(session, {columns, rows});
	app.step(() => session.push({kind: 'sync', status: 'syncing'}));
	change(app, session);
	app.unmount();
	expect(app.errors).toEqual([]);
	return frameProblems(app.screen.frames.at(-1)!);
}

describe('known layout overflows', () => {
	// src/ui/Composer.tsx: the "> " prompt is a flex item that may shrink (Ink's default flexShrink 1).
	// After a re-layout Yoga gives it one cell, and the truncated placeholder beside it takes one
	// cell more than is left. Wrapping the prompt in <Box flexShrink={0}> fixes it.
	test('the composer row fits after the terminal shrinks, with a long room name', () => {
		const problems = problemsAfter(80, 24, (app, session) => {
			app.step(() => session.pushRoom({roomId: '!a:example.org', name: 'x'.repeat(150)}));
			app.step(() => app.screen.resize({columns: 45, rows: 12}));
		});
		expect(problems).toEqual([]);
	});

	// Ink 8 (with wrap-ansi and cli-truncate) measures text with string-width 8, the app with
	// string-width 9. For a flag or emoji followed by a combining mark, 8 says 1 cell, 9 (and
	// terminals) say 2: Ink wraps the row one cell too late per such cluster. Same major version
	// everywhere (an npm override, or string-width 8 in the app) makes the two agree.
	test('a message of flags with combining marks wraps within the terminal', () => {
		const problems = problemsAfter(80, 24, (app, session) => {
			const body = '\u{1F1FA}\u{1F1F3}\u0489'.repeat(40);
			app.step(() => session.pushRoom({roomId: '!a:example.org', name: 'flags', events: [{type: 'm.room.message', event_id: '$1', sender: '@alice:example.org', origin_server_ts: 1_700_000_000_000, content: {msgtype: 'm.text', body}}]}));
		});
		expect(problems).toEqual([]);
	});
});
