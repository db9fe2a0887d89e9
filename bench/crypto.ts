/**
 * `npm run bench:crypto` (issue 14): what end-to-end encryption costs, on a real Synapse
 * (scripts/synapse.sh on SYNAPSE_PORT; started and stopped here unless it already runs) with real
 * Megolm events written by a second real client (Bob: matrix-js-sdk, in-memory Rust crypto).
 * - scrollback: the same N encrypted events (500, BENCH_CRYPTO_EVENTS) from /messages, decrypted
 *   in this process by one of Alice's devices on the persistent store and by another on the SDK's
 *   in-memory store, alternately, BENCH_RUNS passes each (3 by default): ms per event, the ratio;
 * - restart: the real binary in tmux on its store (a third device of Alice's, which got the same
 *   room keys), launched in the room: launch → the first decrypted message on screen, BENCH_RUNS times;
 * - RSS of the binary's process, synced, in that room: with the crypto (after each restart) and
 *   without it (a session without a device ID, which the app runs without crypto).
 * Writes bench/results/issue-14/crypto-latest.json and .txt (BENCH_CRYPTO_OUT=path.json for another name; BENCH_OUT names the big-room figures of `npm run bench`, which runs this after them).
 * BENCH_CPU_PROF=1: V8 profiles of each decryption pass in bench/results/profiles/.
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import {dirname} from 'node:path';
import {codeVersion, cpuBusy, machineFacts} from './machine.ts';
import {median, round} from './stats.ts';
import {homeserverUrl, loginAgain, registerNamed} from '../test/e2e/support/homeserver.ts';
import {useSynapse} from './crypto/synapse.ts';
import {profiled} from './crypto/profile.ts';
import {binaryFor, restart, withoutCrypto, type RestartFigures} from './crypto/launch.ts';
import {formatCryptoTable, type CryptoFigures} from './crypto/figures.ts';

const {clientOf, decryptPass, hasLastMessage, scrollbackPage, startMemoryDevice, startPersistentDevice, stopPersistentDevice, writeScrollback} = await import('./crypto/scrollback.ts');
type Pass = Awaited<ReturnType<typeof decryptPass>>;

const EVENTS = Number(process.env['BENCH_CRYPTO_EVENTS'] ?? 500);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const OUT = process.env['BENCH_CRYPTO_OUT'] ?? new URL('results/issue-14/crypto-latest.json', import.meta.url).pathname;

/** A full collection, when node runs with --expose-gc (npm run bench:crypto does). */
const collectGarbage = (globalThis as {gc?: () => void}).gc ?? (() => {});

const machine = machineFacts();
const busyBefore = await cpuBusy(1000);
const synapse = useSynapse();
try {
	const [alice, bob] = await registerNamed('Alice', 'Bob');
	const [inMemoryLogin, binaryLogin, plainLogin] = [await loginAgain(alice), await loginAgain(alice), await loginAgain(alice)];
	const binary = await binaryFor(binaryLogin, homeserverUrl(), {crypto: true});
	const plain = await binaryFor(plainLogin, homeserverUrl(), {crypto: false});

	// The binary's first start makes its store and uploads its device keys; it stays up while Bob writes.
	const first = await binary.launch({connected: /● connected /});
	const persistent = await startPersistentDevice(alice);
	const memory = await startMemoryDevice(inMemoryLogin);
	const bobClient = clientOf(bob);
	await bobClient.initRustCrypto({useIndexedDB: false});
	await bobClient.startClient({initialSyncLimit: 10});
	const writing = performance.now();
	const roomId = await writeScrollback(bobClient, bob, alice, [alice.deviceId, inMemoryLogin.deviceId, binaryLogin.deviceId], EVENTS);
	console.info(`${EVENTS} messages written in ${Math.round(performance.now() - writing)} ms`);
	await hasLastMessage(persistent.client, roomId, EVENTS);
	await hasLastMessage(memory, roomId, EVENTS);
	await binary.quit(first.terminal);

	const page = await scrollbackPage(persistent.client, roomId, EVENTS);
	const passes = {persistent: [] as Pass[], memory: [] as Pass[]};
	const pass = async (store: 'persistent' | 'memory', run: number) => {
		// The garbage of what came before is collected first, not billed to whichever pass runs next.
		collectGarbage();
		const client = store === 'persistent' ? persistent.client : memory;
		passes[store].push(await profiled(`${store}-${run}`, () => decryptPass(client, roomId, page)));
	};
	for (let run = 1; run <= RUNS; run++) {
		// Alternately first: the first pass in the process also grows the wasm heap both stores share.
		const order = run % 2 === 1 ? (['persistent', 'memory'] as const) : (['memory', 'persistent'] as const);
		for (const store of order) await pass(store, run);
		console.info(`pass ${run}: persistent ${passes.persistent.at(-1)!.ms.toFixed(0)} ms, in-memory ${passes.memory.at(-1)!.ms.toFixed(0)} ms`);
	}
	bobClient.stopClient();
	memory.stopClient();
	await stopPersistentDevice(persistent);

	// Nothing else of the bench's runs while the binary is measured.
	const restarts: RestartFigures[] = [];
	const plainRuns: Array<{connectedMs: number; rssMb: number}> = [];
	for (let run = 1; run <= RUNS; run++) {
		restarts.push(await restart(binary, roomId, run));
		plainRuns.push(await withoutCrypto(plain, roomId));
		const [withCrypto, without] = [restarts.at(-1)!, plainRuns.at(-1)!];
		console.info(`restart ${run}: connected ${withCrypto.connectedMs.toFixed(0)} ms, first decrypted ${withCrypto.firstDecryptedMs.toFixed(0)} ms, RSS ${withCrypto.rssMb.toFixed(0)} MB; without crypto: connected ${without.connectedMs.toFixed(0)} ms, RSS ${without.rssMb.toFixed(0)} MB`);
	}
	await binary.remove();
	await plain.remove();

	const perEvent = (all: Pass[]) => median(all.map((pass) => pass.ms / page.length))!;
	const figures: CryptoFigures = {
		events: page.length,
		megolmSessions: passes.persistent[0]!.sessions,
		undecrypted: Math.max(...passes.persistent.map((pass) => pass.failed), ...passes.memory.map((pass) => pass.failed)),
		persistentMsPerEvent: round(perEvent(passes.persistent))!,
		memoryMsPerEvent: round(perEvent(passes.memory))!,
		persistentFirstPassMsPerEvent: round(passes.persistent[0]!.ms / page.length)!,
		ratio: round(perEvent(passes.persistent) / perEvent(passes.memory))!,
		restartToFirstDecryptedMs: Math.round(median(restarts.map((figures) => figures.firstDecryptedMs))!),
		restartToConnectedMs: Math.round(median(restarts.map((figures) => figures.connectedMs))!),
		rssWithCryptoMb: Math.round(median(restarts.map((figures) => figures.rssMb))!),
		withoutCryptoToConnectedMs: Math.round(median(plainRuns.map((figures) => figures.connectedMs))!),
		rssWithoutCryptoMb: Math.round(median(plainRuns.map((figures) => figures.rssMb))!),
	};
	const table = formatCryptoTable(figures, {runs: RUNS, machine: `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, CPU busy before ${Math.round(busyBefore * 100)} %`});
	console.info(`\n${table}`);
	mkdirSync(dirname(OUT), {recursive: true});
	const details = {machine, cpuBusyBefore: busyBefore, code: codeVersion(new URL('..', import.meta.url).pathname), runs: RUNS, figures, passes, restarts, withoutCrypto: plainRuns};
	writeFileSync(OUT, `${JSON.stringify(details, null, '\t')}\n`);
	writeFileSync(OUT.replace(/\.json$/, '') + '.txt', `${table}\n`);
} finally {
	synapse.stop();
}
process.exit(0);
