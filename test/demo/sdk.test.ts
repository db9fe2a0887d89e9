import {EventStatus, EventTimeline, Method, NotificationCountType, type MatrixClient, type MatrixError} from 'matrix-js-sdk';
import {afterEach, beforeAll, beforeEach, describe, expect, test} from 'vitest';
import {
	BACKLOG_COUNT,
	CAROL_REASON,
	INVITE_ROOM_ID,
	IVAN_FIRST_NAME,
	IVAN_NEW_NAME,
	LOBBY_ROOM_ID,
	MAIN_ROOM_ID,
	MALLORY_REASON,
	SECRET_ROOM_ID,
	DEMO_SPACE_ID,
	DESIGN_ROOM_ID,
	FORMATTING_ROOM_ID,
	DIRECT_ROOM_ID,
	PROJECTS_SPACE_ID,
	people,
} from '../../src/demo/scenario.js';
import {startScenarioServer, type ScenarioServer} from '../../src/demo/server.js';
import {liveState} from '../../src/matrix/live-state.js';
import {routeSdkLogging} from '../../src/matrix/sdk-logger.js';
import {eventually, startSdkClient} from './helpers.js';

let server: ScenarioServer;
let client: MatrixClient;

// The SDK's own logging goes where the app sends it: nowhere, in tests.
beforeAll(() => routeSdkLogging());
beforeEach(async () => {
	server = await startScenarioServer();
	client = await startSdkClient(server);
});
afterEach(async () => {
	client.stopClient();
	await server.close();
});

const mainRoom = () => client.getRoom(MAIN_ROOM_ID)!;
const liveEvents = (roomId = MAIN_ROOM_ID) => client.getRoom(roomId)!.getLiveTimeline().getEvents();

async function rejection(promise: Promise<unknown>): Promise<MatrixError> {
	try {
		await promise;
	} catch (error) {
		return error as MatrixError;
	}
	throw new Error('expected the request to fail');
}

describe('the real matrix-js-sdk against the scenario server', () => {
	test('asks for the usual startup endpoints and gets a lazy-loading filter', () => {
		const calls = server.requests.map(({method, path}) => `${method} ${path}`);
		expect(calls).toEqual(
			expect.arrayContaining([
				'GET /_matrix/client/versions',
				'GET /_matrix/client/v3/pushrules/',
				'GET /_matrix/client/v3/capabilities',
				`POST /_matrix/client/v3/user/${server.userId}/filter`,
				'GET /_matrix/client/v3/sync',
			]),
		);
		const filter = server.requests.find(({path}) => path.endsWith('/filter'))!.body as any;
		expect(filter.room.state.lazy_load_members).toBe(true);
	});

	test('sees the rooms with their names, memberships and unread counts (not the space room we are not in)', () => {
		expect(client.getRooms().map((room) => room.roomId).sort()).toEqual([MAIN_ROOM_ID, INVITE_ROOM_ID, LOBBY_ROOM_ID, SECRET_ROOM_ID, DIRECT_ROOM_ID, FORMATTING_ROOM_ID, DEMO_SPACE_ID, PROJECTS_SPACE_ID].sort());
		expect(client.getRoom(SECRET_ROOM_ID)!.hasEncryptionStateEvent()).toBe(true);
		expect(mainRoom().name).toBe('Proposals demo');
		expect(mainRoom().getMyMembership()).toBe('join');
		expect(mainRoom().getCanonicalAlias()).toBe('#demo:demo.local');

		const lobby = client.getRoom(LOBBY_ROOM_ID)!;
		expect(lobby.name).toBe('Lobby');
		expect(lobby.getUnreadNotificationCount(NotificationCountType.Total)).toBe(3);
		expect(lobby.getUnreadNotificationCount(NotificationCountType.Highlight)).toBe(1);

		const invite = client.getRoom(INVITE_ROOM_ID)!;
		expect(invite.getMyMembership()).toBe('invite');
		expect(invite.name).toBe('Secret plans');
		expect(invite.getMember(server.userId)!.events.member!.getSender()).toBe(people.alice);
	});

	test('spaces, m.direct and tags: the SDK reads them; a tag, account data and the hierarchy round-trip', async () => {
		expect(client.getRoom(DEMO_SPACE_ID)!.isSpaceRoom()).toBe(true);
		expect(client.getAccountData('m.direct' as never)?.getContent()).toEqual({[people.bob]: [DIRECT_ROOM_ID]});
		expect(mainRoom().tags).toEqual({'m.favourite': {order: 0.5}});

		await client.setRoomTag(LOBBY_ROOM_ID, 'm.lowpriority', {});
		await eventually(() => 'm.lowpriority' in client.getRoom(LOBBY_ROOM_ID)!.tags);
		await client.deleteRoomTag(MAIN_ROOM_ID, 'm.favourite');
		await eventually(() => Object.keys(mainRoom().tags).length === 0);
		await client.setAccountData('m.direct' as never, {[people.bob]: [DIRECT_ROOM_ID, LOBBY_ROOM_ID]} as never);
		await eventually(() => client.getAccountData('m.direct' as never)?.getContent()[people.bob]?.length === 2);

		const first = await client.getRoomHierarchy(DEMO_SPACE_ID, 3);
		expect(first.rooms.map((room) => room.room_id)).toEqual([DEMO_SPACE_ID, MAIN_ROOM_ID, LOBBY_ROOM_ID]);
		const second = await client.getRoomHierarchy(DEMO_SPACE_ID, 3, undefined, false, first.next_batch);
		expect(second.rooms.map((room) => room.room_id)).toEqual([FORMATTING_ROOM_ID, PROJECTS_SPACE_ID, SECRET_ROOM_ID]);
		const rest = await client.getRoomHierarchy(DEMO_SPACE_ID, 3, undefined, false, second.next_batch);
		expect(rest.rooms.map((room) => room.room_id)).toEqual([DESIGN_ROOM_ID]);
		expect(rest.next_batch).toBeUndefined();
		expect(second.rooms[1]!.children_state.map((event) => [event.state_key, event.content.via])).toEqual([
			[SECRET_ROOM_ID, ['demo.local']],
			[DESIGN_ROOM_ID, ['demo.local']],
		]);
		expect(rest.rooms[0]).toMatchObject({name: 'Design notes', canonical_alias: '#design:demo.local', num_joined_members: 2, join_rule: 'public'});
		await client.joinRoom(DESIGN_ROOM_ID, {viaServers: ['demo.local']});
		await eventually(() => client.getRoom(DESIGN_ROOM_ID)?.getMyMembership() === 'join');
	});

	test('sees the custom state: deleted, obsolete, string-flagged, live and redacted', () => {
		const state = mainRoom().getLiveTimeline().getState(EventTimeline.FORWARDS)!;
		const content = (type: string, key = '') => state.getStateEvents(type, key)?.getContent();
		expect(content('org.example.poll')).toEqual({deleted: true});
		expect(content('org.example.widget', 'w1')).toEqual({'m.obsolete': true});
		expect(content('org.example.flag')).toEqual({deleted: 'true'});
		expect(content('org.example.note')).toEqual({body: 'Live note: the demo is on Friday.'});
		const oldNote = state.getStateEvents('org.example.old_note', '')!;
		expect(oldNote.getContent()).toEqual({});
		expect(oldNote.isRedacted()).toBe(true);
	});

	test('gets the last 20 events with every departure and its reason', () => {
		const events = liveEvents();
		expect(events).toHaveLength(20);
		const member = (userId: string) => events.find((event) => event.getType() === 'm.room.member' && event.getStateKey() === userId)!;
		// SDK quirk: RoomState copies displayname/avatar_url from prev_content into leave/ban content.
		expect(member(people.carol).getContent()).toMatchObject({membership: 'leave', reason: CAROL_REASON, displayname: 'Carol'});
		expect(member(people.dave).getContent()['m.deactivated']).toBe(true);
		expect(member(people.frank).getContent()).toMatchObject({membership: 'leave', 'org.matrix.msc3759.deactivated': true});
		expect(member(people.frank).getContent()['reason']).toBeUndefined();
		expect(member(people.erin).getSender()).toBe(people.alice);
		expect(member(people.gina).getContent()['m.deactivated']).toBe('true');
		expect(member(people.grace).getContent()['membership']).toBe('invite');
		expect(member(people.harry).getContent()['membership']).toBe('ban');
		expect(member(people.mallory).getContent()['reason']).toBe(MALLORY_REASON);
		// The SDK saw mallory's hostile name before she left, from prev_content.
		expect(member(people.mallory).getPrevContent()['displayname']).toContain('\u001b]0;pwned\u0007');

		const oops = events.find((event) => event.getId() === '$oops')!;
		expect(oops.isRedacted()).toBe(true);
		expect(oops.getContent()).toEqual({});
		expect(events.some((event) => event.getWireType() === 'm.room.encrypted')).toBe(true);
		expect(events.some((event) => event.getContent()['msgtype'] === 'm.emote')).toBe(true);
		const typo = events.find((event) => event.getId() === '$typo')!;
		expect(typo.replacingEvent()?.getContent()['m.new_content']).toEqual({msgtype: 'm.text', body: 'Hello everyone, welcome to the demo!'});
	});

	test('loads members lazily through /members', async () => {
		await mainRoom().loadMembersIfNeeded();
		expect(server.requests.some(({method, path}) => method === 'GET' && path === `/_matrix/client/v3/rooms/${MAIN_ROOM_ID}/members`)).toBe(true);
		const joined = mainRoom().getJoinedMembers().map((member) => member.name).sort();
		expect(joined).toEqual(['Alice', 'Bob', 'Demo User', IVAN_NEW_NAME].sort());
		expect(mainRoom().getMember(people.grace)?.membership).toBe('invite');
	});

	test('scrolls back through the whole history to the room creation', async () => {
		const timeline = mainRoom().getLiveTimeline();
		while (await client.paginateEventTimeline(timeline, {backwards: true, limit: 30}));
		const events = timeline.getEvents();
		expect(events[0]!.getType()).toBe('m.room.create');
		const backlog = events.filter((event) => /\(\d+\/60\)$/.test(String(event.getContent()['body'])));
		expect(backlog).toHaveLength(BACKLOG_COUNT);
		const rename = events.find((event) => event.getStateKey() === people.ivan && event.getPrevContent()['displayname'] === IVAN_FIRST_NAME)!;
		expect(rename.getContent()['displayname']).toBe(IVAN_NEW_NAME);
		expect(events.some((event) => event.getContent()['msgtype'] === 'm.notice')).toBe(true);
		const timestamps = events.map((event) => event.getTs());
		expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
	});

	test('a sent message comes back through sync and replaces the local echo', async () => {
		const {event_id} = await client.sendTextMessage(MAIN_ROOM_ID, 'hello from the test');
		const echo = await eventually(() => liveEvents().find((event) => event.getId() === event_id && event.status === null));
		expect(echo.getUnsigned().transaction_id).toBeDefined();
		// One event left for that text: the local echo (id `~…`) became the remote one.
		const copies = liveEvents().filter((event) => event.getContent()['body'] === 'hello from the test');
		expect(copies.map((event) => event.getId())).toEqual([event_id]);
		const put = server.requests.find(({method, path}) => method === 'PUT' && path.includes('/send/m.room.message/'))!;
		expect(put.body).toEqual({msgtype: 'm.text', body: 'hello from the test'});
	});

	test('a state event is stored and synced back with prev_content', async () => {
		await client.sendStateEvent(MAIN_ROOM_ID, 'm.room.topic' as never, {topic: 'A new topic'} as never, '');
		expect(server.roomState(MAIN_ROOM_ID, 'm.room.topic')).toEqual({topic: 'A new topic'});
		const event = await eventually(() => liveState(mainRoom()).getStateEvents('m.room.topic', '')?.getContent()['topic'] === 'A new topic' && liveState(mainRoom()).getStateEvents('m.room.topic', '')!);
		expect(event.getPrevContent()['topic']).toMatch(/^Tour of matrix-tui/);
	});

	test('org.example.admin_only is refused with a Synapse-style 403', async () => {
		const error = await rejection(client.sendStateEvent(MAIN_ROOM_ID, 'org.example.admin_only' as never, {on: true} as never, ''));
		expect(error.httpStatus).toBe(403);
		expect(error.errcode).toBe('M_FORBIDDEN');
		expect(error.data.error).toBe("You don't have permission to post that to the room. user_level (50) < send_level (100)");
		expect(server.roomState(MAIN_ROOM_ID, 'org.example.admin_only')).toBeUndefined();

		const message = await rejection(client.sendEvent(MAIN_ROOM_ID, 'org.example.admin_only' as never, {} as never));
		expect(message.httpStatus).toBe(403);
		const failed = await eventually(() => liveEvents().find((event) => event.getType() === 'org.example.admin_only'));
		expect(failed.status).toBe(EventStatus.NOT_SENT);
	});

	test('reading absent state is a 404 M_NOT_FOUND', async () => {
		const error = await rejection(client.getStateEvent(MAIN_ROOM_ID, 'org.example.nothing', ''));
		expect(error.httpStatus).toBe(404);
		expect(error.errcode).toBe('M_NOT_FOUND');
		expect(error.data.error).toBe('Event not found.');
	});

	test('leaving with a reason stores it and syncs the room into the left state', async () => {
		const path = `/rooms/${encodeURIComponent(LOBBY_ROOM_ID)}/leave`;
		await client.http.authedRequest(Method.Post, path, undefined, {reason: 'off to lunch'});
		expect(server.roomState(LOBBY_ROOM_ID, 'm.room.member', server.userId)).toEqual({membership: 'leave', reason: 'off to lunch'});
		const lobby = client.getRoom(LOBBY_ROOM_ID)!;
		await eventually(() => lobby.getMyMembership() === 'leave');
		expect(lobby.getMember(server.userId)!.events.member!.getContent()['reason']).toBe('off to lunch');
	});

	test('joining the invite room brings its history', async () => {
		await client.joinRoom(INVITE_ROOM_ID);
		const room = client.getRoom(INVITE_ROOM_ID)!;
		await eventually(() => room.getMyMembership() === 'join' && room.getLiveTimeline().getEvents().some((event) => event.getContent()['body']?.includes('cake')));
		expect(room.getMember(server.userId)!.events.member!.getPrevContent()['membership']).toBe('invite');
	});

	test('injected events reach the running client within a long-poll', async () => {
		const started = Date.now();
		const eventId = server.injectEvent(MAIN_ROOM_ID, {type: 'm.room.message', sender: people.bob, content: {msgtype: 'm.text', body: 'injected!'}});
		const event = await eventually(() => liveEvents().find((candidate) => candidate.getId() === eventId));
		expect(Date.now() - started).toBeLessThan(2000);
		expect(event.getSender()).toBe(people.bob);
		expect(event.getContent()['body']).toBe('injected!');

		server.injectEvent(MAIN_ROOM_ID, {type: 'org.example.note', sender: people.alice, state_key: '', content: {deleted: true}});
		await eventually(() => liveState(mainRoom()).getStateEvents('org.example.note', '')?.getContent()['deleted'] === true);
	});

	test('closing the server under a running client ends its long-poll promptly', async () => {
		await new Promise((resolve) => setTimeout(resolve, 50)); // let the client park its long-poll
		const started = Date.now();
		await server.close();
		expect(Date.now() - started).toBeLessThan(1000);
	});
});
