/**
 * `npm run bench:start:synapse` (issue 17): how long a start takes on an account with many rooms, with and
 * without the local cache, on a real Synapse (scripts/synapse.sh on SYNAPSE_PORT; started and
 * stopped here unless it already runs), reached through a proxy that delays every request by
 * BENCH_START_LATENCY_MS (100 by default: a homeserver across a continent; 0 for localhost). Alice
 * is in ROOMS rooms (500, BENCH_START_ROOMS), each with a few messages; the real binary in tmux, on
 * its crypto store, launched in the newest room:
 * - full sync: classic sync, the cache removed before each launch (as every start was before issue 17);
 * - from the cache: classic sync from the cache the previous start left;
 * - sliding: simplified sliding sync (`--sync sliding`), which keeps no cache.
 * Each: launch → the room's last message on screen, and launch → "connected". BENCH_RUNS pairs
 * (3 by default), alternately first. Writes bench/results/issue-17/start-synapse-latest.json and .txt
 * (BENCH_START_OUT=path.json for another name).
 */
import {mkdirSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {codeVersion, cpuBusy, machineFacts} from './machine.ts';
import {median} from './stats.ts';
import {Api, homeserverUrl, loginAgain, registerNamed} from '../test/e2e/support/homeserver.ts';
import {useSynapse} from './crypto/synapse.ts';
import {binaryFor, type Binary} from './crypto/launch.ts';
import {latencyProxy} from './start/latency-proxy.ts';

const ROOMS = Number(process.env['BENCH_START_ROOMS'] ?? 500);
const LATENCY_MS = Number(process.env['BENCH_START_LATENCY_MS'] ?? 100);
const MESSAGES = 3;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const OUT = process.env['BENCH_START_OUT'] ?? new URL('results/issue-17/start-synapse-latest.json', import.meta.url).pathname;
const CONNECTED = /● connected /;

interface Start {
	firstMessageMs: number;
	connectedMs: number;
}

function cacheBytes(binary: Binary): number {
	const directory = join(binary.configDir, 'cache');
	try {
		return readdirSync(directory).reduce((sum, name) => sum + statSync(join(directory, name)).size, 0);
	} catch {
		return 0;
	}
}

async function start(binary: Binary, roomId: string, lastMessage: RegExp, sync: 'classic' | 'sliding' = 'classic'): Promise<Start> {
	const {ms, terminal} = await binary.launch({firstMessage: lastMessage, connected: CONNECTED}, roomId, {}, ['--sync', sync]);
	await binary.quit(terminal);
	return {firstMessageMs: ms.firstMessage, connectedMs: ms.connected};
}

const machine = machineFacts();
const busyBefore = await cpuBusy(1000);
const synapse = useSynapse();
try {
	const [alice] = await registerNamed('Alice');
	const making = performance.now();
	let newest = '';
	for (let room = 1; room <= ROOMS; room++) {
		newest = await Api.for(alice).createRoom({preset: 'private_chat', name: `Room ${room}`});
		for (let message = 1; message <= MESSAGES; message++) await Api.for(alice).sendMessage(newest, `message ${message} in room ${room}`);
	}
	console.info(`${ROOMS} rooms × ${MESSAGES} messages made in ${Math.round(performance.now() - making)} ms`);
	const lastMessage = new RegExp(`Alice: message ${MESSAGES} in room ${ROOMS}\\b`);
	const far = await latencyProxy(homeserverUrl(), LATENCY_MS);
	const binary = await binaryFor(await loginAgain(alice), far.url, {crypto: true});
	// The first start makes the crypto store (and the cache): not measured.
	await start(binary, newest, lastMessage);

	const runs = {full: [] as Start[], cached: [] as Start[], sliding: [] as Start[]};
	const measure = async (kind: 'full' | 'cached' | 'sliding') => {
		// Every classic start leaves a cache for the next; a full sync is a start without one.
		if (kind === 'full') rmSync(join(binary.configDir, 'cache'), {recursive: true, force: true});
		runs[kind].push(await start(binary, newest, lastMessage, kind === 'sliding' ? 'sliding' : 'classic'));
	};
	const orders = [['full', 'cached', 'sliding'], ['sliding', 'cached', 'full'], ['cached', 'sliding', 'full']] as const;
	for (let run = 1; run <= RUNS; run++) {
		for (const kind of orders[(run - 1) % orders.length]!) await measure(kind);
		const line = (['full', 'cached', 'sliding'] as const).map((kind) => `${kind} → message ${runs[kind].at(-1)!.firstMessageMs.toFixed(0)} ms, connected ${runs[kind].at(-1)!.connectedMs.toFixed(0)} ms`);
		console.info(`run ${run}: ${line.join('; ')}`);
	}
	const cacheSize = cacheBytes(binary);
	await binary.remove();
	far.close();

	const mid = (all: Start[], figure: keyof Start) => Math.round(median(all.map((one) => one[figure]))!);
	const figures = {
		rooms: ROOMS,
		latencyMs: LATENCY_MS,
		fullFirstMessageMs: mid(runs.full, 'firstMessageMs'),
		fullConnectedMs: mid(runs.full, 'connectedMs'),
		cachedFirstMessageMs: mid(runs.cached, 'firstMessageMs'),
		cachedConnectedMs: mid(runs.cached, 'connectedMs'),
		slidingFirstMessageMs: mid(runs.sliding, 'firstMessageMs'),
		slidingConnectedMs: mid(runs.sliding, 'connectedMs'),
		cacheKb: Math.round(cacheSize / 1024),
	};
	const rows: Array<[string, string]> = [
		[`full sync (no cache), ${ROOMS} rooms, +${LATENCY_MS} ms a request: launch → open room's last message`, `${figures.fullFirstMessageMs} ms (→ connected ${figures.fullConnectedMs} ms)`],
		['from the local cache: launch → the same message', `${figures.cachedFirstMessageMs} ms (→ connected, caught up ${figures.cachedConnectedMs} ms)`],
		['sliding sync (MSC4186), no cache: launch → the same message', `${figures.slidingFirstMessageMs} ms (→ connected ${figures.slidingConnectedMs} ms)`],
		['the cache on disk', `${figures.cacheKb} KB`],
	];
	const width = Math.max(...rows.map(([name]) => name.length));
	const table = [`bench:start:synapse — medians of ${RUNS} run(s); ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, CPU busy before ${Math.round(busyBefore * 100)} %`, ...rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`)].join('\n');
	console.info(`\n${table}`);
	mkdirSync(dirname(OUT), {recursive: true});
	const details = {machine, cpuBusyBefore: busyBefore, code: codeVersion(new URL('..', import.meta.url).pathname), runs: RUNS, figures, starts: runs};
	writeFileSync(OUT, `${JSON.stringify(details, null, '\t')}\n`);
	writeFileSync(OUT.replace(/\.json$/, '') + '.txt', `${table}\n`);
} finally {
	synapse.stop();
}
process.exit(0);
