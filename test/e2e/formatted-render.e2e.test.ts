/**
 * Issue 15, the receiving side: Bob (raw client-server API) sends formatted messages; the real
 * binary in tmux draws them formatted — bold as SGR bold (capture-pane -e), lists, code in its
 * frame, tables in columns, a javascript: link as text only, a spoiler hidden until /spoilers.
 */
import {afterAll, expect, test} from 'vitest';
import {startBinary} from './support/binary.js';
import {Api} from './support/homeserver.js';
import type {TmuxTerminal} from './support/tmux.js';
import {aliceAndBob} from './support/alice-and-bob.js';

let app: TmuxTerminal | undefined;

const cast = aliceAndBob();

afterAll(async () => {
	await app?.kill();
});

const html = (body: string, formatted: string) => ({msgtype: 'm.text', body, format: 'org.matrix.custom.html', formatted_body: formatted});

test("Bob's formatted messages are drawn with their styles, structure and a hidden spoiler", {timeout: 120_000}, async () => {
	const roomId = await Api.for(cast.bob).createRoom({preset: 'private_chat', name: 'Rendering', invite: [cast.alice.userId]});
	await Api.for(cast.alice).join(roomId);
	const api = Api.for(cast.bob);
	await api.sendMessage(roomId, html('**loud** words', '<p><strong>loud</strong> words</p>'));
	await api.sendMessage(roomId, html('- one\n- two', '<ul><li>item one</li><li>item two</li></ul>'));
	await api.sendMessage(roomId, html('code', '<pre><code class="language-js">let total = 1;\n</code></pre>'));
	await api.sendMessage(roomId, html('table', '<table><tr><th>Key</th><th>Value</th></tr><tr><td>k1</td><td>v1</td></tr></table>'));
	await api.sendMessage(roomId, html('bad link', 'click <a href="javascript:alert(1)">here</a> now'));
	await api.sendMessage(roomId, html('spoiler', 'the end: <span data-mx-spoiler="">nobody wins</span>'));
	app = await startBinary(cast.configDir, {room: roomId, rows: 40});
	const screen = await app.waitForText('the end: ░░░░░░░░░░░', 30_000);

	expect(screen).toMatch(/Bob: loud words/);
	expect(screen).toMatch(/Bob: • item one/);
	expect(screen).toMatch(/ {6}• item two/);
	expect(screen).toMatch(/Bob: ▎ let total = 1;/);
	expect(screen).toMatch(/Bob: Key ┊ Value/);
	expect(screen).toMatch(/Bob: click here now/);
	expect(screen).not.toContain('javascript');
	expect(screen).not.toContain('nobody wins');
	const styled = await app.colouredScreen();
	// Bold: SGR 1 right before the word (tmux may combine it with other attributes).
	expect(styled).toMatch(/\u001b\[[0-9;]*\b1m(\u001b\[[0-9;]*m)*loud/);

	await app.type('/spoilers');
	await app.waitForText('> /spoilers');
	await app.press('Enter');
	await app.waitForText('the end: nobody wins');
});
