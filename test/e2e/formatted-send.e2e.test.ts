/**
 * Issue 15: markdown typed in the real binary goes out as a formatted message — `body` as typed,
 * `formatted_body` the HTML — only when it formats something; /plain sends it as typed. Read back
 * raw from Synapse by the other member of the room.
 */
import {afterAll, beforeAll, expect, test} from 'vitest';
import {waitForAsync} from '../support/wait.js';
import {buildBinary, configWithSession, removeConfig, startBinary} from './support/binary.js';
import {Api, homeserverUrl, registerNamed, type Json, type RegisteredUser} from './support/homeserver.js';
import type {TmuxTerminal} from './support/tmux.js';

let alice: RegisteredUser;
let bob: RegisteredUser;
let configDir: string;
let app: TmuxTerminal | undefined;

beforeAll(async () => {
	[alice, bob] = await registerNamed('Alice', 'Bob');
	await buildBinary();
	configDir = await configWithSession(alice, homeserverUrl());
}, 240_000);

afterAll(async () => {
	await app?.kill();
	await removeConfig(configDir);
});

async function say(terminal: TmuxTerminal, text: string): Promise<void> {
	await terminal.type(text);
	await terminal.waitForText(`> ${text}`);
	await terminal.press('Enter');
}

test('markdown goes out formatted with the typed text as its body; plain words and /plain go out as typed', {timeout: 120_000}, async () => {
	const roomId = await Api.for(bob).createRoom({preset: 'private_chat', name: 'Formatting', invite: [alice.userId]});
	await Api.for(alice).join(roomId);
	app = await startBinary(configDir, {room: roomId, rows: 40});
	await app.waitForText('● connected ', 30_000);

	const typed = ['**bold** and `code`', 'just words & <angles>', '/plain **as typed**'];
	for (const text of typed) await say(app, text);

	let fromAlice: Json[] = [];
	await waitForAsync(async () => {
		fromAlice = (await Api.for(bob).messages(roomId)).filter((event) => event['sender'] === alice.userId && event['type'] === 'm.room.message');
		return fromAlice.length >= typed.length;
	}, "Alice's three messages on the server", 30_000);
	expect(fromAlice.map((event) => event['content'])).toEqual([
		{msgtype: 'm.text', body: '**bold** and `code`', format: 'org.matrix.custom.html', formatted_body: '<p><strong>bold</strong> and <code>code</code></p>'},
		{msgtype: 'm.text', body: 'just words & <angles>'},
		{msgtype: 'm.text', body: '**as typed**'},
	]);
});
