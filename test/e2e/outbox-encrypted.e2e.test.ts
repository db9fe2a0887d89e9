/**
 * Never a message in clear into an encrypted room. A session whose encryption is off (no crypto
 * store: a bare access token, or a store that would not open) refuses a message typed in a room
 * with m.room.encryption before anything is sent — also when the room turns encrypted while the
 * message waits in the outbox — and Synapse holds nothing of it. (With encryption on, the same
 * messages go encrypted: encrypted-send.e2e.test.ts.)
 */
import {afterEach, beforeAll, expect, test} from 'vitest';
import {composerLine, startClient, statusLine, stopClients, type TestClient} from './support/client.js';
import {Api, registerNamed, type Json, type RegisteredUser} from './support/homeserver.js';
import {pane} from './support/screen-text.js';

let alice: RegisteredUser;
let bob: RegisteredUser;

beforeAll(async () => {
	[alice, bob] = await registerNamed('Alice', 'Bob');
});

afterEach(() => stopClients());

const ENCRYPTION = {type: 'm.room.encryption', state_key: '', content: {algorithm: 'm.megolm.v1.aes-sha2'}};

/** Synapse's first sync may still list a room just joined as an invite: the next one has the join. */
async function joined(client: TestClient, roomId: string): Promise<void> {
	await client.waitForScreen(() => client.chat.store.getState().rooms.get(roomId)?.membership === 'join', 'the room to show as joined');
}

/** Every event Alice has in the room that carries a body in clear, as Bob reads them. */
async function clearMessagesFrom(roomId: string, sender: string): Promise<string[]> {
	const events = await Api.for(bob).messages(roomId);
	return events.filter((event) => event['sender'] === sender && event['type'] === 'm.room.message').map((event) => String((event['content'] as Json)['body']));
}

test('encryption off: a message typed in an encrypted room is refused on one line and never reaches the server; the text comes back', {timeout: 60_000}, async () => {
	const roomId = await Api.for(alice).createRoom({preset: 'private_chat', name: 'Secret room', initial_state: [ENCRYPTION], invite: [bob.userId]});
	await Api.for(bob).join(roomId);
	const client = await startClient(alice, {columns: 160, rows: 40, initialRoom: roomId});
	await joined(client, roomId);
	client.submit('this must stay secret');
	const screen = await client.waitForScreen((s) => statusLine(s).includes('Cannot send the message: this room is encrypted, and encryption is off on this device'), 'the refusal on the status line');
	expect(composerLine(screen)).toContain('this must stay secret');
	expect(pane(screen, 1)).not.toContain('Alice: this must stay secret');
	expect(await clearMessagesFrom(roomId, alice.userId)).toEqual([]);
});

test('encryption off: a room that turns encrypted while a message waits: refused, marked "not sent", nothing in clear on the server', {timeout: 60_000}, async () => {
	// Bob's room, where Alice may not post yet: her message waits, refused, for a /retry.
	const roomId = await Api.for(bob).createRoom({preset: 'private_chat', name: 'Turning room', invite: [alice.userId], power_level_content_override: {events_default: 50}});
	await Api.for(alice).join(roomId);
	const client = await startClient(alice, {columns: 160, rows: 40, initialRoom: roomId});
	await joined(client, roomId);
	client.submit('typed before encryption');
	await client.waitForScreen((s) => /typed before encryption\s+\(not sent: not allowed/.test(pane(s, 1)), 'the message refused for power');
	// Now the room is encrypted and Alice may post: a retry must still not send it in clear.
	await Api.for(bob).putState(roomId, 'm.room.encryption', '', ENCRYPTION.content);
	const levels = await Api.for(bob).getState(roomId, 'm.room.power_levels');
	await Api.for(bob).putState(roomId, 'm.room.power_levels', '', {...levels, events_default: 0});
	const room = () => client.chat.store.getState().rooms.get(roomId);
	await client.waitForScreen(
		() => !!room()?.state.some((event) => event.type === 'm.room.encryption') && !!room()?.state.some((event) => event.type === 'm.room.power_levels' && event.content?.['events_default'] === 0),
		'the encryption and the new power levels to reach the client',
	);
	client.submit('/retry');
	await client.waitForScreen((s) => /typed before encryption\s+\(not sent: this room is encrypted/.test(pane(s, 1)), 'the retried message refused because the room is encrypted now');
	expect(await clearMessagesFrom(roomId, alice.userId)).toEqual([]);
});
