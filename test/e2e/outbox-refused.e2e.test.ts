/**
 * Issue 13, refused for good: a /send answered 403 stays in the timeline marked "not sent" with
 * the reason, blocks nothing typed after it, and the user decides — /retry sends it (once, with
 * its own transaction ID), /discard drops it unsent, /edit-unsent hands its text back to an empty
 * composer.
 */
import {expect, test} from 'vitest';
import {composerLine, statusLine} from './support/client.js';
import {composerText, expectDeliveredOnce, shownAs} from './support/delivery.js';
import type {FaultProxy} from './support/fault-proxy.js';
import {SEND_MESSAGE, type Fault} from './support/faults.js';
import {outboxChat, type OutboxChat, proxyPerTest} from './support/outbox-chat.js';
import {pane} from './support/screen-text.js';

let proxy: FaultProxy;

proxyPerTest((started) => (proxy = started));

const FORBIDDEN: Fault = {kind: 'status', status: 403, errcode: 'M_FORBIDDEN', error: 'You may not post here'};

/** Sends `text` against one 403 and waits until it shows as not sent (with its reason); returns that screen. */
async function refused(chat: OutboxChat, text: string): Promise<string> {
	proxy.fail(SEND_MESSAGE, FORBIDDEN, {times: 1});
	await chat.send(text);
	const screen = await chat.client.waitForScreen((s) => shownAs(s, text) === 'not sent', `"Alice: ${text}" to show as not sent`);
	const line = pane(screen, 1)
		.split('\n')
		.find((candidate) => candidate.includes(`Alice: ${text}`));
	expect(line, 'the reason is shown').toMatch(/\(not sent: .+\)$/);
	expect(statusLine(screen), 'the status bar counts it').toMatch(/\b1 not sent\b/);
	expect(composerText(screen), 'its text is not pushed into the composer').toBe('');
	return screen;
}

test('g) a 403 marks the message not sent and blocks nothing; /retry sends it once, /discard drops one, /edit-unsent gives one back', {timeout: 120_000}, async () => {
	const chat = await outboxChat(proxy, 'Refused room');
	const {client} = chat;

	await refused(chat, 'refused at first');
	await chat.send('typed after the refusal');
	let screen = await chat.waitSent(['typed after the refusal']);
	expect(shownAs(screen, 'refused at first'), 'still there, still marked').toBe('not sent');
	await expectDeliveredOnce(chat.bob, chat.roomId, chat.alice.userId, ['typed after the refusal']);

	client.submit('/retry');
	screen = await chat.waitSent(['refused at first']);
	expect(statusLine(screen)).not.toMatch(/\d+ not sent/);
	await expectDeliveredOnce(chat.bob, chat.roomId, chat.alice.userId, ['typed after the refusal', 'refused at first']);
	const sends = proxy.requests(SEND_MESSAGE);
	expect(sends.map((send) => send.status), proxy.describe(SEND_MESSAGE)).toEqual([403, 200, 200]);
	expect(sends[2]!.path, 'the retry keeps its transaction ID').toBe(sends[0]!.path);

	await refused(chat, 'to be discarded');
	client.submit('/discard');
	screen = await client.waitForScreen((s) => shownAs(s, 'to be discarded') === undefined, '/discard to remove it from the timeline');
	expect(statusLine(screen)).not.toMatch(/\d+ not sent/);

	await refused(chat, 'to be edited');
	client.submit('/edit-unsent');
	screen = await client.waitForScreen((s) => composerLine(s).trimEnd() === '> to be edited', '/edit-unsent to put the text back into the composer');
	expect(shownAs(screen, 'to be edited'), 'and out of the timeline').toBeUndefined();
	expect(statusLine(screen)).not.toMatch(/\d+ not sent/);

	// Nothing refused went out behind the user's back: one attempt each, until /retry.
	expect(proxy.requests(SEND_MESSAGE).map((send) => send.status), proxy.describe(SEND_MESSAGE)).toEqual([403, 200, 200, 403, 403]);
	await chat.expectOutcome(['typed after the refusal', 'refused at first'], {refusedOk: true});
	expect(composerLine(client.screen()).trimEnd()).toBe('> to be edited');
});
