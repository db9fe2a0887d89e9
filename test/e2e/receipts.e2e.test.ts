/**
 * Issue 15: read receipts and the read marker, the real binary in tmux against Synapse with Bob
 * as a second real client. Bob's receipt shows at the end of the line he read up to on Alice's
 * screen; Alice reading the room sends her receipt and read marker, which Bob's API reads back.
 */
import {afterAll, beforeAll, expect, test} from 'vitest';
import {waitForAsync} from '../support/wait.js';
import {buildBinary, configWithSession, removeConfig, startBinary} from './support/binary.js';
import {Api, homeserverUrl, registerNamed, type RegisteredUser} from './support/homeserver.js';
import {pane} from './support/screen-text.js';
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

test("Bob's read receipt appears after the line he read; Alice's reading sends her receipt and read marker", {timeout: 120_000}, async () => {
	const roomId = await Api.for(bob).createRoom({preset: 'private_chat', name: 'Receipts', invite: [alice.userId]});
	await Api.for(alice).join(roomId);
	const first = await Api.for(alice).sendMessage(roomId, 'first from Alice');
	await Api.for(alice).sendMessage(roomId, 'second from Alice');
	app = await startBinary(configDir, {room: roomId, rows: 30});
	await app.waitForText('Alice: second from Alice', 30_000);

	await Api.for(bob).request('POST', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/receipt/m.read/${encodeURIComponent(first)}`, {});
	const screen = await app.waitForScreen((s) => pane(s, 1).split('\n').some((row) => /Alice: first from Alice\s+✓ Bob/.test(row)), "Bob's receipt after the first line", 30_000);
	expect(pane(screen, 1).split('\n').find((row) => row.includes('second from Alice'))).not.toContain('✓');

	// Bob writes; Alice, at the end of the room, has read it: her receipt and marker go to it.
	const bobs = await Api.for(bob).sendMessage(roomId, 'hello from Bob');
	await app.waitForText('Bob: hello from Bob', 30_000);
	const marker = () => Api.for(alice).request<{event_id?: string}>('GET', `/_matrix/client/v3/user/${encodeURIComponent(alice.userId)}/rooms/${encodeURIComponent(roomId)}/account_data/m.fully_read`).catch(() => ({event_id: undefined}));
	await waitForAsync(async () => (await marker()).event_id === bobs, "Alice's read marker at Bob's message", 30_000);
});
