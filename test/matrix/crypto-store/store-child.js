/**
 * A client process on the crypto store, for the tests that restart or kill one: it runs the build
 * in dist/ (test/global-setup.ts made it from the current source) and reports on stdout, one JSON
 * object a line.
 *
 *   node store-child.js crypto <dir> <key hex> <device> [stop | keep-writing | start-over]
 *     starts the Rust crypto on the store → {keys, openMs, stored: the number of the last backup
 *     key stored, or null}; then `stop`: stops the client and closes the store, and must exit by
 *     itself → {closed}; `keep-writing`: stores backup keys 1, 2, 3… → {stored: n} after each one
 *     is stored, until killed; `start-over`: deletes the store first (MatrixClient.clearStores), then
 *     as `stop`. A store that will not open → {error, problem}, exit code 1.
 *   node store-child.js in-worker crypto <dir> …
 *     the same, in a worker thread.
 *   node store-child.js lock <dir>
 *     takes the store lock → {locked: pid} and holds it until killed; refused → {refused, holderPid}.
 */
import {Buffer} from 'node:buffer';
import {performance} from 'node:perf_hooks';
import {setInterval} from 'node:timers';
import {URL} from 'node:url';
import {isMainThread, Worker, workerData} from 'node:worker_threads';

const dist = new URL('../../../dist/matrix/', import.meta.url);
const [mode, ...rest] = isMainThread ? process.argv.slice(2) : workerData;
const DATABASE_PREFIX = 'test';
const say = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);

if (mode === 'in-worker') {
	// The rest of the arguments, run in a worker thread of this process: where the matrix layer lives.
	const worker = new Worker(new URL(import.meta.url), {workerData: rest});
	worker.on('exit', (code) => (process.exitCode = code));
} else if (mode === 'lock') {
	const [directory] = rest;
	const {lockStore, StoreLockedError} = await import(new URL('crypto-store/store-lock.js', dist).href);
	try {
		lockStore(directory);
		say({locked: process.pid});
		setInterval(() => {}, 60_000);
	} catch (error) {
		if (!(error instanceof StoreLockedError)) throw error;
		say({refused: error.message, holderPid: error.holderPid});
	}
} else if (mode === 'crypto') {
	const [directory, keyHex, deviceId, then = 'stop'] = rest;
	// `start-over` is `stop` on a new, empty store: the old one is deleted first (a "new device").
	const {installIndexedDb} = await import(new URL('crypto-store/indexeddb.js', dist).href);
	const {startPersistentCrypto, cryptoStoreProblem} = await import(new URL('crypto-store/persistent-crypto.js', dist).href);
	const {createQuietClient} = await import(new URL('client.js', dist).href);
	const store = installIndexedDb(directory);
	// Port 9 (discard) refuses at once: the store is all that is exercised, no server is needed.
	const client = createQuietClient({baseUrl: 'http://127.0.0.1:9', userId: '@child:localhost', deviceId, accessToken: 'unused'});
	if (then === 'start-over') await client.clearStores({cryptoDatabasePrefix: DATABASE_PREFIX});
	const started = performance.now();
	try {
		await startPersistentCrypto(client, {store, databasePrefix: DATABASE_PREFIX, storageKey: Buffer.from(keyHex, 'hex')});
	} catch (error) {
		say({error: error instanceof Error ? error.message : String(error), problem: cryptoStoreProblem(error)});
		process.exit(1);
	}
	const crypto = client.getCrypto();
	say({keys: await crypto.getOwnDeviceKeys(), thread: isMainThread ? 'main' : 'worker', openMs: performance.now() - started, stored: storedNumber(await crypto.getSessionBackupPrivateKey())});
	if (then === 'keep-writing') {
		for (let n = 1; ; n++) {
			const key = new Uint8Array(32);
			new DataView(key.buffer).setUint32(0, n);
			await crypto.storeSessionBackupPrivateKey(key, String(n));
			say({stored: n});
		}
	}
	client.stopClient();
	await store.close();
	say({closed: true});
}

/** The number a `keep-writing` run wrote into a backup key. */
function storedNumber(key) {
	return key ? new DataView(key.buffer, key.byteOffset).getUint32(0) : null;
}
