/** The scenario server's room upgrade and account deactivation, at the HTTP level, as Synapse answers. */
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {DEMO_PASSWORD} from '../../src/demo/routes/account.js';
import {SERVER_COPIED_TYPES} from '../../src/demo/routes/upgrade.js';
import {LOBBY_ROOM_ID, MAIN_ROOM_ID, people} from '../../src/demo/scenario.js';
import {startScenarioServer, type ScenarioServer} from '../../src/demo/server.js';
import {api, roomPath} from './helpers.js';

let server: ScenarioServer;
beforeEach(async () => {
	server = await startScenarioServer();
});
afterEach(async () => {
	await server.close();
});

const DEACTIVATE = '/_matrix/client/v3/account/deactivate';
const password = (session: unknown, secret: string, user = server.userId) => ({auth: {type: 'm.login.password', identifier: {type: 'm.id.user', user}, password: secret, session}});

describe('POST /account/deactivate', () => {
	test('first a 401 with a session and the password flow, no errcode; a wrong password is 401 M_FORBIDDEN', async () => {
		const first = await api(server, 'POST', DEACTIVATE, {});
		expect(first.status).toBe(401);
		expect(first.json).toEqual({session: expect.any(String), flows: [{stages: ['m.login.password']}], params: {}});
		const wrong = await api(server, 'POST', DEACTIVATE, password(first.json.session, 'nope'));
		expect(wrong.status).toBe(401);
		expect(wrong.json).toMatchObject({errcode: 'M_FORBIDDEN', error: 'Invalid username or password', session: first.json.session});
		const otherUser = await api(server, 'POST', DEACTIVATE, password(first.json.session, DEMO_PASSWORD, people.alice));
		expect(otherUser.json.errcode).toBe('M_FORBIDDEN');
		const unknown = await api(server, 'POST', DEACTIVATE, password('made-up', DEMO_PASSWORD));
		expect(unknown.status).toBe(400);
		// Still active: the token works.
		expect((await api(server, 'GET', '/_matrix/client/v3/account/whoami')).status).toBe(200);
	});

	test('the right password deactivates: every room is left with a plain leave and the token dies', async () => {
		const {json} = await api(server, 'POST', DEACTIVATE, {});
		const done = await api(server, 'POST', DEACTIVATE, password(json.session, DEMO_PASSWORD));
		expect(done.status).toBe(200);
		expect(server.roomState(MAIN_ROOM_ID, 'm.room.member', server.userId)).toEqual({membership: 'leave'});
		expect(server.roomState(LOBBY_ROOM_ID, 'm.room.member', server.userId)).toEqual({membership: 'leave'});
		const after = await api(server, 'GET', '/_matrix/client/v3/account/whoami');
		expect(after.status).toBe(401);
		expect(after.json.errcode).toBe('M_UNKNOWN_TOKEN');
	});
});

describe('POST /rooms/{id}/upgrade', () => {
	test('copies the fixed set of state, bans and the canonical alias; tombstones the old room', async () => {
		const {status, json} = await api(server, 'POST', roomPath(MAIN_ROOM_ID, '/upgrade'), {new_version: '10'});
		expect(status).toBe(200);
		const newRoomId = json.replacement_room as string;
		const tombstone = server.roomState(MAIN_ROOM_ID, 'm.room.tombstone');
		expect(tombstone).toEqual({body: 'This room has been replaced', replacement_room: newRoomId});
		expect(server.roomState(newRoomId, 'm.room.create')).toMatchObject({room_version: '10', creator: server.userId, predecessor: {room_id: MAIN_ROOM_ID}});
		for (const type of SERVER_COPIED_TYPES) expect(server.roomState(newRoomId, type)).toEqual(server.roomState(MAIN_ROOM_ID, type));
		expect(server.roomState(newRoomId, 'm.room.canonical_alias')).toEqual({alias: '#demo:demo.local'});
		expect(server.roomState(MAIN_ROOM_ID, 'm.room.canonical_alias')).toEqual({});
		expect(server.roomState(newRoomId, 'm.room.member', server.userId)).toMatchObject({membership: 'join'});
		expect(server.roomState(newRoomId, 'm.room.member', people.harry)).toMatchObject({membership: 'ban'});
		// Nothing else: custom state and other members are the client's job (/optimise-room).
		expect(server.roomState(newRoomId, 'org.example.note')).toBeUndefined();
		expect(server.roomState(newRoomId, 'm.room.member', people.alice)).toBeUndefined();
		const {json: state} = await api(server, 'GET', roomPath(newRoomId, '/state'));
		expect(Array.isArray(state)).toBe(true);
	});

	test('refuses an unknown version, a room we are not in, and a user without the tombstone level', async () => {
		const unsupported = await api(server, 'POST', roomPath(MAIN_ROOM_ID, '/upgrade'), {new_version: '99'});
		expect(unsupported.status).toBe(400);
		expect(unsupported.json.errcode).toBe('M_UNSUPPORTED_ROOM_VERSION');
		const unknown = await api(server, 'POST', roomPath('!nowhere:demo.local', '/upgrade'), {new_version: '10'});
		expect(unknown.status).toBe(404);
		const lobby = await api(server, 'POST', roomPath(LOBBY_ROOM_ID, '/upgrade'), {new_version: '10'});
		expect(lobby.status).toBe(403);
		expect(lobby.json.error).toContain('user_level (0) < send_level (50)');
		expect(server.roomState(LOBBY_ROOM_ID, 'm.room.tombstone')).toBeUndefined();
		const missing = await api(server, 'POST', roomPath(MAIN_ROOM_ID, '/upgrade'), {});
		expect(missing.status).toBe(400);
	});
});
