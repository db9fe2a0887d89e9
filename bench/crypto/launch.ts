/**
 * The real binary (bin/matrix-tui.js → dist/) in tmux, as the e2e tests run it: how long a restart
 * takes to show the first decrypted message, and what the process weighs (RSS, both threads) with
 * the crypto running and without it.
 */
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import type {RegisteredUser} from '../../test/e2e/support/homeserver.ts';
import {Terminal} from './terminal.ts';

const POLL_MS = 10;
const TIMEOUT_MS = 120_000;
/** How long a client is left alone before its RSS is read: what it does after the first frames settles. */
const SETTLE_MS = 3_000;
const CONNECTED = /● connected /;
/** A decrypted message from Bob: bodies start with "#<n> " (scrollback.ts). */
const DECRYPTED = /Bob: #\d+ /;

export interface Binary {
	readonly configDir: string;
	/**
	 * Launches the binary (in `room` if given) and waits until the screen has shown every pattern:
	 * when each was first seen, in ms from launch, and the terminal.
	 */
	launch<Name extends string>(shown: Record<Name, RegExp>, room?: string, env?: NodeJS.ProcessEnv, args?: string[]): Promise<{ms: Record<Name, number>; terminal: Terminal}>;
	/** /quit, and waits for the program to end (its store closed). */
	quit(terminal: Terminal): Promise<void>;
	remove(): Promise<void>;
}

/** The binary on a config directory holding `user`'s session; without its device ID, the crypto stays off. */
export async function binaryFor(user: RegisteredUser, homeserver: string, options: {crypto: boolean}): Promise<Binary> {
	// As the login form leaves it: config.json (0600) in a 0700 folder.
	const configDir = await mkdtemp(join(tmpdir(), 'bench-crypto-config-'));
	const session = {homeserver, userId: user.userId, accessToken: user.accessToken, ...(options.crypto ? {deviceId: user.deviceId} : {})};
	await writeFile(join(configDir, 'config.json'), JSON.stringify({session}), {mode: 0o600});
	return {
		configDir,
		async launch(shown, room, env, args) {
			const started = performance.now();
			const terminal = await Terminal.binary(configDir, room, env, args);
			const deadline = Date.now() + TIMEOUT_MS;
			const ms: Partial<Record<keyof typeof shown, number>> = {};
			const names = Object.keys(shown) as Array<keyof typeof shown>;
			for (;;) {
				const screen = await terminal.screen();
				const now = performance.now() - started;
				for (const name of names) if (ms[name] === undefined && shown[name].test(screen)) ms[name] = now;
				if (names.every((name) => ms[name] !== undefined)) return {ms: ms as Record<keyof typeof shown, number>, terminal};
				if (Date.now() > deadline) {
					await terminal.kill();
					throw new Error(`the binary never showed ${names.filter((name) => ms[name] === undefined).join(', ')}; the screen was:\n${screen}`);
				}
				await sleep(POLL_MS);
			}
		},
		async quit(terminal) {
			await terminal.type('/quit');
			await until(terminal, /> \/quit/);
			await terminal.press('Enter');
			await until(terminal, /\[exited \d+\]/);
			await terminal.kill();
		},
		remove: () => rm(configDir, {recursive: true, force: true}),
	};
}

async function until(terminal: Terminal, shown: RegExp): Promise<void> {
	const deadline = Date.now() + TIMEOUT_MS;
	for (;;) {
		const screen = await terminal.screen();
		if (shown.test(screen)) return;
		if (Date.now() > deadline) throw new Error(`the binary never showed ${String(shown)}; the screen was:\n${screen}`);
		await sleep(POLL_MS);
	}
}

/** The program's resident memory in MB, from the kernel (both threads: the UI and the session worker). */
export async function rssMb(terminal: Terminal): Promise<number> {
	const status = await readFile(`/proc/${await terminal.programPid()}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

export interface RestartFigures {
	/** Launch → the first decrypted message on screen. */
	firstDecryptedMs: number;
	/** Launch → the status bar says connected. */
	connectedMs: number;
	rssMb: number;
}

/**
 * A restart of the binary on its store, in `room`: the figures, then /quit. With BENCH_CPU_PROF,
 * V8 profiles of both its threads in bench/results/profiles/crypto-restart-<run>/.
 */
export async function restart(binary: Binary, room: string, run: number): Promise<RestartFigures> {
	const profile = process.env['BENCH_CPU_PROF'] ? {NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${new URL(`../results/profiles/crypto-restart-${run}`, import.meta.url).pathname}`} : {};
	const {ms, terminal} = await binary.launch({firstDecrypted: DECRYPTED, connected: CONNECTED}, room, profile);
	await sleep(SETTLE_MS);
	const rss = await rssMb(terminal);
	await binary.quit(terminal);
	return {firstDecryptedMs: ms.firstDecrypted, connectedMs: ms.connected, rssMb: rss};
}

/** The same room without the crypto (the session has no device ID): launch → connected, and RSS once settled. */
export async function withoutCrypto(binary: Binary, room: string): Promise<{connectedMs: number; rssMb: number}> {
	const {ms, terminal} = await binary.launch({connected: CONNECTED, room: /# Scrollback/}, room);
	await sleep(SETTLE_MS);
	const rss = await rssMb(terminal);
	await binary.quit(terminal);
	return {connectedMs: ms.connected, rssMb: rss};
}
