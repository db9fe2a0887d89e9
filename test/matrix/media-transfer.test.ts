/**
 * media-download.ts and media-upload.ts against a small HTTP server standing in for the media
 * repository: the authenticated endpoint and its legacy fallback, the token, a wrong hash, names
 * never overwritten, the server's size limit, 413, Esc, and the files a user gets wrong.
 */
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import {randomBytes} from 'node:crypto';
import {mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import type {MatrixClient} from 'matrix-js-sdk';
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import {attachmentEncryptor} from '../../src/matrix/attachment-crypto.js';
import {downloadMedia} from '../../src/matrix/media-download.js';
import {fileProblem, uploadFile, type UploadContext} from '../../src/matrix/media-upload.js';
import {waitFor} from '../support/wait.js';
import type {TransferView} from '../../src/matrix/protocol.js';
import {Transfers} from '../../src/matrix/transfers.js';
import {toActionError} from '../../src/matrix/errors.js';

type Handler = (request: IncomingMessage, response: ServerResponse, body: Buffer) => void;
let handler: Handler;
const seen: Array<{method: string; url: string; auth?: string; type?: string; length: number}> = [];
let server: Server;
let baseUrl: string;
let work: string;

beforeAll(async () => {
	server = createServer((request, response) => {
		const parts: Buffer[] = [];
		request.on('data', (part: Buffer) => parts.push(part));
		request.on('end', () => {
			const body = Buffer.concat(parts);
			seen.push({method: request.method!, url: request.url!, auth: request.headers.authorization, type: request.headers['content-type'], length: body.length});
			handler(request, response, body);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address() as {port: number};
	baseUrl = `http://127.0.0.1:${address.port}`;
	work = await mkdtemp(join(tmpdir(), 'matrix-tui-media-test-'));
});

afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
	await rm(work, {recursive: true, force: true});
});

afterEach(() => {
	seen.length = 0;
});

const json = (response: ServerResponse, status: number, body: unknown) => {
	response.writeHead(status, {'Content-Type': 'application/json'});
	response.end(JSON.stringify(body));
};

function client(encrypted = false): MatrixClient {
	return {
		baseUrl,
		getAccessToken: () => 'secret-token',
		getRoom: () => ({getMyMembership: () => 'join', hasEncryptionStateEvent: () => encrypted}),
		getCrypto: () => (encrypted ? {isEncryptionEnabledInRoom: async () => true} : undefined),
	} as unknown as MatrixClient;
}

function transfers() {
	const views: Array<TransferView | undefined> = [];
	return {transfers: new Transfers((view) => views.push(view)), views};
}

const fileContent = (url: string, name = 'report.pdf') => ({msgtype: 'm.file', body: name, url});

describe('download', () => {
	test('falls back to the legacy endpoint when the server does not know the authenticated one; the token goes to both', async () => {
		const bytes = randomBytes(70_000);
		handler = (request, response) => {
			if (request.url!.startsWith('/_matrix/client/v1/media/download/')) return json(response, 404, {errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request'});
			response.writeHead(200, {'Content-Type': 'application/pdf'});
			response.end(bytes);
		};
		const folder = await mkdtemp(join(work, 'legacy-'));
		const {transfers: t, views} = transfers();
		const outcome = await downloadMedia(client(), t, {eventType: 'm.room.message', content: fileContent('mxc://example.org/abc'), target: {kind: 'save', path: folder}});
		expect(outcome).toEqual({kind: 'saved', path: join(folder, 'report.pdf')});
		expect(await readFile(join(folder, 'report.pdf'))).toEqual(bytes);
		expect(seen.map(({url, auth}) => [url, auth])).toEqual([
			['/_matrix/client/v1/media/download/example.org/abc', 'Bearer secret-token'],
			['/_matrix/media/v3/download/example.org/abc', 'Bearer secret-token'],
		]);
		expect(views.at(-1)).toBeUndefined();
		// Again: the first file is kept, the second gets " (1)".
		await downloadMedia(client(), t, {eventType: 'm.room.message', content: fileContent('mxc://example.org/abc'), target: {kind: 'save', path: folder}});
		expect((await readdir(folder)).sort()).toEqual(['report (1).pdf', 'report.pdf']);
	});

	test('a file the server does not have is not-found, with no fallback', async () => {
		handler = (_request, response) => json(response, 404, {errcode: 'M_NOT_FOUND', error: 'Not found'});
		const folder = await mkdtemp(join(work, 'gone-'));
		const error = await downloadMedia(client(), transfers().transfers, {eventType: 'm.room.message', content: fileContent('mxc://example.org/gone'), target: {kind: 'save', path: folder}}).catch((thrown: unknown) => toActionError(thrown));
		expect(error).toMatchObject({kind: 'not-found', errcode: 'M_NOT_FOUND'});
		expect(seen).toHaveLength(1);
		expect(await readdir(folder)).toEqual([]);
	});

	test('an encrypted file is decrypted; one whose hash is wrong is refused and leaves nothing', async () => {
		const plain = randomBytes(40_000);
		const encryptor = attachmentEncryptor();
		const cipher = await new Promise<Buffer>((resolve) => {
			const parts: Buffer[] = [];
			encryptor.on('data', (part: Buffer) => parts.push(part)).on('end', () => resolve(Buffer.concat(parts)));
			encryptor.end(plain);
		});
		const file = encryptor.file('mxc://example.org/enc');
		handler = (_request, response) => {
			response.writeHead(200);
			response.end(cipher);
		};
		const folder = await mkdtemp(join(work, 'enc-'));
		const content = {msgtype: 'm.file', body: 'plans.bin', file};
		expect(await downloadMedia(client(), transfers().transfers, {eventType: 'm.room.message', content, target: {kind: 'save', path: folder}})).toEqual({kind: 'saved', path: join(folder, 'plans.bin')});
		expect(await readFile(join(folder, 'plans.bin'))).toEqual(plain);

		const forged = {...content, body: 'forged.bin', file: {...file, hashes: {sha256: '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU'}}};
		const outcome = await downloadMedia(client(), transfers().transfers, {eventType: 'm.room.message', content: forged, target: {kind: 'save', path: folder}});
		expect(outcome).toEqual({kind: 'refused', why: 'forged.bin does not match its hash: it was changed or damaged on the way, and was not saved'});
		expect(await readdir(folder)).toEqual(['plans.bin']);
	});

	test('/open: a private temp folder (0700) and file (0600), handed to the opener; without one, where it is', async () => {
		handler = (_request, response) => {
			response.writeHead(200);
			response.end('opened bytes');
		};
		const previous = process.env['MATRIX_TUI_OPENER'];
		try {
			process.env['MATRIX_TUI_OPENER'] = 'true';
			const opened = await downloadMedia(client(), transfers().transfers, {eventType: 'm.room.message', content: fileContent('mxc://example.org/o', 'photo.jpg'), target: {kind: 'open'}});
			expect(opened).toMatchObject({kind: 'saved', opened: 'opened'});
			const path = (opened as {path: string}).path;
			expect(path.startsWith(join(tmpdir(), 'matrix-tui-'))).toBe(true);
			expect(path.endsWith('/photo.jpg')).toBe(true);
			expect((await stat(path)).mode & 0o777).toBe(0o600);
			expect((await stat(dirname(path))).mode & 0o777).toBe(0o700);
			expect(await readFile(path, 'utf8')).toBe('opened bytes');
			await rm(dirname(path), {recursive: true});
			process.env['MATRIX_TUI_OPENER'] = join(work, 'no-such-opener');
			const unopened = await downloadMedia(client(), transfers().transfers, {eventType: 'm.room.message', content: fileContent('mxc://example.org/o', 'photo.jpg'), target: {kind: 'open'}});
			expect(unopened).toMatchObject({kind: 'saved', opened: 'no-opener'});
			await rm(dirname((unopened as {path: string}).path), {recursive: true});
		} finally {
			if (previous === undefined) delete process.env['MATRIX_TUI_OPENER'];
			else process.env['MATRIX_TUI_OPENER'] = previous;
		}
	});

	test('a hostile file name stays one safe segment in the folder asked for', async () => {
		handler = (_request, response) => {
			response.writeHead(200);
			response.end('x');
		};
		const folder = await mkdtemp(join(work, 'names-'));
		const outcome = await downloadMedia(client(), transfers().transfers, {eventType: 'm.room.message', content: fileContent('mxc://example.org/n', '../../.bashrc'), target: {kind: 'save', path: folder}});
		expect(outcome).toEqual({kind: 'saved', path: join(folder, 'bashrc')});
	});
});

describe('upload', () => {
	const context = (encrypted = false, added: unknown[] = []): UploadContext =>
		({
			client: client(encrypted),
			outbox: {add: (...args: unknown[]) => (added.push(args), 'txn-1')},
			transfers: transfers().transfers,
			firstSync: async () => {},
		}) as unknown as UploadContext;

	test('a text file in clear: streamed with its type, the event into the outbox with the mxc URL', async () => {
		handler = (request, response, body) => {
			if (request.url!.includes('/config')) return json(response, 200, {'m.upload.size': 1_000_000});
			json(response, 200, {content_uri: `mxc://example.org/up${body.length}`});
		};
		const path = join(work, 'notes one.txt');
		await writeFile(path, 'hello files\n');
		const added: unknown[] = [];
		expect(await uploadFile('!r:x', path, context(false, added))).toEqual({kind: 'sent', txnId: 'txn-1', name: 'notes one.txt', size: 12});
		const upload = seen.find((request) => request.method === 'POST')!;
		expect(upload).toMatchObject({url: '/_matrix/media/v3/upload?filename=notes%20one.txt', auth: 'Bearer secret-token', type: 'text/plain', length: 12});
		expect(added).toEqual([['!r:x', 'm.room.message', {msgtype: 'm.file', body: 'notes one.txt', filename: 'notes one.txt', info: {mimetype: 'text/plain', size: 12}, url: 'mxc://example.org/up12'}]]);
	});

	test('a relation given (the thread pane open) goes with the file message', async () => {
		handler = (request, response, body) => json(response, 200, request.url!.includes('/config') ? {} : {content_uri: `mxc://example.org/up${body.length}`});
		const path = join(work, 'in-thread.txt');
		await writeFile(path, 'x');
		const added: unknown[] = [];
		const relation = {'m.relates_to': {rel_type: 'm.thread', event_id: '$root', is_falling_back: true, 'm.in_reply_to': {event_id: '$last'}}};
		await uploadFile('!r:x', path, context(false, added), relation);
		expect(added).toEqual([['!r:x', 'm.room.message', expect.objectContaining({msgtype: 'm.file', url: 'mxc://example.org/up1', ...relation})]]);
	});

	test('in an encrypted room: no name, no type, not the plaintext; the event carries file and no url', async () => {
		let uploaded: Buffer = Buffer.alloc(0);
		handler = (request, response, body) => {
			if (request.url!.includes('/config')) return json(response, 404, {errcode: 'M_UNRECOGNIZED'});
			uploaded = body;
			json(response, 200, {content_uri: 'mxc://example.org/enc'});
		};
		const plain = Buffer.from('a secret line\n'.repeat(50));
		const path = join(work, 'secret.txt');
		await writeFile(path, plain);
		const added: Array<[string, string, Record<string, unknown>]> = [];
		await uploadFile('!r:x', path, context(true, added));
		expect(seen.find((request) => request.method === 'POST')).toMatchObject({url: '/_matrix/media/v3/upload', type: 'application/octet-stream', length: plain.length});
		expect(uploaded.includes(Buffer.from('a secret line'))).toBe(false);
		const content = added[0]![2];
		expect(content['url']).toBeUndefined();
		expect(content['file']).toMatchObject({url: 'mxc://example.org/enc', v: 'v2'});
	});

	test('too big for the server: one line before any byte goes; a 413 too', async () => {
		handler = (request, response) => {
			if (request.url!.includes('/config')) return json(response, 200, {'m.upload.size': 10});
			json(response, 413, {errcode: 'M_TOO_LARGE', error: 'Too large'});
		};
		const path = join(work, 'big.bin');
		await writeFile(path, randomBytes(2000));
		expect(await uploadFile('!r:x', path, context())).toEqual({kind: 'refused', why: `${path} is too big: 2.0 kB, the server takes at most 10 B`});
		expect(seen.some((request) => request.method === 'POST')).toBe(false);
		handler = (request, response) => json(response, request.url!.includes('/config') ? 404 : 413, {errcode: 'M_TOO_LARGE'});
		expect(await uploadFile('!r:x', path, context())).toEqual({kind: 'refused', why: `${path} is too big for the server (2.0 kB)`});
	});

	test('Esc during the upload: cancelled, nothing into the outbox', async () => {
		const ctx = context();
		handler = (request, response) => {
			if (request.url!.includes('/config')) return json(response, 200, {});
			// Never answers until cancelled.
			request.socket.on('close', () => response.destroy());
		};
		const path = join(work, 'slow.bin');
		await writeFile(path, randomBytes(5000));
		const added: unknown[] = [];
		(ctx as unknown as {outbox: unknown}).outbox = {add: () => added.push(1)};
		const pending = uploadFile('!r:x', path, ctx);
		await waitFor(() => seen.some((request) => request.method === 'POST'), {what: 'the upload to reach the server'});
		expect(ctx.transfers.cancel()).toBe(true);
		expect(await pending).toEqual({kind: 'cancelled'});
		expect(added).toEqual([]);
	});

	test('no such file, a folder: one line each', async () => {
		expect(await uploadFile('!r:x', join(work, 'nope.txt'), context())).toEqual({kind: 'refused', why: `No such file: ${join(work, 'nope.txt')}`});
		expect(await uploadFile('!r:x', work, context())).toEqual({kind: 'refused', why: `${work} is a folder — /upload takes a file`});
	});

	// Root (as in CI containers) reads any file, so the refusal is checked on the error the OS gives.
	test.each([
		[{code: 'EACCES'}, 'Cannot read ~/x: permission denied'],
		[{code: 'EPERM'}, 'Cannot read ~/x: permission denied'],
		[{code: 'ENOENT'}, 'No such file: ~/x'],
		[Object.assign(new Error('too many open files'), {code: 'EMFILE'}), 'Cannot read ~/x: too many open files'],
	])('%j is one line', (error, line) => expect(fileProblem(error, '~/x')).toBe(line));
});
