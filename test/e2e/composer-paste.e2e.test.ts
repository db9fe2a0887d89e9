/**
 * Issue 15, the composer: the real binary in tmux, a paste of several lines as a terminal pastes
 * (tmux adds the bracketed-paste markers only when the program asked for them), then Enter. What
 * Synapse stores, read back by another user, is one message whose body holds the line breaks —
 * where a paste used to send its first line at once, as a message of its own.
 */
import {afterAll, afterEach, beforeAll, expect, test} from 'vitest';
import {buildBinary, configWithSession, removeConfig, startBinary} from './support/binary.js';
import {Api, homeserverUrl, registerNamed, type Json, type RegisteredUser} from './support/homeserver.js';
import {pane} from './support/screen-text.js';
import type {TmuxTerminal} from './support/tmux.js';

let alice: RegisteredUser;
let bob: RegisteredUser;
let configDir = '';
const terminals: TmuxTerminal[] = [];

beforeAll(async () => {
	[alice, bob] = await registerNamed('Alice', 'Bob');
	await buildBinary();
	configDir = await configWithSession(alice, homeserverUrl());
}, 240_000);

afterEach(async () => {
	for (const terminal of terminals.splice(0)) await terminal.kill();
});

afterAll(() => removeConfig(configDir));

const aliceBodies = (events: Json[]) => events.filter((event) => event['type'] === 'm.room.message' && event['sender'] === alice.userId).map((event) => (event['content'] as Json)['body']);

/** The composer's rows: the `count` lines above the status line. */
const composerRows = (screen: string, count: number) => screen.trimEnd().split('\n').slice(-1 - count, -1).map((line) => line.trimEnd());

test('a pasted multi-line text waits in the composer, and Enter sends it as one message with its line breaks', async () => {
	const roomId = await Api.for(alice).createRoom({preset: 'public_chat', name: 'Paste room'});
	await Api.for(bob).join(roomId);
	const app = await startBinary(configDir, {room: roomId, columns: 120, rows: 30});
	terminals.push(app);
	await app.waitForScreen((screen) => /● connected /.test(screen) && screen.includes('# Paste room'), 'the binary connected, in the room', 30_000);

	await app.paste('first line\nsecond line\nthird line');
	const pasted = await app.waitForScreen((screen) => screen.includes('third line'), 'the pasted lines in the composer');
	expect(composerRows(pasted, 3)).toEqual(['> first line', '  second line', '  third line']);

	await app.press('Enter');
	await app.waitForScreen((screen) => pane(screen, 1).includes('third line') && !screen.includes('(sending…)') && composerRows(screen, 1)[0]!.includes('message Paste room'), 'the message sent and confirmed');
	const stored = await Api.for(bob).messages(roomId);
	expect(aliceBodies(stored)).toEqual(['first line\nsecond line\nthird line']);
}, 90_000);
