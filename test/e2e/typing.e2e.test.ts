/**
 * Issue 15: typing notifications both ways, the real binary against Synapse. Bob's typing shows
 * under Alice's timeline and goes when he stops; what Alice types is announced to the room, and
 * stops when she sends. Bob is read raw: the typing list his /sync carries.
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

let syncs = 0;

/** Who types in the room, as a fresh /sync of Bob's says. */
async function typingSeenByBob(roomId: string): Promise<string[]> {
	// Synapse keeps a sync's response for the same request a while: a timeout of its own makes each one new.
	const body = await Api.for(cast.bob).request<{rooms?: {join?: Record<string, {ephemeral?: {events?: Array<{type: string; content: {user_ids?: string[]}}>}}>}}>('GET', `/_matrix/client/v3/sync?timeout=${++syncs}`);
	const events = body.rooms?.join?.[roomId]?.ephemeral?.events ?? [];
	return events.find((event) => event.type === 'm.typing')?.content.user_ids ?? [];
}

const setTyping = (roomId: string, typing: boolean) => Api.for(cast.bob).request('PUT', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/typing/${encodeURIComponent(cast.bob.userId)}`, typing ? {typing, timeout: 30_000} : {typing});

test('Bob typing shows under the timeline and goes; Alice typing is announced to the room and ends when she sends', {timeout: 120_000}, async () => {
	const roomId = await Api.for(cast.bob).createRoom({preset: 'private_chat', name: 'Typing', invite: [cast.alice.userId]});
	await Api.for(cast.alice).join(roomId);
	app = await startBinary(cast.configDir, {room: roomId, rows: 30});
	await app.waitForText('● connected ', 30_000);

	await setTyping(roomId, true);
	const screen = await app.waitForScreen((s) => pane(s, 1).includes('Bob is typing…'), 'Bob typing under the timeline', 30_000);
	expect(screen).not.toContain('Alice is typing');
	await setTyping(roomId, false);
	await app.waitForScreen((s) => !s.includes('is typing…'), 'the typing line gone', 30_000);

	await app.type('hello Bob');
	await waitForAsync(async () => (await typingSeenByBob(roomId)).includes(cast.alice.userId), 'Alice typing, as Bob syncs it', 30_000);
	await app.press('Enter');
	await waitForAsync(async () => (await typingSeenByBob(roomId)).length === 0, "nobody typing once Alice sent (well before the server's own 30 s)", 15_000);
	await app.waitForText('Alice: hello Bob', 30_000);
});
