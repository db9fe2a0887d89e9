/**
 * What the bench homeserver knows about its rooms, and how it turns that into incremental /sync
 * bodies. Two ways to sync:
 * - plain (the old phases, kept so their figures stay comparable): every new event in the
 *   timeline, never limited, no member events;
 * - Synapse (the traffic phases): the filter's timeline limit (limited syncs with a prev_batch),
 *   and with lazy_load_members the member events of the timeline's senders the client has not been
 *   sent yet; state events skipped by a limited sync go in `state` (members only without lazy loading).
 */
import {createRandom} from '../data/random.ts';
import {EventIds, withoutRoomId, type MatrixEvent} from '../data/events.ts';
import {BIG_ROOM, USER_ID, roomEntry, syncBody, type BenchData} from '../data/generate.ts';
import {stormStepEvents, type StormStep, type StormStepKind} from '../data/traffic-storm.ts';
import type {SyncFilter} from './filters.ts';
import {LazyMemberCache} from './lazy-member-cache.ts';
import {RoomMembers} from './room-members.ts';
import {TimelineLog, type SyncSlice} from './timeline-log.ts';

export interface Batch {
	body: Buffer;
	/** The old one-sync storm is in it. */
	storm: boolean;
	/** Kinds of realistic-storm steps in it. */
	steps: StormStepKind[];
}

/** What the big room's incremental syncs carried, for the report. */
export interface SyncCounts {
	syncs: number;
	limited: number;
	timelineEvents: number;
	/** Events a limited sync skipped (left for /messages). */
	skipped: number;
	/** Member events in `state` (lazy loading: the new senders'). */
	stateMembers: number;
}

export class BenchRooms {
	readonly bigRoomSyncs: SyncCounts = {syncs: 0, limited: 0, timelineEvents: 0, skipped: 0, stateMembers: 0};
	readonly members = new Map<string, RoomMembers>();
	readonly logs = new Map<string, TimelineLog>();
	readonly notifications = new Map<string, number>();
	/** Sync as Synapse does (limits, lazy members); off for the old phases. */
	synapse = false;
	private readonly data: BenchData;
	private position = 1;
	private stormQueued = false;
	private readonly queuedSteps: StormStep[] = [];
	private stormRound = -1;
	private joinedThisRound = 0;
	private readonly stormRandom = createRandom(0x570a);
	private readonly stormIds = new EventIds(this.stormRandom);
	private readonly untouchable: Set<string>;

	/** `lazyCacheSize`: the device's lazy-loading record (Synapse's 100 by default). */
	constructor(data: BenchData, lazyCacheSize?: number) {
		this.data = data;
		const sent = new LazyMemberCache(lazyCacheSize);
		for (const [roomId, events] of data.members) {
			const initial = data.initialTimelines.get(roomId);
			this.members.set(roomId, new RoomMembers(events, initial?.membersSent ?? [], sent));
			const log = new TimelineLog(initial?.events.map(withoutRoomId), initial?.prevBatch);
			log.alias('s1'); // the initial sync's next_batch
			this.logs.set(roomId, log);
		}
		const powerUsers = Array.from({length: data.shape.admins + data.shape.moderators}, (_, index) => data.profileOf(index + 1).userId);
		this.untouchable = new Set([USER_ID, ...powerUsers]);
	}

	hasNews(): boolean {
		return this.stormQueued || this.queuedSteps.length > 0 || [...this.logs.values()].some((log) => log.hasNews());
	}

	/** Queues the old 60,000-change storm for the next /sync. */
	queueStorm(): void {
		if (!this.data.storm) throw new Error('this scenario has no storm');
		this.stormQueued = true;
	}

	/** Starts a new round of the realistic storm (new joiners, another server denied). */
	newStormRound(): number {
		this.joinedThisRound = 0;
		return ++this.stormRound;
	}

	/** Queues a step of the realistic storm for the next /sync, where it lands after the messages so far. */
	queueStep(step: StormStep): void {
		this.queuedSteps.push(step);
	}

	/** A timeline event into a room (state events update what the room holds). */
	append(roomId: string, event: MatrixEvent): number {
		const log = this.logs.get(roomId)!;
		if (event.type !== 'm.room.member') return log.append(withoutRoomId(event));
		const replaced = this.members.get(roomId)!.set({...event, room_id: roomId});
		return log.append(withoutRoomId(event), replaced);
	}

	makeBatch(since: string, filter: SyncFilter): Batch {
		const next = `s${++this.position}`;
		const rooms: string[] = [];
		const storm = this.stormQueued && this.data.storm !== undefined;
		if (storm) {
			rooms.push(this.data.storm!.roomJson);
			this.stormQueued = false;
			this.applyStorm();
		}
		const steps = this.applySteps();
		// A sync's next_batch is a /messages token too (the spec allows paginating from it).
		for (const log of this.logs.values()) log.alias(next);
		for (const [roomId, log] of this.logs) {
			// A room appears once per sync: the big room's other news waits for the next one.
			if ((storm && roomId === BIG_ROOM.id) || !log.hasNews()) continue;
			rooms.push(this.roomPart(roomId, log, since, filter));
		}
		return {body: Buffer.from(syncBody(next, rooms)), storm, steps};
	}

	private roomPart(roomId: string, log: TimelineLog, since: string, filter: SyncFilter): string {
		const notifications = this.notifications.get(roomId) ?? 0;
		if (!this.synapse) {
			const slice = log.takeSync(undefined);
			this.recordSent(roomId, [], slice);
			return roomEntry(roomId, {timeline: slice.timeline, limited: false, prevBatch: since, notifications});
		}
		const slice = log.takeSync(filter.timelineLimit);
		const members = this.members.get(roomId)!;
		const state = [...gapState(slice.gap, filter.lazyLoadMembers), ...(filter.lazyLoadMembers ? members.lazyState(slice.timeline, slice.replaced) : [])];
		this.recordSent(roomId, state, slice);
		if (roomId === BIG_ROOM.id) this.count(slice, state);
		return roomEntry(roomId, {state, timeline: slice.timeline, limited: slice.limited, prevBatch: slice.prevBatch, notifications});
	}

	private count(slice: SyncSlice, state: readonly MatrixEvent[]): void {
		const counts = this.bigRoomSyncs;
		counts.syncs++;
		if (slice.limited) counts.limited++;
		counts.timelineEvents += slice.timeline.length;
		counts.skipped += slice.gap.length;
		counts.stateMembers += state.filter((event) => event.type === 'm.room.member').length;
	}

	private recordSent(roomId: string, state: readonly MatrixEvent[], slice: SyncSlice): void {
		const members = this.members.get(roomId)!;
		for (const event of [...state, ...slice.timeline]) if (event.type === 'm.room.member' && event.state_key !== undefined) members.markSent(event.state_key, event);
	}

	private applyStorm(): void {
		const members = this.members.get(BIG_ROOM.id)!;
		for (const event of this.data.storm?.events ?? []) {
			members.set(event);
			members.markSent(event.state_key ?? '');
		}
		this.logs.get(BIG_ROOM.id)!.alias('t_storm');
	}

	private applySteps(): StormStepKind[] {
		const steps = this.queuedSteps.splice(0);
		const members = this.members.get(BIG_ROOM.id)!;
		for (const step of steps) {
			const context = {round: Math.max(0, this.stormRound), random: this.stormRandom, ids: this.stormIds, members, admin: this.data.profileOf(1).userId, untouchable: this.untouchable, joinedSoFar: this.joinedThisRound, now: Date.now()};
			for (const event of stormStepEvents(step, context)) this.append(BIG_ROOM.id, event);
			if (step.kind === 'joins') this.joinedThisRound += step.count;
		}
		return steps.map((step) => step.kind);
	}
}

/** The state events a limited sync skipped, latest per (type, state_key); members only without lazy loading. */
function gapState(gap: readonly MatrixEvent[], lazyMembers: boolean): MatrixEvent[] {
	const latest = new Map<string, MatrixEvent>();
	for (const event of gap) {
		if (event.state_key === undefined || (lazyMembers && event.type === 'm.room.member')) continue;
		latest.set(`${event.type}\u0000${event.state_key}`, event);
	}
	return [...latest.values()];
}
