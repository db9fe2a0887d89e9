/**
 * Scenario 6: the homeserver goes away mid-session and comes back. The status bar says so, the UI
 * keeps working, and a message sent during the outage is delivered exactly once afterwards.
 *
 * This file stops and restarts the shared Synapse (keeping its data); afterAll makes sure it is
 * running again whatever happened, so later files are not affected.
 */
import {afterAll, afterEach, beforeAll, expect, test, vi} from 'vitest';
import type {ActionResult} from '../../src/matrix/protocol.js';
import {composerLine, isConnected, startClient, statusLine, stopClients} from './support/client.js';
import {Api, registerNamed, type Json, type RegisteredUser} from './support/homeserver.js';
import {pane} from './support/screen-text.js';
import {startSynapse, stopSynapse, synapseAnswers} from './support/synapse.js';

let alice: RegisteredUser;
let bob: RegisteredUser;

beforeAll(async () => {
	[alice, bob] = await registerNamed('Alice', 'Bob');
});

afterEach(() => stopClients());

afterAll(async () => {
	if (!(await synapseAnswers())) await startSynapse();
});

function messagesFrom(events: Json[], sender: string): string[] {
	return events.filter((event) => event['type'] === 'm.room.message' && event['sender'] === sender).map((event) => String((event['content'] as Json)['body']));
}

test('Synapse stops and restarts: "disconnected — retrying", the UI stays usable, the message sent meanwhile arrives once', {timeout: 150_000}, async () => {
	const roomId = await Api.for(alice).createRoom({preset: 'public_chat', name: 'Outage room'});
	await Api.for(bob).join(roomId);
	const client = await startClient(alice, {columns: 160, rows: 40});
	await Api.for(bob).sendMessage(roomId, 'before the outage');
	await client.waitForText('Bob: before the outage');

	await stopSynapse();
	let screen = await client.waitForScreen((s) => statusLine(s).includes('disconnected — retrying'), 'the status bar to say "disconnected — retrying"', 30_000);
	expect(isConnected(screen)).toBe(false);

	// Still responsive: typing edits the composer, editing keys work.
	client.type('typed while down!!');
	client.type('\u007f\u007f'); // Backspace ×2
	await client.waitForScreen((s) => composerLine(s).trimEnd() === '> typed while down', 'the composer to show the typed text less two characters');
	client.type('\u0015'); // Ctrl+U
	await client.waitForScreen((s) => !composerLine(s).includes('typed while down'), 'Ctrl+U to clear the composer');

	// A command while down fails on one line and keeps its text, to retry later.
	client.submit('/topic outage topic');
	screen = await client.waitForText('Cannot set the topic: the homeserver cannot be reached');
	expect(composerLine(screen).trimEnd()).toBe('> /topic outage topic');
	client.type('\u0015');
	await client.waitForScreen((s) => !composerLine(s).includes('/topic'), 'Ctrl+U to clear the composer');

	// Sent while the server is down: queued, and shown as sending — not failed and handed back to
	// the composer (which would invite a second copy once it is re-sent).
	const sends: Array<Promise<ActionResult>> = [];
	const perform = client.session.perform.bind(client.session);
	vi.spyOn(client.session, 'perform').mockImplementation((action) => {
		const result = perform(action);
		if (action.type === 'send-text') sends.push(result);
		return result;
	});
	client.submit('sent while down');
	await client.waitForScreen((s) => pane(s, 1).includes('Alice: sent while down'), 'the message to show in the timeline', 30_000);
	// The positive signal: the matrix layer has answered the send (the attempt against the stopped
	// server is over). The app handles that answer in microtasks, all run before the next turn of
	// the event loop: a failure would be on the screen by then.
	await client.waitForScreen(() => sends.length === 1, 'the send to reach the matrix layer');
	expect(await sends[0]).toMatchObject({ok: true});
	await new Promise((resolve) => setImmediate(resolve));
	screen = client.screen();
	expect(pane(screen, 1)).toContain('Alice: sent while down (sending…)');
	expect(composerLine(screen)).not.toContain('sent while down');
	expect(statusLine(screen)).not.toContain('Cannot send');
	expect(statusLine(screen)).toContain('disconnected — retrying');
	vi.restoreAllMocks();

	await startSynapse();
	await client.waitForScreen(isConnected, 'the status bar to say "connected" again', 60_000);
	screen = await client.waitForScreen(
		(s) => pane(s, 1).includes('Alice: sent while down') && !/sent while down \(/.test(pane(s, 1)),
		'the queued message to be confirmed',
		30_000,
	);
	expect(pane(screen, 1).match(/Alice: sent while down/g), 'shown once').toHaveLength(1);
	expect(composerLine(screen)).not.toContain('sent while down');

	// Synapse has it exactly once, and keeps having it once a while later (no late duplicate resend).
	expect(messagesFrom(await Api.for(bob).messages(roomId), alice.userId)).toEqual(['sent while down']);
	await expect(Api.for(bob).getState(roomId, 'm.room.topic')).rejects.toMatchObject({status: 404});
	await Api.for(bob).sendMessage(roomId, 'after the outage');
	await client.waitForText('Bob: after the outage');
	expect(messagesFrom(await Api.for(bob).messages(roomId), alice.userId)).toEqual(['sent while down']);
});
