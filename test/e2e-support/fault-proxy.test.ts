/**
 * The fault proxy the end-to-end proofs of issue 13 stand on (test/e2e/support/fault-proxy.ts),
 * checked against a tiny local server: each fault does what it says and no more — what reached
 * the server, what the client got — and everything else passes through untouched.
 */
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {FaultProxy} from '../e2e/support/fault-proxy.js';
import {SEND_MESSAGE, SYNC} from '../e2e/support/faults.js';
import {waitFor} from '../support/wait.js';

interface Upstream {
	url: string;
	/** Requests the server got: "METHOD path body". */
	received: string[];
	/** Ends the oldest open long poll (/sync, /stream): its body ends with this text. */
	wake(text: string): void;
	close(): Promise<void>;
}

async function startUpstream(): Promise<Upstream> {
	const received: string[] = [];
	const polls: Array<(text: string) => void> = [];
	const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			received.push(`${req.method} ${req.url} ${body}`.trim());
			if (req.url?.startsWith('/_matrix/client/v3/sync')) {
				// A long poll, as Synapse answers it: nothing until something happens, then all of it.
				polls.push((text) => {
					res.writeHead(200, {'content-type': 'application/json'});
					res.end(`{"next_batch":${text}`);
				});
				return;
			}
			if (req.url === '/stream') {
				// Headers and a first part now, the rest on wake.
				res.writeHead(200, {'content-type': 'application/json', 'x-upstream': 'yes'});
				res.write('{"next_batch":');
				polls.push((text) => res.end(text));
				return;
			}
			const answer = JSON.stringify({event_id: `$${received.length}`, echo: body, padding: 'x'.repeat(200)});
			res.writeHead(200, {'content-type': 'application/json', 'x-upstream': 'yes'});
			res.end(answer);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		received,
		wake: (text) => polls.shift()?.(text),
		close: () => {
			const closed = new Promise((resolve) => server.close(resolve));
			server.closeAllConnections();
			return closed.then(() => undefined);
		},
	};
}

let upstream: Upstream;
let proxy: FaultProxy;

beforeEach(async () => {
	upstream = await startUpstream();
	proxy = await FaultProxy.start(upstream.url);
});

afterEach(async () => {
	await proxy.stop();
	await upstream.close();
});

const sendPath = (txn: string) => `/_matrix/client/v3/rooms/!r:localhost/send/m.room.message/${txn}`;
const send = (txn: string, body = '{"body":"hi"}') => fetch(proxy.url + sendPath(txn), {method: 'PUT', body, headers: {'content-type': 'application/json'}});

/** What the client ends up with: "STATUS body", or the connection error. */
async function outcome(response: Promise<Response>): Promise<string> {
	try {
		const answer = await response;
		return `${answer.status} ${await answer.text()}`;
	} catch (error) {
		return `failed: ${error instanceof Error ? error.message : String(error)}`;
	}
}

test('without faults, requests and answers pass through: method, path and query, body, status, headers', async () => {
	const poll = fetch(`${proxy.url}/_matrix/client/v3/sync?since=s1&timeout=30000`);
	await waitFor(() => upstream.received.length === 1, {what: 'the long poll to reach the server'});
	expect(upstream.received).toEqual(['GET /_matrix/client/v3/sync?since=s1&timeout=30000']);
	expect(proxy.log[0]).toMatchObject({url: '/_matrix/client/v3/sync?since=s1&timeout=30000', path: '/_matrix/client/v3/sync', outcome: 'pending'});
	upstream.wake('"s2"}');
	expect(await outcome(poll)).toBe('200 {"next_batch":"s2"}');
	upstream.received.length = 0;

	const answer = await send('t1', '{"body":"hello"}');
	expect(answer.status).toBe(200);
	expect(answer.headers.get('x-upstream')).toBe('yes');
	expect(await answer.json()).toMatchObject({event_id: '$1', echo: '{"body":"hello"}'});
	expect(upstream.received).toEqual([`PUT ${sendPath('t1')} {"body":"hello"}`]);
	expect(proxy.log.slice(1)).toMatchObject([{method: 'PUT', path: sendPath('t1'), fault: undefined, status: 200, outcome: 'answered'}]);
});

test('answers stream: the headers and the first bytes arrive before the server has finished answering', async () => {
	const answer = await fetch(`${proxy.url}/stream`);
	expect(answer.status).toBe(200);
	expect(answer.headers.get('x-upstream')).toBe('yes');
	const reader = answer.body!.getReader();
	expect(new TextDecoder().decode((await reader.read()).value)).toBe('{"next_batch":');
	expect(proxy.log[0]).toMatchObject({path: '/stream', outcome: 'pending'});
	upstream.wake('"s2"}');
	expect(new TextDecoder().decode((await reader.read()).value)).toBe('"s2"}');
	expect((await reader.read()).done).toBe(true);
});

test('status: answered by the proxy, never forwarded, for `times` requests, then through again', async () => {
	const rule = proxy.fail(SEND_MESSAGE, {kind: 'status', status: 500}, {times: 2});
	expect(await outcome(send('a'))).toBe('500 {"errcode":"M_UNKNOWN","error":"Internal server error"}');
	expect(await outcome(send('a'))).toContain('500 ');
	expect(await outcome(send('a'))).toContain('200 ');
	expect(rule.applied).toBe(2);
	expect(upstream.received).toHaveLength(1);
	expect(proxy.describe()).toMatch(/#1 PUT \S+\/send\/m\.room\.message\/a status → 500 answered\n#2 .* status → 500 answered\n#3 PUT \S+ → 200 answered/);
});

test('status with a code and reason of its own; other paths are not touched', async () => {
	proxy.fail(SEND_MESSAGE, {kind: 'status', status: 403, error: 'You are not allowed'});
	expect(await outcome(send('a'))).toBe('403 {"errcode":"M_FORBIDDEN","error":"You are not allowed"}');
	expect(await outcome(fetch(`${proxy.url}/_matrix/client/v3/rooms/!r:localhost/state`))).toContain('200 ');
	expect(upstream.received).toEqual(['GET /_matrix/client/v3/rooms/!r:localhost/state']);
});

test('rate-limit: 429 M_LIMIT_EXCEEDED with retry_after_ms, not forwarded', async () => {
	proxy.fail(SEND_MESSAGE, {kind: 'rate-limit', retryAfterMs: 1500}, {times: 1});
	expect(await outcome(send('a'))).toBe('429 {"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests","retry_after_ms":1500}');
	expect(upstream.received).toEqual([]);
});

test('reset-after-forward: Synapse got it and answered, the client sees only a connection error', async () => {
	proxy.fail(SEND_MESSAGE, {kind: 'reset-after-forward'}, {times: 1});
	expect(await outcome(send('a', '{"body":"stored"}'))).toMatch(/^failed: /);
	expect(upstream.received).toEqual([`PUT ${sendPath('a')} {"body":"stored"}`]);
	expect(proxy.log[0]).toMatchObject({fault: 'reset-after-forward', status: 200, outcome: 'reset'});
	// The next one is not touched (and the proxy still works after destroying a socket).
	expect(await outcome(send('b'))).toContain('200 ');
});

test('reset-after-forward with `after`: the answer is kept back until it settles, then lost', async () => {
	let resetNow = () => {};
	proxy.fail(SEND_MESSAGE, {kind: 'reset-after-forward', after: new Promise<void>((resolve) => (resetNow = resolve))});
	const result = outcome(send('a'));
	await waitFor(() => upstream.received.length === 1, {what: 'the send to reach the server'});
	expect(proxy.log[0]).toMatchObject({outcome: 'pending'});
	resetNow();
	expect(await result).toMatch(/^failed: /);
	expect(proxy.log[0]).toMatchObject({fault: 'reset-after-forward', status: 200, outcome: 'reset'});
});

test('truncate-after-forward: the status arrives, the body is cut short and the read fails', async () => {
	proxy.fail(SEND_MESSAGE, {kind: 'truncate-after-forward'}, {times: 1});
	const answer = await send('a');
	expect(answer.status).toBe(200);
	expect(await answer.text().then(
		(text) => `read in full: ${text}`,
		(error: unknown) => `read failed: ${String(error)}`,
	)).toMatch(/^read failed/);
	expect(upstream.received).toHaveLength(1);
	expect(proxy.log[0]).toMatchObject({fault: 'truncate-after-forward', status: 200, outcome: 'truncated'});
});

test('hang: no answer until the fault is cleared, then the connection fails; the server never sees it', async () => {
	const rule = proxy.fail(SEND_MESSAGE, {kind: 'hang'});
	let settled = false;
	const result = outcome(send('a')).finally(() => (settled = true));
	await proxy.waitForRequest(SEND_MESSAGE, {until: (entry) => entry.outcome === 'hung', timeoutMs: 5_000});
	await new Promise((resolve) => setTimeout(resolve, 100)); // a chance to (wrongly) answer
	expect(settled).toBe(false);
	rule.clear();
	expect(await result).toMatch(/^failed: /);
	expect(upstream.received).toEqual([]);
});

test('reset: the socket is destroyed before anything is forwarded', async () => {
	proxy.fail(SEND_MESSAGE, {kind: 'reset'}, {times: 1});
	expect(await outcome(send('a'))).toMatch(/^failed: /);
	expect(upstream.received).toEqual([]);
	expect(proxy.log[0]).toMatchObject({fault: 'reset', outcome: 'reset'});
});

test('hold: requests wait at the proxy, unseen by Synapse, until released; then they go through', async () => {
	const hold = proxy.hold(SYNC);
	const first = fetch(`${proxy.url}/_matrix/client/v3/sync?since=s1`);
	await proxy.waitForRequest(SYNC, {until: (entry) => entry.outcome === 'held', timeoutMs: 5_000});
	expect(hold.held).toBe(1);
	expect(await outcome(send('a'))).toContain('200 '); // what is not held is not blocked
	expect(upstream.received).toEqual([`PUT ${sendPath('a')} {"body":"hi"}`]);
	hold.release();
	await waitFor(() => upstream.received.length === 2, {what: 'the released sync to reach the server', describe: () => upstream.received.join('\n')});
	upstream.wake('"s2"}');
	expect(await outcome(first)).toBe('200 {"next_batch":"s2"}');
	expect(proxy.requests(SYNC)[0]).toMatchObject({status: 200, outcome: 'answered'});
});

test('hold also keeps back the answer of a long poll forwarded before it: the client sees nothing until release', async () => {
	const poll = fetch(`${proxy.url}/_matrix/client/v3/sync?since=s1`);
	await waitFor(() => upstream.received.length === 1, {what: 'the long poll to reach the server'});
	const hold = proxy.hold(SYNC);
	let settled = false;
	const result = outcome(poll).finally(() => (settled = true));
	upstream.wake('"s2"}');
	await proxy.waitForRequest(SYNC, {until: (entry) => entry.outcome === 'held', timeoutMs: 5_000});
	expect(hold.held).toBe(1);
	await new Promise((resolve) => setTimeout(resolve, 100)); // a chance to (wrongly) pass it on
	expect(settled).toBe(false);
	hold.release();
	expect(await result).toBe('200 {"next_batch":"s2"}');
});

test('waitForRequest waits for the nth match and, on timeout, says what it waited for and shows the log', async () => {
	const second = proxy.waitForRequest(SEND_MESSAGE, {nth: 2, until: (entry) => entry.outcome === 'answered'});
	await send('a');
	await send('b');
	expect(await second).toMatchObject({path: sendPath('b'), status: 200});
	expect(proxy.log[1]!.at).toBeGreaterThanOrEqual(proxy.log[0]!.at);
	await expect(proxy.waitForRequest(SEND_MESSAGE, {nth: 3, timeoutMs: 50})).rejects.toThrow(
		/waiting for request #3 matching PUT .*; the proxy saw:\n#1 PUT \S+\/a → 200 answered\n#2 PUT \S+\/b → 200 answered$/,
	);
});

test('Synapse gone: the client sees the connection fail (no invented answer); clear() undoes every fault', async () => {
	proxy.fail(SEND_MESSAGE, {kind: 'status', status: 500});
	const hold = proxy.hold(SYNC);
	proxy.clear();
	expect(hold.held).toBe(0);
	await upstream.close();
	expect(await outcome(send('a'))).toMatch(/^failed: /);
	expect(proxy.log[0]).toMatchObject({fault: undefined, outcome: 'upstream-error'});
});
