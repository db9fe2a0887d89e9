/**
 * The room on screen's sliding sync subscription, as the requests carry it: all of a small room's
 * state; a big room's (or one whose size is not known yet) without every member event; a room
 * found small once its size comes is asked for again, with all of it.
 */
import type {MatrixClient} from 'matrix-js-sdk';
import {SlidingSyncEvent, SlidingSyncState, type MSC3575SlidingSyncResponse} from 'matrix-js-sdk/lib/sliding-sync.js';
import {expect, test} from 'vitest';
import {RoomListSync, WHOLE_STATE_UP_TO} from '../../src/matrix/sliding-sync.js';
import {leanSyncFetch} from '../../src/matrix/sync-fetch.js';

type Request = {room_subscriptions?: Record<string, {required_state: string[][]}>};

/** A client whose sliding sync requests are kept (and never answered: each waits until aborted). */
function fakeClient(members: Record<string, number>) {
	const requests: Request[] = [];
	const client = {
		baseUrl: 'https://hs.example',
		getRoom: (roomId: string) => (roomId in members ? {getJoinedMemberCount: () => members[roomId]} : null),
		slidingSync: (request: Request, _proxy: unknown, signal: AbortSignal) => {
			requests.push(request);
			return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), {name: 'AbortError'}))));
		},
	};
	return {client: client as unknown as MatrixClient, requests};
}

const subscribed = (requests: Request[], roomId: string) => requests.flatMap((request) => (request.room_subscriptions?.[roomId] ? [request.room_subscriptions[roomId].required_state] : []));
const whole = (state: string[][] | undefined) => state?.some(([type, key]) => type === '*' && key === '*') ?? false;
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

test('a small room on screen is asked for with all its state; a big one, and one of unknown size, without every member', async () => {
	const {client, requests} = fakeClient({'!small': 12, '!big': WHOLE_STATE_UP_TO + 1});
	const rooms = new RoomListSync(client);
	rooms.view('!unknown');
	void rooms.slidingSync.start();
	await settle();
	const lazy = subscribed(requests, '!unknown')[0];
	expect(whole(lazy)).toBe(false);
	expect(lazy).toContainEqual(['m.room.member', '$LAZY']);
	rooms.view('!small');
	await settle();
	expect(whole(subscribed(requests, '!small').at(-1))).toBe(true);
	rooms.view('!big');
	await settle();
	expect(whole(subscribed(requests, '!big').at(-1))).toBe(false);
	rooms.slidingSync.stop();
});

test('a room subscribed before its size was known is asked for again, whole, once a response shows it small', async () => {
	const members: Record<string, number> = {};
	const {client, requests} = fakeClient(members);
	const rooms = new RoomListSync(client);
	rooms.view('!room');
	void rooms.slidingSync.start();
	await settle();
	expect(whole(subscribed(requests, '!room').at(-1))).toBe(false);
	members['!room'] = 3;
	const response = {pos: '1', lists: {rooms: {count: 1}}, rooms: {}, extensions: {}} as unknown as MSC3575SlidingSyncResponse;
	rooms.slidingSync.emit(SlidingSyncEvent.Lifecycle, SlidingSyncState.Complete, response);
	await settle();
	expect(whole(subscribed(requests, '!room').at(-1))).toBe(true);
	const asked = subscribed(requests, '!room').length;
	// Asked once: the next response changes nothing.
	rooms.slidingSync.emit(SlidingSyncEvent.Lifecycle, SlidingSyncState.Complete, response);
	await settle();
	expect(subscribed(requests, '!room')).toHaveLength(asked);
	rooms.slidingSync.stop();
});

test('the room asked for at start stays subscribed while another is on screen, and is let go once it has been opened and left', async () => {
	const {client, requests} = fakeClient({'!cached': 3, '!asked': 2});
	const rooms = new RoomListSync(client, () => {}, WHOLE_STATE_UP_TO, '!asked');
	void rooms.slidingSync.start();
	await settle();
	expect(Object.keys(requests.at(-1)!.room_subscriptions ?? {})).toEqual(['!asked']);
	rooms.view('!cached'); // drawn from the cache while '!asked' is not in yet
	await settle();
	expect(Object.keys(requests.at(-1)!.room_subscriptions ?? {}).sort()).toEqual(['!asked', '!cached']);
	rooms.view('!asked');
	rooms.view('!cached');
	await settle();
	expect([...rooms.slidingSync.getRoomSubscriptions()]).toEqual(['!cached']);
	rooms.slidingSync.stop();
});

test('every request names the rooms subscribed to (Synapse does not keep them), through the fetch the SDK is given', async () => {
	const {client} = fakeClient({'!small': 2, '!big': WHOLE_STATE_UP_TO + 5});
	const rooms = new RoomListSync(client);
	rooms.view('!small');
	const sent: string[] = [];
	const base = (async (_input: unknown, init?: RequestInit) => {
		sent.push(typeof init?.body === 'string' ? init.body : '');
		return new Response('{"pos":"1","lists":{},"rooms":{}}', {status: 200});
	}) as typeof fetch;
	const fetchFn = leanSyncFetch('@me:hs.example', {diverted: () => {}, slidingRequest: (body) => rooms.putSubscriptionsIn(body)}, base);
	const url = 'https://hs.example/_matrix/client/unstable/org.matrix.simplified_msc3575/sync';
	for (const _ of [1, 2]) await fetchFn(url, {method: 'POST', body: JSON.stringify({lists: {}, unsubscribe_rooms: ['!gone']})});
	for (const body of sent.map((text) => JSON.parse(text) as Request & {unsubscribe_rooms?: unknown})) {
		expect(Object.keys(body.room_subscriptions ?? {})).toEqual(['!small']);
		expect(whole(body.room_subscriptions?.['!small']?.required_state)).toBe(true);
		expect(body.unsubscribe_rooms).toBeUndefined();
	}
	rooms.view('!big');
	await fetchFn(url, {method: 'POST', body: '{}'});
	const last = JSON.parse(sent.at(-1)!) as Request;
	expect(Object.keys(last.room_subscriptions ?? {})).toEqual(['!big']);
	expect(whole(last.room_subscriptions?.['!big']?.required_state)).toBe(false);
});
