/**
 * Messages from other members into the big room at a steady rate, optionally with the realistic
 * storm's steps spread over them. Senders come either from the old phase 5's range (a few thousand
 * long-standing members, as before) or from the whole joined population (tens of thousands: nearly
 * every sync then brings someone new, with a member event under lazy loading).
 */
import {epochNow} from '../clock.ts';
import type {Random} from '../data/random.ts';
import {BIG_ROOM, USER_ID, liveMessage, type BenchData} from '../data/generate.ts';
import {TRAFFIC_STORM} from '../data/traffic-storm.ts';
import type {BenchRooms, SyncCounts} from './rooms.ts';

export interface TrafficOptions {
	perSecond: number;
	durationMs: number;
	/** 'stable': the old phase 5's senders; 'joined': anyone joined at the time. */
	senders?: 'stable' | 'joined';
	/** Spread a round of the realistic storm over the traffic: its first step after firstAtMs, then one every spacingMs. */
	storm?: {firstAtMs: number; spacingMs: number};
}

export interface TrafficResult {
	sent: number;
	distinctSenders: number;
	/** The big room's log positions [from, to) the traffic filled (storm events included). */
	from: number;
	to: number;
	stormSteps: number;
	stormRound?: number;
	/** The big room's syncs while the traffic ran (as Synapse sends them, or plainly). */
	syncs: SyncCounts;
}

export function runTraffic(rooms: BenchRooms, data: BenchData, random: Random, options: TrafficOptions, wake: () => void): Promise<TrafficResult> {
	const [from, to] = data.serials.stableJoined;
	const log = rooms.logs.get(BIG_ROOM.id)!;
	const members = rooms.members.get(BIG_ROOM.id)!;
	const senders = new Set<string>();
	const round = options.storm ? rooms.newStormRound() : undefined;
	const start = epochNow();
	const firstPosition = log.length;
	const countsBefore = {...rooms.bigRoomSyncs};
	let produced = 0;
	let steps = 0;
	const pickSender = (): string => {
		if (options.senders !== 'joined') return data.profileOf(from + random.int(Math.max(1, to - from))).userId;
		const joined = members.joinedUsers();
		for (;;) {
			const userId = joined[random.int(joined.length)]!;
			if (userId !== USER_ID) return userId;
		}
	};
	return new Promise((resolve) => {
		const timer = setInterval(() => {
			const elapsed = Math.min(options.durationMs, epochNow() - start);
			const due = Math.floor((elapsed * options.perSecond) / 1000);
			let news = false;
			if (due > produced) {
				rooms.notifications.set(BIG_ROOM.id, (rooms.notifications.get(BIG_ROOM.id) ?? 0) + due - produced);
				for (; produced < due; produced++) {
					const sender = pickSender();
					senders.add(sender);
					rooms.append(BIG_ROOM.id, liveMessage(random, sender, produced, epochNow()));
				}
				news = true;
			}
			while (options.storm && steps < TRAFFIC_STORM.length && elapsed >= options.storm.firstAtMs + steps * options.storm.spacingMs) {
				rooms.queueStep(TRAFFIC_STORM[steps++]!);
				news = true;
			}
			if (news) wake();
			if (elapsed >= options.durationMs) {
				clearInterval(timer);
				// Steps still queued land in the next sync: count them in once it has gone out.
				const syncs = Object.fromEntries(Object.entries(rooms.bigRoomSyncs).map(([key, value]) => [key, value - countsBefore[key as keyof SyncCounts]])) as unknown as SyncCounts;
				resolve({sent: produced, distinctSenders: senders.size, from: firstPosition, to: log.length, stormSteps: steps, syncs, ...(round === undefined ? {} : {stormRound: round})});
			}
		}, 10);
	});
}
