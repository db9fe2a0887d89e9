/**
 * /optimise-room on Synapse: MSC3901's "Optimise Room" done by the client. Synapse's upgrade copies
 * a fixed set of state (join rules, name, topic, power levels…); matrix-tui copies every other live,
 * non-user-scoped state event, leaves the deleted state behind, invites everyone who was joined,
 * and follows the tombstone. Without the tombstone's power level, one line names the level.
 */
import {afterEach, beforeAll, expect, test} from 'vitest';
import {startClient, statusLine, stopClients} from './support/client.js';
import {Api, registerNamed, type Json, type RegisteredUser} from './support/homeserver.js';
import {pane} from './support/screen-text.js';

let alice: RegisteredUser;
let bob: RegisteredUser;
let carol: RegisteredUser;
let dave: RegisteredUser;

beforeAll(async () => {
	[alice, bob, carol, dave] = await registerNamed('Alice', 'Bob', 'Carol', 'Dave');
});

afterEach(() => stopClients());

const byKey = (events: Json[]) => new Map(events.map((event) => [`${String(event['type'])}|${String(event['state_key'])}`, event]));

test('the new room holds the live state, not the deleted state, and the members are invited', async () => {
	const api = Api.for(alice);
	const roomId = await api.createRoom({preset: 'public_chat', name: 'Crowded', topic: 'lots of state'});
	await Promise.all([Api.for(bob).join(roomId), Api.for(carol).join(roomId), Api.for(dave).join(roomId)]);
	await Api.for(dave).leave(roomId, 'bye'); // a leave: deleted state, and not invited
	// Live custom state, and state deleted in each of MSC3901's ways.
	await api.putState(roomId, 'e2e.note', 'k1', {text: 'keep me'});
	await api.putState(roomId, 'e2e.flag', '', {colour: 'red', deleted: 'true'}); // a string: live
	await api.putState(roomId, 'e2e.poll', '', {question: 'lunch?', deleted: true});
	await api.putState(roomId, 'e2e.widget', 'w1', {url: 'https://example.org', 'm.obsolete': true});
	const old = await api.putState(roomId, 'e2e.old', '', {text: 'secret'});
	await api.redact(roomId, old, 'outdated');
	// User-scoped live state (a per-user key): it stays with the old room.
	const levels = await api.getState(roomId, 'm.room.power_levels');
	await api.putState(roomId, 'm.room.power_levels', '', {...levels, events: {...(levels['events'] as Json), 'e2e.location': 0}});
	await Api.for(bob).putState(roomId, 'e2e.location', bob.userId, {live: true});

	const before = await api.getStateEvents(roomId);
	const deletedKeys = ['e2e.poll|', 'e2e.widget|w1', 'e2e.old|', `m.room.member|${dave.userId}`];
	const carried = before.filter((event) => {
		const key = `${String(event['type'])}|${String(event['state_key'])}`;
		return !deletedKeys.includes(key) && !String(event['state_key']).startsWith('@') && event['type'] !== 'm.room.create';
	});
	const version = (await api.getState(roomId, 'm.room.create'))['room_version'];

	const watcher = await startClient(bob, {columns: 160, rows: 40});
	const client = await startClient(alice, {columns: 200, rows: 44});
	await client.waitForText('# Crowded');
	client.submit('/optimise-room');
	let screen = await client.waitForText('Type optimise to confirm');
	expect(statusLine(screen)).toContain(`with ${carried.length} of ${before.length - 4} live state events, 2 members invited, 4 deleted left behind`);
	const plan = pane(screen, 2);
	expect(plan).toContain('Optimise room');
	expect(plan).toContain(`${before.length - 4} live · 4 deleted`);
	expect(plan).toContain(`${carried.length} state events carried`);
	expect(plan).toContain('2 members invited');
	expect(await api.getState(roomId, 'm.room.create')).not.toHaveProperty('tombstone');

	client.submit('optimise');
	screen = await client.waitForText('Room optimised', 30_000);
	expect(statusLine(screen)).toMatch(new RegExp(`${carried.length} state events carried over \\(\\d+ by matrix-tui\\), 2 members invited, 4 deleted left behind`));

	const tombstone = await api.getState(roomId, 'm.room.tombstone');
	const newRoomId = String(tombstone['replacement_room']);
	const after = byKey(await api.getStateEvents(newRoomId));
	expect(after.get('m.room.create|')?.['content']).toMatchObject({room_version: version, predecessor: {room_id: roomId}});
	// The live state: each carried event is there with the same content (power levels aside: Synapse adjusts them).
	for (const event of carried) {
		const key = `${String(event['type'])}|${String(event['state_key'])}`;
		expect(after.has(key), key).toBe(true);
		if (event['type'] !== 'm.room.power_levels' && event['type'] !== 'm.room.canonical_alias') expect(after.get(key)?.['content'], key).toEqual(event['content']);
	}
	expect(after.get('e2e.note|k1')?.['content']).toEqual({text: 'keep me'});
	expect(after.get('e2e.flag|')?.['content']).toEqual({colour: 'red', deleted: 'true'});
	// Not the deleted state, not the user-scoped state.
	for (const key of ['e2e.poll|', 'e2e.widget|w1', 'e2e.old|', `e2e.location|${bob.userId}`]) expect(after.has(key), key).toBe(false);
	// The members: invited by alice; dave, who left, is not.
	for (const user of [bob, carol]) expect(after.get(`m.room.member|${user.userId}`)).toMatchObject({sender: alice.userId, content: {membership: 'invite'}});
	expect(after.has(`m.room.member|${dave.userId}`)).toBe(false);

	// Alice's client followed the tombstone; Bob's has the invite.
	await client.waitForScreen(() => client.chat.store.getState().selectedRoomId === newRoomId, 'the new room selected');
	await client.waitForText('Alice invited Carol');
	await watcher.waitForScreen((s) => pane(s, 0).includes('invite'), "Bob's invite to the new room");
});

test('without the power to upgrade, one line names the level and nothing is upgraded', async () => {
	const roomId = await Api.for(alice).createRoom({preset: 'public_chat', name: 'Not yours'});
	await Api.for(bob).join(roomId);
	const client = await startClient(bob, {columns: 200, rows: 30, initialRoom: roomId});
	await client.waitForText('# Not yours');
	client.submit('/optimise-room');
	const screen = await client.waitForText('Cannot optimise the room: needs power level 100, you have 0');
	expect(statusLine(screen)).toContain('Cannot optimise the room: needs power level 100, you have 0');
	await expect(Api.for(alice).getState(roomId, 'm.room.tombstone')).rejects.toMatchObject({status: 404});
});
