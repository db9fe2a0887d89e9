/**
 * `npm run bench` (issue 4): does the client stay instant in a Matrix-HQ-sized room?
 *
 * Each run is a fresh process tree: a measured child (bench/client/*.ts) that forks its own server
 * (bench/server/main.ts) with seeded synthetic data, so every run sees the same bytes and RSS is
 * the client's alone. Per iteration:
 *   big   the real client (dist/: session, store, Ink tree in a 120×40 virtual terminal): opens the
 *         big room's member list (firstFrameMs, peakRssMb), times frames in both rooms
 *         (renderRatio), takes the 60,000-change storm under a 16 ms keystroke tick (maxFrameGapMs),
 *         types under 100 messages/s (keystrokeP95Ms); then, synced as Synapse does (limited syncs,
 *         lazy members of thousands of senders), types under traffic with a realistic storm
 *         (trafficKeystrokeP95Ms, stormToMembersMs), the same with a core busy (busyKeystrokeP95Ms),
 *         60 s of traffic (rssGrowth), and compares what was sent with what it holds
 *         (messagesMissing, messagesDuplicated); its server parses its bodies (floorMs).
 *   sdk   a plain matrix-js-sdk client: loadMembersIfNeeded() + getMembers() (sdkBaselineMs).
 *   idle  the client with only the 50-member room (idleRssMb).
 * Medians go to bench/results/latest.json (or BENCH_OUT) and a table. Exit code 0 whatever the
 * figures: this is a measurement, not a test.
 *
 * Environment: BENCH_RUNS (default 5), BENCH_SESSION=worker|sdk, BENCH_DIST (another build's dist/),
 * BENCH_LABEL (a note for the JSON, e.g. which commit that build is), BENCH_OUT, BENCH_SEED,
 * BENCH_CPU_PROF=1 (V8 profiles of the big runs in bench/results/profiles/), BENCH_DEBUG=1 (raw samples),
 * BENCH_NODE_ENV ('production' by default, as bin/matrix-tui.js sets it), BENCH_TRAFFIC=0 (skip issue 12's
 * phases), BENCH_LONG_RUN_MS (the long run's length, 60 s by default: shorter for quick checks only).
 */
import {fork} from 'node:child_process';
import os from 'node:os';
import {mkdirSync, renameSync, writeFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {aggregate, verdicts, type RunSet} from './aggregate.ts';
import {METRIC_KEYS, SCENARIO, TARGETS, TERMINAL, type Metrics} from './config.ts';
import {acquireLock} from './lock.ts';
import {codeVersion, cpuBusy, machineFacts} from './machine.ts';
import {round} from './stats.ts';
import {formatTable} from './table.ts';
import type {ChildReport, ClientRunResult, SdkRunResult} from './client/result.ts';
import {sessionKindFromEnv} from './client/session-factory.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Math.max(1, Number(process.env['BENCH_RUNS'] ?? 5) || 5);
const seed = Number(process.env['BENCH_SEED'] ?? 4);
const outFile = resolve(root, process.env['BENCH_OUT'] ?? 'bench/results/latest.json');
const profileDir = resolve(root, 'bench/results/profiles');
const CHILD_TIMEOUT_MS = 480_000;
const nodeEnv = process.env['BENCH_NODE_ENV'] || 'production';

interface ChildOutcome<T> {
	result: T | undefined;
	seconds: number;
	log: string;
}

function runChild<T>(script: string, env: Record<string, string>, profile: boolean): Promise<ChildOutcome<T>> {
	const started = Date.now();
	const childEnv: NodeJS.ProcessEnv = {...process.env, ...env, FORCE_COLOR: '1', TZ: 'UTC', BENCH_SEED: String(seed)};
	delete childEnv['NO_COLOR'];
	// bin/matrix-tui.js sets NODE_ENV=production unless the user set it: so does the bench.
	if (nodeEnv === undefined) delete childEnv['NODE_ENV'];
	else childEnv['NODE_ENV'] = nodeEnv;
	const execArgv = ['--expose-gc', ...(process.env['BENCH_NODE_FLAGS']?.split(' ').filter(Boolean) ?? []), ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
	const child = fork(fileURLToPath(new URL(script, import.meta.url)), [], {env: childEnv, execArgv, stdio: ['ignore', 'pipe', 'pipe', 'ipc']});
	let log = '';
	const keep = (chunk: Buffer) => {
		log = (log + chunk.toString('utf8')).slice(-20_000);
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	return new Promise((resolvePromise) => {
		let result: T | undefined;
		const timer = setTimeout(() => {
			log += `\n[bench] killed after ${CHILD_TIMEOUT_MS / 1000} s`;
			child.kill('SIGKILL');
		}, CHILD_TIMEOUT_MS);
		child.on('message', (report: ChildReport) => {
			result = report.result as T;
		});
		child.on('exit', () => {
			clearTimeout(timer);
			resolvePromise({result, seconds: (Date.now() - started) / 1000, log});
		});
	});
}

function progress(line: string): void {
	process.stdout.write(`${line}\n`);
}

function describe(value: number | null | undefined, unit = ''): string {
	return value === null || value === undefined ? '—' : `${Math.round(value * 100) / 100}${unit}`;
}

async function main(): Promise<void> {
	const release = await acquireLock(join(os.tmpdir(), 'matrix-tui-bench.lock'), {
		waitMs: 15 * 60_000,
		onWait: (pid) => progress(`another bench (pid ${pid}) is running on this machine: waiting for it, so neither skews the other…`),
	});
	if (!release) throw new Error('another bench kept running for 15 minutes; try again later');
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.once(signal, () => {
			release();
			process.exit(130);
		});
	}
	try {
		await measureAll();
	} finally {
		release();
	}
}

async function measureAll(): Promise<void> {
	const session = sessionKindFromEnv();
	const dist = process.env['BENCH_DIST'] ? resolve(process.env['BENCH_DIST']) : resolve(root, 'dist');
	const machine = machineFacts();
	progress(`matrix-tui bench: ${runs} runs, session ${session}, dist ${dist}`);
	// The bench wants the machine to itself: say so when something else is already busy.
	const busyAtStart = Math.round((await cpuBusy(1000)) * 100) / 100;
	progress(`${machine.cpu} × ${machine.cores}, Node ${machine.node}, CPU ${Math.round(busyAtStart * 100)}% busy before starting`);
	const busy = busyAtStart > 0.25;
	if (busy) progress('warning: something else is using the CPUs: figures will be noisy');
	progress('');
	if (process.env['BENCH_CPU_PROF']) mkdirSync(profileDir, {recursive: true});

	const set: RunSet = {big: [], sdk: [], idle: []};
	const raw: {big: ClientRunResult[]; sdk: SdkRunResult[]; idle: ClientRunResult[]} = {big: [], sdk: [], idle: []};
	const notes: string[] = busy ? [`the CPUs were ${Math.round(busyAtStart * 100)}% busy with other work when the bench started`] : [];
	const started = Date.now();
	for (let run = 1; run <= runs; run++) {
		const big = await runChild<ClientRunResult>('./client/client-run.ts', {BENCH_SCENARIO: 'big'}, Boolean(process.env['BENCH_CPU_PROF']));
		const sdk = await runChild<SdkRunResult>('./client/sdk-baseline.ts', {}, false);
		const idle = await runChild<ClientRunResult>('./client/client-run.ts', {BENCH_SCENARIO: 'idle'}, false);
		for (const [name, outcome] of [['big', big], ['sdk', sdk], ['idle', idle]] as const) {
			const runNotes = outcome.result?.notes ?? ['no result (crashed or killed)'];
			for (const note of runNotes) notes.push(`run ${run} ${name}: ${note}`);
			if (!outcome.result) progress(`  run ${run} ${name} failed; its output:\n${outcome.log.trim()}\n`);
		}
		if (big.result) {
			set.big.push(big.result);
			raw.big.push(big.result);
		}
		if (sdk.result) {
			set.sdk.push(sdk.result);
			raw.sdk.push(sdk.result);
		}
		if (idle.result) {
			set.idle.push(idle.result);
			raw.idle.push(idle.result);
		}
		progress(
			`run ${run}/${runs}  first frame ${describe(big.result?.firstFrameMs, ' ms')} · sdk ${describe(sdk.result?.sdkBaselineMs, ' ms')} · ` +
				`render ×${describe(big.result?.renderRatio)} · frame gap ${describe(big.result?.maxFrameGapMs, ' ms')} · key p95 ${describe(big.result?.keystrokeP95Ms, ' ms')} · ` +
				`peak ${describe(big.result?.peakRssMb, ' MB')} · idle ${describe(idle.result?.idleRssMb, ' MB')} · ` +
				`traffic key p95 ${describe(big.result?.trafficKeystrokeP95Ms, ' ms')} · storm→members ${describe(big.result?.stormToMembersMs, ' ms')} · busy key p95 ${describe(big.result?.busyKeystrokeP95Ms, ' ms')} · ` +
				`RSS ×${describe(big.result?.rssGrowth)} · missing ${describe(big.result?.messagesMissing)} · duplicated ${describe(big.result?.messagesDuplicated)} · bytes/key ${describe(big.result?.bytesPerKeystroke)}  ` +
				`(${big.seconds.toFixed(0)} + ${sdk.seconds.toFixed(0)} + ${idle.seconds.toFixed(0)} s)`,
		);
	}

	const {metrics, spread} = aggregate(set);
	const rounded = Object.fromEntries(METRIC_KEYS.map((key) => [key, round(metrics[key])])) as Metrics;
	const report = {
		...rounded,
		targets: TARGETS,
		pass: verdicts(metrics),
		machine: {...machine, cpuBusyBeforeStart: busyAtStart, loadAverageAtEnd: os.loadavg().map((load) => Math.round(load * 100) / 100)},
		code: {session, dist, label: process.env['BENCH_LABEL'], nodeEnv, ...(process.env['BENCH_DIST'] ? {} : codeVersion(root))},
		date: new Date().toISOString(),
		runs,
		seconds: Math.round((Date.now() - started) / 1000),
		scenario: {...SCENARIO, terminal: TERMINAL, seed},
		spread,
		notes,
		perRun: raw,
	};
	mkdirSync(dirname(outFile), {recursive: true});
	const temporary = `${outFile}.tmp`;
	writeFileSync(temporary, `${JSON.stringify(report, null, '\t')}\n`);
	renameSync(temporary, outFile);

	progress(`\n${formatTable(metrics, spread)}\n`);
	if (notes.length > 0) progress(`notes:\n${notes.map((note) => `  ${note}`).join('\n')}\n`);
	progress(`${report.seconds} s; written to ${outFile}`);
}

main().catch((error: unknown) => {
	process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
