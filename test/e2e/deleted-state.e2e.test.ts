/**
 * Scenario 4: MSC3901 deleted state. The state panel hides `deleted: true`, `m.obsolete: true`
 * and redacted state (not `deleted: "true"`), counts what it hides, reveals it with
 * /show-deleted; /delete-state and /undelete-state rewrite the content on Synapse; a 403 names the
 * power level needed and a 404 says the state is absent, both keeping the command in the composer.
 */
import {afterEach, beforeAll, expect, test} from 'vitest';
import {composerLine, startClient, statusLine, stopClients, type TestClient} from './support/client.js';
import {Api, registerNamed, type RegisteredUser} from './support/homeserver.js';
import {pane} from './support/screen-text.js';

let alice: RegisteredUser;
let bob: RegisteredUser;

beforeAll(async () => {
	[alice, bob] = await registerNamed('Alice', 'Bob');
});

afterEach(() => stopClients());

/** The state panel's rows (side pane), with "Room state" showing. */
function statePanel(screen: string): string {
	return pane(screen, 2);
}

function hasRow(panel: string, row: string): boolean {
	return panel.split('\n').some((line) => line.trim() === row);
}

async function openStatePanel(client: TestClient): Promise<string> {
	client.submit('/state');
	return client.waitForScreen((s) => statePanel(s).includes('Room state'), 'the state panel');
}

test('deleted state is hidden and counted, revealed marked, and deleted/undeleted on Synapse', async () => {
	const api = Api.for(alice);
	const roomId = await api.createRoom({preset: 'public_chat', name: 'State room'});
	await api.putState(roomId, 'e2e.poll', '', {question: 'lunch?', deleted: true});
	await api.putState(roomId, 'e2e.widget', 'w1', {url: 'https://example.org', 'm.obsolete': true});
	await api.putState(roomId, 'e2e.flag', '', {colour: 'red', deleted: 'true'}); // a string: not deleted
	await api.putState(roomId, 'e2e.note', 'k1', {text: 'keep me'});
	const oldNote = await api.putState(roomId, 'e2e.old', '', {text: 'secret'});
	const client = await startClient(alice, {columns: 160, rows: 56});
	await client.waitForText('# State room');
	// Redacted while the client runs: the live redaction must turn the state deleted.
	await api.redact(roomId, oldNote, 'cleanup');
	expect(await api.getState(roomId, 'e2e.old')).toEqual({});

	const total = (await api.getStateEvents(roomId)).filter((event) => event['type'] !== 'm.room.member').length;
	await openStatePanel(client);
	let panel = statePanel(await client.waitForText(`${total - 3} state events (3 deleted hidden)`));
	expect(hasRow(panel, 'e2e.flag')).toBe(true);
	expect(hasRow(panel, 'e2e.note k1')).toBe(true);
	expect(panel).not.toMatch(/e2e\.(poll|widget|old)/);
	expect(panel).toContain('/show-deleted reveals'); // (the hint is cut at the panel's edge)

	client.submit('/show-deleted');
	// The deleted rows come from the matrix layer once asked for: wait for them, not the heading.
	panel = statePanel(await client.waitForScreen((s) => statePanel(s).includes(`${total} state events (3 deleted shown)`) && (statePanel(s).match(/\[deleted\]/g) ?? []).length === 3, 'the deleted state rows'));
	expect(hasRow(panel, 'e2e.poll [deleted]')).toBe(true);
	expect(hasRow(panel, 'e2e.widget w1 [deleted]')).toBe(true);
	expect(hasRow(panel, 'e2e.old [deleted]')).toBe(true);
	expect(hasRow(panel, 'e2e.flag')).toBe(true);
	expect(hasRow(panel, 'e2e.note k1')).toBe(true);
	expect(panel.match(/\[deleted\]/g)).toHaveLength(3);

	client.submit('/hide-deleted');
	await client.waitForText(`${total - 3} state events (3 deleted hidden)`);
	client.submit('/delete-state e2e.note k1');
	let screen = await client.waitForText(`${total - 4} state events (4 deleted hidden)`);
	expect(statusLine(screen)).toContain('Deleted e2e.note "k1"');
	expect(hasRow(statePanel(screen), 'e2e.note k1')).toBe(false);
	expect(pane(screen, 1)).toContain('Alice deleted e2e.note state');
	expect(await api.getState(roomId, 'e2e.note', 'k1')).toEqual({text: 'keep me', deleted: true});

	client.submit('/undelete-state e2e.note k1');
	screen = await client.waitForText(`${total - 3} state events (3 deleted hidden)`);
	expect(statusLine(screen)).toContain('Restored e2e.note "k1"');
	expect(hasRow(statePanel(screen), 'e2e.note k1')).toBe(true);
	expect(await api.getState(roomId, 'e2e.note', 'k1')).toEqual({text: 'keep me'});

	// Absent state: the 404 line, and the command stays in the composer to fix and retry.
	client.submit('/undelete-state e2e.absent k9');
	screen = await client.waitForText('No e2e.absent "k9" state in this room');
	expect(composerLine(screen)).toContain('> /undelete-state e2e.absent k9');
	client.type('\u0015'); // Ctrl+U clears the composer
	client.submit('/delete-state e2e.absent');
	screen = await client.waitForText('No e2e.absent state in this room');
	expect(composerLine(screen)).toContain('> /delete-state e2e.absent');
	await expect(api.getState(roomId, 'e2e.absent', 'k9')).rejects.toMatchObject({status: 404});
});

test('without the power to send the state, /delete-state gets the 403 line naming the level needed', async () => {
	const roomId = await Api.for(alice).createRoom({preset: 'public_chat', name: 'Guarded room'});
	await Api.for(alice).putState(roomId, 'e2e.note', 'k1', {text: 'keep me'});
	await Api.for(bob).join(roomId);
	const client = await startClient(bob, {columns: 160, rows: 40});
	await client.waitForText('# Guarded room');

	client.submit('/delete-state e2e.note k1');

	const screen = await client.waitForText('Cannot delete e2e.note "k1": needs power level 50, you have 0');
	expect(composerLine(screen)).toContain('> /delete-state e2e.note k1');
	expect(await Api.for(alice).getState(roomId, 'e2e.note', 'k1')).toEqual({text: 'keep me'});
	// Synapse's own rule agrees: state_default 50 for a public_chat room, bob at 0.
	const levels = await Api.for(alice).getState(roomId, 'm.room.power_levels');
	expect(levels['state_default']).toBe(50);
});

test('sliding sync, a room too big for all its state in its subscription: the state panel reads the rest, deleted state hidden and counted', async () => {
	const api = Api.for(alice);
	const roomId = await api.createRoom({preset: 'public_chat', name: 'Big state room'});
	await Api.for(bob).join(roomId);
	await api.putState(roomId, 'e2e.poll', '', {question: 'lunch?', deleted: true});
	await api.putState(roomId, 'e2e.note', 'k1', {text: 'keep me'});
	// Out of the subscription's 30 events: the state comes by the room's state alone.
	for (let n = 1; n <= 32; n++) await Api.for(bob).sendMessage(roomId, `filler ${n}`);
	// Two members: "big" for a subscription that brings all state only up to one.
	const client = await startClient(alice, {columns: 160, rows: 56, sync: 'sliding', wholeStateUpTo: 1, initialRoom: roomId});
	await client.waitForText('Bob: filler 32');
	const total = (await api.getStateEvents(roomId)).filter((event) => event['type'] !== 'm.room.member').length;
	await openStatePanel(client);
	const panel = statePanel(await client.waitForText(`${total - 1} state events (1 deleted hidden)`));
	expect(hasRow(panel, 'e2e.note k1')).toBe(true);
	expect(panel).not.toContain('e2e.poll');
});
