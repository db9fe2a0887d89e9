/**
 * Issue 15, inline images: the real binary (tmux, truecolor) and Bob, a second real client. Bob
 * uploads a PNG of known colours (left half red, right half blue) as m.image; the binary's pane,
 * captured with its colours (capture-pane -e), holds '▀' cells in exactly those 24-bit colours:
 * from Synapse's thumbnail in a plain room, and from the file Bob encrypted (by the spec, written
 * out here) in an encrypted room. A "PNG" that is text draws no byte of itself, one note instead.
 * With `images` set to kitty, what the binary wrote (pipe-pane) is read as kitty's graphics
 * protocol reads it: the pixels, red and blue, sent once through tmux; the pane holds placeholders.
 */
import {createCipheriv, createHash, randomBytes} from 'node:crypto';
import {mkdtempSync, readFileSync} from 'node:fs';
import {writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {inflateSync} from 'node:zlib';
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

async function launch(roomId: string, settings: Json = {}): Promise<{app: TmuxTerminal; device: RegisteredUser}> {
	const device = await loginAgain(alice);
	const configDir = await configWithSession(device, homeserverUrl());
	configDirs.push(configDir);
	const config = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')) as Json;
	await writeFile(join(configDir, 'config.json'), JSON.stringify({...config, ...settings}), {mode: 0o600});
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

/** The kitty graphics sequences in what the binary wrote, each taken out of its tmux wrapping. */
function kittySequences(raw: string): Array<{keys: Record<string, string>; payload: string}> {
	return [...raw.matchAll(/\u001BPtmux;((?:[^\u001B]|\u001B\u001B)*)\u001B\\/g)]
		.map((match) => match[1]!.replaceAll('\u001B\u001B', '\u001B'))
		.map((inner) => /^\u001B_G([^;\u001B]*)(?:;([^\u001B]*))?\u001B\\$/.exec(inner))
		.filter((match) => match !== null)
		.map((match) => ({keys: Object.fromEntries(match[1]!.split(',').map((pair) => pair.split('=') as [string, string])), payload: match[2] ?? ''}));
}

test('images set to kitty: the pixels go through tmux once as kitty’s graphics, red and blue; the pane holds placeholders naming them', {timeout: 180_000}, async () => {
	const roomId = await Api.for(bob).createRoom({preset: 'public_chat', name: 'Kitty pictures', invite: [alice.userId]});
	await Api.for(alice).join(roomId);
	const {app} = await launch(roomId, {images: 'kitty'});
	await app.waitForText('# Kitty pictures');
	const output = join(mkdtempSync(join(tmpdir(), 'matrix-tui-e2e-kitty-')), 'output.bin');
	await app.captureOutput(output);

	const url = await uploadAsBob(RED_BLUE, 'image/png');
	await bobClient.sendMessage(roomId, {msgtype: 'm.image', body: 'kitty.png', url, info: {mimetype: 'image/png', size: RED_BLUE.length, w: 32, h: 16}} as never);
	await app.waitForText('[image] kitty.png', 30_000);
	const screen = await app.waitForScreen((s) => s.split('\n').filter((line) => line.includes('\u{10EEEE}')).length === 8, 'eight rows of placeholders', 30_000);
	// The pane: 8 rows of 32 placeholders under the media line, no half blocks.
	const rows = screen.split('\n').filter((line) => line.includes('\u{10EEEE}'));
	for (const row of rows) expect([...row].filter((char) => char === '\u{10EEEE}')).toHaveLength(32);
	expect(screen).not.toContain('▀');

	const sequences = kittySequences(readFileSync(output, 'latin1'));
	const first = sequences.find(({keys}) => keys['a'] === 'T');
	expect(first?.keys).toMatchObject({U: '1', q: '2', f: '32', o: 'z', s: '32', v: '16', c: '32', r: '8'});
	const id = Number(first!.keys['i']);
	expect(sequences.filter(({keys}) => keys['a'] === 'T'), 'sent once').toHaveLength(1);
	const start = sequences.indexOf(first!);
	const end = sequences.findIndex(({keys}, index) => index >= start && keys['m'] === '0');
	const pixels = inflateSync(Buffer.concat(sequences.slice(start, end + 1).map(({payload}) => Buffer.from(payload, 'base64'))));
	expect(pixels.length).toBe(32 * 16 * 4);
	const at = (x: number, y: number) => [...pixels.subarray((y * 32 + x) * 4, (y * 32 + x) * 4 + 4)];
	expect([at(0, 0), at(15, 15), at(16, 0), at(31, 15)]).toEqual([[255, 0, 0, 255], [255, 0, 0, 255], [0, 0, 255, 255], [0, 0, 255, 255]]);
	// The placeholders are in the colour that names that image.
	expect(await app.colouredScreen()).toContain(`38;2;${(id >> 16) & 0xff};${(id >> 8) & 0xff};${id & 0xff}m\u{10EEEE}`);
});

