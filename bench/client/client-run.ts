/**
 * One measured run of the real client, in a process of its own (so RSS is this run's alone): the
 * built session and chat (dist/), the Ink tree in a 120×40 virtual terminal (parsed in a child
 * process: remote-screen.ts), a server child with the synthetic data. BENCH_SCENARIO=big runs the
 * whole script of issue 4, then issue 12's traffic phases (traffic-phases.ts; BENCH_TRAFFIC=0
 * skips them); idle only opens the control room, for idleRssMb. Reports a ClientRunResult to its
 * parent over IPC.
 */
import {setTimeout as sleep} from 'node:timers/promises';
import {performance} from 'node:perf_hooks';
import type {Instance, RenderOptions} from 'ink';
import {SCENARIO, TERMINAL} from '../config.ts';
import {epochNow} from '../clock.ts';
import {maxGap, median} from '../stats.ts';
import {startServerChild, type ServerChild} from '../server/child.ts';
import type {Scenario} from '../data/generate.ts';
import {CLEAR} from './keystrokes.ts';
import {collect, heapSnapshots, maxRssMb, memory, settle} from './memory.ts';
import {RemoteScreen} from './remote-screen.ts';
import {appRenderOptions} from './render-options.ts';
import {createSession, distUrl, sessionKindFromEnv} from './session-factory.ts';
import {FakeStdin, FakeStdout} from './terminal.ts';
import {measureTrafficPhases} from './traffic-phases.ts';
import {typeDuringTraffic} from './typing-phase.ts';
import {Typist} from './typist.ts';
import {exitWithParent, reportAndExit, type ClientRunResult} from './result.ts';

type ChatModule = typeof import('../../src/chat.js');

const NEXT_ROOM = '\u000e'; // Ctrl+N

const scenario = (process.env['BENCH_SCENARIO'] ?? 'big') as Scenario;
const seed = Number(process.env['BENCH_SEED'] ?? 4);
const notes: string[] = [];

async function main(): Promise<ClientRunResult> {
	const server = await startServerChild({scenario, seed, storm: scenario === 'big'});
	try {
		return await measure(server);
	} finally {
		server.stop();
	}
}

async function measure(server: ServerChild): Promise<ClientRunResult> {
	const kind = sessionKindFromEnv();
	const {ready} = server;
	const session = await createSession(kind, {homeserver: ready.url, userId: ready.userId, accessToken: ready.accessToken});
	const {createChat} = (await import(distUrl('chat.js').href)) as ChatModule;
	const {render} = await import('ink');
	// As cli.tsx renders the chat (frame rate, incremental rendering…), plus the bench's own streams.
	const appOptions = await appRenderOptions(distUrl('cli.js'));

	const stdout = new FakeStdout(TERMINAL.columns, TERMINAL.rows);
	const stderr = new FakeStdout(TERMINAL.columns, TERMINAL.rows);
	const stdin = new FakeStdin();
	const screen = new RemoteScreen(stdout);
	let renderHook: ((metrics: {renderTime: number}) => void) | undefined;
	const chat = createChat(session, {size: {...TERMINAL}, onQuit: () => {}, initialRoom: ready.controlRoom.id});
	const options: RenderOptions = {
		...(appOptions.options as Partial<RenderOptions>),
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		debug: false,
		interactive: true,
		onRender: (metrics) => renderHook?.(metrics),
	};
	const instance: Instance = render(chat.element, options);
	const typist = new Typist((key) => stdin.write(key));
	const result: ClientRunResult = {scenario, session: kind, notes, details: {renderOptions: {...appOptions.options, from: appOptions.from}}};
	const phases: Record<string, number> = {};
	const phase = (name: string) => (phases[name] = Math.round(performance.now()) / 1000);
	// BENCH_DEBUG=1: the screen as text at each phase's end, to see what was measured.
	const screens: Record<string, string[]> = {};
	const snapshot = async (name: string) => {
		if (!process.env['BENCH_DEBUG']) return;
		screens[name] = await screen.lines();
		result.details['screens'] = screens;
	};
	result.details['phaseEndsS'] = phases;
	phase('ready');

	try {
		const startedAt = epochNow();
		void session.start();

		// 1. The first sync: the control room opens first (initialRoom), with its member list.
		const controlShown = {kind: 'room-members', room: ready.controlRoom.name, names: ready.controlNames, atLeast: SCENARIO.memberRowsShown} as const;
		const initialFrame = await screen.waitFor(controlShown, {after: startedAt, timeoutMs: 120_000});
		const initialMark = server.marks.find((mark) => mark.name === 'initial-sync-start');
		if (initialFrame === null) throw new Error('the control room never showed its members');
		result.details['initialSyncToFrameMs'] = initialMark ? initialFrame - initialMark.at : null;
		await settle(1000);
		result.details['afterInitialSync'] = await memory(session);
		phase('initialSync');
		await snapshot('initialSync');

		if (scenario === 'idle') {
			result.idleRssMb = maxRssMb();
			result.details['idleAfterFirstSync'] = await memory(session);
			const idle = await renderSamples(SCENARIO.renderSamples);
			result.details['idleRenders'] = {frameMs: median(idle.frameMs), inkMs: median(idle.inkMs)};
			return result;
		}

		// 2. Open the big room: its member list is the default side panel, so the app fetches /members.
		const switchedAt = epochNow();
		stdin.write(NEXT_ROOM);
		const membersMark = await server.mark('members-start', {after: switchedAt, roomId: ready.bigRoom.id, timeoutMs: SCENARIO.stepTimeoutMs});
		if (membersMark) {
			result.details['membersServed'] = {bytes: membersMark.bytes, query: membersMark.query ?? ''};
			const shown = await screen.waitFor({kind: 'member-rows', range: ready.serials.lateJoined, atLeast: SCENARIO.memberRowsShown}, {after: membersMark.at, timeoutMs: SCENARIO.stepTimeoutMs});
			result.firstFrameMs = shown === null ? null : shown - membersMark.at;
			if (shown === null) notes.push('the big room never showed its member rows');
		} else {
			notes.push('the app never asked for the big room\'s /members');
		}
		await settle(1000);
		result.peakRssMb = maxRssMb();
		result.details['afterMembers'] = await memory(session);
		if (process.env['BENCH_HEAP_SNAPSHOT']) await heapSnapshots(session, process.env['BENCH_HEAP_SNAPSHOT']);
		phase('members');
		await snapshot('members');

		// 3. renderRatio: the same re-render with the 50,000-member list open and with the 50-member
		// room, in alternating blocks (big, small, big, small) so drift favours neither.
		const rooms = {big: ready.bigRoom.name, small: ready.controlRoom.name};
		const frames = {big: [] as number[], small: [] as number[]};
		const inkFrames = {big: [] as number[], small: [] as number[]};
		let current: keyof typeof rooms = 'big';
		const order = Array.from({length: SCENARIO.renderPairs}, () => ['big', 'small'] as const).flat();
		for (const room of order) {
			if (room !== current) {
				stdin.write(NEXT_ROOM); // two rooms: Ctrl+N goes to the other
				await screen.waitFor({kind: 'room', name: rooms[room]}, {timeoutMs: SCENARIO.stepTimeoutMs});
				await settle(300);
				current = room;
			}
			await renderSamples(SCENARIO.renderWarmup);
			const blockStart = performance.now();
			const block = await renderSamples(SCENARIO.renderSamples / SCENARIO.renderPairs, false);
			// BENCH_DEBUG: when each timed block ran, to split a CPU profile (BENCH_CPU_PROF) by room.
			if (process.env['BENCH_DEBUG']) ((result.details['renderBlocks'] ??= []) as unknown[]).push({room, startMs: blockStart, endMs: performance.now()});
			frames[room].push(...block.frameMs);
			inkFrames[room].push(...block.inkMs);
		}
		stdin.write(NEXT_ROOM);
		await screen.waitFor({kind: 'room', name: rooms.big}, {timeoutMs: SCENARIO.stepTimeoutMs});
		await settle(500);
		const summary = (room: keyof typeof rooms) => ({frameMs: median(frames[room]), inkMs: median(inkFrames[room]), samples: frames[room].length, ...(process.env['BENCH_DEBUG'] ? {all: frames[room].map(Math.round)} : {})});
		const big = summary('big');
		const small = summary('small');
		result.details['renders'] = {big, small};
		result.renderRatio = big.frameMs !== null && small.frameMs ? big.frameMs / small.frameMs : null;
		phase('renders');
		await snapshot('renders');

		// 3b. What one key costs the terminal, nothing else arriving: 30 letters, one every 50 ms, then
		// Ctrl+U, in the big room with its member list open.
		await settle(300);
		const quietKeys = [...Array.from({length: 30}, (_, index) => String.fromCharCode(97 + (index % 26))), CLEAR];
		const bytesBefore = stdout.bytesWritten;
		await typist.type(quietKeys, SCENARIO.typingIntervalMs);
		await sleep(300); // the last frames are written
		result.bytesPerKeystroke = (stdout.bytesWritten - bytesBefore) / quietKeys.length;
		result.details['quietTyping'] = {keys: quietKeys.length, bytes: stdout.bytesWritten - bytesBefore};

		// 4. The storm: 60,000 member changes in one sync, while a key arrives every 16 ms.
		const tickKeys = [...Array.from({length: SCENARIO.typingSegment - 1}, () => 'x'), CLEAR];
		typist.loop(tickKeys, SCENARIO.tickIntervalMs);
		await sleep(300);
		const stormAskedAt = epochNow();
		server.send({type: 'storm'});
		const stormMark = await server.mark('storm-start', {after: stormAskedAt, timeoutMs: SCENARIO.stepTimeoutMs});
		if (stormMark) {
			const done = await screen.waitFor({kind: 'member-rows', range: ready.serials.stormJoiners, atLeast: SCENARIO.stormRowsShown}, {after: stormMark.at, timeoutMs: SCENARIO.stepTimeoutMs});
			if (done === null) notes.push('the storm never reached the member list');
			const end = done ?? epochNow();
			const frameTimes = await screen.frameTimes(stormMark.at, end);
			result.maxFrameGapMs = maxGap(frameTimes, stormMark.at, end);
			result.details['storm'] = {bytes: stormMark.bytes, toFrameMs: done === null ? null : done - stormMark.at, frames: frameTimes.length, ticksSent: typist.sent.filter((key) => key.t >= stormMark.at && key.t <= end).length};
		} else {
			notes.push('the storm sync was never requested');
		}
		await sleep(300);
		await typist.stop();
		stdin.write(CLEAR);
		await settle(1500);
		result.details['afterStorm'] = await memory(session);
		phase('storm');
		await snapshot('storm');

		// 5. Typing while 100 messages/s arrive.
		const typing = await typeDuringTraffic({server, screen, typist}, {});
		result.keystrokeP95Ms = typing.p95;
		result.details['keystrokes'] = typing.keystrokes;
		if (typing.trace) result.details['keystrokeTrace'] = typing.trace;
		result.details['messagesSent'] = (await typing.traffic).sent;
		result.details['keysWhileInputDetached'] = stdin.unattendedWrites;

		phase('typing');
		await snapshot('typing');
		result.details['wholeRunPeakRssMb'] = maxRssMb();
		result.details['requests'] = (await server.request({type: 'requests'}, 'requests')).requests;

		// 7–9. Issue 12: traffic as Synapse sends it, a busy machine, a long run; messages missing.
		if (process.env['BENCH_TRAFFIC'] !== '0') {
			await settle(1000);
			const phaseDone = async (name: string) => {
				phase(name);
				await snapshot(name);
			};
			await measureTrafficPhases({server, screen, typist, store: chat.store, session, bigRoomId: ready.bigRoom.id, result, notes, phaseDone});
			result.details['wholeRunPeakRssMbWithTraffic'] = maxRssMb();
			result.details['requestsWithTraffic'] = (await server.request({type: 'requests'}, 'requests')).requests;
		}
		result.details['screenChild'] = await screen.stats();
		const cpu = process.cpuUsage();
		result.details['measuredProcessCpuMs'] = Math.round((cpu.user + cpu.system) / 1000);
	} finally {
		screen.close();
		await typist.terminate();
		chat.detach();
		session.stop();
		instance.unmount();
	}

	// 6. The floor, once the client is quiet: the server parses the very bodies it served.
	await settle(500);
	const floor = await server.request({type: 'floor', repeat: 5}, 'floor');
	result.floorMs = floor.floorMs;
	result.payloadMb = (ready.payloadBytes.initialSync + ready.payloadBytes.members) / (1024 * 1024);
	result.details['floorSamplesMs'] = floor.samples;
	phase('floor');
	result.details['payloadBytes'] = ready.payloadBytes;
	return result;

	/** Times `count` re-renders of the whole screen: focus moves between the side panel and the composer. */
	async function renderSamples(count: number, collectFirst = true): Promise<{frameMs: number[]; inkMs: number[]}> {
		if (collectFirst) collect();
		const frameMs: number[] = [];
		const inkMs: number[] = [];
		// An even count, so focus ends where it started: on the composer.
		const even = Math.ceil(count / 2) * 2;
		for (let index = 0; index < even; index++) {
			await sleep(SCENARIO.renderSpacingMs); // past Ink's frame throttle, so the frame is drawn at once
			const focus = index % 2 === 0 ? 'side' : 'composer';
			const start = performance.now();
			const rendered = new Promise<{end: number; inkMs: number}>((resolve) => {
				renderHook = (metrics) => {
					renderHook = undefined;
					resolve({end: performance.now(), inkMs: metrics.renderTime});
				};
			});
			chat.store.dispatch({type: 'set-focus', focus});
			const sample = await Promise.race([rendered, sleep(10_000).then(() => null)]);
			if (sample) {
				frameMs.push(sample.end - start);
				inkMs.push(sample.inkMs);
			}
		}
		renderHook = undefined;
		return {frameMs, inkMs};
	}
}

exitWithParent();
void main()
	.catch((error: unknown): ClientRunResult => ({scenario, notes: [...notes, `crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`], details: {}}))
	.then((result) => reportAndExit({type: 'result', result}));
