import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ACCESS_TOKEN, BENCH_SHAPE, BIG_ROOM, CONTROL_ROOM, generateBenchData, type BenchShape} from '../../bench/data/generate.ts';
import {startBenchServer, type BenchServer, type Mark} from '../../bench/server/server.ts';

const SMALL: BenchShape = {...BENCH_SHAPE, stateEvents: 200, deletedState: 100, joined: 250, left: 250, leaveReasons: 50, deactivated: 20, stormChanges: 600};

describe('the bench homeserver', () => {
	const marks: Mark[] = [];
	let server: BenchServer;
	const get = async (path: string, token: string | null = ACCESS_TOKEN, init: RequestInit = {}) => {
		const response = await fetch(`${server.url}/_matrix/client/${path}`, {...init, headers: token ? {authorization: `Bearer ${token}`, 'content-type': 'application/json'} : {}});
		return {status: response.status, body: (await response.json()) as Record<string, any>};
	};

	beforeAll(async () => {
		server = await startBenchServer(generateBenchData({seed: 1, scenario: 'big', shape: SMALL}), {onMark: (mark) => marks.push(mark)});
	});
	afterAll(() => server.close());

	it('loads under plain node, as `npm run bench` runs it (the demo\'s HTTP plumbing from source, types stripped)', async () => {
		const script = "const {startBenchServer} = await import('./bench/server/server.ts'); console.log(typeof startBenchServer);";
		const {stdout} = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {cwd: new URL('../..', import.meta.url)});
		expect(stdout.trim()).toBe('function');
	});

	it('answers /versions without a token, and nothing else', async () => {
		expect((await get('versions', null)).body['versions']).toContain('v1.11');
		expect((await get('v3/sync', null)).status).toBe(401);
		expect((await get('v3/sync', 'wrong')).body['errcode']).toBe('M_UNKNOWN_TOKEN');
		expect(await get('v3/nonsense')).toEqual({status: 404, body: {errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request'}});
		expect((await get('v3/sync', 'x', {method: 'POST', body: '{'})).body).toEqual({errcode: 'M_NOT_JSON', error: 'Content not JSON.'});
	});

	it('serves the initial sync and marks when it starts', async () => {
		const {body} = await get('v3/sync?filter=bench');
		expect(body['next_batch']).toBe('s1');
		expect(Object.keys(body['rooms']['join'])).toEqual([BIG_ROOM.id, CONTROL_ROOM.id]);
		expect(marks.some((mark) => mark.name === 'initial-sync-start')).toBe(true);
	});

	it('serves /members filtered as Synapse does, or in full, marking each response', async () => {
		const room = encodeURIComponent(BIG_ROOM.id);
		expect((await get(`v3/rooms/${room}/members?not_membership=leave&at=s1`)).body['chunk']).toHaveLength(250);
		expect((await get(`v3/rooms/${room}/members`)).body['chunk']).toHaveLength(500);
		const mark = marks.filter((entry) => entry.name === 'members-start').at(-1)!;
		expect(mark).toMatchObject({roomId: BIG_ROOM.id, query: ''});
		expect(mark.bytes).toBeGreaterThan(10_000);
		server.honourMemberFilters(false);
		expect((await get(`v3/rooms/${room}/members?not_membership=leave`)).body['chunk']).toHaveLength(500);
		server.honourMemberFilters(true);
	});

	it('long-polls until there is news: the storm wakes a waiting /sync', async () => {
		const waiting = get('v3/sync?since=s1&timeout=10000');
		await new Promise((resolve) => setTimeout(resolve, 50));
		server.storm();
		const {body} = await waiting;
		const room = body['rooms']['join'][BIG_ROOM.id];
		expect(room['state']['events'].length + room['timeline']['events'].length).toBe(600);
		expect(marks.some((mark) => mark.name === 'storm-start')).toBe(true);
		// A retry with the same token gets the same batch.
		expect((await get('v3/sync?since=s1&timeout=0')).body['next_batch']).toBe(body['next_batch']);
	});

	it('echoes what we send in the next sync, and times out an idle long-poll with no rooms', async () => {
		const since = (await get('v3/sync?since=s1&timeout=0')).body['next_batch'] as string;
		const sent = await get(`v3/rooms/${encodeURIComponent(CONTROL_ROOM.id)}/send/m.room.message/txn1`, ACCESS_TOKEN, {method: 'PUT', body: JSON.stringify({msgtype: 'm.text', body: 'hi'})});
		const {body} = await get(`v3/sync?since=${since}&timeout=5000`);
		const echo = body['rooms']['join'][CONTROL_ROOM.id]['timeline']['events'][0];
		expect(echo).toMatchObject({event_id: sent.body['event_id'], content: {body: 'hi'}, unsigned: {transaction_id: 'txn1'}});
		const empty = await get(`v3/sync?since=${body['next_batch']}&timeout=20`);
		expect(empty.body['rooms']['join']).toEqual({});
	});

	it('sends messages at the asked rate, counting them as unread until a receipt', async () => {
		let since = (await get('v3/sync?since=s1&timeout=0')).body['next_batch'] as string;
		since = (await get(`v3/sync?since=${since}&timeout=0`)).body['next_batch'] as string;
		const done = server.messages({perSecond: 200, durationMs: 100});
		let received = 0;
		let unread = 0;
		while (received < 20) {
			const {body} = await get(`v3/sync?since=${since}&timeout=1000`);
			since = body['next_batch'];
			const room = body['rooms']['join'][BIG_ROOM.id];
			received += room?.['timeline']['events'].length ?? 0;
			// The old phases' syncs: every message in the timeline, no member events.
			if (room) expect([room['timeline']['limited'], room['state']['events']]).toEqual([false, []]);
			unread = room?.['unread_notifications']['notification_count'] ?? unread;
		}
		expect((await done).sent).toBe(20);
		expect(received).toBe(20);
		expect(unread).toBe(20);
		expect(server.requests.get('GET sync')).toBeGreaterThan(3);
	});
});
