/**
 * Issue 16: threads, the real binary in tmux against Synapse with Bob as a second client. Bob posts
 * a root and a reply in its thread; Alice's /threads lists it with "1 reply", Enter opens it; her
 * reply reaches Bob (the raw event from the server) with the m.thread relation to the root and the
 * fallback m.in_reply_to to his reply; Bob answers again and the line appears in her thread pane.
 */
import {afterAll, expect, test} from 'vitest';
import {waitForAsync} from '../support/wait.js';
import {startBinary} from './support/binary.js';
import {Api, type Json} from './support/homeserver.js';
import {pane} from './support/screen-text.js';
import type {TmuxTerminal} from './support/tmux.js';
import {aliceAndBob} from './support/alice-and-bob.js';

let app: TmuxTerminal | undefined;

const cast = aliceAndBob();

afterAll(async () => {
	await app?.kill();
});

let syncs = 0;

/** The thread_id of Alice's m.read receipt at `eventId`, as a fresh /sync of Bob's says. */
async function aliceReceiptThread(roomId: string, eventId: string): Promise<string | undefined> {
	type Receipts = Record<string, Record<string, Record<string, {thread_id?: string}>>>;
	const body = await Api.for(cast.bob).request<{rooms?: {join?: Record<string, {ephemeral?: {events?: Array<{type: string; content: Receipts}>}}>}}>('GET', `/_matrix/client/v3/sync?timeout=${++syncs}`);
	const events = body.rooms?.join?.[roomId]?.ephemeral?.events ?? [];
	return events.filter((event) => event.type === 'm.receipt').map((event) => event.content[eventId]?.['m.read']?.[cast.alice.userId]?.thread_id).find(Boolean);
}

const inThread = (rootId: string, latestId: string, body: string): Json => ({
	msgtype: 'm.text',
	body,
	'm.relates_to': {rel_type: 'm.thread', event_id: rootId, is_falling_back: true, 'm.in_reply_to': {event_id: latestId}},
});

test("/threads lists Bob's thread, Enter opens it, Alice's reply carries the thread relation, Bob's next reply appears in the pane", {timeout: 180_000}, async () => {
	const bob = Api.for(cast.bob);
	const roomId = await bob.createRoom({preset: 'private_chat', name: 'Threads', invite: [cast.alice.userId]});
	await Api.for(cast.alice).join(roomId);
	const rootId = await bob.sendMessage(roomId, 'Plan for Friday?');
	const bobsReply = await bob.sendMessage(roomId, inThread(rootId, rootId, 'I bring the slides'));
	await bob.sendMessage(roomId, 'back in the room');

	app = await startBinary(cast.configDir, {room: roomId, rows: 30});
	await app.waitForText('Bob: back in the room', 30_000);
	await app.waitForText('🧵 #1 1 reply in thread (last: Bob)', 30_000);

	await app.type('/threads');
	await app.press('Enter');
	const list = await app.waitForScreen((s) => s.includes('Threads in Threads (1)') && s.includes('Bob: Plan for Friday?  — 1 reply, last'), 'the thread list with one reply', 30_000);
	expect(list).toContain('●');

	await app.press('Enter');
	const opened = await app.waitForScreen((s) => s.includes('Thread: Plan for Friday?') && pane(s, 1).includes('Bob: I bring the slides'), 'the thread pane with its reply', 30_000);
	expect(pane(opened, 1)).not.toContain('back in the room');
	// Reading the thread sent a threaded receipt: Bob's sync carries it, with the thread's root.
	await waitForAsync(async () => (await aliceReceiptThread(roomId, bobsReply)) === rootId, "Alice's threaded receipt at Bob's reply", 30_000);

	await app.type('count me in');
	await app.press('Enter');
	let sent: Json | undefined;
	await waitForAsync(
		async () => {
			sent = (await bob.messages(roomId)).find((event) => (event.content as Json | undefined)?.['body'] === 'count me in');
			return sent !== undefined;
		},
		"Alice's reply, as the server gives it to Bob",
		30_000,
	);
	expect((sent!.content as Json)['m.relates_to']).toEqual({rel_type: 'm.thread', event_id: rootId, is_falling_back: true, 'm.in_reply_to': {event_id: bobsReply}});

	await bob.sendMessage(roomId, inThread(rootId, sent!.event_id as string, 'see you there'));
	const withBobs = await app.waitForScreen((s) => s.includes('Thread: Plan for Friday?') && pane(s, 1).includes('Bob: see you there'), "Bob's new reply in the thread pane", 30_000);
	const lines = pane(withBobs, 1).split('\n');
	const at = (text: string) => lines.findIndex((line) => line.includes(text));
	expect(at('Alice: count me in')).toBeGreaterThan(at('Bob: I bring the slides'));
	expect(at('Bob: see you there')).toBeGreaterThan(at('Alice: count me in'));

	// Esc: back to the room's timeline, where the thread's marker counts all three.
	await app.press('Escape');
	await app.waitForText('🧵 #1 3 replies in thread (last: Bob)', 30_000);
});
