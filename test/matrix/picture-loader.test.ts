/**
 * picture-loader.ts against a small HTTP server standing in for the media repository: the
 * thumbnail endpoints and their fallbacks, the cache, encrypted thumbnails, and hostile answers.
 */
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import {Readable} from 'node:stream';
import {inflateSync} from 'node:zlib';
import {pipeline} from 'node:stream/promises';
import type {MatrixClient} from 'matrix-js-sdk';
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import type {EncryptedFile} from '../../src/domain/attachment.js';
import {attachmentEncryptor} from '../../src/matrix/attachment-crypto.js';
import {loadPicture} from '../../src/matrix/picture-loader.js';
import {pngOf} from '../support/png.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;
let handler: Handler;
const seen: Array<{url: string; auth?: string}> = [];
let server: Server;
let baseUrl: string;

beforeAll(async () => {
	server = createServer((request, response) => {
		seen.push({url: request.url!, auth: request.headers.authorization});
		handler(request, response);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as {port: number}).port}`;
});

afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
	seen.length = 0;
});

const json = (response: ServerResponse, status: number, body: unknown) => {
	response.writeHead(status, {'Content-Type': 'application/json'});
	response.end(JSON.stringify(body));
};
const bytes = (response: ServerResponse, body: Buffer, type = 'image/png') => {
	response.writeHead(200, {'Content-Type': type, 'Content-Length': body.length});
	response.end(body);
};

// A fresh client each test: the bitmap cache is the client's.
const client = () => ({baseUrl, getAccessToken: () => 'secret-token'}) as unknown as MatrixClient;

/** Left half red, right half blue: 4 × 2 pixels. */
const RED_BLUE = pngOf(4, 2, (x) => (x < 2 ? [255, 0, 0] : [0, 0, 255]));
const image = (url: string, info: Record<string, unknown> = {mimetype: 'image/png'}) => ({eventType: 'm.room.message', content: {msgtype: 'm.image', body: 'rb.png', url, info}, maxCols: 48, maxRows: 10});

async function encrypted(plain: Buffer, url: string): Promise<{ciphertext: Buffer; file: EncryptedFile}> {
	const encryptor = attachmentEncryptor();
	const chunks: Buffer[] = [];
	await pipeline(Readable.from([plain]), encryptor, async (out: AsyncIterable<Buffer>) => {
		for await (const chunk of out) chunks.push(chunk);
	});
	return {ciphertext: Buffer.concat(chunks), file: encryptor.file(url)};
}

describe('loadPicture in the clear', () => {
	test('asks the authenticated thumbnail endpoint with the token, and answers the cells', async () => {
		handler = (request, response) => bytes(response, RED_BLUE);
		const outcome = await loadPicture(client(), image('mxc://hs.example/rb'));
		expect(outcome).toEqual({kind: 'picture', picture: {cols: 4, rows: 1, cells: [0xff0000, 0xff0000, 0xff0000, 0xff0000, 0x0000ff, 0x0000ff, 0x0000ff, 0x0000ff]}});
		expect(seen).toEqual([{url: '/_matrix/client/v1/media/thumbnail/hs.example/rb?width=320&height=240&method=scale', auth: 'Bearer secret-token'}]);
	});

	test('pixels for kitty’s graphics: the cells the picture fills, and its RGBA deflated, as decoded', async () => {
		handler = (request, response) => bytes(response, RED_BLUE);
		const outcome = await loadPicture(client(), {...image('mxc://hs.example/rb'), pixels: true});
		expect(outcome).toMatchObject({kind: 'pixels', cols: 4, rows: 1, width: 4, height: 2});
		const rgba = [...inflateSync((outcome as {deflated: Uint8Array}).deflated)];
		const red = [255, 0, 0, 255];
		const blue = [0, 0, 255, 255];
		expect(rgba).toEqual([...red, ...red, ...blue, ...blue, ...red, ...red, ...blue, ...blue]);
	});

	test('pixels are no more than the cells show, about 10 across a cell: a big picture in few cells is shrunk', async () => {
		handler = (request, response) => bytes(response, pngOf(300, 150, (x) => (x < 150 ? [255, 0, 0] : [0, 0, 255])));
		const outcome = await loadPicture(client(), {...image('mxc://hs.example/big'), maxCols: 6, maxRows: 10, pixels: true});
		expect(outcome).toMatchObject({kind: 'pixels', cols: 6, rows: 2, width: 60, height: 30});
		expect(inflateSync((outcome as {deflated: Uint8Array}).deflated).length).toBe(60 * 30 * 4);
	});

	test('falls back to the legacy thumbnail endpoint, then to the file itself when there is no thumbnail', async () => {
		handler = (request, response) => {
			if (request.url!.startsWith('/_matrix/client/v1/')) return json(response, 404, {errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request'});
			if (request.url!.includes('/thumbnail/')) return json(response, 404, {errcode: 'M_NOT_FOUND', error: 'Not found'});
			bytes(response, RED_BLUE);
		};
		expect(await loadPicture(client(), image('mxc://hs.example/small'))).toMatchObject({kind: 'picture', picture: {cols: 4, rows: 1}});
		expect(seen.map(({url}) => url.replace(/\?.*/, ''))).toEqual([
			'/_matrix/client/v1/media/thumbnail/hs.example/small',
			'/_matrix/media/v3/thumbnail/hs.example/small',
			'/_matrix/client/v1/media/download/hs.example/small',
			'/_matrix/media/v3/download/hs.example/small',
		]);
	});

	test('decodes once: other bounds, a redraw, are cut from the kept bitmap without a request', async () => {
		handler = (request, response) => bytes(response, pngOf(64, 32, (x) => (x < 32 ? [255, 0, 0] : [0, 0, 255])));
		const session = client();
		expect(await loadPicture(session, {...image('mxc://hs.example/big'), maxCols: 48, maxRows: 10})).toMatchObject({picture: {cols: 40, rows: 10}});
		expect(await loadPicture(session, {...image('mxc://hs.example/big'), maxCols: 8, maxRows: 10})).toMatchObject({picture: {cols: 8, rows: 2}});
		expect(seen).toHaveLength(1);
	});

	test('leaves GIFs, WebPs and non-images to their line: nothing is fetched', async () => {
		handler = (request, response) => bytes(response, RED_BLUE);
		expect(await loadPicture(client(), image('mxc://hs.example/g', {mimetype: 'image/gif'}))).toEqual({kind: 'none'});
		expect(await loadPicture(client(), {...image('mxc://hs.example/f'), content: {msgtype: 'm.file', body: 'x.png', url: 'mxc://hs.example/f'}})).toEqual({kind: 'none'});
		expect(seen).toEqual([]);
	});
});

describe('loadPicture from hostile answers', () => {
	test('a "PNG" that is text, a truncated PNG, a declared 100,000² image: a short reason, nothing decoded', async () => {
		const answers: Buffer[] = [Buffer.from('\u001B]0;owned\u0007\u001B[2J text, not an image'), RED_BLUE.subarray(0, 40)];
		const bomb = Buffer.from(RED_BLUE);
		bomb.writeUInt32BE(100_000, 16);
		bomb.writeUInt32BE(100_000, 20);
		answers.push(bomb);
		handler = (request, response) => bytes(response, answers.shift()!);
		expect(await loadPicture(client(), image('mxc://hs.example/text'))).toEqual({kind: 'failed', why: 'not a PNG or JPEG image'});
		expect(await loadPicture(client(), image('mxc://hs.example/cut'))).toEqual({kind: 'failed', why: 'the image is damaged'});
		expect(await loadPicture(client(), image('mxc://hs.example/bomb'))).toEqual({kind: 'failed', why: 'the image is too large to preview (100000×100000)'});
	});

	test('an answer longer than 8 MB is not read past the cap, said or not in its length', async () => {
		const big = Buffer.alloc(8 * 1024 * 1024 + 1);
		handler = (request, response) => {
			if (request.url!.includes('/said/')) return bytes(response, big);
			response.writeHead(200, {'Content-Type': 'image/png'});
			response.end(big);
		};
		expect(await loadPicture(client(), image('mxc://hs.example/said'))).toEqual({kind: 'failed', why: 'the file is too large to preview'});
		expect(await loadPicture(client(), image('mxc://hs.example/unsaid'))).toEqual({kind: 'failed', why: 'the file is too large to preview'});
	});

	test('a server refusing the file is an error for the caller (one note), not a throw past it', async () => {
		handler = (request, response) => json(response, 403, {errcode: 'M_FORBIDDEN', error: 'no'});
		await expect(loadPicture(client(), image('mxc://hs.example/no'))).rejects.toMatchObject({httpStatus: 403});
	});
});

describe('loadPicture in an encrypted room', () => {
	test("decrypts the event's thumbnail_file, and the file itself when it has none", async () => {
		const thumb = await encrypted(RED_BLUE, 'mxc://hs.example/thumb');
		const whole = await encrypted(pngOf(2, 2, () => [0, 255, 0]), 'mxc://hs.example/whole');
		handler = (request, response) => bytes(response, request.url!.includes('/thumb') ? thumb.ciphertext : whole.ciphertext, 'application/octet-stream');
		const withThumbnail = {msgtype: 'm.image', body: 'a.png', file: whole.file, info: {mimetype: 'image/png', thumbnail_file: thumb.file, thumbnail_info: {mimetype: 'image/png'}}};
		expect(await loadPicture(client(), {...image(''), content: withThumbnail})).toMatchObject({picture: {cols: 4, cells: [0xff0000, 0xff0000, 0xff0000, 0xff0000, 0x0000ff, 0x0000ff, 0x0000ff, 0x0000ff]}});
		expect(await loadPicture(client(), {...image(''), content: {msgtype: 'm.image', body: 'b.png', file: whole.file, info: {mimetype: 'image/png', size: 70}}})).toMatchObject({picture: {cols: 2, cells: [0x00ff00, 0x00ff00, 0x00ff00, 0x00ff00]}});
		expect(seen.map(({url}) => url)).toEqual(['/_matrix/client/v1/media/download/hs.example/thumb', '/_matrix/client/v1/media/download/hs.example/whole']);
	});

	test('a file that fails its hash is not drawn; a big file without a thumbnail is not fetched', async () => {
		const real = await encrypted(RED_BLUE, 'mxc://hs.example/forged');
		handler = (request, response) => bytes(response, Buffer.concat([real.ciphertext.subarray(0, 10), Buffer.from([real.ciphertext[10]! ^ 1]), real.ciphertext.subarray(11)]));
		expect(await loadPicture(client(), {...image(''), content: {msgtype: 'm.image', body: 'f.png', file: real.file}})).toEqual({kind: 'failed', why: 'the file does not match its hash'});
		seen.length = 0;
		expect(await loadPicture(client(), {...image(''), content: {msgtype: 'm.image', body: 'huge.png', file: real.file, info: {size: 50_000_000}}})).toEqual({kind: 'none'});
		expect(seen).toEqual([]);
	});
});
