/**
 * Issue 15, inline images: the real binary (tmux, truecolor) and Bob, a second real client. Bob
 * uploads a PNG of known colours (left half red, right half blue) as m.image; the binary's pane,
 * captured with its colours (capture-pane -e), holds '▀' cells in exactly those 24-bit colours:
 * from Synapse's thumbnail in a plain room, and from the file Bob encrypted (by the spec, written
 * out here) in an encrypted room. A "PNG" that is text draws no byte of itself, one note instead.
 */
import {createCipheriv, createHash, randomBytes} from 'node:crypto';
import type {MatrixClient} from 'matrix-js-sdk';
import {afterAll, afterEach, beforeAll, expect, test} from 'vitest';
import {buildBinary, configWithSession, removeConfig, startBinary} from './support/binary.js';
import {peerInEncryptedRoom, peerSeesDevice, startCryptoPeer} from './support/crypto-peer.js';
import {Api, homeserverUrl, loginAgain, registerNamed, type Json, type RegisteredUser} from './support/homeserver.js';
import type {TmuxTerminal} from './support/tmux.js';
import {pngOf} from '../support/png.js';

const ENCRYPTION = {type: 'm.room.encryption', state_key: '', content: {algorithm: 'm.megolm.v1.aes-sha2'}};
/** 32 × 16 pixels: 32 cells × 8 rows, within 48 cells and a third of a 40-row pane. */
const RED_BLUE = pngOf(32, 16, (x) => (x < 16 ? [255, 0, 0] : [0, 0, 255]));
const RED = '38;2;255;0;0';
const BLUE = '38;2;0;0;255';

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

async function launch(roomId: string): Promise<{app: TmuxTerminal; device: RegisteredUser}> {
	const device = await loginAgain(alice);
	const configDir = await configWithSession(device, homeserverUrl());
	configDirs.push(configDir);
	const app = await startBinary(configDir, {room: roomId, rows: 40, env: {COLORTERM: 'truecolor'}});
	terminals.push(app);
	await app.waitForScreen(connected, 'the binary connected', 30_000);
	return {app, device};
}

async function uploadAsBob(bytes: Buffer, contentType: string): Promise<string> {
	const response = await fetch(`${homeserverUrl()}/_matrix/media/v3/upload`, {method: 'POST', headers: {Authorization: `Bearer ${bob.accessToken}`, 'Content-Type': contentType}, body: new Uint8Array(bytes)});
	expect(response.status).toBe(200);
	return ((await response.json()) as {content_uri: string}).content_uri;
}

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

/** The spec's "Sending encrypted attachments", written out apart from the app's code. */
function specEncrypt(plain: Buffer): {cipher: Buffer; file: (url: string) => Json} {
	const key = randomBytes(32);
	const iv = Buffer.concat([randomBytes(8), Buffer.alloc(8)]);
	const cipheriv = createCipheriv('aes-256-ctr', key, iv);
	const cipher = Buffer.concat([cipheriv.update(plain), cipheriv.final()]);
	const file = (url: string) => ({url, v: 'v2', iv: b64(iv), hashes: {sha256: b64(createHash('sha256').update(cipher).digest())}, key: {kty: 'oct', alg: 'A256CTR', ext: true, key_ops: ['encrypt', 'decrypt'], k: key.toString('base64url')}});
	return {cipher, file};
}

/** The picture's rows as the pane shows them (the timeline pane only: between the borders). */
function pictureRows(screen: string): string[] {
	return screen
		.split('\n')
		.map((line) => line.split('│')[1] ?? '')
		.filter((pane) => pane.includes('▀'))
		.map((pane) => pane.trim());
}

/** Waits for the red and blue cells in the coloured capture; returns that capture. */
async function waitForRedAndBlue(app: TmuxTerminal): Promise<string> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const coloured = await app.colouredScreen();
		if (coloured.includes(RED) && coloured.includes(BLUE) && coloured.includes('▀')) return coloured;
		if (Date.now() > deadline) throw new Error(`no red and blue picture on screen:\n${await app.screen()}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

test('a plain room: Bob’s PNG is drawn from the server’s thumbnail in half blocks of its own 24-bit colours; a text file posing as a PNG is one note', {timeout: 180_000}, async () => {
	const roomId = await Api.for(bob).createRoom({preset: 'public_chat', name: 'Pictures in clear', invite: [alice.userId]});
	await Api.for(alice).join(roomId);
	const {app} = await launch(roomId);
	await app.waitForText('# Pictures in clear');

	const url = await uploadAsBob(RED_BLUE, 'image/png');
	await bobClient.sendMessage(roomId, {msgtype: 'm.image', body: 'red-blue.png', url, info: {mimetype: 'image/png', size: RED_BLUE.length, w: 32, h: 16}} as never);
	await app.waitForText('[image] red-blue.png', 30_000);
	const coloured = await waitForRedAndBlue(app);
	// Both halves of each cell: the upper pixel the foreground, the lower one the background.
	expect(coloured).toContain('48;2;255;0;0');
	expect(coloured).toContain('48;2;0;0;255');
	const rows = pictureRows(await app.screen());
	expect(rows).toEqual(Array.from({length: 8}, () => '▀'.repeat(32)));
	// What the binary asked for is there: Synapse made the thumbnail at upload.
	const [server, mediaId] = url.slice('mxc://'.length).split('/');
	const thumbnail = await fetch(`${homeserverUrl()}/_matrix/client/v1/media/thumbnail/${server}/${mediaId}?width=320&height=240&method=scale`, {headers: {Authorization: `Bearer ${bob.accessToken}`}});
	expect([thumbnail.status, thumbnail.headers.get('content-type')]).toEqual([200, 'image/png']);

	// Bytes that would move the cursor and retitle the terminal, uploaded as image/png.
	const hostile = Buffer.from('\u001b]0;pwned by a fake png\u0007\u001b[2J\u001b[Hnot an image at all');
	const fake = await uploadAsBob(hostile, 'image/png');
	await bobClient.sendMessage(roomId, {msgtype: 'm.image', body: 'fake.png', url: fake, info: {mimetype: 'image/png', size: hostile.length}} as never);
	await app.waitForText(`[image] fake.png (image/png, ${hostile.length} B) (no preview: not a PNG or JPEG image)`, 30_000);
	const after = await app.colouredScreen();
	expect(after).not.toContain('pwned');
	expect(after).not.toContain('not an image at all');
	expect(pictureRows(await app.screen())).toHaveLength(8);
});

test('an encrypted room: the PNG Bob encrypted is fetched, decrypted and drawn in its own colours', {timeout: 180_000}, async () => {
	const roomId = await Api.for(bob).createRoom({preset: 'private_chat', name: 'Secret pictures', initial_state: [ENCRYPTION], invite: [alice.userId]});
	await Api.for(alice).join(roomId);
	const {app, device} = await launch(roomId);
	await app.waitForText('# Secret pictures');
	await peerSeesDevice(bobClient, device);
	await peerInEncryptedRoom(bobClient, roomId, alice.userId);

	const encrypted = specEncrypt(RED_BLUE);
	const url = await uploadAsBob(encrypted.cipher, 'application/octet-stream');
	await bobClient.sendMessage(roomId, {msgtype: 'm.image', body: 'secret.png', file: encrypted.file(url), info: {mimetype: 'image/png', size: RED_BLUE.length, w: 32, h: 16}} as never);
	await app.waitForText('[image] secret.png', 30_000);
	await waitForRedAndBlue(app);
	expect(pictureRows(await app.screen())).toEqual(Array.from({length: 8}, () => '▀'.repeat(32)));
});
