/**
 * /deactivate on Synapse. Synapse does not send MSC3759's flag when it parts a deactivated user from
 * their rooms; matrix-tui sends it itself: after two confirmations it leaves every joined room with
 * its own leave carrying `m.deactivated` and `org.matrix.msc3759.deactivated` (and the reason), then
 * deactivates through the m.login.password interactive-auth step. Another user's screen then shows
 * the label in every room they shared, and their direct chat is marked "account deactivated".
 */
import {afterEach, beforeAll, expect, test} from 'vitest';
import {composerLine, startClient, statusLine, stopClients, type TestClient} from './support/client.js';
import {Api, HomeserverError, registerNamed, registerUser, type Json, type RegisteredUser} from './support/homeserver.js';
import {pane} from './support/screen-text.js';

let me: RegisteredUser;
let bob: RegisteredUser;
let carol: RegisteredUser;

beforeAll(async () => {
	[me, bob, carol] = await registerNamed('Me', 'Bob', 'Carol');
});

afterEach(() => stopClients());

async function memberEvent(roomId: string, userId: string): Promise<Json> {
	const events = await Api.for(bob).getStateEvents(roomId);
	const event = events.find((e) => e['type'] === 'm.room.member' && e['state_key'] === userId);
	if (!event) throw new Error(`no member event for ${userId} in ${roomId}`);
	return event;
}

async function showRoom(client: TestClient, roomId: string): Promise<void> {
	client.chat.store.dispatch({type: 'select-room', roomId});
	await client.waitForScreen(() => client.chat.store.getState().selectedRoomId === roomId, `room ${roomId} selected`);
}

test('asks twice, leaves every room labelled deactivated, deactivates with the password; others see the label everywhere', async () => {
	const group = await Api.for(bob).createRoom({preset: 'public_chat', name: 'Group'});
	await Promise.all([Api.for(me).join(group), Api.for(carol).join(group)]);
	const mine = await Api.for(me).createRoom({preset: 'public_chat', name: 'Mine'});
	await Api.for(bob).join(mine);
	// A direct chat: no name, no alias, just the two of us.
	const direct = await Api.for(bob).createRoom({preset: 'trusted_private_chat', is_direct: true, invite: [me.userId]});
	await Api.for(me).join(direct);
	await Api.for(bob).sendMessage(direct, 'are you still around?');

	const watcher = await startClient(bob, {columns: 160, rows: 40});
	const client = await startClient(me, {columns: 200, rows: 40});
	await client.waitForScreen((s) => ['Group', 'Mine'].every((name) => pane(s, 0).includes(name)) && pane(s, 0).split('\n').filter((line) => line.trim()).length >= 4, 'all three rooms listed');

	// A wrong user ID is refused and nothing happens.
	client.submit('/deactivate moving elsewhere');
	await client.waitForText('Type your user ID to confirm (1 of 2');
	client.submit('@someone:localhost');
	await client.waitForText(`Not deactivated: that is not your user ID (${me.userId})`);
	expect((await memberEvent(group, me.userId))['content']).toMatchObject({membership: 'join'});

	client.submit('/deactivate moving elsewhere');
	await client.waitForText('Type your user ID to confirm (1 of 2');
	client.submit(me.userId);
	await client.waitForText('Type your user ID once more (2 of 2');
	client.submit(me.userId);
	let screen = await client.waitForText('Your password to deactivate', 30_000);
	expect(statusLine(screen)).toContain('left 3 rooms');

	// Every room now holds our own leave with both flags and the reason; the account is still active.
	const leave = {membership: 'leave', 'm.deactivated': true, 'org.matrix.msc3759.deactivated': true, reason: 'moving elsewhere'};
	for (const roomId of [group, mine, direct]) {
		const event = await memberEvent(roomId, me.userId);
		expect(event['sender']).toBe(me.userId);
		expect(event['content']).toEqual(leave);
	}
	expect((await Api.for(me).whoami()).user_id).toBe(me.userId);

	// A wrong password first: one line, asked again, never shown.
	client.type('not my password');
	screen = await client.waitForScreen((s) => composerLine(s).includes('password> •'), 'the password to show masked');
	expect(composerLine(screen).trimEnd()).toBe(`password> ${'•'.repeat('not my password'.length)}`);
	expect(screen).not.toContain('not my password');
	client.type('\r');
	screen = await client.waitForText('Invalid username or password');
	expect(screen).not.toContain('not my password');
	expect((await Api.for(me).whoami()).user_id).toBe(me.userId);

	client.submit(me.password);
	await client.waitForScreen((s) => s.includes(`Account ${me.userId} deactivated`) || s.includes('Session ended by the server'), 'the deactivation to finish');
	expect(client.screen()).not.toContain(me.password);
	expect(JSON.stringify(client.chat.store.getState().composer)).not.toContain(me.password);
	const error = await Api.for(me).whoami().catch((e: unknown) => e);
	expect(error).toBeInstanceOf(HomeserverError);
	expect((error as HomeserverError).status).toBe(401);
	// Synapse parted nothing more: our labelled leaves are what everyone sees.
	for (const roomId of [group, mine, direct]) expect((await memberEvent(roomId, me.userId))['content']).toEqual(leave);

	// Bob's screen: the label in every room he shared with us.
	for (const roomId of [group, mine, direct]) {
		await showRoom(watcher, roomId);
		const seen = await watcher.waitForScreen((s) => pane(s, 1).includes('Me deactivated their account: moving elsewhere'), `the label in ${roomId}`);
		expect(pane(seen, 1)).not.toMatch(/Me left/);
	}
	// The direct chat is marked, and named by user ID rather than the cached "Me".
	screen = await watcher.waitForText('account deactivated');
	const rooms = pane(screen, 0);
	expect(rooms.match(/account deactivated/g)).toHaveLength(1);
	expect(rooms).toContain(me.userId.slice(0, 20));
	expect(pane(screen, 1)).toContain('— account deactivated');
	expect(pane(screen, 1)).toContain('Bob: are you still around?');
	expect(watcher.chat.store.getState().deactivatedUsers.has(me.userId)).toBe(true);
});

test('a forged flag — a kick carrying it — marks nothing on the watcher', async () => {
	const mod = await registerUser('mod');
	const dave = await registerUser('dave');
	await Api.for(dave).setDisplayName('Dave');
	// private_chat: the invitee gets no power, so the mod may kick.
	const direct = await Api.for(mod).createRoom({preset: 'private_chat', is_direct: true, invite: [dave.userId]});
	await Api.for(dave).join(direct);
	const watcher = await startClient(mod, {columns: 160, rows: 30});
	await watcher.waitForText('Dave joined');
	await Api.for(mod).putState(direct, 'm.room.member', dave.userId, {membership: 'leave', 'm.deactivated': true, 'org.matrix.msc3759.deactivated': true});
	const screen = await watcher.waitForText(/kicked Dave/);
	expect(screen).not.toContain('account deactivated');
	expect(pane(screen, 1)).not.toContain('Dave deactivated');
	expect(watcher.chat.store.getState().deactivatedUsers.size).toBe(0);
});
