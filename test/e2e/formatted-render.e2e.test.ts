/**
 * Issue 15, the receiving side: Bob (raw client-server API) sends formatted messages; the real
 * binary in tmux draws them formatted — bold as SGR bold (capture-pane -e), lists, code in its
 * frame, tables in columns, a javascript: link as text only, a spoiler hidden until /spoilers;
 * and, with FORCE_HYPERLINK=1, links as the OSC 8 sequences we write (raw output through pipe-pane).
 */
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, expect, test} from 'vitest';
import {startBinary} from './support/binary.js';
import {Api} from './support/homeserver.js';
import type {TmuxTerminal} from './support/tmux.js';
import {aliceAndBob} from './support/alice-and-bob.js';

let app: TmuxTerminal | undefined;

const cast = aliceAndBob();

afterAll(async () => {
	await app?.kill();
	await linked?.kill();
});

let linked: TmuxTerminal | undefined;

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

test('where the terminal has hyperlinks, a safe link is an OSC 8 link we write; unsafe targets and escapes in them never reach it', {timeout: 120_000}, async () => {
	const roomId = await Api.for(cast.bob).createRoom({preset: 'private_chat', name: 'Links', invite: [cast.alice.userId]});
	await Api.for(cast.alice).join(roomId);
	const api = Api.for(cast.bob);
	await api.sendMessage(roomId, html('the page', 'read <a href="https://example.org/page">the page</a> first'));
	await api.sendMessage(roomId, html('bad', 'then <a href="javascript:alert(1)">this</a> and <a href="https://e.org/\u001b]8;;http://evil\u0007x">that</a>'));
	await api.sendMessage(roomId, html('E = mc2', 'E = mc<sup>2</sup>, H<sub>2</sub>O, <span data-mx-bg-color="#cd0000">on red</span> last'));
	const output = join(mkdtempSync(join(tmpdir(), 'matrix-tui-e2e-links-')), 'output.bin');
	// One client per config directory: the first test's goes first.
	await app?.kill();
	app = undefined;
	linked = await startBinary(cast.configDir, {room: roomId, rows: 30, env: {FORCE_HYPERLINK: '1'}});
	await linked.captureOutput(output);
	// The first client's cache may hold only the later messages; the room's own subscription brings the first.
	await linked.waitForText('on red last', 30_000);
	const screen = await linked.waitForText('Bob: read the page (https://example.org/page) first', 30_000);

	expect(screen).toContain('Bob: read the page (https://example.org/page) first');
	expect(screen).toContain('Bob: then this and that');
	expect(screen).toContain('Bob: E = mc², H₂O, on red last');
	const raw = readFileSync(output, 'latin1');
	expect(raw).toContain('\u001b]8;;https://example.org/page\u001b\\the page');
	// Every target we wrote is printable ASCII: the escape inside the second link was percent-encoded
	// by the URL parser, so it cannot end the sequence; javascript: is text alone.
	const targets = new Set([...raw.matchAll(/\u001b\]8;;([^\u001b\u0007]+)/g)].map((match) => match[1]));
	expect([...targets].sort()).toEqual(['https://e.org/%1B]8;;http://evil%07x', 'https://example.org/page']);
	// The background colour as a terminal colour: SGR 41 (red) on the span's row.
	expect(await linked.colouredScreen()).toMatch(/\u001b\[[0-9;]*\b41m(\u001b\[[0-9;]*m)*on red/);
});
