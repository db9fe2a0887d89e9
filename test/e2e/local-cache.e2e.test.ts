/**
 * Issue 17, the local cache, with the real binary on Synapse. A restart draws the account from disk
 * while the proxy holds every /sync (so nothing on screen can have come from the server), says it
 * is catching up, then catches up from the saved token: what came meanwhile appears, once. Killed
 * (SIGKILL) after its last save, the next start is consistent: what came since that save comes
 * again with the catch-up. A cache that will not open is moved aside with one line, and the start
 * is a full sync. Nothing of the room is readable in the file.
 */
import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {beforeAll, expect, test} from 'vitest';
import {buildBinary, filesNamed, SUITE_ON_SLIDING_SYNC} from './support/binary.js';
import {binaryPerTest, quitBinary as quit} from './support/binary-per-test.js';
import {SYNC} from './support/faults.js';
import {Api, registerNamed} from './support/homeserver.js';
import {pane} from './support/screen-text.js';
import type {TmuxTerminal} from './support/tmux.js';

const binaries = binaryPerTest();

beforeAll(() => buildBinary(), 180_000);

const connected = (screen: string) => /● connected /.test(screen);
const catchingUp = (screen: string) => screen.includes(' catching up ');
const count = (screen: string, text: string) => screen.split(text).length - 1;

/** On the suite's sync path (E2E_SYNC): the cache serves both. */
function launch(configDir: string, roomId: string, ready: (screen: string) => boolean, what: string, args: string[] = []): Promise<TmuxTerminal> {
	return binaries.launch(configDir, roomId, ready, what, args);
}

async function cacheRoom(name: string) {
	const [alice, bob] = await registerNamed('Alice', 'Bob');
	const roomId = await Api.for(alice).createRoom({preset: 'public_chat', name});
	await Api.for(bob).join(roomId);
	await Api.for(bob).sendMessage(roomId, 'said before the first start');
	const configDir = await binaries.configFor(alice);
	return {alice, bob, roomId, configDir};
}

async function cacheFiles(configDir: string) {
	return (await filesNamed(configDir, 'cache')).filter((file) => !file.directory);
}

test('a restart draws the room from disk with every /sync held, says it is catching up, then shows what came meanwhile once; the file is sealed', {timeout: 120_000}, async () => {
	const {bob, roomId, configDir} = await cacheRoom('Cache room');
	let app = await launch(configDir, roomId, (s) => connected(s) && s.includes('# Cache room') && s.includes('Bob: said before the first start'), 'the first start, connected, in Cache room');
	await Api.for(bob).sendMessage(roomId, 'said while it ran');
	await app.waitForText('Bob: said while it ran');
	await quit(app);

	const files = await cacheFiles(configDir);
	expect(files.length, 'a cache file under the config directory').toBeGreaterThan(0);
	for (const file of await filesNamed(configDir, 'cache')) expect(file.mode.toString(8), `the mode of ${file.path}`).toBe(file.directory ? '700' : '600');
	for (const file of files) {
		const bytes = await readFile(join(configDir, file.path));
		for (const text of ['Cache room', 'said before the first start', 'said while it ran', bob.userId]) expect(bytes.includes(Buffer.from(text)), `"${text}" in clear in ${file.path}`).toBe(false);
	}

	await Api.for(bob).sendMessage(roomId, 'said while it was away');
	const proxy = binaries.proxy();
	const syncs = proxy.hold(SYNC);
	const restartedAt = Date.now();
	const restartSyncs = () => proxy.requests(SYNC).filter((entry) => entry.at >= restartedAt);
	app = await launch(configDir, roomId, (s) => catchingUp(s) && s.includes('# Cache room') && s.includes('Bob: said while it ran'), 'the room drawn from the cache, catching up, while /sync is held');
	const fromDisk = await app.screen();
	expect(fromDisk, 'what came while it was away cannot be on screen before a sync answers').not.toContain('said while it was away');
	expect(restartSyncs().filter((entry) => entry.outcome === 'answered'), 'no /sync of this start answered yet').toEqual([]);

	syncs.release();
	const caughtUp = await app.waitForScreen((s) => connected(s) && s.includes('Bob: said while it was away'), 'the catch-up to bring what came meanwhile', 30_000);
	for (const text of ['Bob: said before the first start', 'Bob: said while it ran', 'Bob: said while it was away']) expect(count(caughtUp, text), `"${text}" once on:\n${caughtUp}`).toBe(1);
	// Classic sync caught up from the saved token (the first /sync of this start had a `since`);
	// sliding sync keeps no token: it opened a new connection, and the cache folded what it sent.
	expect(restartSyncs()[0]?.url ?? '', 'the first /sync of the restart').toMatch(SUITE_ON_SLIDING_SYNC ? /simplified_msc3575\/sync/ : /[?&]since=/);
	await quit(app);

	// --clear-cache: nothing drawn from disk, the first /sync is a full one.
	const clearedAt = Date.now();
	app = await launch(configDir, roomId, (s) => connected(s) && s.includes('Bob: said while it was away'), 'the start after --clear-cache, connected', ['--clear-cache']);
	expect(app.captures.some(catchingUp), 'a start after --clear-cache is never "catching up"').toBe(false);
	const cleared = proxy.requests(SYNC).filter((entry) => entry.at >= clearedAt);
	expect(cleared[0]?.url ?? '', 'the first /sync after --clear-cache').not.toMatch(/[?&]since=/);
});

test('SIGKILL after the last save: the next start is consistent, and what came after the save comes with the catch-up, once', {timeout: 120_000}, async () => {
	const {bob, roomId, configDir} = await cacheRoom('Killed cache room');
	let app = await launch(configDir, roomId, (s) => connected(s) && s.includes('Bob: said before the first start'), 'the first start, connected');
	// The first sync is saved at once; this one comes within the saves' interval and is not.
	await Api.for(bob).sendMessage(roomId, 'said after the last save');
	await app.waitForText('Bob: said after the last save');
	await app.killProgram();
	await app.kill();

	app = await launch(configDir, roomId, (s) => s.includes('# Killed cache room') && s.includes('Bob: said before the first start'), 'the restart after SIGKILL, drawn');
	const caughtUp = await app.waitForScreen((s) => connected(s) && s.includes('Bob: said after the last save'), 'the catch-up to bring what came after the last save', 30_000);
	expect(count(caughtUp, 'Bob: said after the last save'), `once on:\n${caughtUp}`).toBe(1);
	expect(count(caughtUp, 'Bob: said before the first start'), `once on:\n${caughtUp}`).toBe(1);
});

test('from the cache alone (every /sync held), a leave reason, a deactivation label and hidden deleted state are drawn as a live sync draws them', {timeout: 120_000}, async () => {
	const [alice, bob, carol] = await registerNamed('Alice', 'Bob', 'Carol');
	const api = Api.for(alice);
	const roomId = await api.createRoom({preset: 'public_chat', name: 'Proposals cache room'});
	for (const user of [bob, carol]) await Api.for(user).join(roomId);
	await api.putState(roomId, 'e2e.poll', '', {question: 'lunch?', deleted: true});
	await api.putState(roomId, 'e2e.note', 'k1', {text: 'keep me'});
	await Api.for(bob).leave(roomId, 'gone fishing');
	await Api.for(carol).putState(roomId, 'm.room.member', carol.userId, {membership: 'leave', 'm.deactivated': true});
	const configDir = await binaries.configFor(alice);
	let app = await launch(configDir, roomId, (s) => connected(s) && s.includes('Bob left: gone fishing'), 'the first start, connected');
	await quit(app);

	binaries.proxy().hold(SYNC);
	app = await launch(configDir, roomId, (s) => catchingUp(s) && s.includes('Bob left: gone fishing') && s.includes('Carol deactivated their account'), 'the leave reason and the deactivation label, from the cache');
	await app.type('/state');
	await app.press('Enter');
	const screen = await app.waitForScreen((s) => /\d+ state events \(\d+ deleted hidden\)/.test(s), 'the state panel, from the cache');
	const panel = pane(screen, 2);
	expect(panel).toContain('e2e.note k1');
	expect(panel).not.toContain('e2e.poll');
	expect(panel).toMatch(/\d+ state events \(1 deleted hidden\)/);
});

test('a room left while the client was away (from another device) is drawn from the cache, then gone once it has caught up', {timeout: 120_000}, async () => {
	const {alice, roomId, configDir} = await cacheRoom('Staying room');
	const leftRoom = await Api.for(alice).createRoom({preset: 'private_chat', name: 'Room left while away'});
	let app = await launch(configDir, roomId, (s) => connected(s) && s.includes('Room left while away') && s.includes('Bob: said before the first start'), 'the first start, connected, both rooms listed');
	await quit(app);
	await Api.for(alice).leave(leftRoom);

	const syncs = binaries.proxy().hold(SYNC);
	app = await launch(configDir, roomId, (s) => catchingUp(s) && s.includes('Room left while away'), 'both rooms drawn from the cache while /sync is held');
	syncs.release();
	const caughtUp = await app.waitForScreen((s) => connected(s) && !s.includes('Room left while away'), 'the left room gone after the catch-up', 30_000);
	expect(caughtUp).toContain('Staying room');
	await quit(app);
	// And the cache no longer holds it: drawn from disk again, it is not there.
	const held = binaries.proxy().hold(SYNC);
	app = await launch(configDir, roomId, (s) => catchingUp(s) && s.includes('Bob: said before the first start'), 'the next start, from the cache');
	expect(await app.screen()).not.toContain('Room left while away');
	held.release();
});

test('a cache that will not open is moved aside with one line; the start is a full sync and draws the room', {timeout: 120_000}, async () => {
	const {roomId, configDir} = await cacheRoom('Damaged cache room');
	const app = await launch(configDir, roomId, (s) => connected(s) && s.includes('Bob: said before the first start'), 'the first start, connected');
	await quit(app);
	const [file] = await cacheFiles(configDir);
	expect(file, 'a cache file').toBeDefined();
	await writeFile(join(configDir, file!.path), 'this is not a database at all, and it is long enough to look like one'.repeat(100));

	const again = await launch(configDir, roomId, (s) => connected(s) && s.includes('Bob: said before the first start'), 'the start after the damage, connected');
	const screen = await again.waitForText('The local cache was set aside');
	expect(screen).not.toMatch(/at .*\.js:\d+/); // one line, no stack
	expect((await filesNamed(configDir, 'cache')).some((found) => found.path.includes('.unusable-')), 'the damaged file kept aside').toBe(true);
});
