/**
 * Issue 13, crashes: SIGKILL of the real binary with messages queued (the outbox on disk, 0600,
 * sends them on the next start), and SIGKILL of Synapse with a message pending. Each message
 * arrives exactly once, in order, read back with Bob's token.
 *
 * This file kills and restarts the shared Synapse (keeping its data); afterAll makes sure it is
 * running again whatever happened, so later files are not affected.
 */
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {buildBinary, configWithSession, filesNamed, removeConfig, startBinary} from './support/binary.js';
import {expectDeliveredOnce, expectHonestScreens, shownAs, storedTexts, waitingCount} from './support/delivery.js';
import type {FaultProxy} from './support/fault-proxy.js';
import {SEND_MESSAGE, SYNC} from './support/faults.js';
import {Api, registerNamed} from './support/homeserver.js';
import {outboxChat, proxyPerTest} from './support/outbox-chat.js';
import {killSynapse, startSynapse, synapseAnswers} from './support/synapse.js';
import type {TmuxTerminal} from './support/tmux.js';

let proxy: FaultProxy;
const terminals: TmuxTerminal[] = [];
const configDirs: string[] = [];

beforeAll(() => buildBinary(), 180_000);

proxyPerTest(
	(started) => (proxy = started),
	async () => {
		for (const terminal of terminals.splice(0)) await terminal.kill();
		for (const directory of configDirs.splice(0)) await removeConfig(directory);
	},
);

afterAll(async () => {
	if (!(await synapseAnswers())) await startSynapse();
});

/** The binary's status bar says connected (not "disconnected — retrying"). */
const connected = (screen: string) => /● connected /.test(screen);

async function launch(configDir: string, roomId: string, roomName: string): Promise<TmuxTerminal> {
	const app = await startBinary(configDir, {room: roomId});
	terminals.push(app);
	await app.waitForScreen((s) => connected(s) && s.includes(`# ${roomName}`), `the binary connected, in ${roomName}`, 30_000);
	return app;
}

/** Types a message into the binary and waits until its timeline shows it as sending. */
async function typeMessage(app: TmuxTerminal, text: string): Promise<void> {
	await app.type(text);
	await app.waitForText(`> ${text}`);
	await app.press('Enter');
	await app.waitForScreen((s) => shownAs(s, text) === 'sending', `"Alice: ${text} (sending…)" in the timeline`);
}

test('e) SIGKILL of the client with messages queued: restarted without faults, each arrives once, in order; the outbox file is 0600', {timeout: 150_000}, async () => {
	const [alice, bob] = await registerNamed('Alice', 'Bob');
	const roomId = await Api.for(alice).createRoom({preset: 'public_chat', name: 'Crash room'});
	await Api.for(bob).join(roomId);
	const configDir = await configWithSession(alice, proxy.url);
	configDirs.push(configDir);
	const texts = ['stored, answer lost, then killed', 'queued behind it, then killed'];

	let app = await launch(configDir, roomId, 'Crash room');
	// The first is stored but its answer lost, and the sync cannot tell: the client must keep it.
	// Every later attempt answers 500, so both are still waiting when the client dies.
	proxy.hold(SYNC);
	proxy.fail(SEND_MESSAGE, {kind: 'reset-after-forward'}, {times: 1});
	proxy.fail(SEND_MESSAGE, {kind: 'status', status: 500});
	for (const text of texts) await typeMessage(app, text);
	await proxy.waitForRequest(SEND_MESSAGE, {until: (entry) => entry.outcome === 'reset'});
	await proxy.waitForRequest(SEND_MESSAGE, {nth: 2, until: (entry) => entry.status === 500, timeoutMs: 30_000, what: 'the first message to be tried again (and refused with 500)'});
	const before = await app.waitForScreen((s) => waitingCount(s) === 2, 'the status bar to say "2 waiting to send"');
	expect(await storedTexts(bob, roomId, alice.userId)).toEqual([texts[0]]);

	const outbox = await filesNamed(configDir, 'outbox');
	expect(outbox.length, `an outbox under the config directory (${configDir}); the screen was:\n${before}`).toBeGreaterThan(0);
	for (const file of outbox) expect(file.mode.toString(8), `the mode of ${file.path}`).toBe(file.directory ? '700' : '600');
	// Sealed with the account's key: what the user wrote is not readable in the file.
	for (const file of outbox.filter((found) => !found.directory)) {
		const bytes = await readFile(join(configDir, file.path));
		for (const text of texts) expect(bytes.includes(Buffer.from(text)), `"${text}" in clear in ${file.path}`).toBe(false);
	}

	await app.killProgram();
	await app.kill();
	proxy.clear();

	app = await launch(configDir, roomId, 'Crash room');
	await expectDeliveredOnce(bob, roomId, alice.userId, texts, 60_000);
	await app.waitForScreen((s) => texts.every((text) => shownAs(s, text) === 'sent'), 'both messages to show as sent after the restart', 30_000);
	await Api.for(bob).sendMessage(roomId, 'seen after the restart');
	await app.waitForText('Bob: seen after the restart');
	await expectDeliveredOnce(bob, roomId, alice.userId, texts);
	expectHonestScreens(app.captures, {sent: texts});
});

test('f) SIGKILL of Synapse while a /send is on its way: once Synapse is back, it and the message typed meanwhile arrive once, in order', {timeout: 120_000}, async () => {
	const chat = await outboxChat(proxy, 'Homeserver crash room');
	const texts = ['on its way when Synapse died', 'typed while Synapse was dead'];
	const draft = 'draft across the crash';
	const sends = proxy.hold(SEND_MESSAGE);
	await chat.send(texts[0]!);
	await proxy.waitForRequest(SEND_MESSAGE, {until: (entry) => entry.outcome === 'held'});
	await killSynapse();
	sends.release();
	await proxy.waitForRequest(SEND_MESSAGE, {until: (entry) => entry.outcome === 'upstream-error', what: 'the released /send to find Synapse gone'});
	await chat.send(texts[1]!);
	await chat.typeDraft(draft);
	await chat.client.waitForScreen((s) => s.includes('disconnected — retrying'), 'the status bar to say "disconnected — retrying"', 60_000);
	const screen = chat.client.screen();
	for (const text of texts) expect(shownAs(screen, text), `"${text}" while Synapse is dead, on:\n${screen}`).toBe('sending');

	await startSynapse();
	await chat.waitSent(texts, 60_000);
	await chat.expectOutcome(texts, {draft});
});

test('f) variant: Synapse stored the message, then died before its answer reached the client: after the restart, still once', {timeout: 120_000}, async () => {
	const chat = await outboxChat(proxy, 'Stored then crashed room');
	const text = 'stored, then Synapse died';
	let crashed = () => {};
	proxy.fail(SEND_MESSAGE, {kind: 'reset-after-forward', after: new Promise<void>((resolve) => (crashed = resolve))}, {times: 1});
	proxy.hold(SYNC); // the sync must not tell the client either
	await chat.send(text);
	await proxy.waitForRequest(SEND_MESSAGE, {until: () => true});
	await expectDeliveredOnce(chat.bob, chat.roomId, chat.alice.userId, [text]);
	await killSynapse();
	crashed();
	await proxy.waitForRequest(SEND_MESSAGE, {until: (entry) => entry.outcome === 'reset'});
	expect(shownAs(chat.client.screen(), text)).toBe('sending');

	proxy.clear();
	await startSynapse();
	await chat.waitSent([text], 60_000);
	await chat.expectOutcome([text]);
});
