/**
 * Issue 15, the composer: the real binary in tmux, a paste of several lines as a terminal pastes
 * (tmux adds the bracketed-paste markers only when the program asked for them), then Enter. What
 * Synapse stores, read back by another user, is one message whose body holds the line breaks —
 * where a paste used to send its first line at once, as a message of its own.
 */
import {afterAll, afterEach, beforeAll, expect, test} from 'vitest';
import {waitForAsync} from '../support/wait.js';
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
	let stored: Json[] = [];
	await waitForAsync(async () => {
		stored = await Api.for(bob).messages(roomId);
		return aliceBodies(stored).length > 0;
	}, "Alice's message on the server", 30_000);
	expect(aliceBodies(stored)).toEqual(['first line\nsecond line\nthird line']);
}, 90_000);

test('/edit takes the last message back into the composer, and Enter stores its replacement (m.replace), formatted from its markdown', async () => {
	const roomId = await Api.for(alice).createRoom({preset: 'public_chat', name: 'Edit room'});
	await Api.for(bob).join(roomId);
	const app = await startBinary(configDir, {room: roomId, columns: 120, rows: 30});
	terminals.push(app);
	await app.waitForScreen((screen) => /● connected /.test(screen) && screen.includes('# Edit room'), 'the binary connected, in the room', 30_000);
	await app.paste('meet at 10\nin the hall');
	await app.waitForScreen((screen) => screen.includes('in the hall'), 'the pasted lines in the composer');
	await app.press('Enter');
	await app.waitForScreen((screen) => pane(screen, 1).includes('in the hall') && !screen.includes('(sending…)'), 'the message sent and confirmed');

	await app.type('/edit');
	await app.press('Enter');
	const editing = await app.waitForScreen((screen) => composerRows(screen, 2)[0]!.startsWith('edit> '), 'the message in the composer, to edit');
	expect(composerRows(editing, 2)).toEqual(['edit> meet at 10', '      in the hall']);
	await app.type(', **room 2**');
	await app.press('Enter');
	// Drawn from its formatted body: the markdown's stars are gone, the words bold.
	await app.waitForScreen((screen) => pane(screen, 1).includes('in the hall, room 2 (edited)') && !screen.includes('(sending…)'), 'the edit shown in place');

	// The edit shows in place from its local echo: the server may not have it yet.
	const replacementsIn = (events: Json[]) => events.filter((event) => ((event['content'] as Json)['m.relates_to'] as Json | undefined)?.['rel_type'] === 'm.replace');
	let stored: Json[] = [];
	await waitForAsync(async () => {
		stored = await Api.for(bob).messages(roomId);
		return replacementsIn(stored).length > 0;
	}, 'the replacement on the server', 30_000);
	const original = stored.find((event) => event['type'] === 'm.room.message' && (event['content'] as Json)['body'] === 'meet at 10\nin the hall');
	const replacements = replacementsIn(stored);
	expect(replacements.map((event) => event['content'])).toEqual([
		{
			'msgtype': 'm.text',
			'body': '* meet at 10\nin the hall, **room 2**',
			'format': 'org.matrix.custom.html',
			'formatted_body': '* <p>meet at 10<br />\nin the hall, <strong>room 2</strong></p>',
			// Nobody mentioned, before or now: nobody to notify of the edit.
			'm.mentions': {},
			// The new text formatted as a message of its own would be.
			'm.new_content': {'msgtype': 'm.text', 'body': 'meet at 10\nin the hall, **room 2**', 'format': 'org.matrix.custom.html', 'formatted_body': '<p>meet at 10<br />\nin the hall, <strong>room 2</strong></p>', 'm.mentions': {}},
			'm.relates_to': {rel_type: 'm.replace', event_id: original?.['event_id']},
		},
	]);
}, 90_000);
