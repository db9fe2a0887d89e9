/**
 * Issue 15: markdown typed in the real binary goes out as a formatted message — `body` as typed,
 * `formatted_body` the HTML — only when it formats something; /plain sends it as typed. Read back
 * raw from Synapse by the other member of the room.
 */
import {afterAll, expect, test} from 'vitest';
import {waitForAsync} from '../support/wait.js';
import {startBinary} from './support/binary.js';
import {Api, type Json} from './support/homeserver.js';
import type {TmuxTerminal} from './support/tmux.js';
import {aliceAndBob} from './support/alice-and-bob.js';

let app: TmuxTerminal | undefined;

const cast = aliceAndBob();

afterAll(async () => {
	await app?.kill();
});

async function say(terminal: TmuxTerminal, text: string): Promise<void> {
	await terminal.type(text);
	await terminal.waitForText(`> ${text}`);
	await terminal.press('Enter');
}

test('markdown goes out formatted with the typed text as its body; plain words and /plain go out as typed', {timeout: 120_000}, async () => {
	const roomId = await Api.for(cast.bob).createRoom({preset: 'private_chat', name: 'Formatting', invite: [cast.alice.userId]});
	await Api.for(cast.alice).join(roomId);
	app = await startBinary(cast.configDir, {room: roomId, rows: 40});
	await app.waitForText('● connected ', 30_000);

	const typed = ['**bold** and `code`', 'just words & <angles>', '/plain **as typed**'];
	for (const text of typed) await say(app, text);

	let fromAlice: Json[] = [];
	await waitForAsync(async () => {
		fromAlice = (await Api.for(cast.bob).messages(roomId)).filter((event) => event['sender'] === cast.alice.userId && event['type'] === 'm.room.message');
		return fromAlice.length >= typed.length;
	}, "Alice's three messages on the server", 30_000);
	// Each says whom it mentions: nobody (the spec's m.mentions, sent with every message).
	expect(fromAlice.map((event) => event['content'])).toEqual([
		{'msgtype': 'm.text', 'body': '**bold** and `code`', 'format': 'org.matrix.custom.html', 'formatted_body': '<p><strong>bold</strong> and <code>code</code></p>', 'm.mentions': {}},
		{'msgtype': 'm.text', 'body': 'just words & <angles>', 'm.mentions': {}},
		{'msgtype': 'm.text', 'body': '**as typed**', 'm.mentions': {}},
	]);
});
