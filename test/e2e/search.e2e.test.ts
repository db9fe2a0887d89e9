/**
 * Issue 16: /search on Synapse. Bob (a matrix-js-sdk client with the Rust crypto) writes "the quick
 * brown fox" in a plain room and "a secret word" in an encrypted one. The real binary finds the
 * first through the server's index and shows it in its room; `--all` finds the second in the
 * messages it holds decrypted (the server cannot read them); and no file of its config directory
 * holds the secret in clear.
 */
import {readdir, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import type {MatrixClient} from 'matrix-js-sdk';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {buildBinary, configWithSession, removeConfig, startBinary} from './support/binary.js';
import {peerInEncryptedRoom, peerSeesDevice, startCryptoPeer} from './support/crypto-peer.js';
import {Api, homeserverUrl, registerNamed, type RegisteredUser} from './support/homeserver.js';
import type {TmuxTerminal} from './support/tmux.js';

const ENCRYPTION = {type: 'm.room.encryption', state_key: '', content: {algorithm: 'm.megolm.v1.aes-sha2'}};
const SECRET = 'a secret word';

let alice: RegisteredUser;
let bob: RegisteredUser;
let bobClient: MatrixClient;
let configDir: string;
let app: TmuxTerminal | undefined;

beforeAll(async () => {
	[alice, bob] = await registerNamed('Alice', 'Bob');
	await buildBinary();
	bobClient = await startCryptoPeer(bob);
	configDir = await configWithSession(alice, homeserverUrl());
}, 240_000);

afterAll(async () => {
	await app?.kill();
	bobClient.stopClient();
	await removeConfig(configDir);
});

/** Every file under the directory that holds the text, as bytes (the SQLite crypto store included). */
async function filesHolding(directory: string, text: string): Promise<string[]> {
	const found: string[] = [];
	for (const entry of await readdir(directory, {recursive: true, withFileTypes: true})) {
		if (!entry.isFile()) continue;
		const path = join(entry.parentPath, entry.name);
		if ((await readFile(path)).includes(Buffer.from(text))) found.push(path);
	}
	return found;
}

async function run(terminal: TmuxTerminal, command: string): Promise<void> {
	await terminal.type(command);
	await terminal.waitForText(`> ${command}`);
	await terminal.press('Enter');
}

test('/search finds a message in an unencrypted and an encrypted room, and Enter shows it in its room', {timeout: 180_000}, async () => {
	const plainRoom = await Api.for(bob).createRoom({preset: 'private_chat', name: 'Plain room', invite: [alice.userId]});
	await Api.for(alice).join(plainRoom);
	await Api.for(bob).sendMessage(plainRoom, 'the quick brown fox');
	await Api.for(bob).sendMessage(plainRoom, 'and then something else');
	const secretRoom = await Api.for(bob).createRoom({preset: 'private_chat', name: 'Secret room', initial_state: [ENCRYPTION], invite: [alice.userId]});
	await Api.for(alice).join(secretRoom);

	app = await startBinary(configDir, {room: secretRoom, rows: 40});
	await app.waitForScreen((s) => /● connected /.test(s) && s.includes('# Secret room'), 'the binary connected, in the secret room', 30_000);
	await peerSeesDevice(bobClient, alice);
	await peerInEncryptedRoom(bobClient, secretRoom, alice.userId);
	await bobClient.sendTextMessage(secretRoom, SECRET);
	await app.waitForText(`Bob: ${SECRET}`, 30_000);

	await run(app, '/room Plain room');
	await app.waitForText('# Plain room');
	await run(app, '/search fox');
	let screen = await app.waitForText('Search "fox" in Plain room (1)', 30_000);
	expect(screen).toMatch(/\d\d:\d\d {2}Bob: the quick brown fox/u);
	await app.press('Enter');
	screen = await app.waitForText('a search result in its context');
	expect(screen).toMatch(/▌\d\d:\d\d Bob: the quick brown fox/u);
	expect(screen).toContain('Bob: and then something else');
	await app.press('Escape');
	await app.waitForScreen((s) => s.includes('# Plain room') && !s.includes('in its context'), 'back to the live timeline');

	await run(app, '/search --all secret');
	screen = await app.waitForText('+ 1 encrypted room, loaded messages only', 30_000);
	expect(screen).toContain('Search "secret" in every room (1)');
	expect(screen).toMatch(/Secret room\S* +Bob: a secret word/u);
	await app.press('Enter');
	screen = await app.waitForText('a search result in its context');
	expect(screen).toContain('# Secret room');
	expect(screen).toMatch(/▌\d\d:\d\d Bob: a secret word/u);

	// Searched and shown, never written: no file holds the secret, while the client runs or after.
	expect(await filesHolding(configDir, SECRET)).toEqual([]);
	await app.kill();
	app = undefined;
	expect(await filesHolding(configDir, SECRET)).toEqual([]);
});
