/**
 * Issue 13, proven on Synapse through the project's fault proxy: whatever happens to a /send —
 * an outage longer than any retry budget, an answer lost after Synapse stored the message, a
 * truncated answer, a 429 — every message typed arrives exactly once, in order (read back with
 * Bob's token); the screen never reports a stored message as failed; the composer is never
 * overwritten.
 */
import {expect, test} from 'vitest';
import {composerLine, statusLine} from './support/client.js';
import {composerText, shownAs, storedTexts, waitingCount} from './support/delivery.js';
import type {FaultProxy} from './support/fault-proxy.js';
import {EVERYTHING, SEND_MESSAGE, SYNC} from './support/faults.js';
import {outboxChat, proxyPerTest} from './support/outbox-chat.js';

let proxy: FaultProxy;

proxyPerTest((started) => (proxy = started));

/** A fault's own length: the scenario is that it lasts this long, not a wait for some state. */
const lasting = (since: number, ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, since + ms - Date.now())));

/** The SDK's own scheduler gives up after 2+4+8+16 s; the outage outlasts it. */
const OUTAGE_MS = 42_000;

test('a) every request answers 500 for 42 s: the messages typed during it wait, then arrive once each, in order', {timeout: 150_000}, async () => {
	const chat = await outboxChat(proxy, 'Outage room');
	const texts = ['first during the outage', 'second during the outage', 'third during the outage'];
	const draft = 'a draft nobody sent';
	const start = Date.now();
	proxy.fail(EVERYTHING, {kind: 'status', status: 500});
	for (const text of texts) await chat.send(text);
	await chat.typeDraft(draft);

	await lasting(start, OUTAGE_MS);
	let screen = chat.client.screen();
	for (const text of texts) expect(shownAs(screen, text), `"${text}" after a 42 s outage, on:\n${screen}`).toBe('sending');
	expect(waitingCount(screen), `"3 waiting to send" in the status bar: ${statusLine(screen)}`).toBe(3);
	const attempts = proxy.requests(SEND_MESSAGE);
	const triedFor = (attempts.at(-1)?.at ?? 0) - (attempts[0]?.at ?? 0);
	expect(triedFor, `still trying 30 s after the first failure (past the SDK's budget); the proxy saw:\n${proxy.describe(SEND_MESSAGE)}`).toBeGreaterThanOrEqual(30_000);
	expect(await storedTexts(chat.bob, chat.roomId, chat.alice.userId)).toEqual([]);

	proxy.clear();
	screen = await chat.waitSent(texts, 60_000);
	expect(waitingCount(screen), statusLine(screen)).toBe(0);
	await chat.expectOutcome(texts, {draft});
	expect(composerLine(chat.client.screen()).trimEnd()).toBe(`> ${draft}`);
});

test('b) a /send stored but its answer reset, /sync held: the retry (same transaction ID) is how the client learns it — once, no failure', {timeout: 90_000}, async () => {
	const chat = await outboxChat(proxy, 'Lost answer room');
	const text = 'stored, answer lost';
	const draft = 'still my draft';
	const sync = proxy.hold(SYNC);
	proxy.fail(SEND_MESSAGE, {kind: 'reset-after-forward'}, {times: 1});
	await chat.send(text);
	await chat.typeDraft(draft);
	await proxy.waitForRequest(SEND_MESSAGE, {until: (entry) => entry.outcome === 'reset', what: 'the first /send to be answered and its answer lost'});
	expect(await storedTexts(chat.bob, chat.roomId, chat.alice.userId), 'Synapse stored it before the answer was lost').toEqual([text]);

	const retry = await proxy.waitForRequest(SEND_MESSAGE, {nth: 2, until: (entry) => entry.outcome === 'answered', timeoutMs: 30_000, what: 'the /send to be tried again and answered'});
	expect(retry.path, `every attempt with the first transaction ID; the proxy saw:\n${proxy.describe(SEND_MESSAGE)}`).toBe(proxy.requests(SEND_MESSAGE)[0]!.path);
	await chat.waitSent([text]);
	expect(sync.held, 'the sync was still held: the answer alone confirmed it').toBeGreaterThan(0);

	sync.release();
	await chat.expectOutcome([text], {draft});
});

test('b) variant: the sync brings the event back before the lost answer: delivered, no failure line, no refill', {timeout: 90_000}, async () => {
	const chat = await outboxChat(proxy, 'Echo first room');
	const text = 'seen in the sync first';
	let loseAnswer = () => {};
	proxy.fail(SEND_MESSAGE, {kind: 'reset-after-forward', after: new Promise<void>((resolve) => (loseAnswer = resolve))}, {times: 1});
	await chat.send(text);
	await chat.waitSent([text]); // by the sync: its /send is still unanswered
	expect(proxy.requests(SEND_MESSAGE)).toMatchObject([{outcome: 'pending'}]);
	loseAnswer();
	await proxy.waitForRequest(SEND_MESSAGE, {until: (entry) => entry.outcome === 'reset'});

	await chat.expectOutcome([text]);
	const screen = chat.client.screen();
	expect(shownAs(screen, text)).toBe('sent');
	expect(composerText(screen), 'the composer is not refilled (Enter would store it twice)').toBe('');
});

test('c) a truncated /send answer, a second message typed right after: both once, in order', {timeout: 90_000}, async () => {
	const chat = await outboxChat(proxy, 'Truncated room');
	const texts = ['answer cut short', 'typed right after'];
	const draft = 'draft under a truncation';
	proxy.fail(SEND_MESSAGE, {kind: 'truncate-after-forward'}, {times: 1});
	for (const text of texts) await chat.send(text);
	await chat.typeDraft(draft);
	await proxy.waitForRequest(SEND_MESSAGE, {until: (entry) => entry.outcome === 'truncated'});

	await chat.waitSent(texts, 45_000);
	await chat.expectOutcome(texts, {draft});
});

test('d) 429 with retry_after_ms on /send: sent again only after the wait, once', {timeout: 60_000}, async () => {
	const chat = await outboxChat(proxy, 'Rate limit room');
	const text = 'after the rate limit';
	const retryAfterMs = 3000;
	proxy.fail(SEND_MESSAGE, {kind: 'rate-limit', retryAfterMs}, {times: 1});
	await chat.send(text);
	const limited = await proxy.waitForRequest(SEND_MESSAGE, {until: (entry) => entry.status === 429});
	expect(shownAs(chat.client.screen(), text)).toBe('sending');

	const retry = await proxy.waitForRequest(SEND_MESSAGE, {nth: 2, until: (entry) => entry.outcome === 'answered', timeoutMs: 30_000});
	expect(retry.at - limited.at, `the retry came ${retry.at - limited.at} ms after the 429 (retry_after_ms ${retryAfterMs})`).toBeGreaterThanOrEqual(retryAfterMs - 50);
	expect(retry.path).toBe(limited.path);
	await chat.waitSent([text]);
	await chat.expectOutcome([text]);
});
