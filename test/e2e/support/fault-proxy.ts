/**
 * The project's own fault-injecting HTTP proxy, between a client and Synapse: it streams requests
 * and answers through untouched (long-poll syncs and keep-alive included) until a test programs a
 * fault (faults.ts) for the requests matching a method and a path pattern.
 *
 *   const proxy = await FaultProxy.start(homeserverUrl());
 *   proxy.fail(SEND_MESSAGE, {kind: 'reset-after-forward'}, {times: 1}); // stored, answer lost
 *   const sync = proxy.hold(SYNC); // the client cannot see its own event come back
 *   ...
 *   sync.release();
 *   await proxy.stop();
 *
 * Every request is logged (method, path, fault applied, status sent, how it ended), so a failing
 * test can print what the client actually went through (describe()).
 */
import {Agent, createServer, request as forward, type IncomingMessage, type IncomingHttpHeaders, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import {describeMatch, errorBody, EVERYTHING, matches, type Fault, type Match} from './faults.js';

export type Outcome = 'pending' | 'held' | 'answered' | 'reset' | 'truncated' | 'hung' | 'upstream-error' | 'client-gone';

export interface LoggedRequest {
	readonly seq: number;
	readonly method: string;
	/** With its query string. */
	readonly url: string;
	readonly path: string;
	/** Date.now() when it arrived. */
	readonly at: number;
	fault: Fault['kind'] | undefined;
	/** The status the client was sent (for a broken forwarded answer, Synapse's), if any. */
	status: number | undefined;
	outcome: Outcome;
}

export interface Rule {
	readonly match: Match;
	readonly fault: Fault;
	/** How many requests it has been applied to. */
	readonly applied: number;
	clear(): void;
}

export interface Hold {
	/** Requests (or answers) held now. */
	readonly held: number;
	/** Forwards what it holds and holds no more. */
	release(): void;
}

interface MutableRule extends Rule {
	applied: number;
	remaining: number;
}

interface HoldState extends Hold {
	readonly match: Match;
	waiting: Array<() => void>;
	released: boolean;
}


// Hop-by-hop: each side of the proxy has its own connection.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

export class FaultProxy {
	readonly url: string;
	readonly log: LoggedRequest[] = [];
	private readonly rules: MutableRule[] = [];
	private readonly holds: HoldState[] = [];
	private readonly hanging = new Set<{rule: Rule; socket: Socket}>();
	private readonly listeners = new Set<() => void>();
	private readonly agent = new Agent({keepAlive: true});

	private constructor(
		private readonly server: Server,
		private readonly target: URL,
	) {
		const {port} = server.address() as AddressInfo;
		this.url = `http://127.0.0.1:${port}`;
	}

	/** Listens on 127.0.0.1, on a port of the system's choosing, in front of `targetUrl`. */
	static async start(targetUrl: string): Promise<FaultProxy> {
		const server = createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const proxy = new FaultProxy(server, new URL(targetUrl));
		server.on('request', (req, res) => proxy.handle(req, res));
		return proxy;
	}

	/** Applies `fault` to the next `times` requests matching (every one until cleared by default). */
	fail(match: Match, fault: Fault, options: {times?: number} = {}): Rule {
		const rule: MutableRule = {match, fault, applied: 0, remaining: options.times ?? Infinity, clear: () => this.clearRule(rule)};
		this.rules.push(rule);
		return rule;
	}

	/**
	 * Until release() or clear(), nothing matching reaches the client: new requests wait at the
	 * proxy (unseen by Synapse), and answers to those already forwarded (a long poll) wait too.
	 */
	hold(match: Match): Hold {
		const state: HoldState = {
			match,
			waiting: [],
			released: false,
			get held() {
				return state.waiting.length;
			},
			release: () => {
				if (state.released) return;
				state.released = true;
				this.holds.splice(this.holds.indexOf(state), 1);
				for (const resume of state.waiting.splice(0)) resume();
			},
		};
		this.holds.push(state);
		return state;
	}

	/** Clears every fault (hung requests are reset) and releases every hold. */
	clear(): void {
		for (const rule of [...this.rules]) rule.clear();
		for (const hold of [...this.holds]) hold.release();
	}

	requests(match: Match): LoggedRequest[] {
		return this.log.filter((entry) => matches(match, entry.method, entry.path));
	}

	/**
	 * Resolves with the `nth` (1-based, default 1) request matching once `until` holds for it
	 * (default: it has arrived); rejects after `timeoutMs` showing the log.
	 */
	waitForRequest(match: Match, options: {nth?: number; until?: (entry: LoggedRequest) => boolean; timeoutMs?: number; what?: string} = {}): Promise<LoggedRequest> {
		const {nth = 1, until = () => true, timeoutMs = 20_000} = options;
		const what = options.what ?? `request #${nth} matching ${describeMatch(match)}`;
		return new Promise((resolve, reject) => {
			const check = () => {
				const entry = this.requests(match)[nth - 1];
				if (!entry || !until(entry)) return;
				done();
				resolve(entry);
			};
			const timer = setTimeout(() => {
				done();
				reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the proxy saw:\n${this.describe()}`));
			}, timeoutMs);
			const done = () => {
				clearTimeout(timer);
				this.listeners.delete(check);
			};
			this.listeners.add(check);
			check();
		});
	}

	/** The log as lines, for failure messages: `#3 PUT /…/send/m.room.message/m1 reset-after-forward → 200 reset`. */
	describe(match: Match = EVERYTHING): string {
		return this.requests(match)
			.map((entry) => `#${entry.seq} ${entry.method} ${entry.path}${entry.fault ? ` ${entry.fault}` : ''} → ${entry.status ?? '-'} ${entry.outcome}`)
			.join('\n');
	}

	async stop(): Promise<void> {
		this.clear();
		const closed = new Promise((resolve) => this.server.close(resolve));
		this.server.closeAllConnections();
		this.agent.destroy();
		await closed;
	}

	private clearRule(rule: MutableRule): void {
		const index = this.rules.indexOf(rule);
		if (index >= 0) this.rules.splice(index, 1);
		for (const hung of [...this.hanging]) {
			if (hung.rule !== rule) continue;
			this.hanging.delete(hung);
			hung.socket.destroy();
		}
	}

	private changed(): void {
		for (const listener of [...this.listeners]) listener();
	}

	private settle(entry: LoggedRequest, outcome: Outcome, status?: number): void {
		if (entry.outcome !== 'pending' && entry.outcome !== 'held') return;
		entry.outcome = outcome;
		if (status !== undefined) entry.status = status;
		this.changed();
	}

	private handle(req: IncomingMessage, res: ServerResponse): void {
		const url = req.url ?? '/';
		const path = url.split('?')[0]!;
		const method = req.method ?? 'GET';
		const entry: LoggedRequest = {seq: this.log.length + 1, method, url, path, at: Date.now(), fault: undefined, status: undefined, outcome: 'pending'};
		this.log.push(entry);
		// A client that gives up (its timeout, its own stop) ends whatever was going on for it.
		res.on('close', () => this.settle(entry, 'client-gone'));
		this.whenNotHeld(entry, () => {
			if (!res.destroyed) this.apply(req, res, entry);
		});
		this.changed();
	}

	private whenNotHeld(entry: LoggedRequest, go: () => void): void {
		const hold = this.holds.find((candidate) => matches(candidate.match, entry.method, entry.path));
		if (!hold) return go();
		entry.outcome = 'held';
		hold.waiting.push(() => {
			entry.outcome = 'pending';
			go();
		});
		this.changed();
	}

	private apply(req: IncomingMessage, res: ServerResponse, entry: LoggedRequest): void {
		const rule = this.rules.find((candidate) => matches(candidate.match, entry.method, entry.path));
		if (rule) {
			rule.applied++;
			if (--rule.remaining <= 0) this.clearRule(rule);
			entry.fault = rule.fault.kind;
		}
		const fault = rule?.fault;
		switch (fault?.kind) {
			case undefined:
				return this.forward(req, res, entry, 'stream');
			case 'reset-after-forward':
			case 'truncate-after-forward':
				return this.forward(req, res, entry, fault);
			case 'status':
				return this.answer(req, res, entry, fault.status, errorBody(fault));
			case 'rate-limit':
				return this.answer(req, res, entry, 429, {errcode: 'M_LIMIT_EXCEEDED', error: 'Too many requests', retry_after_ms: fault.retryAfterMs});
			case 'hang':
				req.resume();
				this.hanging.add({rule: rule!, socket: req.socket});
				return this.settle(entry, 'hung');
			case 'reset':
				req.socket.destroy();
				return this.settle(entry, 'reset');
		}
	}

	/** Answers once the request body is in (a keep-alive connection then stays usable). */
	private answer(req: IncomingMessage, res: ServerResponse, entry: LoggedRequest, status: number, body: object): void {
		req.resume();
		req.on('end', () => {
			res.writeHead(status, {'content-type': 'application/json'});
			res.end(JSON.stringify(body));
			this.settle(entry, 'answered', status);
		});
	}

	private forward(req: IncomingMessage, res: ServerResponse, entry: LoggedRequest, how: 'stream' | Fault): void {
		const upstream = forward({
			host: this.target.hostname,
			port: this.target.port,
			method: entry.method,
			path: entry.url,
			headers: {...endToEnd(req.headers), host: this.target.host},
			agent: this.agent,
		});
		upstream.on('error', () => {
			req.socket.destroy(); // Synapse unreachable: the client sees the connection fail, as without a proxy
			this.settle(entry, 'upstream-error');
		});
		let complete = false;
		// The client gave up (a long poll it abandoned): stop asking Synapse for it.
		res.on('close', () => {
			if (!complete) upstream.destroy();
		});
		req.pipe(upstream);
		upstream.on('response', (answer) => {
			const status = answer.statusCode ?? 502;
			answer.on('end', () => (complete = true));
			if (how === 'stream') {
				// Unread, the answer waits in its socket's buffers while held.
				return this.whenNotHeld(entry, () => {
					if (res.destroyed) return answer.destroy();
					res.writeHead(status, endToEnd(answer.headers));
					res.on('finish', () => this.settle(entry, 'answered', status));
					answer.pipe(res);
				});
			}
			const chunks: Buffer[] = [];
			answer.on('data', (chunk: Buffer) => chunks.push(chunk));
			answer.on('end', () => {
				const body = Buffer.concat(chunks);
				if (how.kind === 'reset-after-forward') {
					void Promise.resolve(how.after).finally(() => {
						req.socket.destroy();
						this.settle(entry, 'reset', status);
					});
					return;
				}
				// The full length announced, part of the body sent: the client cannot mistake it for complete.
				res.writeHead(status, {...endToEnd(answer.headers), 'content-length': String(body.length)});
				const keep = how.kind === 'truncate-after-forward' ? (how.keepBytes ?? Math.floor(body.length / 2)) : 0;
				res.write(body.subarray(0, Math.min(keep, body.length - 1)), () => req.socket.destroy());
				this.settle(entry, 'truncated', status);
			});
		});
	}
}

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
	return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}
