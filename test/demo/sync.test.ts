import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {INVITE_ROOM_ID, LOBBY_ROOM_ID, MAIN_ROOM_ID, people} from '../../src/demo/scenario.js';
import {startScenarioServer, type ScenarioServer} from '../../src/demo/server.js';
import {api, roomPath} from './helpers.js';

let server: ScenarioServer;
beforeEach(async () => {
	server = await startScenarioServer();
});
afterEach(async () => {
	await server.close();
});

const filter = (room: Record<string, unknown>) => encodeURIComponent(JSON.stringify({room}));
const sync = (query: string) => api(server, 'GET', `/_matrix/client/v3/sync?${query}`);
const say = (sender: string, body: string) =>
	server.injectEvent(MAIN_ROOM_ID, {type: 'm.room.message', sender, content: {msgtype: 'm.text', body}});

describe('initial sync', () => {
	test('joined rooms carry state, a limited timeline with prev_batch, and unread counts', async () => {
		const {json} = await sync(`filter=${filter({timeline: {limit: 20}})}`);
		const main = json.rooms.join[MAIN_ROOM_ID];
		expect(main.timeline.events).toHaveLength(20);
		expect(main.timeline.limited).toBe(true);
		expect(main.timeline.prev_batch).toMatch(/^s\d+$/);
		expect(main.state.events.some((event: any) => event.type === 'm.room.name')).toBe(true);
		// Without lazy loading every member is there, in state or in the timeline.
		const members = [...main.state.events, ...main.timeline.events].filter((event: any) => event.type === 'm.room.member');
		expect(new Set(members.map((event: any) => event.state_key)).size).toBe(12);
		expect(json.rooms.join[LOBBY_ROOM_ID].unread_notifications).toEqual({notification_count: 3, highlight_count: 1});
		expect(main.unread_notifications).toEqual({notification_count: 0, highlight_count: 0});
		expect(json.next_batch).toMatch(/^s\d+$/);
	});

	test('state is the state before the timeline, so a rename inside it keeps the old name there', async () => {
		const {json} = await sync(`filter=${filter({timeline: {limit: 22}})}`);
		const main = json.rooms.join[MAIN_ROOM_ID];
		const inTimeline = main.timeline.events.find((event: any) => event.state_key === people.ivan);
		const inState = main.state.events.find((event: any) => event.state_key === people.ivan);
		expect(inTimeline.content.displayname).toBe('Ivan the Terrible Typist');
		expect(inState.content.displayname).toBe('Ivan');
	});

	test('lazy_load_members keeps only the timeline senders and us in state', async () => {
		const {json} = await sync(`filter=${filter({timeline: {limit: 5}, state: {lazy_load_members: true}})}`);
		const main = json.rooms.join[MAIN_ROOM_ID];
		const senders = new Set([server.userId, ...main.timeline.events.map((event: any) => event.sender)]);
		const stateMembers = main.state.events.filter((event: any) => event.type === 'm.room.member');
		expect(stateMembers.length).toBeGreaterThan(0);
		for (const member of stateMembers) expect(senders.has(member.state_key)).toBe(true);
		expect(main.summary['m.joined_member_count']).toBe(4);
	});

	test('invites come as stripped invite_state with the inviter and the name', async () => {
		const {json} = await sync('');
		const events = json.rooms.invite[INVITE_ROOM_ID].invite_state.events;
		expect(events).toContainEqual({type: 'm.room.name', state_key: '', sender: people.alice, content: {name: 'Secret plans'}});
		const invite = events.find((event: any) => event.state_key === server.userId);
		expect(invite).toMatchObject({sender: people.alice, content: {membership: 'invite', reason: 'Come help plan the party'}});
		expect(json.rooms.join[INVITE_ROOM_ID]).toBeUndefined();
	});
});

describe('incremental sync', () => {
	test('returns at once when nothing changed and timeout=0', async () => {
		const first = await sync('');
		const {json} = await sync(`since=${first.json.next_batch}&timeout=0`);
		expect(json.rooms).toEqual({join: {}, invite: {}, leave: {}, knock: {}});
		expect(json.next_batch).toBe(first.json.next_batch);
	});

	test('long-polls until an event arrives, then answers straight away', async () => {
		const first = await sync('');
		const started = Date.now();
		const pending = sync(`since=${first.json.next_batch}&timeout=20000&set_presence=offline`);
		setTimeout(() => say(people.bob, 'ping'), 100);
		const {json} = await pending;
		expect(Date.now() - started).toBeLessThan(2000);
		const timeline = json.rooms.join[MAIN_ROOM_ID].timeline;
		expect(timeline.events.map((event: any) => event.content.body)).toEqual(['ping']);
		expect(timeline.limited).toBe(false);
		expect(json.rooms.join[LOBBY_ROOM_ID]).toBeUndefined();
		// A message from someone else counts as unread for us.
		expect(json.rooms.join[MAIN_ROOM_ID].unread_notifications.notification_count).toBe(1);
	});

	test('our own sends come back with their transaction id', async () => {
		const first = await sync('');
		await api(server, 'PUT', roomPath(MAIN_ROOM_ID, '/send/m.room.message/my-txn'), {msgtype: 'm.text', body: 'mine'});
		const {json} = await sync(`since=${first.json.next_batch}`);
		const [event] = json.rooms.join[MAIN_ROOM_ID].timeline.events;
		expect(event.unsigned.transaction_id).toBe('my-txn');
	});

	test('a gap larger than the limit is marked limited, with a prev_batch and (as Synapse) only the state that changed in it', async () => {
		const first = await sync('');
		server.injectEvent(MAIN_ROOM_ID, {type: 'm.room.topic', state_key: '', sender: people.alice, content: {topic: 'changed in the gap'}});
		for (let index = 0; index < 12; index++) say(people.alice, `burst ${index}`);
		const {json} = await sync(`since=${first.json.next_batch}&filter=${filter({timeline: {limit: 5}, state: {lazy_load_members: true}})}`);
		const main = json.rooms.join[MAIN_ROOM_ID];
		expect(main.timeline.limited).toBe(true);
		expect(main.timeline.events.map((event: any) => event.content.body)).toEqual(['burst 7', 'burst 8', 'burst 9', 'burst 10', 'burst 11']);
		// The topic changed in the gap; the members are the speaker's and ours; nothing else comes again.
		expect(main.state.events.map((event: any) => `${event.type} ${event.state_key}`).sort()).toEqual([`m.room.member ${people.alice}`, `m.room.member ${server.userId}`, 'm.room.topic '].sort());
		const older = await api(server, 'GET', roomPath(MAIN_ROOM_ID, `/messages?dir=b&limit=2&from=${main.timeline.prev_batch}`));
		expect(older.json.chunk.map((event: any) => event.content.body)).toEqual(['burst 6', 'burst 5']);
	});

	test('with lazy loading, a speaker’s member event comes once, not again with each sync (Synapse’s cache)', async () => {
		const lazy = `filter=${filter({state: {lazy_load_members: true}})}`;
		const first = await sync(lazy);
		say(people.alice, 'one');
		const second = await sync(`since=${first.json.next_batch}&${lazy}`);
		const members = (json: any) => json.rooms.join[MAIN_ROOM_ID].state.events.map((event: any) => event.state_key);
		// The initial sync already sent Alice's (she spoke in its timeline) and ours.
		expect(members(second.json)).toEqual([]);
		// Someone joined who did not speak in the initial sync's timeline: their member event is news.
		const quiet = Object.values(people).find((user) => server.roomState(MAIN_ROOM_ID, 'm.room.member', user)?.['membership'] === 'join' && !members(first.json).includes(user))!;
		say(quiet, 'two');
		const third = await sync(`since=${second.json.next_batch}&${lazy}`);
		expect(members(third.json)).toEqual([quiet]);
		say(quiet, 'three');
		const fourth = await sync(`since=${third.json.next_batch}&${lazy}`);
		expect(members(fourth.json)).toEqual([]);
	});

	test('membership moves rooms between join, leave and invite sections', async () => {
		const first = await sync('');
		await api(server, 'POST', roomPath(LOBBY_ROOM_ID, '/leave'), {reason: 'bye'});
		await api(server, 'POST', `/_matrix/client/v3/join/${encodeURIComponent(INVITE_ROOM_ID)}`, {});
		const {json} = await sync(`since=${first.json.next_batch}`);
		const left = json.rooms.leave[LOBBY_ROOM_ID].timeline.events;
		expect(left.at(-1)).toMatchObject({state_key: server.userId, content: {membership: 'leave', reason: 'bye'}});
		const joined = json.rooms.join[INVITE_ROOM_ID];
		const stateTypes = [...joined.state.events, ...joined.timeline.events].map((event: any) => event.type);
		expect(stateTypes).toEqual(expect.arrayContaining(['m.room.create', 'm.room.name', 'm.room.power_levels']));
		expect(json.rooms.invite).toEqual({});

		// The next sync does not repeat the left room.
		const after = await sync(`since=${json.next_batch}&timeout=0`);
		expect(after.json.rooms.leave).toEqual({});
	});

	test('a read receipt clears the unread counts and is echoed as ephemeral', async () => {
		const first = await sync('');
		await api(server, 'POST', roomPath(LOBBY_ROOM_ID, '/receipt/m.read/%24last'), {});
		const {json} = await sync(`since=${first.json.next_batch}`);
		const lobby = json.rooms.join[LOBBY_ROOM_ID];
		expect(lobby.unread_notifications).toEqual({notification_count: 0, highlight_count: 0});
		expect(lobby.ephemeral.events[0]).toMatchObject({type: 'm.receipt', content: {$last: {'m.read': {[server.userId]: {}}}}});
	});
});

describe('lifecycle', () => {
	test('close() ends a pending long-poll and keep-alive sockets promptly', async () => {
		const first = await sync('');
		const pending = sync(`since=${first.json.next_batch}&timeout=30000`).then(
			(response) => response.status,
			() => 'closed',
		);
		await new Promise((resolve) => setTimeout(resolve, 50));
		const started = Date.now();
		await server.close();
		expect(Date.now() - started).toBeLessThan(1000);
		expect(['closed', 200]).toContain(await pending);
		await expect(fetch(`${server.url}/_matrix/client/versions`)).rejects.toThrow();
	});

	test('the server records every request, including failed ones', async () => {
		await api(server, 'GET', '/_matrix/client/v3/nope');
		await api(server, 'POST', roomPath(MAIN_ROOM_ID, '/leave'), {reason: 'recorded'});
		expect(server.requests).toEqual([
			{method: 'GET', path: '/_matrix/client/v3/nope', body: undefined},
			{method: 'POST', path: `/_matrix/client/v3/rooms/${MAIN_ROOM_ID}/leave`, body: {reason: 'recorded'}},
		]);
	});
});
