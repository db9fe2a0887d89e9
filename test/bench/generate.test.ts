import {describe, expect, it} from 'vitest';
import {BENCH_SHAPE, BIG_ROOM, CONTROL_ROOM, USER_ID, formatSerial, generateBenchData, membersBody, stormPlan, type BenchShape, type MatrixEvent} from '../../bench/data/generate.ts';

/** Issue 4's room at a tenth of the size: same rules, fast to build. */
const SMALL: BenchShape = {...BENCH_SHAPE, stateEvents: 2_000, deletedState: 1_000, joined: 2_500, left: 2_500, leaveReasons: 500, deactivated: 200, stormChanges: 6_000};

type SyncRoom = {state: {events: MatrixEvent[]}; timeline: {events: MatrixEvent[]; limited: boolean}; summary: Record<string, unknown>};

describe('the benchmark shape', () => {
	it('is the one issue 4 describes', () => {
		expect(BENCH_SHAPE).toMatchObject({stateEvents: 20_000, deletedState: 10_000, timeline: 20, joined: 25_000, left: 25_000, leaveReasons: 5_000, deactivated: 2_000, controlMembers: 50, stormChanges: 60_000});
	});
});

describe('generateBenchData (big)', () => {
	const data = generateBenchData({seed: 4, scenario: 'big', shape: SMALL});
	const sync = JSON.parse(data.initialSync) as {next_batch: string; rooms: {join: Record<string, SyncRoom>}};
	const big = sync.rooms.join[BIG_ROOM.id]!;
	const members = data.members.get(BIG_ROOM.id)!;
	const membership = (event: MatrixEvent) => event.content['membership'];

	it('is deterministic for a seed, and differs between seeds', () => {
		const again = generateBenchData({seed: 4, scenario: 'big', shape: SMALL});
		expect(again.initialSync).toBe(data.initialSync);
		expect(membersBody(again.members.get(BIG_ROOM.id)!)).toBe(membersBody(members));
		expect(generateBenchData({seed: 5, scenario: 'big', shape: SMALL}).initialSync).not.toBe(data.initialSync);
	});

	it('syncs the big room lazily: all non-member state, half of it deleted, and only the senders\' members', () => {
		const state = big.state.events;
		const nonMember = state.filter((event) => event.type !== 'm.room.member');
		expect(nonMember).toHaveLength(2_000);
		expect(nonMember.filter((event) => event.content['deleted'] === true)).toHaveLength(1_000);
		expect(nonMember.find((event) => event.type === 'm.room.create')?.content['deleted']).toBeUndefined();
		const senders = new Set(big.timeline.events.map((event) => event.sender));
		expect(big.timeline.events).toHaveLength(20);
		expect(senders.size).toBe(10);
		const memberKeys = state.filter((event) => event.type === 'm.room.member').map((event) => event.state_key);
		expect(new Set(memberKeys)).toEqual(new Set([USER_ID, ...senders]));
		expect(big.summary['m.joined_member_count']).toBe(2_500);
		expect(sync.next_batch).toBe('s1');
	});

	it('syncs the control room with all 50 members in its state', () => {
		const control = sync.rooms.join[CONTROL_ROOM.id]!;
		const joined = control.state.events.filter((event) => event.type === 'm.room.member' && event.content['membership'] === 'join');
		expect(joined).toHaveLength(50);
		// Nothing there may look like a big-room serial on screen.
		expect(JSON.stringify(control.state.events.map((event) => event.content['displayname']))).not.toMatch(/\d{5}/);
	});

	it('serves /members as joined and left members, leaves with reasons and MSC3759 flags', () => {
		expect(members).toHaveLength(5_000);
		expect(members.filter((event) => membership(event) === 'join')).toHaveLength(2_500);
		const leaves = members.filter((event) => membership(event) === 'leave');
		expect(leaves).toHaveLength(2_500);
		const reasons = leaves.filter((event) => typeof event.content['reason'] === 'string');
		expect(reasons).toHaveLength(500);
		expect(reasons.some((event) => (event.content['reason'] as string).length >= 200)).toBe(true);
		expect(reasons.some((event) => /[\u3040-\u9fff]/.test(event.content['reason'] as string))).toBe(true);
		expect(reasons.filter((event) => event.sender !== event.state_key)).toHaveLength(100); // kicks
		const deactivated = leaves.filter((event) => event.content['m.deactivated'] === true || event.content['org.matrix.msc3759.deactivated'] === true);
		expect(deactivated).toHaveLength(200);
		expect(deactivated.every((event) => event.sender === event.state_key)).toBe(true);
		expect(deactivated.some((event) => event.content['m.deactivated'] === true)).toBe(true);
		expect(deactivated.some((event) => event.content['org.matrix.msc3759.deactivated'] === true)).toBe(true);
		expect(members.every((event) => event.room_id === BIG_ROOM.id)).toBe(true);
	});

	it('puts each member\'s serial in the name the member list shows', () => {
		const serial = 1234;
		const profile = data.profileOf(serial);
		expect(`${profile.displayname ?? ''} ${profile.userId}`).toContain(formatSerial(serial));
		expect(data.serials.lateJoined).toEqual([11, 2_500]);
	});

	it('filters /members the way Synapse does', () => {
		const notLeave = JSON.parse(membersBody(members, {notMembership: 'leave'})) as {chunk: MatrixEvent[]};
		expect(notLeave.chunk).toHaveLength(2_500);
		const onlyLeave = JSON.parse(membersBody(members, {membership: 'leave'})) as {chunk: MatrixEvent[]};
		expect(onlyLeave.chunk.every((event) => membership(event) === 'leave')).toBe(true);
	});

	it('builds a storm of member changes: state plus a limited 20-event timeline', () => {
		const plan = stormPlan(SMALL);
		expect(plan.leaves + plan.rejoins + plan.joins).toBe(6_000);
		expect(data.storm?.events).toHaveLength(6_000);
		const entry = JSON.parse(`{${data.storm!.roomJson}}`) as Record<string, SyncRoom>;
		const room = entry[BIG_ROOM.id]!;
		expect(room.state.events.length + room.timeline.events.length).toBe(6_000);
		expect(room.timeline.events).toHaveLength(20);
		expect(room.timeline.limited).toBe(true);
		const [from, to] = data.serials.stormJoiners;
		expect(to - from).toBe(plan.joins);
		expect(data.storm!.events.filter((event) => membership(event) === 'join' && event.state_key?.includes(formatSerial(from)))).toHaveLength(1);
	});
});

describe('generateBenchData (idle)', () => {
	it('syncs only the control room', () => {
		const data = generateBenchData({seed: 4, scenario: 'idle', shape: SMALL});
		const sync = JSON.parse(data.initialSync) as {rooms: {join: Record<string, unknown>}};
		expect(Object.keys(sync.rooms.join)).toEqual([CONTROL_ROOM.id]);
		expect(data.storm).toBeUndefined();
		expect(data.members.has(BIG_ROOM.id)).toBe(false);
	});
});
