/**
 * /optimise-room and /deactivate end to end in-process: the real app and matrix-js-sdk against the
 * scenario server, which upgrades rooms like Synapse (a fixed set of state copied) and deactivates
 * behind interactive auth (password `demo`).
 */
import {afterEach, describe, expect, test} from 'vitest';
import {LOBBY_ROOM_ID, MAIN_ROOM_ID, people} from '../../src/demo/scenario.js';
import {DEMO_PASSWORD} from '../../src/demo/routes/account.js';
import type {ScenarioServer} from '../../src/demo/server.js';
import {pane, paneLines} from '../support/screen.js';
import {closeScenarioApps, openScenarioApp} from '../support/scenario-app.js';
import {waitFor} from '../support/wait.js';

let server: ScenarioServer;

async function openApp(room: string, ready: string) {
	const app = await openScenarioApp({room, ready, columns: 200});
	server = app.server;
	return app;
}

afterEach(() => closeScenarioApps());

describe('/optimise-room against the scenario server', () => {
	test('upgrades to the same version, copies the live state the server did not, invites the joined, follows the tombstone', async () => {
		const app = await openApp('#demo:demo.local', 'Dave deactivated their account');
		app.submit('/optimise-room');
		await waitFor(() => app.status().includes('Type optimise to confirm'), {describe: app.screen});
		expect(paneLines(app.screen(), 2).slice(0, 3)).toEqual(['Optimise room', 'State now', '  15 live · 9 deleted']); // members included
		app.submit('optimise');
		await waitFor(() => app.status().includes('Room optimised'), {describe: app.screen});

		const tombstone = server.roomState(MAIN_ROOM_ID, 'm.room.tombstone');
		const newRoomId = String(tombstone?.replacement_room);
		expect(newRoomId).toMatch(/^!.+:demo\.local$/);
		expect(server.roomState(newRoomId, 'm.room.create')).toMatchObject({room_version: '10', predecessor: {room_id: MAIN_ROOM_ID}});
		// Live state: the server's copies and the client's.
		expect(server.roomState(newRoomId, 'm.room.name')).toEqual({name: 'Proposals demo'});
		expect(server.roomState(newRoomId, 'org.example.note')).toEqual(server.roomState(MAIN_ROOM_ID, 'org.example.note'));
		expect(server.roomState(newRoomId, 'org.example.flag')).toEqual({deleted: 'true'});
		// Deleted state stays behind.
		for (const [type, key] of [['org.example.poll', ''], ['org.example.widget', 'w1'], ['org.example.old_note', '']] as const) {
			expect(server.roomState(MAIN_ROOM_ID, type, key)).toBeDefined();
			expect(server.roomState(newRoomId, type, key)).toBeUndefined();
		}
		// Everyone joined to the old room is invited; the departed are not.
		for (const user of [people.alice, people.bob, people.ivan]) expect(server.roomState(newRoomId, 'm.room.member', user)).toMatchObject({membership: 'invite'});
		for (const user of [people.carol, people.dave, people.mallory, people.grace]) expect(server.roomState(newRoomId, 'm.room.member', user)).toBeUndefined();
		// Only the non-server-copied state was PUT by the client.
		const puts = server.requests.filter((request) => request.method === 'PUT' && request.path.includes(`/rooms/${newRoomId}/state/`)).map((request) => request.path.split('/state/')[1]);
		expect(puts.sort()).toEqual(['org.example.flag/', 'org.example.note/'].sort());
		expect(server.requests.filter((request) => request.path.endsWith('/upgrade'))).toHaveLength(1);
		expect(server.requests.find((request) => request.path.endsWith('/upgrade'))?.body).toEqual({new_version: '10'});

		// The client followed the tombstone: the new room is the one on screen.
		await waitFor(() => app.chat.store.getState().selectedRoomId === newRoomId, {describe: app.screen});
		await waitFor(() => pane(app.screen(), 1).includes('# Proposals demo'), {describe: app.screen});
	});

	test('without the power to upgrade: the level needed, nothing sent', async () => {
		const app = await openApp('#lobby:demo.local', '# Lobby');
		app.submit('/optimise-room');
		await waitFor(() => app.status().includes('Cannot optimise the room: needs power level 50, you have 0'), {describe: app.screen});
		expect(server.requests.some((request) => request.path.endsWith('/upgrade'))).toBe(false);
		expect(server.roomState(LOBBY_ROOM_ID, 'm.room.tombstone')).toBeUndefined();
	});
});

describe('/deactivate against the scenario server', () => {
	test('confirms twice, leaves every joined room with both flags, then deactivates through the password step', async () => {
		const app = await openApp('#demo:demo.local', 'Dave deactivated their account');
		const me = server.userId;
		app.submit('/deactivate see you elsewhere');
		await waitFor(() => app.status().includes('Type your user ID to confirm (1 of 2'), {describe: app.screen});
		app.submit(me);
		await waitFor(() => app.status().includes('(2 of 2'), {describe: app.screen});
		app.submit(me);
		await waitFor(() => app.status().includes('Your password to deactivate'), {describe: app.screen});
		const leave = {membership: 'leave', 'm.deactivated': true, 'org.matrix.msc3759.deactivated': true, reason: 'see you elsewhere'};
		expect(server.roomState(MAIN_ROOM_ID, 'm.room.member', me)).toEqual(leave);
		expect(server.roomState(LOBBY_ROOM_ID, 'm.room.member', me)).toEqual(leave);
		expect(server.requests.some((request) => request.path.endsWith('/account/deactivate'))).toBe(false);

		// A wrong password: one line, asked again; the account stays.
		app.submit('not-the-password');
		await waitFor(() => app.status().includes('Invalid username or password'), {describe: app.screen});
		expect(app.screen()).not.toContain('not-the-password');
		app.submit(DEMO_PASSWORD);
		await waitFor(() => app.status().includes(`Account ${me} deactivated`) || app.status().includes('Session ended by the server'), {describe: app.screen});

		const deactivations = server.requests.filter((request) => request.path.endsWith('/account/deactivate'));
		// Each attempt: the 401 that opens a session, then the password.
		expect(deactivations.map((request) => (request.body as {auth?: {type?: string}} | undefined)?.auth?.type)).toEqual([undefined, 'm.login.password', undefined, 'm.login.password']);
		expect((deactivations[3]!.body as {auth: Record<string, unknown>}).auth).toMatchObject({identifier: {type: 'm.id.user', user: me}, password: DEMO_PASSWORD});
		// The server parted nothing more: the flagged leaves stay what other users see.
		expect(server.roomState(MAIN_ROOM_ID, 'm.room.member', me)).toEqual(leave);
		expect(JSON.stringify(app.chat.store.getState().composer)).not.toContain(DEMO_PASSWORD);
	});
});
