/**
 * Issue 15: read receipts and the read marker, the real binary in tmux against Synapse with Bob
 * as a second real client. Bob's receipt shows at the end of the line he read up to on Alice's
 * screen; Alice reading the room sends her receipt and read marker, which Bob's API reads back.
 */
import {afterAll, expect, test} from 'vitest';
import {waitForAsync} from '../support/wait.js';
import {startBinary} from './support/binary.js';
import {Api} from './support/homeserver.js';
import {pane} from './support/screen-text.js';
import type {TmuxTerminal} from './support/tmux.js';
import {aliceAndBob} from './support/alice-and-bob.js';

let app: TmuxTerminal | undefined;

const cast = aliceAndBob();

afterAll(async () => {
	await app?.kill();
});

test("Bob's read receipt appears after the line he read; Alice's reading sends her receipt and read marker", {timeout: 120_000}, async () => {
	const roomId = await Api.for(cast.bob).createRoom({preset: 'private_chat', name: 'Receipts', invite: [cast.alice.userId]});
	await Api.for(cast.alice).join(roomId);
	const first = await Api.for(cast.alice).sendMessage(roomId, 'first from Alice');
	await Api.for(cast.alice).sendMessage(roomId, 'second from Alice');
	app = await startBinary(cast.configDir, {room: roomId, rows: 30});
	await app.waitForText('Alice: second from Alice', 30_000);

	await Api.for(cast.bob).request('POST', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/receipt/m.read/${encodeURIComponent(first)}`, {});
	const screen = await app.waitForScreen((s) => pane(s, 1).split('\n').some((row) => /Alice: first from Alice\s+✓ Bob/.test(row)), "Bob's receipt after the first line", 30_000);
	expect(pane(screen, 1).split('\n').find((row) => row.includes('second from Alice'))).not.toContain('✓');

	// Bob writes; Alice, at the end of the room, has read it: her receipt and marker go to it.
	const bobs = await Api.for(cast.bob).sendMessage(roomId, 'hello from Bob');
	await app.waitForText('Bob: hello from Bob', 30_000);
	const marker = () => Api.for(cast.alice).request<{event_id?: string}>('GET', `/_matrix/client/v3/user/${encodeURIComponent(cast.alice.userId)}/rooms/${encodeURIComponent(roomId)}/account_data/m.fully_read`).catch(() => ({event_id: undefined}));
	await waitForAsync(async () => (await marker()).event_id === bobs, "Alice's read marker at Bob's message", 30_000);
});
