/**
 * The shape of issue 4's rooms, and the user numbering the screen detectors rely on: users carry a
 * 5-digit serial in every display name (and user ID). 0 is us; 1…joined−1 are joined
 * (1…timelineSenders sent the visible timeline, so lazy loading already brought their member
 * events); then the leaves; after them, the users who join in the storm.
 */

export interface BenchShape {
	/** Non-member state events in the big room… */
	stateEvents: number;
	/** …of which this many carry MSC3901 `deleted: true`. */
	deletedState: number;
	/** Timeline events in the big room's initial sync, and how many distinct members sent them. */
	timeline: number;
	timelineSenders: number;
	/** Member events /members returns for the big room: joined (us included), then left. */
	joined: number;
	left: number;
	/** Leaves with a reason (some kicks, some long, some emoji/CJK), then MSC3759 self-leaves. */
	leaveReasons: number;
	deactivated: number;
	/** Power level 100 and 50 users, among the timeline senders. */
	admins: number;
	moderators: number;
	/** Members of the control room, us included; all of them in its sync state. */
	controlMembers: number;
	/** Member changes in the one big incremental sync (the storm after an ACL change). */
	stormChanges: number;
}

export const BENCH_SHAPE: BenchShape = {
	stateEvents: 20_000,
	deletedState: 10_000,
	timeline: 20,
	timelineSenders: 10,
	joined: 25_000,
	left: 25_000,
	leaveReasons: 5_000,
	deactivated: 2_000,
	admins: 3,
	moderators: 6,
	controlMembers: 50,
	stormChanges: 60_000,
};

export type Scenario = 'big' | 'idle';

export const USER_ID = '@bench:bench.example';
export const ACCESS_TOKEN = 'bench-access-token';
export const BIG_ROOM = {id: '!matrixhq:bench.example', name: 'Matrix HQ (bench)'} as const;
export const CONTROL_ROOM = {id: '!control:bench.example', name: 'Control room (bench)'} as const;

/** Half-open serial ranges the screen detectors look for. */
export interface SerialRanges {
	/** Joined members only /members brings (not the lazily loaded timeline senders). */
	lateJoined: readonly [number, number];
	/** Users who join in the storm. */
	stormJoiners: readonly [number, number];
	/** Joined before and after the storm: senders of the live messages. */
	stableJoined: readonly [number, number];
}

export interface StormPlan {
	leaves: number;
	rejoins: number;
	joins: number;
}

export function formatSerial(serial: number): string {
	return String(serial).padStart(5, '0');
}

export function stormPlan(shape: BenchShape): StormPlan {
	const leaves = Math.min(Math.floor(shape.stormChanges / 3), Math.max(0, shape.joined - 1 - shape.timelineSenders));
	const rejoins = Math.min(Math.floor(shape.stormChanges / 4), Math.max(0, shape.left - shape.leaveReasons - shape.deactivated));
	return {leaves, rejoins, joins: shape.stormChanges - leaves - rejoins};
}

export function serialRanges(shape: BenchShape): SerialRanges {
	const plan = stormPlan(shape);
	const firstNew = shape.joined + shape.left;
	return {
		lateJoined: [shape.timelineSenders + 1, shape.joined],
		stormJoiners: [firstNew, firstNew + plan.joins],
		stableJoined: [shape.timelineSenders + 1 + plan.leaves, shape.joined],
	};
}
