/**
 * The synthetic homeserver data of issue 4, built once per process from a seed: the same seed gives
 * the same bytes, so the server can serve a body and the floor can JSON.parse that very body.
 * (shape.ts: the sizes and user numbering; events.ts: event and body builders; rooms.ts: the rooms.)
 */
import {createRandom} from './random.ts';
import {EventIds, makeProfiles, roomJson, syncBody, withoutRoomId, type MatrixEvent, type Profile} from './events.ts';
import {bigRoom, controlRoom, stormOf} from './rooms.ts';
import {BENCH_SHAPE, BIG_ROOM, CONTROL_ROOM, serialRanges, stormPlan, type BenchShape, type Scenario, type SerialRanges} from './shape.ts';

export {ACCESS_TOKEN, BENCH_SHAPE, BIG_ROOM, CONTROL_ROOM, USER_ID, formatSerial, stormPlan} from './shape.ts';
export type {BenchShape, Scenario, SerialRanges} from './shape.ts';
export {liveMessage, membersBody, roomEntry, syncBody} from './events.ts';
export type {MatrixEvent, Profile} from './events.ts';

export interface BenchData {
	shape: BenchShape;
	scenario: Scenario;
	/** The initial /sync body; its next_batch is "s1". */
	initialSync: string;
	/** Current m.room.member events per room, as /members serves them (with room_id). */
	members: Map<string, MatrixEvent[]>;
	/** The storm: the big room's part of one incremental sync (a JSON object, as text), and its events. */
	storm?: {roomJson: string; events: MatrixEvent[]};
	/** Per room, what the initial sync sent: its timeline, the token before it, whose member events its state carried. */
	initialTimelines: Map<string, InitialTimeline>;
	serials: SerialRanges;
	/** Users by serial (big room) with the profile they joined with. */
	profileOf(serial: number): Profile;
}

export interface InitialTimeline {
	events: MatrixEvent[];
	prevBatch: string;
	membersSent: string[];
}

export function generateBenchData(options: {seed: number; scenario: Scenario; shape?: BenchShape; withStorm?: boolean}): BenchData {
	const shape = options.shape ?? BENCH_SHAPE;
	const random = createRandom(options.seed);
	const plan = stormPlan(shape);
	const profiles = makeProfiles(random, shape.joined + shape.left + plan.joins);
	const profileOf = (serial: number): Profile => {
		const profile = profiles[serial];
		if (!profile) throw new Error(`no user with serial ${serial}`);
		return profile;
	};
	const ids = new EventIds(random);
	const members = new Map<string, MatrixEvent[]>();
	const rooms: string[] = [];
	const initialTimelines = new Map<string, InitialTimeline>();

	const control = controlRoom(random, ids, shape, (serial) => profileOf(serial).displayname);
	members.set(CONTROL_ROOM.id, control.members);

	let storm: BenchData['storm'];
	if (options.scenario === 'big') {
		const big = bigRoom(random, ids, shape, profileOf);
		members.set(BIG_ROOM.id, big.members);
		rooms.push(roomJson(BIG_ROOM.id, big.syncState, big.timeline, {joined: shape.joined, heroes: [1, 2, 3].map((serial) => profileOf(serial).userId), prevBatch: 't0_big'}));
		const membersSent = big.syncState.filter((event) => event.type === 'm.room.member').map((event) => event.state_key ?? '');
		initialTimelines.set(BIG_ROOM.id, {events: big.timeline, prevBatch: 't0_big', membersSent});
		if (options.withStorm !== false) storm = stormOf(ids, shape, plan, profileOf, big.members);
	}
	rooms.push(roomJson(CONTROL_ROOM.id, [...control.state, ...control.members.map(withoutRoomId)], control.timeline, {joined: shape.controlMembers, heroes: [], prevBatch: 't0_control'}));
	initialTimelines.set(CONTROL_ROOM.id, {events: control.timeline, prevBatch: 't0_control', membersSent: control.members.map((event) => event.state_key ?? '')});

	return {
		shape,
		scenario: options.scenario,
		initialSync: syncBody('s1', rooms),
		members,
		storm,
		initialTimelines,
		serials: serialRanges(shape),
		profileOf,
	};
}
