/**
 * The whole client — SdkSession (the real matrix-js-sdk over HTTP), store, commands, Ink screen —
 * against the built-in scenario server on 127.0.0.1.
 */
import {afterEach, describe, expect, test} from 'vitest';
import type {ScenarioServer} from '../../src/demo/server.js';
import {pane} from '../support/screen.js';
import {closeScenarioApps, openScenarioApp} from '../support/scenario-app.js';
import {waitFor} from '../support/wait.js';

let server: ScenarioServer;

async function openApp(room = '#demo:demo.local', ready = 'Dave deactivated their account') {
	const app = await openScenarioApp({room, ready, columns: 150});
	server = app.server;
	return app;
}

afterEach(() => closeScenarioApps());

describe('the client against the scenario server', () => {
	test('shows the scenario: reasons, labels only where valid, hidden departures', async () => {
		const app = await openApp();
		const timeline = pane(app.screen(), 1);
		expect(timeline).toContain('Alice kicked Erin: spam');
		expect(timeline).toContain('Frank deactivated their account');
		expect(timeline).not.toContain('Erin deactivated');
		expect(timeline).not.toContain('Gina deactivated');
		await waitFor(() => pane(app.screen(), 2).includes('departed hidden'), {describe: app.screen});
		await app.submit('/show-deleted');
		// The departed are fetched hidden: the matrix layer sends their rows once they are asked for.
		await waitFor(() => pane(app.screen(), 2).includes('Left (') && !pane(app.screen(), 2).includes('more loading'), {describe: app.screen});
		const side = pane(app.screen(), 2);
		expect(side).toMatch(/Dave \[deactivated\]/);
		expect(side).not.toMatch(/Erin \[deactivated\]/);
		expect(side).not.toMatch(/Gina \[deactivated\]/);
	});

	test('the state panel: state the SDK never saw is listed, deleted and redacted state hidden until /show-deleted', async () => {
		// Custom state reaches the app on the lean path (the SDK never sees it); org.example.old_note
		// comes redacted, so deleted.
		const app = await openScenarioApp({room: '#demo:demo.local', ready: 'Dave deactivated their account', columns: 150, rows: 70});
		await app.submit('/state');
		await waitFor(() => pane(app.screen(), 2).includes('9 state events (3 deleted hidden)'), {describe: app.screen});
		const live = pane(app.screen(), 2);
		expect(live).toContain('org.example.note');
		expect(live).toContain('Live note: the demo is');
		expect(live).toContain('org.example.flag'); // deleted: "true" is not deleted
		for (const hidden of ['org.example.poll', 'org.example.widget', 'org.example.old_note']) expect(live).not.toContain(hidden);
		await app.submit('/show-deleted');
		await waitFor(() => pane(app.screen(), 2).includes('org.example.old_note'), {describe: app.screen});
		const all = pane(app.screen(), 2);
		expect(all).toContain('12 state events (3 deleted shown)');
		for (const shown of ['org.example.poll', 'org.example.widget']) expect(all).toContain(shown);
		expect(all).not.toContain('Outdated: the meeting moved'); // redacted: its content is gone
	});

	test('shows the reply, the reactions and the thread marker on open, not the thread replies', async () => {
		const app = await openApp();
		const timeline = pane(app.screen(), 1);
		expect(timeline).toContain('↳ Alice: Reminder: the membership changes below are the point of this room.');
		expect(timeline).toContain('Bob: Noted — they start right below.');
		expect(timeline).toContain('👋 2');
		expect(timeline).toContain('🧵 2 replies in thread (last: Ivan the Terrible Typist)');
		expect(timeline).not.toContain('Where do we start?');
		expect(timeline).toContain('Mallory');
	});

	test('/leave with a reason reaches the server and the room leaves the list', async () => {
		const app = await openApp('#lobby:demo.local', '# Lobby');
		expect(pane(app.screen(), 0)).toContain('Lobby');
		await app.submit('/leave off to lunch');
		await waitFor(() => server.requests.find((request) => request.method === 'POST' && request.path.endsWith('/rooms/!lobby:demo.local/leave')), {describe: app.screen});
		expect(server.roomState('!lobby:demo.local', 'm.room.member', server.userId)).toMatchObject({membership: 'leave', reason: 'off to lunch'});
		await waitFor(() => !pane(app.screen(), 0).includes('Lobby'), {describe: app.screen});
	});

	test('/delete-state and /undelete-state round-trip through the server', async () => {
		const app = await openApp();
		const before = server.roomState('!demo:demo.local', 'org.example.note', '');
		await app.submit('/delete-state org.example.note');
		await waitFor(() => server.roomState('!demo:demo.local', 'org.example.note', '')?.deleted === true, {describe: app.screen});
		expect(server.roomState('!demo:demo.local', 'org.example.note', '')).toEqual({...before, deleted: true});
		await waitFor(() => app.screen().includes('Deleted org.example.note'), {describe: app.screen});
		await app.submit('/undelete-state org.example.note');
		await waitFor(() => server.roomState('!demo:demo.local', 'org.example.note', '')?.deleted === undefined, {describe: app.screen});
		expect(server.roomState('!demo:demo.local', 'org.example.note', '')).toEqual(before);
	});

	test('too little power: one line naming the level, and the text stays', async () => {
		const app = await openApp();
		await app.submit('/delete-state m.room.power_levels');
		await waitFor(() => app.screen().includes('needs power level 100, you have 50'), {describe: app.screen});
		expect(app.screen()).toContain('> /delete-state m.room.power_levels');
	});

	test('a message typed in the composer is sent once and shows up from the server', async () => {
		const app = await openApp();
		await app.submit('hello from the test');
		await waitFor(() => pane(app.screen(), 1).includes('Demo User: hello from the test') && !app.screen().includes('(sending…)'), {describe: app.screen});
		const sends = server.requests.filter((request) => request.method === 'PUT' && request.path.includes('/send/m.room.message/'));
		expect(sends).toHaveLength(1);
		expect(sends[0]!.body).toEqual({msgtype: 'm.text', body: 'hello from the test'});
	});
});

describe('refused sends', () => {
	test('a message the server refuses comes back to the composer and does not block the next one', async () => {
		const app = await openApp();
		const levels = server.roomState('!demo:demo.local', 'm.room.power_levels', '')!;
		server.injectEvent('!demo:demo.local', {type: 'm.room.power_levels', state_key: '', sender: '@alice:demo.local', content: {...levels, events_default: 100}});
		await waitFor(() => app.chat.store.getState().rooms.get('!demo:demo.local')?.state.some((event) => event.type === 'm.room.power_levels' && event.content?.events_default === 100));
		await app.submit('refused');
		await waitFor(() => app.status().includes('Cannot send the message: needs power level 100, you have 50'), {describe: app.screen});
		expect(app.screen()).toContain('> refused');
		// The refused echo leaves the timeline: the text is back in the composer instead.
		await waitFor(() => !pane(app.screen(), 1).includes('Demo User: refused'), {describe: app.screen});
		server.injectEvent('!demo:demo.local', {type: 'm.room.power_levels', state_key: '', sender: '@alice:demo.local', content: {...levels, events_default: 0}});
		await waitFor(() => app.chat.store.getState().rooms.get('!demo:demo.local')?.state.some((event) => event.type === 'm.room.power_levels' && event.content?.events_default === 0));
		await app.type('\u0015'); // Ctrl+U: clear the composer
		await app.submit('allowed now');
		await waitFor(() => pane(app.screen(), 1).includes('Demo User: allowed now') && !app.screen().includes('(sending…)'), {describe: app.screen});
		const sends = server.requests.filter((request) => request.method === 'PUT' && request.path.includes('/send/m.room.message/'));
		expect(sends.map((request) => (request.body as {body: string}).body)).toEqual(['refused', 'allowed now']);
	});
});
