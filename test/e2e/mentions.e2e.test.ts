/**
 * Issue 15: mentions and notifications, the real binary in tmux against Synapse with Bob as a
 * second real client. Alice completes Bob's name with Tab: the event Bob reads back carries the
 * matrix.to link and m.mentions. Bob mentions Alice: her screen draws that line highlighted, his
 * other line not; looking at another room, her terminal gets the notification escape (kitty's
 * OSC 99, read raw through pipe-pane), looking at his room it gets none. /notify writes the
 * room's push rule, read back from the server.
 */
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, expect, test} from 'vitest';
import {waitForAsync} from '../support/wait.js';
import {startBinary} from './support/binary.js';
import {Api} from './support/homeserver.js';
import type {TmuxTerminal} from './support/tmux.js';
import {aliceAndBob} from './support/alice-and-bob.js';

let app: TmuxTerminal | undefined;
const captureDir = mkdtempSync(join(tmpdir(), 'matrix-tui-e2e-notify-'));
const captureFile = join(captureDir, 'output.bin');
let roomId: string;

/** How many notifications (OSC 99 titles) the program has written so far. */
function notificationsWritten(): number {
	try {
		return readFileSync(captureFile, 'latin1').split(']99;i=1:d=0;').length - 1;
	} catch {
		return 0; // nothing written yet
	}
}

const cast = aliceAndBob();

afterAll(async () => {
	await app?.kill();
	rmSync(captureDir, {recursive: true, force: true});
});

interface MessageEvent {
	type: string;
	sender: string;
	content: {body?: string; formatted_body?: string; 'm.mentions'?: unknown};
}

async function newestMessages(roomId: string): Promise<MessageEvent[]> {
	const page = await Api.for(cast.bob).request<{chunk: MessageEvent[]}>('GET', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/messages?dir=b&limit=20`);
	return page.chunk.filter((event) => event.type === 'm.room.message');
}

/** The row of a coloured capture that holds `text`. */
function colouredRow(screen: string, text: string): string {
	return screen.split('\n').find((row) => row.replace(/\u001B\[[0-9;]*m/g, '').includes(text)) ?? '';
}

test('a Tab-completed member is sent as a link and in m.mentions; a message mentioning Alice is highlighted on her screen', {timeout: 120_000}, async () => {
	roomId = await Api.for(cast.bob).createRoom({preset: 'private_chat', name: 'Mentions', invite: [cast.alice.userId]});
	await Api.for(cast.alice).join(roomId);
	// A kitty terminal, as its environment says: notifications go as OSC 99.
	app = await startBinary(cast.configDir, {room: roomId, rows: 30, env: {KITTY_WINDOW_ID: '1'}});
	await app.captureOutput(captureFile);
	await app.waitForText('● connected ', 30_000);

	// Typed fast: "Bo" and Tab may reach the client in one read; the Tab still completes.
	await app.type('Bo');
	await app.press('Tab');
	await app.waitForText('> Bob:', 15_000);
	await app.type('lunch?');
	await app.press('Enter');
	let sent: MessageEvent | undefined;
	await waitForAsync(async () => (sent = (await newestMessages(roomId)).find((event) => event.sender === cast.alice.userId)) !== undefined, "Alice's message, read by Bob", 30_000);
	expect(sent!.content.body).toBe('Bob: lunch?');
	expect(sent!.content.formatted_body).toBe(`<p><a href="https://matrix.to/#/${cast.bob.userId}">Bob</a>: lunch?</p>`);
	expect(sent!.content['m.mentions']).toEqual({user_ids: [cast.bob.userId]});

	await Api.for(cast.bob).sendMessage(roomId, {msgtype: 'm.text', body: 'Alice: yes!', 'm.mentions': {user_ids: [cast.alice.userId]}});
	await Api.for(cast.bob).sendMessage(roomId, {msgtype: 'm.text', body: 'anyone else?', 'm.mentions': {}});
	await app.waitForText('Bob: anyone else?', 30_000);
	const screen = await app.colouredScreen();
	// SGR 33: the mention colour (yellow), on the mention's row only.
	expect(colouredRow(screen, 'Bob: Alice: yes!')).toMatch(/\u001B\[[0-9;]*33[;m]/);
	expect(colouredRow(screen, 'Bob: anyone else?')).not.toMatch(/\u001B\[[0-9;]*33[;m]/);
});

test('a mention notifies through the terminal while Alice looks at another room, not while she looks at its own; /notify writes the push rule', {timeout: 120_000}, async () => {
	const elsewhere = await Api.for(cast.bob).createRoom({preset: 'private_chat', name: 'Elsewhere', invite: [cast.alice.userId]});
	await Api.for(cast.alice).join(elsewhere);
	await app!.waitForText('Elsewhere', 30_000);
	await app!.type('/room Elsewhere');
	await app!.press('Enter');
	await app!.waitForText('# Elsewhere', 15_000);
	expect(notificationsWritten()).toBe(0);

	await Api.for(cast.bob).sendMessage(roomId, {msgtype: 'm.text', body: 'Alice: are you there?', 'm.mentions': {user_ids: [cast.alice.userId]}});
	await waitForAsync(async () => notificationsWritten() === 1, 'the notification escape in the raw output', 30_000);
	const raw = readFileSync(captureFile, 'latin1');
	expect(raw).toContain(']99;i=1:d=0;Mentions');
	expect(raw).toContain(']99;i=1:d=1:p=body;Bob: Alice: are you there?');

	await app!.type('/room Mentions');
	await app!.press('Enter');
	await app!.waitForText('# Mentions', 15_000);
	await Api.for(cast.bob).sendMessage(roomId, {msgtype: 'm.text', body: 'Alice: seen it?', 'm.mentions': {user_ids: [cast.alice.userId]}});
	await app!.waitForText('Bob: Alice: seen it?', 30_000);
	expect(notificationsWritten()).toBe(1);

	const alicesApi = Api.for(cast.alice);
	const rule = (kind: string) => alicesApi.request<{actions: unknown[]}>('GET', `/_matrix/client/v3/pushrules/global/${kind}/${encodeURIComponent(roomId)}`).catch(() => undefined);
	await app!.type('/notify off');
	await app!.press('Enter');
	await app!.waitForText('Notifications: off', 15_000);
	expect((await rule('override'))?.actions).toEqual([]);
	await app!.type('/notify mentions');
	await app!.press('Enter');
	await app!.waitForText('Notifications: mentions only', 15_000);
	expect((await rule('room'))?.actions).toEqual([]);
	expect(await rule('override')).toBeUndefined();

	// Another of Alice's clients sets the room to "all messages": a message without a mention now notifies.
	await app!.type('/room Elsewhere');
	await app!.press('Enter');
	await app!.waitForText('# Elsewhere', 15_000);
	await alicesApi.request('PUT', `/_matrix/client/v3/pushrules/global/room/${encodeURIComponent(roomId)}`, {actions: ['notify']});
	await Api.for(cast.bob).sendMessage(roomId, {msgtype: 'm.text', body: 'lunch at one', 'm.mentions': {}});
	await waitForAsync(async () => notificationsWritten() === 2, 'a notification for the plain message', 30_000);
	expect(readFileSync(captureFile, 'latin1')).toContain(']99;i=1:d=1:p=body;Bob: lunch at one');
});
