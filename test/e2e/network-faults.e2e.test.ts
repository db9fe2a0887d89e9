/**
 * Scenario 6: the homeserver goes away mid-session and comes back. The status bar says so, the UI
 * keeps working, and a message sent during the outage is delivered exactly once afterwards.
 *
 * This file stops and restarts the shared Synapse (keeping its data); afterAll makes sure it is
 * running again whatever happened, so later files are not affected.
 */
import {afterAll, afterEach, beforeAll, expect, test} from 'vitest';
import {composerLine, isConnected, startClient, statusLine, stopClients} from './support/client.js';
import {Api, registerUser, type Json, type RegisteredUser} from './support/homeserver.js';
import {pane} from './support/screen-text.js';
import {startSynapse, stopSynapse, synapseAnswers} from './support/synapse.js';

let alice: RegisteredUser;
let bob: RegisteredUser;

beforeAll(async () => {
	[alice, bob] = await Promise.all([registerUser('alice'), registerUser('bob')]);
	await Promise.all([Api.for(alice).setDisplayName('Alice'), Api.for(bob).setDisplayName('Bob')]);
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
	await client.type('typed while down!!');
	await client.type('\u007f\u007f'); // Backspace ×2
	screen = await client.waitForScreen((s) => composerLine(s).includes('> typed while down'), 'the composer to show the typed text');
	expect(composerLine(screen)).not.toContain('!!');
	await client.type('\u0015'); // Ctrl+U
	await client.waitForScreen((s) => !composerLine(s).includes('typed while down'), 'Ctrl+U to clear the composer');

	// Sent while the server is down: shown in the timeline as pending or not sent, never silently gone.
	await client.submit('sent while down');
	screen = await client.waitForScreen((s) => /Alice: sent while down \((sending…|not sent)\)/.test(pane(s, 1)), 'the message to show as pending', 30_000);
	const whileDown = {timeline: pane(screen, 1), composer: composerLine(screen), status: statusLine(screen)};

	await startSynapse();
	screen = await client.waitForScreen(isConnected, 'the status bar to say "connected" again', 60_000);
	screen = await client.waitForScreen(
		(s) => pane(s, 1).includes('Alice: sent while down') && !/sent while down \(/.test(pane(s, 1)),
		'the queued message to be confirmed',
		30_000,
	);
	expect(pane(screen, 1).match(/Alice: sent while down/g), 'shown once').toHaveLength(1);
	// It was queued, not handed back: the composer must not invite sending it a second time.
	expect(composerLine(screen), JSON.stringify(whileDown)).not.toContain('sent while down');

	// Synapse has it exactly once, and keeps having it once a while later (no late duplicate resend).
	expect(messagesFrom(await Api.for(bob).messages(roomId), alice.userId)).toEqual(['sent while down']);
	await Api.for(bob).sendMessage(roomId, 'after the outage');
	await client.waitForText('Bob: after the outage');
	expect(messagesFrom(await Api.for(bob).messages(roomId), alice.userId)).toEqual(['sent while down']);
});
