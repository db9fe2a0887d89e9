import {afterEach, describe, expect, test} from 'vitest';
import {waitFor} from '../support/wait.js';
import {ALICE, FLAG_ID, GHOST, GHOST_JOIN_ID, LEAVER, ME, ROOM, watchedSession, type WatchedSession} from './scenario-session.js';

let watched: WatchedSession | undefined;
afterEach(async () => {
	await watched?.close();
	watched = undefined;
});

const flagRow = (watched: WatchedSession) => watched.room().stateView?.rows.find((row) => row.type === 'org.example.flag');
const memberRow = (watched: WatchedSession, userId: string) => {
	const list = watched.room().memberList;
	return [...list.joined, ...list.invited, ...list.banned, ...list.left].find((row) => row.userId === userId);
};

describe('SdkSession', () => {
	test('each action answers its own type of result', async () => {
		watched = await watchedSession();
		const {session} = watched;
		const sent = await session.perform({type: 'send-text', roomId: ROOM, body: 'hello'});
		expect(sent.ok && sent.value).toMatchObject({txnId: expect.any(String)});
		// In the outbox, then confirmed by the sync that brings it with its transaction ID: the echo goes.
		await waitFor(() => watched!.room().events.at(-1)?.unsigned?.['transaction_id'] === (sent.ok && sent.value.txnId) && watched!.room().pending.length === 0);
		const name = await session.perform({type: 'get-state', roomId: ROOM, eventType: 'm.room.name', stateKey: ''});
		expect(name).toEqual({ok: true, value: {name: 'Tracked'}});
		const census = await session.perform({type: 'state-census', roomId: ROOM});
		expect(census.ok && census.value.rows.find((row) => row.type === 'org.example.flag')).toMatchObject({live: 1, deleted: 0});
		const state = await session.perform({type: 'room-state', roomId: ROOM});
		expect(state.ok && state.value.some((event) => event.event_id === FLAG_ID)).toBe(true);
		expect(await session.perform({type: 'set-topic', roomId: ROOM, topic: 'new'})).toEqual({ok: true, value: undefined});
		const refused = await session.perform({type: 'paginate-back', roomId: '!nowhere:demo.local'});
		expect(refused).toEqual({ok: false, error: {kind: 'other', message: 'not in room !nowhere:demo.local'}});
	});

	test('the timeline grows by appends; scrollback inserts what it brought before the oldest', async () => {
		watched = await watchedSession();
		expect(watched.room().events).toHaveLength(30);
		watched.server.injectEvent(ROOM, {type: 'm.room.message', sender: ALICE, content: {msgtype: 'm.text', body: 'fresh'}});
		await waitFor(() => watched!.room().events.at(-1)?.content?.['body'] === 'fresh');
		expect(watched.updates.at(-1)?.events?.mode).toBe('append');
		const oldest = watched.room().events[0]?.event_id;
		expect(await watched.session.perform({type: 'paginate-back', roomId: ROOM})).toEqual({ok: true, value: undefined});
		await waitFor(() => watched!.room().events.length > 31);
		expect(watched.updates.at(-1)?.events).toMatchObject({mode: 'append', events: [], inserted: [{before: oldest}]});
		expect(watched.room().events.map((event) => event.content?.['body']).filter((body) => typeof body === 'string' && body.startsWith('message '))).toEqual(Array.from({length: 35}, (_, serial) => `message ${serial}`));
	});

	test('a state change the SDK syncs replaces the diverted state of the same type and key', async () => {
		watched = await watchedSession();
		await watched.session.perform({type: 'load-state-view', roomId: ROOM});
		await waitFor(() => flagRow(watched!));
		expect(flagRow(watched)?.summary).toBe('{"value": 1}');
		watched.server.injectEvent(ROOM, {type: 'org.example.flag', state_key: 'a', sender: ALICE, content: {value: 2}});
		await waitFor(() => flagRow(watched!)?.summary === '{"value": 2}', {describe: () => JSON.stringify(flagRow(watched!))});
		expect(watched.room().stateView?.rows.filter((row) => row.type === 'org.example.flag')).toHaveLength(1);
	});

	test('redactions reach state and members the SDK never held', async () => {
		watched = await watchedSession();
		const {session, server} = watched;
		await session.perform({type: 'load-state-view', roomId: ROOM});
		await session.perform({type: 'set-show-deleted', value: true});
		expect(await session.perform({type: 'load-members', roomId: ROOM})).toEqual({ok: true, value: undefined});
		await waitFor(() => flagRow(watched!) && memberRow(watched!, GHOST)?.name === 'Ghost');
		for (const target of [FLAG_ID, GHOST_JOIN_ID]) {
			const redaction = {type: 'm.room.redaction', sender: ALICE, content: {}, redacts: target};
			server.injectEvent(ROOM, redaction);
		}
		await waitFor(() => flagRow(watched!)?.deleted && memberRow(watched!, GHOST)?.name === GHOST, {describe: () => JSON.stringify([flagRow(watched!), memberRow(watched!, GHOST)])});
		expect(flagRow(watched)?.summary).toBe('{}');
	});

	test('the member list is fetched in two parts; the departed are listed only on request', async () => {
		watched = await watchedSession();
		const {session} = watched;
		expect(watched.room().membersLoaded).toBe(false);
		await session.perform({type: 'load-members', roomId: ROOM});
		await waitFor(() => watched!.room().membersLoaded && memberRow(watched!, GHOST));
		expect([...watched.room().memberList.joined].map((row) => row.userId).sort()).toEqual([ALICE, GHOST, ME].sort());
		expect(watched.room().memberList.hiddenCount).toBe(1);
		expect(memberRow(watched, LEAVER)).toBeUndefined();
		await session.perform({type: 'set-show-deleted', value: true});
		await waitFor(() => memberRow(watched!, LEAVER));
		expect([...watched.room().memberList.left].map((row) => row.userId)).toEqual([LEAVER]);
	});
});
