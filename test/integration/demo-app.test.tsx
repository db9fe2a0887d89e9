/**
 * The whole client — SdkSession (the real matrix-js-sdk over HTTP), store, commands, Ink screen —
 * against the built-in scenario server on 127.0.0.1.
 */
import {afterEach, describe, expect, test} from 'vitest';
import type {ScenarioServer} from '../../src/demo/server.js';
import {FORMATTING_ROOM_ID} from '../../src/demo/scenario.js';
import {composerLine, pane, paneLines, timelineLines} from '../support/screen.js';
import {closeScenarioApps, openScenarioApp} from '../support/scenario-app.js';
import {waitFor} from '../support/wait.js';

let server: ScenarioServer;

async function openApp(room = '#demo:demo.local', ready = 'Dave deactivated their account') {
	const app = await openScenarioApp({room, ready, columns: 150});
	server = app.server;
	return app;
}

afterEach(() => closeScenarioApps());

/** The demo room's live state, as the state panel lists it in a 150-column screen. */
const LIVE_STATE = [
	'm.room.canonical_alias',
	'  {"alias": "#demo:demo.local"}',
	'm.room.create',
	'  {"creator": "@alice:demo.local",',
	'  "room_version": "10"}',
	'm.room.history_visibility',
	'  {"history_visibility": "shared"}',
	'm.room.join_rules',
	'  {"join_rule": "public"}',
	'm.room.name',
	'  {"name": "Proposals demo"}',
	'm.room.power_levels',
	'  {"users": {"@alice:demo.local":',
	'  100, "@you:demo.local": 50}…',
	'm.room.topic',
	'  {"topic": "Tour of matrix-tui:',
	'  leave reasons, deactivation …',
	'org.example.flag',
	'  {"deleted": "true"}',
	'org.example.note',
	'  {"body": "Live note: the demo is',
	'  on Friday."}',
];

/** The demo room's member list down to the departed, in a 150-column screen. */
const MEMBERS_HEAD = [
	'Members',
	'Joined (4)',
	'@Alice',
	'+Demo User',
	' Bob',
	' Ivan the Terrible Typist',
	'Invited (1)',
	' Grace',
	'Banned (1)',
	' Harry',
	'  “Repeated harassment after two',
	'  warnings”',
];

describe('the client against the scenario server', () => {
	test('shows the scenario: reasons, labels only where valid, hidden departures', async () => {
		const app = await openApp();
		const timeline = timelineLines(app.screen());
		expect(timeline.slice(timeline.indexOf('hh:mm Bob: Noted — they start right below.'))).toEqual([
			'hh:mm Bob: Noted — they start right below.',
			'hh:mm ── Carol left: Leaving because this project moved to the new space 🚀 — thanks',
			'      everyone for th…',
			'hh:mm ── Dave deactivated their account: moving on',
			'hh:mm ── Frank deactivated their account',
			'hh:mm ── Alice kicked Erin: spam',
			'hh:mm ── Gina left',
			'hh:mm ── Alice invited Grace',
			'hh:mm ── Alice banned Harry: Repeated harassment after two warnings',
			expect.stringMatching(/^hh:mm ── Mallory\S* left: bye \S*esrever ni si txet siht$/),
			'hh:mm Alice: Demo User: your power here is 50 — enough to change the topic, not enough for',
			'      org.example.admin_only.',
		]);
		await waitFor(() => pane(app.screen(), 2).includes('departed hidden'), {describe: app.screen});
		expect(paneLines(app.screen(), 2)).toEqual(MEMBERS_HEAD.concat('6 departed hidden — /show-deleted'));
		app.submit('/show-deleted');
		// The departed are fetched hidden: the matrix layer sends their rows, as one group, once they are asked for.
		await waitFor(() => pane(app.screen(), 2).includes(' Carol'), {describe: app.screen});
		expect(paneLines(app.screen(), 2)).toEqual([
			'Members (showing deleted)',
			...MEMBERS_HEAD.slice(1),
			'Left (6)',
			' Carol',
			'  “Leaving because this project',
			'  moved to the new space 🚀 —',
			'  thanks everyone for th…”',
			' Dave [deactivated]',
			'  “moving on”',
			' Erin',
			'  kicked by Alice',
			'  “spam”',
			' Frank [deactivated]',
			' Gina',
			expect.stringMatching(/^ Mallory\S*$/),
			expect.stringMatching(/^ {2}“bye \S*esrever ni si txet siht”$/),
		]);
	});

	test('the state panel: state the SDK never saw is listed, deleted and redacted state hidden until /show-deleted', async () => {
		// Custom state reaches the app on the lean path (the SDK never sees it); org.example.old_note
		// comes redacted, so deleted.
		const app = await openScenarioApp({room: '#demo:demo.local', ready: 'Dave deactivated their account', columns: 150, rows: 70});
		app.submit('/state');
		await waitFor(() => pane(app.screen(), 2).includes('9 state events (3 deleted hidden)'), {describe: app.screen});
		// org.example.flag is listed: deleted: "true" is not deleted.
		expect(paneLines(app.screen(), 2)).toEqual(['Room state', '9 state events (3 deleted hidden)', ...LIVE_STATE, '/show-deleted reveals them', '+ 6 m.room.member events: /members']);
		app.submit('/show-deleted');
		await waitFor(() => pane(app.screen(), 2).includes('org.example.old_note'), {describe: app.screen});
		// The redacted note's content is gone; the departed members' events are loaded now.
		expect(paneLines(app.screen(), 2)).toEqual([
			'Room state (showing deleted)',
			'12 state events (3 deleted shown)',
			...LIVE_STATE,
			'org.example.old_note [deleted]',
			'  {}',
			'org.example.poll [deleted]',
			'  {"deleted": true}',
			'org.example.widget w1 [deleted]',
			'  {"m.obsolete": true}',
			'+ 12 m.room.member events: /membe…',
		]);
	});

	test('shows the reply, the reactions and the thread marker on open, not the thread replies', async () => {
		const app = await openApp();
		const timeline = timelineLines(app.screen());
		const from = timeline.indexOf('hh:mm Alice: Reminder: the membership changes below are the point of this room.');
		expect(timeline.slice(from, timeline.indexOf('hh:mm Bob: Noted — they start right below.') + 1)).toEqual([
			'hh:mm Alice: Reminder: the membership changes below are the point of this room.',
			'hh:mm Bob: Hello everyone, welcome to the demo! (edited)',
			'        🧵 #1 2 replies in thread (last: Ivan the Terrible Typist)',
			'hh:mm * Alice waves at everyone',
			'        👋 2',
			'hh:mm ── message deleted',
			'hh:mm Bob: 🔒 encrypted message',
			'      ↳ Alice: Reminder: the membership changes below are the point of this room.',
			'hh:mm Bob: Noted — they start right below.',
		]);
		expect(app.screen()).not.toContain('Where do we start?');
	});

	test('/threads lists the demo thread; Enter opens it with both replies; a reply typed there reaches the server in the thread', async () => {
		const app = await openApp();
		app.submit('/threads');
		await waitFor(() => app.screen().includes('Threads in Proposals demo (1)'), {describe: app.screen});
		expect(app.screen()).toContain('● Bob: Hello everyone, welcome to the demo!  — 2 replies, last');
		app.type('\r');
		await waitFor(() => app.screen().includes('Thread: Hello everyone, welcome to the demo!') && app.screen().includes('With the departures at the bottom'), {describe: app.screen});
		const lines = timelineLines(app.screen()).filter((line) => line.startsWith('hh:mm'));
		expect(lines).toEqual(['hh:mm Bob: Hello everyone, welcome to the demo! (edited)', 'hh:mm Alice: Thanks Bob! Where do we start?', 'hh:mm Ivan the Terrible Typist: With the departures at the bottom, I think.']);
		app.submit('and the reasons next to them');
		await waitFor(() => app.screen().includes('Demo User: and the reasons next to them') && !app.screen().includes('sending…'), {describe: app.screen});
		const sent = server.requests.find((request) => request.method === 'PUT' && request.path.includes('/send/m.room.message/') && (request.body as {body?: string}).body === 'and the reasons next to them');
		const ivansReply = app.chat.store.getState().thread!.history.at(-1)!;
		expect(ivansReply.content?.['body']).toBe('With the departures at the bottom, I think.');
		expect((sent?.body as {'m.relates_to'?: unknown})['m.relates_to']).toEqual({rel_type: 'm.thread', event_id: '$typo', is_falling_back: true, 'm.in_reply_to': {event_id: ivansReply.event_id}});
	});

	test('the Formatting room: what others send formatted is drawn formatted, the code highlighted, the spoiler hidden', async () => {
		const app = await openApp();
		app.submit('/room Formatting');
		await waitFor(() => app.screen().includes('# Formatting') && app.screen().includes('it ships on time') === false && app.screen().includes('red means stop'), {describe: app.screen});
		const lines = timelineLines(app.screen()).join('\n');
		expect(lines).toContain('Bob: Release 0.2 is almost ready: Friday Monday, see the notes');
		expect(lines).toMatch(/▎ export function retry\(message: Pending\): boolean \{/);
		expect(lines).toMatch(/1\. the changelog/);
		expect(lines).toMatch(/◦ formatted messages/);
		expect(lines).toMatch(/Client\s+┊ Threads ┊ Spaces/);
		expect(lines).toMatch(/▎ Every failure gets one clear line on screen\./);
		expect(lines).toContain('E = mc²');
		expect(lines).toContain('░░░░░░░░░░░░░░░░');
		expect(app.chat.store.getState().rooms.has(FORMATTING_ROOM_ID)).toBe(true);
	});

	test('the encrypted room: a lock in the list and the title, each message undecryptable with why, and nothing sent in clear', async () => {
		const app = await openApp('!secret:demo.local', '# Encrypted chat 🔒');
		expect(timelineLines(app.screen()).slice(-4)).toEqual([
			'hh:mm Alice: 🔒 unable to decrypt: sent before this device joined',
			'hh:mm Bob: 🔒 unable to decrypt: the sender withheld the key',
			'hh:mm Alice: 🔒 unable to decrypt: waiting for the key',
			'hh:mm Bob: 🔒 encrypted message',
		]);
		const before = server.requests.length;
		app.submit('psst');
		await waitFor(() => app.screen().includes('Cannot send the message: this room is encrypted, and encryption is off on this device'), {describe: app.screen});
		expect(server.requests.slice(before).filter((request) => request.path.includes('/send/'))).toEqual([]);
	});

	test('/leave with a reason reaches the server and the room leaves the list', async () => {
		const app = await openApp('#lobby:demo.local', '# Lobby');
		// The demo's spaces above the list; its direct chat with Bob (m.direct) and its favourite (m.tag).
		expect(paneLines(app.screen(), 0)).toEqual(['Rooms', '[All] · Demo space …', 'Invites', 'Secret plans    invite', 'Favourites', 'Proposals demo', 'People', 'Bob', 'Rooms', 'Encrypted chat 🔒', 'Formatting', 'Lobby               3!']);
		app.submit('/leave off to lunch');
		await waitFor(() => server.requests.find((request) => request.method === 'POST' && request.path.endsWith('/rooms/!lobby:demo.local/leave')), {describe: app.screen});
		expect(server.roomState('!lobby:demo.local', 'm.room.member', server.userId)).toMatchObject({membership: 'leave', reason: 'off to lunch'});
		await waitFor(() => !pane(app.screen(), 0).includes('Lobby'), {describe: app.screen});
		expect(paneLines(app.screen(), 0)).toEqual(['Rooms', '[All] · Demo space …', 'Invites', 'Secret plans    invite', 'Favourites', 'Proposals demo', 'People', 'Bob', 'Rooms', 'Encrypted chat 🔒', 'Formatting']);
	});

	test('the demo’s spaces: Demo space lists its rooms and its sub-space’s; /space lists Design notes and Enter joins it; /fav reaches the server', async () => {
		const app = await openApp();
		app.type('\u001b[1;3C'); // Alt+→, as tmux sends it
		await waitFor(() => paneLines(app.screen(), 0)[1] === 'All · [Demo space] …', {describe: app.screen});
		expect(paneLines(app.screen(), 0).slice(2)).toEqual(['Favourites', 'Proposals demo', 'Rooms', 'Encrypted chat 🔒', 'Formatting', 'Lobby               3!']);
		app.submit('/space');
		await waitFor(() => app.screen().includes('Rooms of Demo space you are not in (1)'), {describe: app.screen});
		expect(app.screen()).toContain('Design notes  #design:demo.local  2 members — Sketches for the next release');
		app.type('\r');
		await waitFor(() => server.roomState('!design:demo.local', 'm.room.member', server.userId)?.membership === 'join', {describe: app.screen});
		await waitFor(() => paneLines(app.screen(), 0).includes('Design notes'), {describe: app.screen});

		app.submit('/room Lobby');
		await waitFor(() => app.screen().includes('# Lobby'), {describe: app.screen});
		app.submit('/fav');
		// After the favourite with an order: a tag without one goes last.
		await waitFor(() => paneLines(app.screen(), 0).slice(2, 5).join('|') === 'Favourites|Proposals demo|Lobby', {describe: app.screen});
	});

	test('/delete-state and /undelete-state round-trip through the server', async () => {
		const app = await openApp();
		const before = server.roomState('!demo:demo.local', 'org.example.note', '');
		app.submit('/delete-state org.example.note');
		await waitFor(() => server.roomState('!demo:demo.local', 'org.example.note', '')?.deleted === true, {describe: app.screen});
		expect(server.roomState('!demo:demo.local', 'org.example.note', '')).toEqual({...before, deleted: true});
		await waitFor(() => app.screen().includes('Deleted org.example.note'), {describe: app.screen});
		app.submit('/undelete-state org.example.note');
		await waitFor(() => server.roomState('!demo:demo.local', 'org.example.note', '')?.deleted === undefined, {describe: app.screen});
		expect(server.roomState('!demo:demo.local', 'org.example.note', '')).toEqual(before);
	});

	test('too little power: one line naming the level, and the text stays', async () => {
		const app = await openApp();
		app.submit('/delete-state m.room.power_levels');
		await waitFor(() => app.screen().includes('needs power level 100, you have 50'), {describe: app.screen});
		expect(app.status()).toMatch(/ connected @you:demo\.local Cannot delete m\.room\.power_levels: needs power level 100, you have 50$/);
		expect(composerLine(app.screen())).toBe('> /delete-state m.room.power_levels ');
	});

	test('a message typed in the composer is sent once and shows up from the server', async () => {
		const app = await openApp();
		app.submit('hello from the test');
		await waitFor(() => pane(app.screen(), 1).includes('Demo User: hello from the test') && !app.screen().includes('(sending…)'), {describe: app.screen});
		const sends = server.requests.filter((request) => request.method === 'PUT' && request.path.includes('/send/m.room.message/'));
		expect(sends).toHaveLength(1);
		expect(sends[0]!.body).toEqual({msgtype: 'm.text', body: 'hello from the test', 'm.mentions': {}});
	});
});

/** Alice sets the power needed to post in the demo room; resolves once the app has the new levels. */
async function setEventsDefault(app: Awaited<ReturnType<typeof openApp>>, level: number): Promise<void> {
	const levels = server.roomState('!demo:demo.local', 'm.room.power_levels', '')!;
	server.injectEvent('!demo:demo.local', {type: 'm.room.power_levels', state_key: '', sender: '@alice:demo.local', content: {...levels, events_default: level}});
	await waitFor(() => app.chat.store.getState().rooms.get('!demo:demo.local')?.state.some((event) => event.type === 'm.room.power_levels' && event.content?.events_default === level));
}

describe('refused sends', () => {
	test('a message the server refuses stays marked "not sent", blocks nothing, and /retry sends it with its transaction ID', async () => {
		const app = await openApp();
		await setEventsDefault(app, 100);
		app.submit('refused');
		// It stays where it was typed, marked with the server's reason; the composer is the user's.
		await waitFor(() => /Demo User: refused\s+\(not sent: not allowed/.test(pane(app.screen(), 1)) && app.status().includes('1 not sent'), {describe: app.screen});
		expect(app.chat.store.getState().composer.text).toBe('');
		await setEventsDefault(app, 0);
		app.submit('allowed now');
		await waitFor(() => pane(app.screen(), 1).includes('Demo User: allowed now') && !app.screen().includes('(sending…)'), {describe: app.screen});
		expect(pane(app.screen(), 1)).toMatch(/Demo User: refused\s+\(not sent/);
		app.submit('/retry');
		await waitFor(() => !app.screen().includes('not sent') && /Demo User: allowed now[\s\S]*Demo User: refused/.test(pane(app.screen(), 1)), {describe: app.screen});
		const sends = server.requests.filter((request) => request.method === 'PUT' && request.path.includes('/send/m.room.message/'));
		expect(sends.map((request) => (request.body as {body: string}).body)).toEqual(['refused', 'allowed now', 'refused']);
		// The retry went with the refused message's own transaction ID.
		expect(sends[2]!.path).toBe(sends[0]!.path);
	});

	test('/discard drops the newest refused message; /edit-unsent takes one back into the composer', async () => {
		const app = await openApp();
		await setEventsDefault(app, 100);
		app.submit('first refused');
		app.submit('/me second refused');
		await waitFor(() => app.status().includes('2 not sent'), {describe: app.screen});
		app.submit('/discard');
		await waitFor(() => app.status().includes('1 not sent') && !pane(app.screen(), 1).includes('second refused'), {describe: app.screen});
		expect(app.status()).toContain('Discarded the message that was not sent');
		app.submit('/edit-unsent');
		await waitFor(() => app.chat.store.getState().composer.text === 'first refused' && !app.status().includes('not sent'), {describe: app.screen});
		expect(pane(app.screen(), 1)).not.toContain('first refused');
		const sends = server.requests.filter((request) => request.method === 'PUT' && request.path.includes('/send/m.room.message/'));
		expect(sends.map((request) => (request.body as {body: string}).body)).toEqual(['first refused', 'second refused']);
	});
});
