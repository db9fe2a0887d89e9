/**
 * The phases after issue 4's, with the server syncing as Synapse does (limited syncs, lazy-loaded
 * members of thousands of distinct senders):
 *   7. traffic: typing while 100 msg/s arrive in the big room with the realistic storm mixed in
 *      (trafficKeystrokeP95Ms; stormToMembersMs: the sync carrying the storm's joins → a frame
 *      whose member list shows them);
 *   8. busy machine: the same, with another process keeping one core busy (busyKeystrokeP95Ms);
 *   9. long run: 60 s of 100 msg/s (rssGrowth: RSS after ÷ before, each after a quiet pause and a gc);
 *  then what the server sent into the big room against what the client held (messagesMissing,
 *  messagesDuplicated; timeline-check.ts says how).
 */
import {SCENARIO} from '../config.ts';
import {stormJoinerSerials} from '../data/traffic-storm.ts';
import type {ServerChild} from '../server/child.ts';
import type {TrafficResult} from '../server/traffic.ts';
import {startCpuHog} from './cpu-hog.ts';
import {memory, settle} from './memory.ts';
import type {RemoteScreen} from './remote-screen.ts';
import type {ClientRunResult} from './result.ts';
import {TimelineRecorder, checkTimeline, type StoreLike} from './timeline-check.ts';
import {typeDuringTraffic, type TypingOutcome} from './typing-phase.ts';
import type {Typist} from './typist.ts';

export interface TrafficContext {
	server: ServerChild;
	screen: RemoteScreen;
	typist: Typist;
	store: StoreLike;
	session: unknown;
	bigRoomId: string;
	result: ClientRunResult;
	notes: string[];
	/** Marks the end of a phase (details.phaseEndsS) and keeps its screen under BENCH_DEBUG. */
	phaseDone: (name: string) => Promise<void>;
}

export async function measureTrafficPhases(context: TrafficContext): Promise<void> {
	const {server, result} = context;
	server.send({type: 'sync-like-synapse', on: true});
	const recorder = new TimelineRecorder(context.store, context.bigRoomId);
	try {
		// 7. Traffic with the realistic storm, typing.
		const traffic = await stormyTyping(context, 0);
		result.trafficKeystrokeP95Ms = traffic.p95;
		result.stormToMembersMs = traffic.stormToMembersMs;
		result.details['traffic'] = traffic.details;
		await settle(1500);
		await context.phaseDone('traffic');

		// 8. The same on a busy machine.
		const hog = startCpuHog(SCENARIO.typingMs + 60_000);
		let busy: Awaited<ReturnType<typeof stormyTyping>>;
		try {
			busy = await stormyTyping(context, 1);
		} finally {
			await hog.stop();
		}
		result.busyKeystrokeP95Ms = busy.p95;
		result.details['busy'] = busy.details;
		await settle(1500);
		await context.phaseDone('busy');

		// 9. The long run.
		await longRun(context);
		await context.phaseDone('longRun');
	} finally {
		recorder.stop();
	}

	const from = (result.details['traffic'] as {logFrom: number}).logFrom;
	const {ids} = await server.request({type: 'timeline-ids', from}, 'timeline-ids');
	const check = checkTimeline(ids, recorder, recorder.finalIds());
	result.messagesMissing = check.missing;
	result.messagesDuplicated = check.duplicated;
	result.details['timelineCheck'] = check;
}

/** Typing during traffic with a round of the realistic storm; when the storm's joiners reach the member list. */
async function stormyTyping(context: TrafficContext, round: number) {
	const {server, screen, notes} = context;
	const startedAt = performance.timeOrigin + performance.now();
	// Watched from now on; the frames are read back after the typing, with the times Ink drew them.
	const joiners = screen.watch({kind: 'member-rows', range: stormJoinerSerials(round), atLeast: SCENARIO.stormRowsShown}, startedAt);
	const typing = await typeDuringTraffic(context, {senders: 'joined', storm: {firstAtMs: SCENARIO.stormFirstAtMs, spacingMs: SCENARIO.stormSpacingMs}}, {clearFirst: true});
	const sent = await typing.traffic;
	const shownAt = await screen.result(joiners, SCENARIO.stepTimeoutMs);
	const mark = await server.mark('storm-joins-start', {after: startedAt, timeoutMs: 1000});
	const stormToMembersMs = shownAt !== null && mark ? shownAt - mark.at : null;
	if (!mark) notes.push(`storm round ${round}: its joins were never sent`);
	else if (shownAt === null) notes.push(`storm round ${round}: its joiners never reached the member list`);
	return {p95: typing.p95, stormToMembersMs, details: typingDetails(typing, sent, {stormToMembersMs})};
}

async function longRun(context: TrafficContext): Promise<void> {
	const {server, screen, session, result} = context;
	const durationMs = Number(process.env['BENCH_LONG_RUN_MS'] ?? SCENARIO.longRunMs);
	await settle(SCENARIO.quietMs);
	const before = await memory(session);
	// Nobody reads the screen here: ship Ink's writes anyway, so they do not pile up in this process.
	const pumping = setInterval(() => screen.pump(), 100);
	let sent: TrafficResult;
	try {
		sent = (await server.request({type: 'messages', perSecond: SCENARIO.messagesPerSecond, durationMs, senders: 'joined'}, 'messages-done', durationMs + 30_000));
		await settle(SCENARIO.quietMs);
	} finally {
		clearInterval(pumping);
	}
	await screen.caughtUp();
	const after = await memory(session);
	result.rssGrowth = before.rssMb > 0 ? after.rssMb / before.rssMb : null;
	result.details['longRun'] = {durationMs, sent: sent.sent, distinctSenders: sent.distinctSenders, syncs: sent.syncs, before, after};
}

function typingDetails(typing: TypingOutcome, sent: TrafficResult, extra: Record<string, unknown>) {
	return {keystrokes: typing.keystrokes, ...(typing.trace ? {keystrokeTrace: typing.trace} : {}), sent: sent.sent, distinctSenders: sent.distinctSenders, stormSteps: sent.stormSteps, syncs: sent.syncs, logFrom: sent.from, ...extra};
}
