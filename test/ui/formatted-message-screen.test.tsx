/** A formatted message on the chat screen: its styles drawn, spoilers hidden until /spoilers, lines within the pane. */
import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {cellWidth} from '../../src/domain/text-width.js';
import {member, message, state} from '../support/events.js';
import {paneLines, renderChat} from '../support/screen.js';
import type {RawEvent} from '../../src/domain/events.js';

afterEach(() => cleanup());

const BOB = '@bob:example.org';
const ME = '@me:example.org';

function formatted(body: string, html: string): RawEvent {
	return message(BOB, body, {content: {msgtype: 'm.text', body, format: 'org.matrix.custom.html', formatted_body: html}});
}

function room(): RawEvent[] {
	return [
		state('m.room.create', '', {creator: BOB}, BOB),
		member(BOB, {membership: 'join', displayname: 'Bob'}),
		member(ME, {membership: 'join', displayname: 'Me'}),
		formatted('**bold** text', '<p><strong>bold</strong> and <em>italic</em> and <code>code</code></p>'),
		formatted('list', '<ul><li>first item</li><li>second item</li></ul>'),
		formatted('code', '<pre><code class="language-js">const answer = 42;\n</code></pre>'),
		formatted('table', '<table><tr><th>Key</th><th>Value</th></tr><tr><td>a</td><td>1</td></tr></table>'),
		formatted('spoiler', 'the butler: <span data-mx-spoiler="">did it</span>'),
		formatted('link', 'see <a href="https://example.org/docs">the docs</a>'),
	];
}

async function open(columns = 100) {
	const app = renderChat({columns, rows: 30});
	app.session.pushRoom({roomId: '!f:example.org', name: 'Formatted', events: room()});
	await app.waitFor('Bob: see the docs');
	return app;
}

describe('formatted messages on screen', () => {
	test('styles, lists, code, tables and links as the reader sees them', async () => {
		const app = await open();
		const lines = paneLines(app.screen(), 1);
		const at = (text: string) => lines.find((line) => line.includes(text)) ?? '';
		expect(at('bold and')).toMatch(/^\d\d:\d\d Bob: bold and italic and code$/);
		expect(at('first item')).toMatch(/Bob: • first item$/);
		expect(at('second item')).toBe('           • second item');
		expect(at('const answer')).toMatch(/Bob: ▎ const answer = 42;$/);
		expect(at('Key')).toMatch(/Bob: Key ┊ Value$/);
		expect(at('the docs')).toMatch(/Bob: see the docs$/);
		expect(lines[lines.indexOf(at('the docs')) + 1]).toBe('           (https://example.org/docs)');
		const raw = app.rawFrame();
		expect(raw).toContain('\u001b[1mbold\u001b[22m');
		expect(raw).toContain('\u001b[3mitalic\u001b[23m');
	});

	test('a spoiler is hidden (its width kept) until /spoilers, and hidden again by it', async () => {
		const app = await open();
		expect(app.screen()).toContain('the butler: ░░░░░░');
		expect(app.screen()).not.toContain('did it');
		app.submit('/spoilers');
		await app.waitFor('the butler: did it');
		app.submit('/spoilers');
		await app.waitFor('the butler: ░░░░░░');
	});

	test('in a narrow pane every formatted row fits', async () => {
		const app = await open(60);
		const screen = app.screen();
		expect(screen).toContain('Bob: see the');
		for (const line of screen.split('\n')) expect(cellWidth(line)).toBeLessThanOrEqual(60);
	});
});
