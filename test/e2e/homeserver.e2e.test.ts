/**
 * Proves the e2e harness against the real Synapse and pins the protocol facts the app relies on
 * (leave reasons, MSC3759 deactivation labels, MSC3901 `deleted` state, power checks).
 */
import {beforeAll, describe, expect, test} from 'vitest';
import {Api, HomeserverError, registerUser, type Json, type RegisteredUser} from './support/homeserver.js';

let alice: RegisteredUser;
let bob: RegisteredUser;
let aliceApi: Api;
let bobApi: Api;

beforeAll(async () => {
	alice = await registerUser('alice');
	bob = await registerUser('bob');
	aliceApi = Api.for(alice);
	bobApi = Api.for(bob);
});

/** A room created by alice that bob has joined (public, so no invite is needed). */
async function sharedRoom(): Promise<string> {
	const roomId = await aliceApi.createRoom({preset: 'public_chat', name: 'e2e harness'});
	expect(await bobApi.join(roomId)).toBe(roomId);
	return roomId;
}

async function rejection(promise: Promise<unknown>): Promise<HomeserverError> {
	const error: unknown = await promise.then(
		() => undefined,
		(error: unknown) => error,
	);
	if (!(error instanceof HomeserverError)) throw new Error(`expected a HomeserverError, got ${String(error)}`);
	return error;
}

function memberEvent(events: Json[], userId: string): Json | undefined {
	return events.find(event => event['type'] === 'm.room.member' && event['state_key'] === userId);
}

describe('registration', () => {
	test('users get distinct IDs on localhost and working access tokens', async () => {
		expect(alice.userId).toMatch(/^@alice-[0-9a-f]+:localhost$/);
		expect(bob.userId).not.toBe(alice.userId);
		expect(await aliceApi.whoami()).toMatchObject({user_id: alice.userId, device_id: alice.deviceId});
	});

	test('admins are registered through the shared-secret admin API', async () => {
		const admin = await registerUser('admin', {admin: true});
		const api = Api.for(admin);
		expect((await api.whoami()).user_id).toBe(admin.userId);
		const user = await api.request('GET', `/_synapse/admin/v2/users/${encodeURIComponent(admin.userId)}`);
		expect(user['admin']).toBe(true);
		// ...and ordinary users are not admins.
		const error = await rejection(
			bobApi.request('GET', `/_synapse/admin/v2/users/${encodeURIComponent(bob.userId)}`),
		);
		expect(error.status).toBe(403);
	});
});

describe('membership', () => {
	test('a leave with a reason is stored as {membership: leave, reason}', async () => {
		const roomId = await sharedRoom();
		expect(await aliceApi.getState(roomId, 'm.room.member', bob.userId)).toMatchObject({membership: 'join'});

		await bobApi.leave(roomId, 'off to lunch');

		expect(await aliceApi.getState(roomId, 'm.room.member', bob.userId)).toEqual({
			membership: 'leave',
			reason: 'off to lunch',
		});
		const event = memberEvent(await aliceApi.getStateEvents(roomId), bob.userId);
		expect(event).toMatchObject({sender: bob.userId, content: {membership: 'leave', reason: 'off to lunch'}});
	});

	test('a kick is a leave sent by the kicker, carrying the reason', async () => {
		const roomId = await sharedRoom();
		await aliceApi.kick(roomId, bob.userId, 'spam');
		const event = memberEvent(await aliceApi.getStateEvents(roomId), bob.userId);
		expect(event).toMatchObject({
			sender: alice.userId,
			state_key: bob.userId,
			content: {membership: 'leave', reason: 'spam'},
		});
	});

	test('a user may PUT its own MSC3759 deactivated leave, stored as sent', async () => {
		const roomId = await sharedRoom();
		const content = {membership: 'leave', 'org.matrix.msc3759.deactivated': true};

		const eventId = await bobApi.putState(roomId, 'm.room.member', bob.userId, content);

		expect(eventId).toMatch(/^\$/);
		expect(await aliceApi.getState(roomId, 'm.room.member', bob.userId)).toEqual(content);
		const members = await aliceApi.members(roomId);
		expect(memberEvent(members, bob.userId)).toMatchObject({event_id: eventId, sender: bob.userId, content});
	});

	test('real deactivation leaves rooms with a plain leave (Synapse has no MSC3759)', async () => {
		const carol = await registerUser('carol');
		const roomId = await aliceApi.createRoom({preset: 'public_chat'});
		await Api.for(carol).join(roomId);

		await Api.for(carol).deactivate(carol.password);

		// Synapse parts the deactivated user's rooms in a background task, after the request returns.
		await expect
			.poll(() => aliceApi.getState(roomId, 'm.room.member', carol.userId), {timeout: 15_000, interval: 100})
			.toEqual({membership: 'leave'});
		const error = await rejection(Api.for(carol).whoami());
		expect(error.status).toBe(401);
		expect(error.errcode).toBe('M_UNKNOWN_TOKEN');
	});
});

describe('state', () => {
	test('custom state with deleted: true round-trips unchanged', async () => {
		const roomId = await sharedRoom();
		const content = {deleted: true, note: 'tombstoned by the app'};

		await aliceApi.putState(roomId, 'org.example.e2e.thing', 'k1', content);

		expect(await bobApi.getState(roomId, 'org.example.e2e.thing', 'k1')).toEqual(content);
		const events = await bobApi.getStateEvents(roomId);
		expect(events.find(e => e['type'] === 'org.example.e2e.thing')).toMatchObject({state_key: 'k1', content});
	});

	test('missing state is a 404 M_NOT_FOUND with status and errcode on the error', async () => {
		const roomId = await sharedRoom();
		const error = await rejection(aliceApi.getState(roomId, 'org.example.e2e.absent', 'nope'));
		expect(error.status).toBe(404);
		expect(error.errcode).toBe('M_NOT_FOUND');
		expect(error.message).toContain('GET /_matrix/client/v3/rooms/');
		expect(error.message).toContain('404 M_NOT_FOUND');
	});

	test('power-restricted state is refused with 403 until the sender is given power', async () => {
		const roomId = await sharedRoom();

		const error = await rejection(bobApi.putState(roomId, 'm.room.topic', '', {topic: 'by bob'}));
		expect(error.status).toBe(403);
		expect(error.errcode).toBe('M_FORBIDDEN');
		const custom = await rejection(bobApi.putState(roomId, 'org.example.e2e.thing', '', {x: 1}));
		expect(custom.status).toBe(403);

		await aliceApi.setPowerLevel(roomId, bob.userId, 50);
		await bobApi.putState(roomId, 'm.room.topic', '', {topic: 'by bob'});
		expect(await aliceApi.getState(roomId, 'm.room.topic')).toEqual({topic: 'by bob'});
	});

	test('a redacted message loses its content', async () => {
		const roomId = await sharedRoom();
		const eventId = await bobApi.sendMessage(roomId, 'oops');
		const redactionId = await aliceApi.redact(roomId, eventId, 'cleanup');
		expect(redactionId).toMatch(/^\$/);
		const event = await aliceApi.request('GET', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/event/${encodeURIComponent(eventId)}`);
		expect(event['content']).toEqual({});
	});
});
