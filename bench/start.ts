/**
 * `npm run bench:start` (issue 17): starts on a big account, served by the synthetic homeserver
 * (start/account-server.ts: 1,000 rooms, 10 of them with 5,000 members, 300 encrypted; classic and
 * simplified sliding sync), the real binary in tmux (no crypto store: the session has no device),
 * opening the most active room. Each run, in order:
 * - floor: the binary on an empty config directory → its first frame (the login form): what any
 *   start costs before an account is involved;
 * - peer: a plain matrix-js-sdk client's initial sync (start/sdk-peer.ts) → PREPARED: its every start;
 * - coldStartMs, classic and sliding: a first start (the cache emptied) → the room list on screen;
 * - warmStartMs, classic and sliding (the default, auto): 20 new messages come, then a restart
 *   → the room list and the open room's timeline on screen (from the cache), and → caught up (the
 *   newest of the 20 on screen); idleRssMb: the sliding start's resident memory once idle.
 * BENCH_RUNS runs (3); medians. Writes bench/results/issue-17/start-latest.json and .txt
 * (BENCH_START_OUT=path.json for another name). BENCH_START_ROOMS changes the account's size.
 */
import {spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {codeVersion, cpuBusy, machineFacts} from './machine.ts';
import {median} from './stats.ts';
import {binaryFor, rssMb, type Binary} from './crypto/launch.ts';
import {Terminal} from './crypto/terminal.ts';
import {ACCESS_TOKEN, ACCOUNT_SHAPE, BenchAccount, ME} from './start/account.ts';
import {startAccountServer, type AccountServer} from './start/account-server.ts';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const SHAPE = {...ACCOUNT_SHAPE, rooms: Number(process.env['BENCH_START_ROOMS'] ?? ACCOUNT_SHAPE.rooms)};
const NEW_MESSAGES = 20;
const OUT = process.env['BENCH_START_OUT'] ?? new URL('results/issue-17/start-latest.json', import.meta.url).pathname;
const TIMEOUT_MS = 180_000;
/** After connected, this long for the window to take in every room before memory is read. */
const IDLE_AFTER_MS = 10_000;

/** Two rooms at the start of lines (the room list's column; the open room's header is further right). */
const ROOM_LIST = /^Bench room \d+[\s\S]*^Bench room \d+/m;
const CONNECTED = /● connected /;
const LOGIN_FORM = /Homeserver/;

interface Run {
	floorMs: number;
	peerMs: number;
	coldClassicMs: number;
	coldSlidingMs: number;
	warmClassicMs: number;
	warmClassicCaughtUpMs: number;
	warmSlidingMs: number;
	warmSlidingCaughtUpMs: number;
	idleRssMb: number;
	idleRssClassicMb: number;
}

async function floorMs(): Promise<number> {
	const empty = mkdtempSync(join(tmpdir(), 'bench-start-floor-'));
	try {
		const started = performance.now();
		const terminal = await Terminal.binary(empty);
		const ms = await until(terminal, LOGIN_FORM, started);
		await terminal.kill();
		return ms;
	} finally {
		rmSync(empty, {recursive: true, force: true});
	}
}

async function until(terminal: Terminal, shown: RegExp, started: number): Promise<number> {
	const deadline = Date.now() + TIMEOUT_MS;
	for (;;) {
		const screen = await terminal.screen();
		if (shown.test(screen)) return performance.now() - started;
		if (Date.now() > deadline) throw new Error(`never showed ${String(shown)}; the screen was:\n${screen}`);
		await sleep(10);
	}
}

function peerMs(server: AccountServer): Promise<number> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn(process.execPath, [new URL('start/sdk-peer.ts', import.meta.url).pathname, server.url, ME, ACCESS_TOKEN], {stdio: ['ignore', 'pipe', 'inherit']});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('prepared')) resolve(performance.now() - started);
		});
		child.on('exit', (code) => (output.includes('prepared') ? undefined : reject(new Error(`the peer exited (${code}) before PREPARED`))));
	});
}

async function cold(binary: Binary, room: string, sync: 'classic' | 'sliding'): Promise<number> {
	const {ms, terminal} = await binary.launch({list: ROOM_LIST, connected: CONNECTED}, room, {}, ['--sync', sync, '--clear-cache']);
	await binary.quit(terminal);
	return ms.list;
}

/** 20 new messages, then a restart on the cache the last start left. */
async function warm(binary: Binary, server: AccountServer, room: string, lastKept: RegExp, args: string[], readMemory: boolean) {
	server.addMessages(NEW_MESSAGES);
	const caughtUp = new RegExp(escape(bodyOf(account.byId.get(room)!.timeline.at(-1)!.event)));
	const {ms, terminal} = await binary.launch({list: ROOM_LIST, timeline: lastKept, caughtUp, connected: CONNECTED}, room, {}, args);
	let memory = 0;
	if (readMemory) {
		await sleep(IDLE_AFTER_MS);
		memory = await rssMb(terminal);
	}
	await binary.quit(terminal);
	return {firstFrameMs: Math.max(ms.list, ms.timeline), caughtUpMs: ms.caughtUp, rssMb: memory};
}

function bodyOf(event: {content: Record<string, unknown>}): string {
	return typeof event.content.body === 'string' ? event.content.body : '';
}

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const machine = machineFacts();
const busyBefore = await cpuBusy(1000);
const making = performance.now();
const account = new BenchAccount(SHAPE);
const server = await startAccountServer(account);
console.info(`${SHAPE.rooms} rooms (${SHAPE.bigRooms} × ${SHAPE.bigMembers} members, ${SHAPE.encrypted} encrypted) made in ${Math.round(performance.now() - making)} ms`);
const open = account.rooms[0]!;
const binary = await binaryFor({userId: ME, accessToken: ACCESS_TOKEN} as never, server.url, {crypto: false});
const runs: Run[] = [];
try {
	for (let run = 1; run <= RUNS; run++) {
		const floor = await floorMs();
		const peer = await peerMs(server);
		const coldClassic = await cold(binary, open.id, 'classic');
		let lastKept = new RegExp(escape(bodyOf(open.timeline.at(-1)!.event)));
		const warmClassic = await warm(binary, server, open.id, lastKept, ['--sync', 'classic'], true);
		const coldSliding = await cold(binary, open.id, 'sliding');
		lastKept = new RegExp(escape(bodyOf(open.timeline.at(-1)!.event)));
		const warmSliding = await warm(binary, server, open.id, lastKept, [], true);
		runs.push({
			floorMs: floor,
			peerMs: peer,
			coldClassicMs: coldClassic,
			coldSlidingMs: coldSliding,
			warmClassicMs: warmClassic.firstFrameMs,
			warmClassicCaughtUpMs: warmClassic.caughtUpMs,
			warmSlidingMs: warmSliding.firstFrameMs,
			warmSlidingCaughtUpMs: warmSliding.caughtUpMs,
			idleRssMb: warmSliding.rssMb,
			idleRssClassicMb: warmClassic.rssMb,
		});
		console.info(`run ${run}: ${Object.entries(runs.at(-1)! as unknown as Record<string, number>).map(([name, value]) => `${name} ${Math.round(value)}`).join(', ')}`);
	}
} finally {
	await binary.remove();
	await server.close();
}

const mid = (figure: keyof Run) => Math.round(median(runs.map((one) => one[figure]))!);
const figures = Object.fromEntries((Object.keys(runs[0]!) as Array<keyof Run>).map((name) => [name, mid(name)])) as Record<keyof Run, number>;
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
const targets = {
	coldSlidingOverClassic: ratio(figures.coldSlidingMs, figures.coldClassicMs),
	warmOverPeer: ratio(figures.warmSlidingMs, figures.peerMs),
	warmOverFloor: ratio(figures.warmSlidingMs, figures.floorMs),
};
const rows: Array<[string, string]> = [
	['floor: launch → first frame, no account (the login form)', `${figures.floorMs} ms`],
	['peer: a plain matrix-js-sdk client, initial sync → PREPARED (every start of it)', `${figures.peerMs} ms`],
	['coldStartMs, classic sync: first start → the room list', `${figures.coldClassicMs} ms`],
	['coldStartMs, sliding sync: first start → the room list', `${figures.coldSlidingMs} ms  (${targets.coldSlidingOverClassic} × classic; target ≤ 0.3)`],
	[`warmStartMs, classic, ${NEW_MESSAGES} new messages since: → room list + open room (from the cache)`, `${figures.warmClassicMs} ms  (caught up ${figures.warmClassicCaughtUpMs} ms)`],
	[`warmStartMs, sliding (the default), ${NEW_MESSAGES} new since: → room list + open room (cache)`, `${figures.warmSlidingMs} ms  (caught up ${figures.warmSlidingCaughtUpMs} ms)`],
	['  warm sliding ÷ peer; ÷ floor', `${targets.warmOverPeer} (target ≤ 0.1); ${targets.warmOverFloor} (target ≤ 3)`],
	[`idleRssMb, ${SHAPE.rooms} rooms, sliding, ${IDLE_AFTER_MS / 1000} s after the start`, `${figures.idleRssMb} MB (target ≤ 250; classic: ${figures.idleRssClassicMb} MB)`],
];
const width = Math.max(...rows.map(([name]) => name.length));
const table = [
	`bench:start — ${SHAPE.rooms} rooms (${SHAPE.bigRooms} × ${SHAPE.bigMembers} members, ${SHAPE.encrypted} encrypted), synthetic server on localhost; medians of ${RUNS} run(s); ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, CPU busy before ${Math.round(busyBefore * 100)} %`,
	...rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`),
].join('\n');
console.info(`\n${table}`);
mkdirSync(dirname(OUT), {recursive: true});
writeFileSync(OUT, `${JSON.stringify({machine, cpuBusyBefore: busyBefore, code: codeVersion(new URL('..', import.meta.url).pathname), shape: SHAPE, runs, figures, targets}, null, '\t')}\n`);
writeFileSync(OUT.replace(/\.json$/, '') + '.txt', `${table}\n`);
process.exit(0);
