import {afterEach, describe, expect, it} from 'vitest';
import {ACCESS_TOKEN, BENCH_SHAPE, BIG_ROOM, generateBenchData, type BenchShape, type MatrixEvent} from '../../bench/data/generate.ts';
import {TRAFFIC_STORM, deniedServer, stormJoinerSerials} from '../../bench/data/traffic-storm.ts';
import {startBenchServer, type BenchServer, type Mark} from '../../bench/server/server.ts';

const SMALL: BenchShape = {...BENCH_SHAPE, stateEvents: 200, deletedState: 100, joined: 600, left: 250, leaveReasons: 50, deactivated: 20, stormChanges: 600};
const LAZY = {room: {timeline: {limit: 5}, state: {lazy_load_members: true}}};

type Room = {state: {events: MatrixEvent[]}; timeline: {events: MatrixEvent[]; limited: boolean; prev_batch: string}};

describe('the bench homeserver, syncing as Synapse does', () => {
	let server: BenchServer;
	const marks: Mark[] = [];
	const data = generateBenchData({seed: 1, scenario: 'big', shape: SMALL, withStorm: false});
	const call = async (path: string, init: RequestInit = {}) => {
		const response = await fetch(`${server.url}/_matrix/client/v3/${path}`, {...init, headers: {authorization: `Bearer ${ACCESS_TOKEN}`, 'content-type': 'application/json'}});
		return (await response.json()) as Record<string, any>;
	};
	const postFilter = async (filter: unknown) => (await call('user/%40bench%3Abench.example/filter', {method: 'POST', body: JSON.stringify(filter)}))['filter_id'] as string;
	/** One incremental sync: the big room's part of it (undefined when absent), and the next token. */
	const sync = async (since: string, filter?: string) => {
		const body = await call(`sync?since=${since}&timeout=0${filter === undefined ? '' : `&filter=${encodeURIComponent(filter)}`}`);
		return {room: body['rooms']['join'][BIG_ROOM.id] as Room | undefined, next: body['next_batch'] as string};
	};
	const start = async (lazyMembersCacheSize?: number) => {
		server = await startBenchServer(data, {onMark: (mark) => marks.push(mark), lazyMembersCacheSize});
		server.syncLikeSynapse(true);
		return ((await call('sync')) as {next_batch: string}).next_batch;
	};
	afterEach(() => server.close());

	it('keeps the filter the client posts and answers it back by id', async () => {
		await start();
		const id = await postFilter(LAZY);
		expect(await call(`user/%40bench%3Abench.example/filter/${id}`)).toEqual(LAZY);
		expect((await call('user/%40bench%3Abench.example/filter/nope'))['errcode']).toBe('M_NOT_FOUND');
	});

	it('honours the filter\'s timeline limit (Synapse\'s 10 without one); a limited sync\'s prev_batch pages back through exactly the skipped events, once, in order', async () => {
		let since = await start();
		const id = await postFilter(LAZY);
		await server.messages({perSecond: 1000, durationMs: 40, senders: 'joined'});
		const limited = await sync(since, id);
		expect(limited.room?.timeline).toMatchObject({limited: true});
		expect(limited.room?.timeline.events).toHaveLength(5);
		since = limited.next;
		await server.messages({perSecond: 1000, durationMs: 30, senders: 'joined'});
		const unfiltered = await sync(since);
		expect(unfiltered.room?.timeline.events).toHaveLength(10);

		// Back from the first limited sync's prev_batch, 7 at a time, to the start of history.
		const older: string[] = [];
		let from: string | undefined = limited.room!.timeline.prev_batch;
		let pages = 0;
		while (from !== undefined) {
			const page = await call(`rooms/${encodeURIComponent(BIG_ROOM.id)}/messages?from=${from}&dir=b&limit=7`);
			older.push(...(page['chunk'] as MatrixEvent[]).map((event) => event.event_id));
			expect(page['start']).toBe(from);
			from = page['end'];
			pages++;
		}
		expect(pages).toBeGreaterThan(3);
		const all = server.timelineIds(BIG_ROOM.id, 0);
		const firstSync = limited.room!.timeline.events.map((event) => event.event_id);
		expect([...older.reverse(), ...firstSync]).toEqual(all.slice(0, older.length + 5));
		expect(new Set(older).size).toBe(older.length);
		// And forward again, from the start.
		const forward = await call(`rooms/${encodeURIComponent(BIG_ROOM.id)}/messages?from=m0&dir=f&limit=1000`);
		expect((forward['chunk'] as MatrixEvent[]).map((event) => event.event_id)).toEqual(all);
		expect(forward['end']).toBeUndefined();
		// A sync's next_batch is a token too, and `to` bounds a page: back from the second sync to the first.
		const between = await call(`rooms/${encodeURIComponent(BIG_ROOM.id)}/messages?from=${unfiltered.next}&to=${limited.next}&dir=b&limit=1000`);
		expect((between['chunk'] as MatrixEvent[]).map((event) => event.event_id).reverse()).toEqual(all.slice(-30));
	});

	/** Four rounds of traffic, a sync after each: the member event ids the syncs' state carried, and checks on the way. */
	const lazyRounds = async (since: string, id: string) => {
		const had = new Set(data.initialTimelines.get(BIG_ROOM.id)!.membersSent);
		const sentIds: string[] = [];
		let repeats = 0;
		let distinct = 0;
		for (let round = 0; round < 4; round++) {
			const traffic = await server.messages({perSecond: 1000, durationMs: 60, senders: 'joined'});
			distinct += traffic.distinctSenders;
			const {room, next} = await sync(since, id);
			since = next;
			const members = room!.state.events.filter((event) => event.type === 'm.room.member');
			sentIds.push(...members.map((event) => event.event_id));
			for (const event of room!.timeline.events) {
				if (had.has(event.sender)) repeats++;
				else expect(members.map((member) => member.state_key)).toContain(event.sender);
			}
			for (const member of members) had.add(member.state_key!);
		}
		return {sentIds, repeats, distinct};
	};

	it('sends each sender\'s member event once while the record holds it (lazy loading, no redundant members), and the senders\' members with /messages', async () => {
		const since = await start(Infinity);
		const id = await postFilter({room: {timeline: {limit: 1000}, state: {lazy_load_members: true}}});
		const {sentIds, repeats, distinct} = await lazyRounds(since, id);
		expect(new Set(sentIds).size).toBe(sentIds.length);
		expect(repeats).toBeGreaterThan(10); // senders who spoke before, in this or an earlier sync, got no member event again
		expect(distinct).toBeGreaterThan(100);

		const page = await call(`rooms/${encodeURIComponent(BIG_ROOM.id)}/messages?dir=b&limit=20&filter=${encodeURIComponent('{"lazy_load_members":true}')}`);
		const senders = new Set((page['chunk'] as MatrixEvent[]).map((event) => event.sender));
		expect(new Set((page['state'] as MatrixEvent[]).map((event) => event.state_key))).toEqual(senders);
	});

	it('sends a member event again once a hundred others have pushed it out of the record, as Synapse\'s LRU does', async () => {
		const since = await start(); // Synapse's 100 entries; 600 joined users speak
		const id = await postFilter({room: {timeline: {limit: 1000}, state: {lazy_load_members: true}}});
		const {sentIds} = await lazyRounds(since, id);
		expect(sentIds.length - new Set(sentIds).size).toBeGreaterThan(0);
	});

	it('spreads the realistic storm over syncs: joins, renames, an ACL change, kicks from the denied server, leaves, rejoins', async () => {
		let since = await start();
		const id = await postFilter({room: {timeline: {limit: 1000}, state: {lazy_load_members: true}}});
		let done = false;
		const traffic = server.messages({perSecond: 200, durationMs: 400, senders: 'joined', storm: {firstAtMs: 0, spacingMs: 40}}).finally(() => (done = true));
		const events: MatrixEvent[] = [];
		let syncs = 0;
		for (let room: Room | undefined; !done || room; ) {
			await new Promise((resolve) => setTimeout(resolve, 15));
			const next = await sync(since, id);
			({room, next: since} = next);
			if (room) syncs++;
			events.push(...(room?.timeline.events ?? []));
		}
		const counted = (await traffic).syncs;
		expect(syncs).toBeGreaterThan(3);
		// What the report says of those syncs: counted while the traffic ran, the member events the new senders brought.
		expect(counted.syncs).toBeGreaterThan(3);
		expect(counted.stateMembers).toBeGreaterThan(20);
		expect(counted.timelineEvents).toBeLessThanOrEqual(events.length);
		const member = events.filter((event) => event.type === 'm.room.member');
		const [from, to] = stormJoinerSerials(0);
		const joins = member.filter((event) => event.content['membership'] === 'join' && event.unsigned?.['prev_content'] === undefined);
		expect(joins).toHaveLength(to - from);
		expect(joins.every((event) => String(event.content['displayname']).startsWith('0x'))).toBe(true);
		const renames = member.filter((event) => event.content['membership'] === 'join' && (event.unsigned?.['prev_content'] as any)?.membership === 'join');
		expect(renames).toHaveLength(6);
		const acl = events.find((event) => event.type === 'm.room.server_acl');
		expect(acl?.content['deny']).toContain(deniedServer(0));
		const kicks = member.filter((event) => event.content['membership'] === 'leave' && event.sender !== event.state_key);
		expect(kicks.length).toBeGreaterThan(50);
		expect(kicks.every((event) => event.state_key!.endsWith(`:${deniedServer(0)}`))).toBe(true);
		expect(events.indexOf(acl!)).toBeLessThan(events.indexOf(kicks[0]!));
		const leaves = member.filter((event) => event.content['membership'] === 'leave' && event.sender === event.state_key);
		expect(leaves).toHaveLength(20);
		expect(leaves.some((event) => typeof event.content['reason'] === 'string')).toBe(true);
		const rejoins = member.filter((event) => (event.unsigned?.['prev_content'] as any)?.membership === 'leave');
		expect(rejoins).toHaveLength(10);
		expect(TRAFFIC_STORM.length).toBeGreaterThanOrEqual(6);
		expect(marks.some((mark) => mark.name === 'storm-joins-start')).toBe(true);
		// /members has caught up with all of it.
		const listed = (await call(`rooms/${encodeURIComponent(BIG_ROOM.id)}/members`))['chunk'] as MatrixEvent[];
		const joiner = listed.find((event) => event.state_key === joins[0]!.state_key);
		expect(joiner?.content['membership']).toBe('join');
	});

	it('puts state events a limited sync skipped in its state, but not others\' member events under lazy loading', async () => {
		const since = await start();
		const id = await postFilter({room: {timeline: {limit: 3}, state: {lazy_load_members: true}}});
		await server.messages({perSecond: 1000, durationMs: 20, senders: 'joined', storm: {firstAtMs: 0, spacingMs: 5}});
		await server.messages({perSecond: 1000, durationMs: 30, senders: 'joined'});
		const {room} = await sync(since, id);
		expect(room!.state.events.find((event) => event.type === 'm.room.server_acl')).toBeDefined();
		const timelineUsers = new Set(room!.timeline.events.flatMap((event) => [event.sender, event.state_key ?? event.sender]));
		const memberKeys = room!.state.events.filter((event) => event.type === 'm.room.member').map((event) => event.state_key!);
		expect(memberKeys.every((key) => timelineUsers.has(key))).toBe(true);
	});
});
