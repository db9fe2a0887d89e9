import {describe, expect, test} from 'vitest';
import {divertSyncState} from '../../src/matrix/lean-sync.js';
import {leanSyncFetch} from '../../src/matrix/sync-fetch.js';
import type {DivertedState} from '../../src/matrix/lean-sync.js';

const ME = '@me:x';
const state = (type: string, stateKey: string, content: Record<string, unknown> = {}) => ({type, state_key: stateKey, sender: '@admin:x', event_id: `$${type}/${stateKey}`, content});
const member = (userId: string, membership = 'join') => state('m.room.member', userId, {membership});

function syncBody() {
	return {
		next_batch: 's1',
		rooms: {
			join: {
				'!big:x': {
					summary: {'m.heroes': ['@hero:x']},
					state: {events: [state('m.room.create', ''), state('m.room.power_levels', ''), state('m.space.child', '!a:x'), state('im.vector.modular.widgets', 'w1'), member(ME), member('@hero:x'), member('@sender:x'), member('@subject:x'), member('@stranger:x', 'leave'), {type: 'm.room.member'}, 'junk']},
					timeline: {events: [{type: 'm.room.message', sender: '@sender:x', content: {body: 'hi'}}, {...member('@subject:x', 'ban'), sender: '@admin:x'}]},
				},
				'!small:x': {state: {events: [state('m.room.name', '', {name: 'Small'})]}, timeline: {events: []}},
			},
			invite: {'!inv:x': {invite_state: {events: [state('org.example.custom', '')]}}},
		},
	};
}

describe('divertSyncState', () => {
	test('the SDK keeps the m.room.* settings and the members it reads; the rest is ours', () => {
		const body = syncBody();
		const diverted = divertSyncState(body, ME);
		expect(diverted).toEqual([{roomId: '!big:x', events: [state('m.space.child', '!a:x'), state('im.vector.modular.widgets', 'w1'), member('@stranger:x', 'leave')]}]);
		const kept = body.rooms.join['!big:x'].state.events;
		expect(kept).toEqual([state('m.room.create', ''), state('m.room.power_levels', ''), member(ME), member('@hero:x'), member('@sender:x'), member('@subject:x'), {type: 'm.room.member'}, 'junk']);
		// Rooms with nothing to take, invites and the timeline are left as they were.
		expect(body.rooms.join['!small:x'].state.events).toHaveLength(1);
		expect(body.rooms.invite['!inv:x'].invite_state.events).toHaveLength(1);
		expect(body.rooms.join['!big:x'].timeline.events).toHaveLength(2);
	});

	test('an encrypted room keeps every member for the SDK (its crypto shares room keys with them): known encrypted, or turning so in this body', () => {
		const known = syncBody();
		expect(divertSyncState(known, ME, (roomId) => roomId === '!big:x')).toEqual([{roomId: '!big:x', events: [state('m.space.child', '!a:x'), state('im.vector.modular.widgets', 'w1')]}]);
		expect(known.rooms.join['!big:x'].state.events).toContainEqual(member('@stranger:x', 'leave'));

		const turning = syncBody();
		turning.rooms.join['!big:x'].state.events.push(state('m.room.encryption', '', {algorithm: 'm.megolm.v1.aes-sha2'}));
		expect(divertSyncState(turning, ME)[0]!.events).not.toContainEqual(member('@stranger:x', 'leave'));
	});

	test('MSC4222 state_after is diverted the same way', () => {
		const body = {rooms: {join: {'!r:x': {'org.matrix.msc4222.state_after': {events: [state('org.example.flag', 'a'), state('m.room.topic', '')]}}}}};
		expect(divertSyncState(body, ME)).toEqual([{roomId: '!r:x', events: [state('org.example.flag', 'a')]}]);
		expect(body.rooms.join['!r:x']['org.matrix.msc4222.state_after'].events).toEqual([state('m.room.topic', '')]);
	});

	test('bodies of any shape are left alone', () => {
		for (const body of [null, 'text', [], {rooms: null}, {rooms: {join: []}}, {rooms: {join: {'!r:x': {state: {events: 'no'}}}}}]) expect(divertSyncState(body, ME)).toEqual([]);
	});
});

describe('leanSyncFetch', () => {
	const respond = (body: string, status = 200) => async () => new Response(body, {status, headers: {'content-type': 'application/json', 'content-length': String(body.length)}});

	test('a /sync response reaches the SDK without the diverted state, which goes to the callback first', async () => {
		const seen: DivertedState[][] = [];
		const fetchFn = leanSyncFetch(ME, {diverted: (diverted) => seen.push(diverted)}, respond(JSON.stringify(syncBody())));
		const response = await fetchFn('https://hs.example/_matrix/client/v3/sync?filter=1&timeout=0');
		const body = (await response.json()) as ReturnType<typeof syncBody>;
		expect(body.rooms.join['!big:x'].state.events.map((event) => (typeof event === 'string' ? event : event.type))).not.toContain('m.space.child');
		expect(seen).toHaveLength(1);
		expect(seen[0]![0]!.events).toHaveLength(3);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-length')).toBeNull();
	});

	test('other requests, errors and unparsable bodies pass through untouched', async () => {
		let calls = 0;
		const onDiverted = () => calls++;
		const text = JSON.stringify(syncBody());
		expect(await (await leanSyncFetch(ME, {diverted: onDiverted}, respond(text))('https://hs.example/_matrix/client/v3/rooms/!r/members')).text()).toBe(text);
		const failed = await leanSyncFetch(ME, {diverted: onDiverted}, respond('{"errcode":"M_UNKNOWN_TOKEN"}', 401))(new URL('https://hs.example/_matrix/client/v3/sync'));
		expect(failed.status).toBe(401);
		expect(await (await leanSyncFetch(ME, {diverted: onDiverted}, respond('{not json'))('https://hs.example/_matrix/client/v3/sync')).text()).toBe('{not json');
		expect(calls).toBe(0);
	});
});
