/**
 * Issue 15: files both ways, with the real binary (tmux) and Bob, a second real client (matrix-js-sdk
 * with the Rust crypto). What Alice's binary uploads Bob downloads byte-identical; what Bob sends the
 * binary /downloads byte-identical; in an encrypted room Bob decrypts with the spec's algorithm
 * written out here (not the app's code), the event on the server is m.room.encrypted, and the bytes
 * the media repository holds are not the plaintext.
 */
import {createCipheriv, createDecipheriv, createHash, randomBytes} from 'node:crypto';
import {mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {MatrixClient} from 'matrix-js-sdk';
import {afterAll, afterEach, beforeAll, expect, test} from 'vitest';
import {buildBinary, configWithSession, removeConfig, startBinary} from './support/binary.js';
import {peerInEncryptedRoom, peerReceives, peerSeesDevice, startCryptoPeer} from './support/crypto-peer.js';
import {Api, homeserverUrl, loginAgain, registerNamed, type Json, type RegisteredUser} from './support/homeserver.js';
import type {TmuxTerminal} from './support/tmux.js';
import {waitForAsync} from '../support/wait.js';

const ENCRYPTION = {type: 'm.room.encryption', state_key: '', content: {algorithm: 'm.megolm.v1.aes-sha2'}};

let alice: RegisteredUser;
let bob: RegisteredUser;
let bobClient: MatrixClient;
let work: string;
const terminals: TmuxTerminal[] = [];
const configDirs: string[] = [];

beforeAll(async () => {
	[alice, bob] = await registerNamed('Alice', 'Bob');
	await buildBinary();
	bobClient = await startCryptoPeer(bob);
	work = await mkdtemp(join(tmpdir(), 'matrix-tui-e2e-files-'));
}, 240_000);

afterEach(async () => {
	for (const terminal of terminals.splice(0)) await terminal.kill();
});

afterAll(async () => {
	bobClient.stopClient();
	for (const directory of configDirs.splice(0)) await removeConfig(directory);
	await rm(work, {recursive: true, force: true});
});

const connected = (screen: string) => /● connected /.test(screen);

async function launch(roomId: string): Promise<{app: TmuxTerminal; device: RegisteredUser}> {
	const device = await loginAgain(alice);
	const configDir = await configWithSession(device, homeserverUrl());
	configDirs.push(configDir);
	const app = await startBinary(configDir, {room: roomId, rows: 40});
	terminals.push(app);
	await app.waitForScreen(connected, 'the binary connected', 30_000);
	return {app, device};
}

async function run(app: TmuxTerminal, command: string): Promise<void> {
	await app.type(command);
	await app.waitForText(`> ${command}`);
	await app.press('Enter');
}

/** GET a media file as Bob, through the authenticated endpoint. */
async function fetchAsBob(mxc: string): Promise<Buffer> {
	const [server, mediaId] = mxc.slice('mxc://'.length).split('/');
	const response = await fetch(`${homeserverUrl()}/_matrix/client/v1/media/download/${server}/${mediaId}`, {headers: {Authorization: `Bearer ${bob.accessToken}`}});
	expect(response.status, `downloading ${mxc}`).toBe(200);
	return Buffer.from(await response.arrayBuffer());
}

async function uploadAsBob(bytes: Buffer, contentType: string): Promise<string> {
	const response = await fetch(`${homeserverUrl()}/_matrix/media/v3/upload`, {method: 'POST', headers: {Authorization: `Bearer ${bob.accessToken}`, 'Content-Type': contentType}, body: new Uint8Array(bytes)});
	expect(response.status).toBe(200);
	return ((await response.json()) as {content_uri: string}).content_uri;
}

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');
const fromB64 = (text: string) => Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');

/** The spec's "Sending encrypted attachments", written out apart from the app's code. */
function specEncrypt(plain: Buffer): {cipher: Buffer; file: (url: string) => Json} {
	const key = randomBytes(32);
	const iv = Buffer.concat([randomBytes(8), Buffer.alloc(8)]);
	const cipheriv = createCipheriv('aes-256-ctr', key, iv);
	const cipher = Buffer.concat([cipheriv.update(plain), cipheriv.final()]);
	const file = (url: string) => ({url, v: 'v2', iv: b64(iv), hashes: {sha256: b64(createHash('sha256').update(cipher).digest())}, key: {kty: 'oct', alg: 'A256CTR', ext: true, key_ops: ['encrypt', 'decrypt'], k: key.toString('base64url')}});
	return {cipher, file};
}

function specDecrypt(cipher: Buffer, file: Json): Buffer {
	const hashes = file['hashes'] as {sha256: string};
	expect(b64(createHash('sha256').update(cipher).digest()), 'the ciphertext matches its hash').toBe(hashes.sha256);
	const key = fromB64((file['key'] as {k: string}).k);
	const decipher = createDecipheriv('aes-256-ctr', key, fromB64(file['iv'] as string));
	return Buffer.concat([decipher.update(cipher), decipher.final()]);
}

/** The newest event of Alice's in the room as Bob's client holds it, once it has the body. */
async function aliceSent(roomId: string, body: string): Promise<Json> {
	const event = await peerReceives(bobClient, roomId, alice.userId, body);
	return event.getContent();
}

async function waitForFile(directory: string, name: string): Promise<Buffer> {
	await waitForAsync(async () => (await readdir(directory)).includes(name), `${name} in ${directory}`, 20_000);
	return readFile(join(directory, name));
}

test('a plain room: Alice uploads a file with a space in its name, Bob downloads it byte-identical; Bob sends one, Alice /downloads it byte-identical', {timeout: 180_000}, async () => {
	const roomId = await Api.for(bob).createRoom({preset: 'public_chat', name: 'Files in clear', invite: [alice.userId]});
	await Api.for(alice).join(roomId);
	const {app} = await launch(roomId);
	await app.waitForText('# Files in clear');

	const bytes = randomBytes(300_000);
	const path = join(work, 'plain upload.bin');
	await writeFile(path, bytes);
	await run(app, `/upload "${path}"`);
	await app.waitForText('Uploaded plain upload.bin (300 kB)', 30_000);
	const content = await aliceSent(roomId, 'plain upload.bin');
	expect(content).toMatchObject({msgtype: 'm.file', filename: 'plain upload.bin', info: {size: 300_000, mimetype: 'application/octet-stream'}});
	expect(content['file']).toBeUndefined();
	expect((await fetchAsBob(content['url'] as string)).equals(bytes)).toBe(true);
	await app.waitForText('#1 [file] plain upload.bin');

	// Bob's file, to the binary: /download 1 into a folder, then again, never overwriting.
	const fromBob = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(50_000)]);
	const url = await uploadAsBob(fromBob, 'application/pdf');
	await bobClient.sendMessage(roomId, {msgtype: 'm.file', body: 'report.pdf', filename: 'report.pdf', url, info: {mimetype: 'application/pdf', size: fromBob.length}} as never);
	await app.waitForText('#1 [file] report.pdf', 30_000);
	await app.waitForText('#2 [file] plain upload.bin');
	const into = await mkdtemp(join(work, 'plain-'));
	await run(app, `/download 1 ${into}`);
	await app.waitForText(`Saved ${join(into, 'report.pdf')}`);
	expect((await waitForFile(into, 'report.pdf')).equals(fromBob)).toBe(true);
	await run(app, `/download 1 ${into}`);
	await app.waitForText(`Saved ${join(into, 'report (1).pdf')}`);
	expect((await waitForFile(into, 'report (1).pdf')).equals(fromBob)).toBe(true);
	expect((await readdir(into)).sort()).toEqual(['report (1).pdf', 'report.pdf']);

	// One clear line each for what a user gets wrong, and the typed command back in the composer.
	await run(app, `/upload ${join(work, 'missing.txt')}`);
	await app.waitForText(`No such file: ${join(work, 'missing.txt')}`);
	await app.waitForText(`> /upload ${join(work, 'missing.txt')}`);
	await app.press('C-u');
	await run(app, `/upload ${work}`);
	await app.waitForText('is a folder — /upload takes a file');
	await app.press('C-u');
	await run(app, '/open 9');
	await app.waitForText('No file #9 in this room');
});

test('an encrypted room: the upload is encrypted (m.room.encrypted, ciphertext on the server), Bob decrypts it by the spec; Bob’s encrypted file is /downloaded byte-identical', {timeout: 180_000}, async () => {
	const roomId = await Api.for(bob).createRoom({preset: 'private_chat', name: 'Secret files', initial_state: [ENCRYPTION], invite: [alice.userId]});
	await Api.for(alice).join(roomId);
	const {app, device} = await launch(roomId);
	await app.waitForText('# Secret files');
	await peerSeesDevice(bobClient, device);
	await peerInEncryptedRoom(bobClient, roomId, alice.userId);

	// A PNG header with its size, then bytes that must not reach the server in clear.
	const marker = Buffer.from('the plaintext of a secret file '.repeat(100));
	const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452000000400000002008060000000000000000', 'hex'), marker]);
	const path = join(work, 'secret.png');
	await writeFile(path, png);
	await run(app, `/upload ${path}`);
	await app.waitForText('Uploaded secret.png', 30_000);

	const content = await aliceSent(roomId, 'secret.png');
	expect(content).toMatchObject({msgtype: 'm.image', info: {mimetype: 'image/png', size: png.length, w: 64, h: 32}});
	expect(content['url'], 'no url in clear beside the file').toBeUndefined();
	const file = content['file'] as Json;
	const onServer = await fetchAsBob(file['url'] as string);
	expect(onServer.includes(marker.subarray(0, 40)), 'the server holds no plaintext').toBe(false);
	expect(specDecrypt(onServer, file).equals(png)).toBe(true);
	const raw = (await Api.for(bob).messages(roomId)).filter((event) => event['sender'] === alice.userId && event['state_key'] === undefined);
	expect(raw.map((event) => event['type'])).toEqual(['m.room.encrypted']);
	expect(JSON.stringify(raw)).not.toContain('secret.png');

	// Bob's encrypted file (encrypted here by the spec), to the binary, which decrypts and checks it.
	const secret = randomBytes(120_000);
	const encrypted = specEncrypt(secret);
	const url = await uploadAsBob(encrypted.cipher, 'application/octet-stream');
	await bobClient.sendMessage(roomId, {msgtype: 'm.file', body: 'plans.bin', filename: 'plans.bin', file: encrypted.file(url), info: {mimetype: 'application/octet-stream', size: secret.length}} as never);
	await app.waitForText('#1 [file] plans.bin', 30_000);
	const into = await mkdtemp(join(work, 'secret-'));
	await run(app, `/download 1 ${into}`);
	await app.waitForText(`Saved ${join(into, 'plans.bin')}`, 30_000);
	expect((await waitForFile(into, 'plans.bin')).equals(secret)).toBe(true);

	// A file whose hash is not its bytes' is refused on one line, and nothing is left on disk.
	const forged = specEncrypt(randomBytes(1000));
	const forgedUrl = await uploadAsBob(forged.cipher, 'application/octet-stream');
	const wrong = {...forged.file(forgedUrl), hashes: {sha256: b64(createHash('sha256').update('something else').digest())}};
	await bobClient.sendMessage(roomId, {msgtype: 'm.file', body: 'forged.bin', file: wrong} as never);
	await app.waitForText('#1 [file] forged.bin', 30_000);
	await run(app, `/download 1 ${into}`);
	await app.waitForText('forged.bin does not match its hash');
	expect(await readdir(into)).toEqual(['plans.bin']);
});
