/**
 * Issue 14: sending in encrypted rooms, through the outbox. The real binary (tmux, its
 * persistent crypto store) talks with Bob, a plain matrix-js-sdk client with the Rust crypto.
 * What Synapse holds of Alice's messages is read back raw: m.room.encrypted only, never a body.
 */
import {readdir, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import type {MatrixClient} from 'matrix-js-sdk';
import {afterAll, afterEach, beforeAll, expect, test} from 'vitest';
import {buildBinary, configWithSession, filesNamed, removeConfig, startBinary} from './support/binary.js';
import {peerInEncryptedRoom, peerReceives, peerSeesDevice, startCryptoPeer} from './support/crypto-peer.js';
import {shownAs} from './support/delivery.js';
import {Api, homeserverUrl, loginAgain, registerNamed, type Json, type RegisteredUser} from './support/homeserver.js';
import {pane} from './support/screen-text.js';
import type {TmuxTerminal} from './support/tmux.js';

const ENCRYPTION = {type: 'm.room.encryption', state_key: '', content: {algorithm: 'm.megolm.v1.aes-sha2'}};

let alice: RegisteredUser;
let bob: RegisteredUser;
let bobClient: MatrixClient;
const terminals: TmuxTerminal[] = [];
const configDirs: string[] = [];

beforeAll(async () => {
	[alice, bob] = await registerNamed('Alice', 'Bob');
	await buildBinary();
	bobClient = await startCryptoPeer(bob);
}, 240_000);

afterEach(async () => {
	for (const terminal of terminals.splice(0)) await terminal.kill();
});

afterAll(async () => {
	bobClient.stopClient();
	for (const directory of configDirs.splice(0)) await removeConfig(directory);
});

const connected = (screen: string) => /● connected /.test(screen);

/**
 * A config directory for a login of Alice's of its own: each test's binary starts a crypto store
 * for its device, and a second store for one device would upload other keys the server refuses.
 */
async function newDevice(): Promise<{configDir: string; device: RegisteredUser}> {
	const device = await loginAgain(alice);
	const configDir = await configWithSession(device, homeserverUrl());
	configDirs.push(configDir);
	return {configDir, device};
}

async function launch(configDir: string, room?: string): Promise<TmuxTerminal> {
	const app = await startBinary(configDir, {room, rows: 40});
	terminals.push(app);
	await app.waitForScreen(connected, 'the binary connected', 30_000);
	return app;
}

async function say(app: TmuxTerminal, text: string): Promise<void> {
	await app.type(text);
	await app.waitForText(`> ${text}`);
	await app.press('Enter');
}

/** Every event of Alice's in the room as Synapse serves it, raw: type and whether its JSON holds `text`. */
async function rawFromAlice(roomId: string, texts: readonly string[]): Promise<{types: string[]; leaked: string[]}> {
	const events = (await Api.for(bob).messages(roomId)).filter((event) => event['sender'] === alice.userId && event['state_key'] === undefined);
	const json = events.map((event) => JSON.stringify(event));
	return {types: events.map((event) => String(event['type'])), leaked: texts.filter((text) => json.some((raw) => raw.includes(text)))};
}

/** Whether any file under the directory holds one of the texts, as bytes (the SQLite store included). */
async function filesHolding(directory: string, texts: readonly string[]): Promise<string[]> {
	const found: string[] = [];
	for (const entry of await readdir(directory, {recursive: true, withFileTypes: true})) {
		if (!entry.isFile()) continue;
		const path = join(entry.parentPath, entry.name);
		const bytes = await readFile(path);
		for (const text of texts) if (bytes.includes(Buffer.from(text))) found.push(`${path}: ${text}`);
	}
	return found;
}

test('an encrypted round trip both ways: Bob decrypts what Alice typed, Synapse holds only m.room.encrypted, no file holds the text', {timeout: 180_000}, async () => {
	const roomId = await Api.for(bob).createRoom({preset: 'private_chat', name: 'Encrypted chat', initial_state: [ENCRYPTION], invite: [alice.userId]});
	await Api.for(alice).join(roomId);
	const {configDir, device} = await newDevice();
	const app = await launch(configDir, roomId);
	await app.waitForText('# Encrypted chat');
	await peerSeesDevice(bobClient, device);
	await peerInEncryptedRoom(bobClient, roomId, alice.userId);

	const texts = ['the first secret from Alice', 'and a second one'];
	for (const text of texts) await say(app, text);
	for (const text of texts) {
		const event = await peerReceives(bobClient, roomId, alice.userId, text);
		expect(event.isEncrypted(), `"${text}" reached Bob encrypted`).toBe(true);
	}
	await app.waitForScreen((s) => texts.every((text) => shownAs(s, text) === 'sent'), 'both messages shown as sent');

	await bobClient.sendTextMessage(roomId, 'Bob answers in secret');
	await app.waitForText('Bob: Bob answers in secret', 30_000);

	const raw = await rawFromAlice(roomId, texts);
	expect(raw.types).toEqual(['m.room.encrypted', 'm.room.encrypted']);
	expect(raw.leaked).toEqual([]);
	// Nothing of the conversation is on disk in clear, and every file is private.
	expect(await filesHolding(configDir, [...texts, 'Bob answers in secret'])).toEqual([]);
	for (const file of [...(await filesNamed(configDir, 'crypto')), ...(await filesNamed(configDir, 'outbox'))]) {
		expect(file.mode.toString(8), `the mode of ${file.path}`).toBe(file.directory ? '700' : '600');
	}
});

test('typed the moment a new encrypted room is joined: it waits for the room, and goes encrypted', {timeout: 180_000}, async () => {
	const {configDir} = await newDevice();
	const app = await launch(configDir);
	const roomId = await Api.for(bob).createRoom({preset: 'private_chat', name: 'Fresh secret room', initial_state: [ENCRYPTION], invite: [alice.userId]});
	// Joined and typed at once: the outbox must encrypt it for a room it learnt of a moment ago.
	await app.type(`/join ${roomId}`);
	await app.press('Enter');
	const text = 'typed straight after joining';
	// Synapse's first sync after a join may still list the room as an invite (where a message is
	// refused and kept in the composer): type the moment the client shows the join.
	await app.waitForScreen((s) => s.includes('# Fresh secret room') && s.includes('Alice joined'), 'the room, joined', 30_000);
	await say(app, text);
	await peerInEncryptedRoom(bobClient, roomId, alice.userId);
	const event = await peerReceives(bobClient, roomId, alice.userId, text);
	expect(event.isEncrypted()).toBe(true);
	const raw = await rawFromAlice(roomId, [text]);
	expect(raw.types).toEqual(['m.room.encrypted']);
	expect(raw.leaked).toEqual([]);
});

test('a room that turns encrypted while a message waits: it goes encrypted at the retry, never in clear', {timeout: 180_000}, async () => {
	// Bob's room, where Alice may not post yet: her message waits, refused, for a /retry.
	const roomId = await Api.for(bob).createRoom({preset: 'private_chat', name: 'Turning room', invite: [alice.userId], power_level_content_override: {events_default: 50}});
	await Api.for(alice).join(roomId);
	const {configDir, device} = await newDevice();
	const app = await launch(configDir, roomId);
	await app.waitForText('# Turning room');
	const text = 'typed before encryption';
	await say(app, text);
	await app.waitForScreen((s) => /typed before encryption\s+\(not sent: not allowed/.test(pane(s, 1)), 'the message refused for power');
	await Api.for(bob).putState(roomId, 'm.room.encryption', '', ENCRYPTION.content);
	const levels = await Api.for(bob).getState<Json>(roomId, 'm.room.power_levels');
	await Api.for(bob).putState(roomId, 'm.room.power_levels', '', {...levels, events_default: 0});
	await peerInEncryptedRoom(bobClient, roomId, alice.userId);
	await peerSeesDevice(bobClient, device);
	// Bob's next message comes after both state changes: once Alice's app shows it, it has them.
	await bobClient.sendTextMessage(roomId, 'you may post now');
	await app.waitForText('Bob: you may post now', 30_000);
	await say(app, '/retry');
	await app.waitForScreen((s) => shownAs(s, text) === 'sent', 'the retried message sent', 30_000);
	const event = await peerReceives(bobClient, roomId, alice.userId, text);
	expect(event.isEncrypted()).toBe(true);
	expect((await rawFromAlice(roomId, [text])).leaked).toEqual([]);
});

test('/dm @bob starts an encrypted direct chat recorded in m.direct; a message typed at once goes encrypted; /dm again opens the same one', {timeout: 180_000}, async () => {
	const {configDir} = await newDevice();
	const app = await launch(configDir);
	await say(app, `/dm ${bob.userId}`);
	await app.waitForText(`Started an encrypted direct chat with ${bob.userId}`, 30_000);
	const direct = await Api.for(alice).request<Record<string, string[]>>('GET', `/_matrix/client/v3/user/${encodeURIComponent(alice.userId)}/account_data/m.direct`);
	const roomId = direct[bob.userId]!.at(-1)!;
	expect((await Api.for(alice).getStateEvents(roomId)).some((event) => event['type'] === 'm.room.encryption')).toBe(true);
	// Typed the moment the room exists: the measured leak was exactly this.
	const text = 'first words in our direct chat';
	await app.waitForText('🔒', 30_000);
	await say(app, text);
	await Api.for(bob).join(roomId);
	await peerInEncryptedRoom(bobClient, roomId, alice.userId);
	const event = await peerReceives(bobClient, roomId, alice.userId, text);
	expect(event.isEncrypted()).toBe(true);
	expect((await rawFromAlice(roomId, [text])).leaked).toEqual([]);

	await say(app, `/dm ${bob.userId}`);
	await app.waitForText(`Your direct chat with ${bob.userId}`);
	const again = await Api.for(alice).request<Record<string, string[]>>('GET', `/_matrix/client/v3/user/${encodeURIComponent(alice.userId)}/account_data/m.direct`);
	expect(again[bob.userId]).toEqual([roomId]);

	await say(app, '/dm @nobody-here:localhost');
	await app.waitForText('No user @nobody-here:localhost on the server');
});
