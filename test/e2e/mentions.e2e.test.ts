/**
 * Issue 15: mentions, the real binary in tmux against Synapse with Bob as a second real client.
 * Alice completes Bob's name with Tab: the event Bob reads back carries the matrix.to link and
 * m.mentions. Bob mentions Alice: her screen draws that line highlighted, his other line not.
 */
import {afterAll, beforeAll, expect, test} from 'vitest';
import {waitForAsync} from '../support/wait.js';
import {buildBinary, configWithSession, removeConfig, startBinary} from './support/binary.js';
import {Api, homeserverUrl, registerNamed, type RegisteredUser} from './support/homeserver.js';
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

interface MessageEvent {
	type: string;
	sender: string;
	content: {body?: string; formatted_body?: string; 'm.mentions'?: unknown};
}

async function newestMessages(roomId: string): Promise<MessageEvent[]> {
	const page = await Api.for(bob).request<{chunk: MessageEvent[]}>('GET', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/messages?dir=b&limit=20`);
	return page.chunk.filter((event) => event.type === 'm.room.message');
}

/** The row of a coloured capture that holds `text`. */
function colouredRow(screen: string, text: string): string {
	return screen.split('\n').find((row) => row.replace(/\u001B\[[0-9;]*m/g, '').includes(text)) ?? '';
}

test('a Tab-completed member is sent as a link and in m.mentions; a message mentioning Alice is highlighted on her screen', {timeout: 120_000}, async () => {
	const roomId = await Api.for(bob).createRoom({preset: 'private_chat', name: 'Mentions', invite: [alice.userId]});
	await Api.for(alice).join(roomId);
	app = await startBinary(configDir, {room: roomId, rows: 30});
	await app.waitForText('● connected ', 30_000);

	await app.type('Bo');
	await app.press('Tab');
	await app.waitForText('> Bob:', 15_000);
	await app.type('lunch?');
	await app.press('Enter');
	let sent: MessageEvent | undefined;
	await waitForAsync(async () => (sent = (await newestMessages(roomId)).find((event) => event.sender === alice.userId)) !== undefined, "Alice's message, read by Bob", 30_000);
	expect(sent!.content.body).toBe('Bob: lunch?');
	expect(sent!.content.formatted_body).toBe(`<p><a href="https://matrix.to/#/${bob.userId}">Bob</a>: lunch?</p>`);
	expect(sent!.content['m.mentions']).toEqual({user_ids: [bob.userId]});

	await Api.for(bob).sendMessage(roomId, {msgtype: 'm.text', body: 'Alice: yes!', 'm.mentions': {user_ids: [alice.userId]}});
	await Api.for(bob).sendMessage(roomId, {msgtype: 'm.text', body: 'anyone else?', 'm.mentions': {}});
	await app.waitForText('Bob: anyone else?', 30_000);
	const screen = await app.colouredScreen();
	// SGR 33: the mention colour (yellow), on the mention's row only.
	expect(colouredRow(screen, 'Bob: Alice: yes!')).toMatch(/\u001B\[[0-9;]*33[;m]/);
	expect(colouredRow(screen, 'Bob: anyone else?')).not.toMatch(/\u001B\[[0-9;]*33[;m]/);
});
