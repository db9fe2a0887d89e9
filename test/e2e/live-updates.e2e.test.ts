/**
 * Scenario 5: while the app runs, what other users do on the server (messages, joins, leaves,
 * renames) appears on its screen, in the server's order; and what we type reaches the others.
 */
import {afterEach, beforeAll, expect, test} from 'vitest';
import {startClient, stopClients} from './support/client.js';
import {Api, registerNamed, type Json, type RegisteredUser} from './support/homeserver.js';
import {pane} from './support/screen-text.js';

let alice: RegisteredUser;
let bob: RegisteredUser;
let carol: RegisteredUser;

beforeAll(async () => {
	[alice, bob, carol] = await registerNamed('Alice', 'Bob', 'Carol');
});

afterEach(() => stopClients());

function bodies(events: Json[]): string[] {
	return events.filter((event) => event['type'] === 'm.room.message').map((event) => String((event['content'] as Json)['body']));
}

test('messages and membership changes from others appear live, in order; our reply reaches them', async () => {
	const roomId = await Api.for(alice).createRoom({preset: 'public_chat', name: 'Live room'});
	await Api.for(bob).join(roomId);
	const me = await startClient(alice, {columns: 160, rows: 40});
	await me.waitForText('# Live room');
	await me.waitForText('Bob joined');

	await Api.for(bob).sendMessage(roomId, 'hello from bob');
	await me.waitForText('Bob: hello from bob');

	await Api.for(carol).join(roomId);
	await me.waitForText('Carol joined');
	await me.waitForScreen((screen) => /Joined \(3\)/.test(pane(screen, 2)), 'the member list to count 3 joined');

	await Api.for(carol).sendMessage(roomId, 'hi, carol here');
	await Api.for(carol).setDisplayName('Caroline');
	await me.waitForText('Carol changed their display name to Caroline');
	await Api.for(bob).leave(roomId, 'gotta go');
	await me.waitForText('Bob left: gotta go');
	const screen = await me.waitForScreen((s) => pane(s, 2).includes('1 departed hidden'), 'the member list to hide Bob');
	expect(pane(screen, 2)).toMatch(/Joined \(2\)/);
	expect(pane(screen, 2)).toContain('Caroline');

	// Everything arrived in the order the server stored it.
	const timeline = pane(screen, 1);
	// Lines name people as they were called then (Element does the same): the message predates the rename.
	const shown = [/Bob joined/, /Bob: hello from bob/, /Carol joined/, /Carol: hi, carol here/, /Carol changed their display name to Caroline/, /Bob left: gotta go/];
	const positions = shown.map((pattern) => timeline.search(pattern));
	expect(positions.every((position) => position >= 0), `all of ${shown.join(' ')} on screen:\n${timeline}`).toBe(true);
	expect([...positions].sort((a, b) => a - b)).toEqual(positions);
	const stored = await Api.for(alice).messages(roomId);
	expect(bodies(stored)).toEqual(['hello from bob', 'hi, carol here']);

	// The list the panel holds is kept up to date change by change: revealed, the departed Bob is
	// under Left with his reason; back, he is joined again and no one is left.
	me.submit('/show-deleted');
	const revealed = await me.waitForScreen((s) => /Left \(1\)/.test(pane(s, 2)) && pane(s, 2).includes('“gotta go”'), 'Bob under Left with his reason');
	expect(pane(revealed, 2)).toMatch(/Joined \(2\)/);
	await Api.for(bob).join(roomId);
	const back = await me.waitForScreen((s) => /Joined \(3\)/.test(pane(s, 2)), 'Bob joined again');
	expect(pane(back, 2)).not.toContain('Left (');
	expect(pane(back, 2)).not.toContain('gotta go');
	me.submit('/hide-deleted');
	await me.waitForScreen((s) => !pane(s, 2).includes('showing deleted'), 'the departed hidden again');

	// And the other way: what we type is stored once, as ours, and the echo settles.
	me.submit('welcome, Caroline');
	await me.waitForScreen((s) => s.includes('Alice: welcome, Caroline') && !s.includes('(sending…)'), 'our message to be confirmed');
	const afterReply = await Api.for(carol).messages(roomId);
	const replies = afterReply.filter((event) => event['type'] === 'm.room.message' && event['sender'] === alice.userId);
	expect(replies.map((event) => event['content'])).toEqual([{'msgtype': 'm.text', 'body': 'welcome, Caroline', 'm.mentions': {}}]);
});
