/**
 * A homeserver that serves the synthetic data the way Synapse does with lazy-loaded members: the
 * initial /sync carries only the timeline senders' member events, /members the full list (filtered
 * by membership / not_membership as Synapse filters it), incremental /sync long-polls until there is
 * something to send. Only the endpoints a client needs to start, read and type; the rest is 404
 * M_UNRECOGNIZED. Bounded: 127.0.0.1 only, few connections, small request bodies, a lifetime.
 */
import {createServer, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {epochNow} from '../clock.ts';
import {createRandom} from '../data/random.ts';
import {MatrixError, forbidden, notFound, unrecognized} from '../../src/demo/http/errors.ts';
import {readJsonBody, sendJson, sendJsonText} from '../../src/demo/http/io.ts';
import {ACCESS_TOKEN, BIG_ROOM, USER_ID, liveMessage, membersBody, roomEntry, syncBody, type BenchData, type MatrixEvent} from '../data/generate.ts';

export type MarkName = 'initial-sync-start' | 'members-start' | 'storm-start';

export interface Mark {
	name: MarkName;
	/** epochNow() just before the response's first byte is written. */
	at: number;
	bytes: number;
	roomId?: string;
	query?: string;
	events?: number;
}

export interface BenchServerOptions {
	/** Called when a measured response starts. */
	onMark?: (mark: Mark) => void;
	/** The server closes itself after this long without a request (default 120 s)… */
	idleMs?: number;
	/** …or after this long in any case (default 15 min). */
	lifetimeMs?: number;
	onClose?: () => void;
}

export interface BenchServer {
	url: string;
	/** Requests by endpoint, for the report ("GET sync" → 12). */
	requests: Map<string, number>;
	/** Whether /members applies membership / not_membership (as Synapse does; on by default). */
	honourMemberFilters(value: boolean): void;
	/** Queues the storm for the next /sync. */
	storm(): void;
	/** Messages from other members into the big room at `perSecond`, for `durationMs`; resolves with how many. */
	messages(perSecond: number, durationMs: number): Promise<number>;
	close(): Promise<void>;
}

const LONG_POLL_CAP_MS = 30_000;
const SPEC_VERSIONS = Array.from({length: 12}, (_, index) => `v1.${index + 1}`);
const PUSH_RULES = {global: {override: [], content: [], room: [], sender: [], underride: []}};

interface Pending {
	timeline: MatrixEvent[];
}

interface Waiter {
	since: string;
	res: ServerResponse;
	timer: NodeJS.Timeout;
}

export async function startBenchServer(data: BenchData, options: BenchServerOptions = {}): Promise<BenchServer> {
	const requests = new Map<string, number>();
	const initialSync = Buffer.from(data.initialSync);
	const members = new Map(data.members);
	const membersCache = new Map<string, Buffer>();
	const notifications = new Map<string, number>();
	const pending = new Map<string, Pending>();
	let stormQueued = false;
	let honourFilters = true;
	let position = 1;
	/** The last batch, kept so a retried /sync with the same token gets the same answer. */
	let lastBatch: {since: string; body: Buffer; storm: boolean} | undefined;
	const waiters = new Set<Waiter>();
	const random = createRandom(0x5eed);
	let sentCount = 0;
	let closed = false;

	const mark = (name: MarkName, bytes: number, extra: Partial<Mark> = {}) => options.onMark?.({name, at: epochNow(), bytes, ...extra});

	const pendingFor = (roomId: string): Pending => {
		let entry = pending.get(roomId);
		if (!entry) pending.set(roomId, (entry = {timeline: []}));
		return entry;
	};

	function makeBatch(since: string): {body: Buffer; storm: boolean} {
		const next = `s${++position}`;
		const rooms: string[] = [];
		const storm = stormQueued && data.storm !== undefined;
		if (storm) {
			rooms.push(data.storm!.roomJson);
			stormQueued = false;
			applyStorm();
		}
		for (const [roomId, entry] of pending) {
			// A room appears once per sync: the big room's other news waits for the next one.
			if (storm && roomId === BIG_ROOM.id) continue;
			rooms.push(roomEntry(roomId, {timeline: entry.timeline, limited: false, prevBatch: since, notifications: notifications.get(roomId) ?? 0}));
			pending.delete(roomId);
		}
		const body = Buffer.from(syncBody(next, rooms));
		lastBatch = {since, body, storm};
		return {body, storm};
	}

	function applyStorm(): void {
		const current = new Map((members.get(BIG_ROOM.id) ?? []).map((event) => [event.state_key ?? '', event]));
		for (const event of data.storm?.events ?? []) current.set(event.state_key ?? '', event);
		members.set(BIG_ROOM.id, [...current.values()]);
		for (const key of membersCache.keys()) if (key.startsWith(BIG_ROOM.id)) membersCache.delete(key);
	}

	function hasNews(): boolean {
		return stormQueued || pending.size > 0;
	}

	function wake(): void {
		if (!hasNews()) return;
		for (const waiter of waiters) {
			waiters.delete(waiter);
			clearTimeout(waiter.timer);
			const batch = makeBatch(waiter.since);
			sendSync(waiter.res, batch.body, batch.storm);
			return; // one client: the rest (if any) wait for the next news
		}
	}

	function sendSync(res: ServerResponse, body: Buffer, storm: boolean): void {
		if (storm) mark('storm-start', body.length, {roomId: BIG_ROOM.id});
		sendJsonText(res, 200, body);
	}

	function handleSync(query: URLSearchParams, res: ServerResponse): void {
		const since = query.get('since');
		if (!since) {
			mark('initial-sync-start', initialSync.length);
			return sendJsonText(res, 200, initialSync);
		}
		if (lastBatch && lastBatch.since === since) return sendSync(res, lastBatch.body, lastBatch.storm);
		if (hasNews()) {
			const batch = makeBatch(since);
			return sendSync(res, batch.body, batch.storm);
		}
		const timeout = Math.min(LONG_POLL_CAP_MS, Math.max(0, Number(query.get('timeout') ?? 0) || 0));
		const waiter: Waiter = {
			since,
			res,
			timer: setTimeout(() => {
				waiters.delete(waiter);
				sendJsonText(res, 200, Buffer.from(syncBody(since, [])));
			}, timeout),
		};
		waiters.add(waiter);
		res.on('close', () => {
			clearTimeout(waiter.timer);
			waiters.delete(waiter);
		});
	}

	function handleMembers(roomId: string, query: URLSearchParams, res: ServerResponse): void {
		const events = members.get(roomId);
		if (!events) throw forbidden('You are not in this room');
		const filter: {membership?: string | null; notMembership?: string | null} = honourFilters ? {membership: query.get('membership'), notMembership: query.get('not_membership')} : {};
		const key = `${roomId}|${filter.membership ?? ''}|${filter.notMembership ?? ''}`;
		let body = membersCache.get(key);
		if (!body) membersCache.set(key, (body = Buffer.from(membersBody(events, filter))));
		const described = [...query].filter(([name]) => name !== 'at').map(([name, value]) => `${name}=${value}`).join('&');
		mark('members-start', body.length, {roomId, query: described});
		sendJsonText(res, 200, body);
	}

	function route(method: string, path: string, query: URLSearchParams, body: unknown, res: ServerResponse): unknown {
		let match: RegExpExecArray | null;
		if (method === 'GET' && path === 'sync') return handleSync(query, res);
		if (method === 'GET' && (match = /^rooms\/([^/]+)\/members$/.exec(path))) return handleMembers(decodeURIComponent(match[1]!), query, res);
		if (method === 'GET' && path === 'pushrules/') return PUSH_RULES;
		if (method === 'GET' && path === 'capabilities') return {capabilities: {'m.change_password': {enabled: false}, 'm.room_versions': {default: '10', available: {'10': 'stable', '11': 'stable'}}}};
		if (method === 'POST' && /^user\/[^/]+\/filter$/.test(path)) return {filter_id: 'bench'};
		if (method === 'GET' && /^user\/[^/]+\/filter\/[^/]+$/.test(path)) return {room: {state: {lazy_load_members: true}}};
		if (method === 'GET' && path === 'account/whoami') return {user_id: USER_ID, device_id: 'BENCH', is_guest: false};
		if (method === 'GET' && path === 'voip/turnServer') return {};
		if (method === 'GET' && /^rooms\/[^/]+\/messages$/.test(path)) return {chunk: [], start: query.get('from') ?? 't0'};
		if (method === 'PUT' && (match = /^rooms\/([^/]+)\/send\/([^/]+)\/([^/]+)$/.exec(path))) {
			const roomId = decodeURIComponent(match[1]!);
			if (!members.has(roomId)) throw forbidden('You are not in this room');
			const eventId = `$sent${++sentCount}_${random.token(30)}`;
			pendingFor(roomId).timeline.push({
				type: decodeURIComponent(match[2]!),
				sender: USER_ID,
				content: body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {},
				event_id: eventId,
				origin_server_ts: Math.round(epochNow()),
				unsigned: {age: 0, transaction_id: decodeURIComponent(match[3]!)},
			});
			setImmediate(wake);
			return {event_id: eventId};
		}
		if (method === 'POST' && (match = /^rooms\/([^/]+)\/receipt\/[^/]+\/[^/]+$/.exec(path))) {
			notifications.set(decodeURIComponent(match[1]!), 0);
			return {};
		}
		if (method === 'POST' && /^rooms\/[^/]+\/read_markers$/.test(path)) return {};
		if (method === 'GET' && /^(room_keys\/version|profile\/.+)$/.test(path)) throw notFound('Not found');
		throw unrecognized();
	}

	let idleTimer: NodeJS.Timeout | undefined;
	const touch = () => {
		clearTimeout(idleTimer);
		idleTimer = setTimeout(() => void close(), options.idleMs ?? 120_000);
		idleTimer.unref();
	};

	const server = createServer((req, res) => {
		touch();
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const method = req.method ?? 'GET';
		const prefix = /^\/_matrix\/client\/(?:v3|r0|v1|unstable)\/(.*)$/.exec(url.pathname);
		const path = url.pathname === '/_matrix/client/versions' ? 'versions' : (prefix?.[1] ?? '');
		const endpoint = `${method} ${path.replace(/![^/]+|%21[^/]+/g, '{room}').replace(/@[^/]+|%40[^/]+/g, '{user}').replace(/\/send\/([^/]+)\/[^/]+$/, '/send/$1/{txn}').replace(/\/receipt\/([^/]+)\/[^/]+$/, '/receipt/$1/{event}')}`;
		requests.set(endpoint, (requests.get(endpoint) ?? 0) + 1);
		readJsonBody(req)
			.then((body) => {
				if (path === 'versions') return sendJson(res, 200, {versions: SPEC_VERSIONS, unstable_features: {}});
				const auth = req.headers.authorization;
				const token = auth?.startsWith('Bearer ') ? auth.slice(7) : url.searchParams.get('access_token');
				if (token !== ACCESS_TOKEN) throw new MatrixError(401, 'M_UNKNOWN_TOKEN', 'Invalid access token passed.');
				const result = route(method, path, url.searchParams, body, res);
				if (result !== undefined) sendJson(res, 200, result);
			})
			.catch((error: unknown) => {
				if (res.headersSent) return;
				if (error instanceof MatrixError) sendJson(res, error.status, error.toJSON());
				else sendJson(res, 500, {errcode: 'M_UNKNOWN', error: String(error)});
			});
	});
	server.maxConnections = 32;
	server.keepAliveTimeout = 60_000;

	const lifetime = setTimeout(() => void close(), options.lifetimeMs ?? 15 * 60_000);
	lifetime.unref();

	async function close(): Promise<void> {
		if (closed) return;
		closed = true;
		clearTimeout(idleTimer);
		clearTimeout(lifetime);
		for (const waiter of waiters) {
			clearTimeout(waiter.timer);
			waiter.res.destroy();
		}
		waiters.clear();
		await new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
		options.onClose?.();
	}

	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	touch();
	const {port} = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		honourMemberFilters(value) {
			honourFilters = value;
		},
		storm() {
			if (!data.storm) throw new Error('this scenario has no storm');
			stormQueued = true;
			wake();
		},
		messages(perSecond, durationMs) {
			const [from, to] = data.serials.stableJoined;
			const start = epochNow();
			let produced = 0;
			return new Promise((resolve) => {
				const timer = setInterval(() => {
					const elapsed = Math.min(durationMs, epochNow() - start);
					const due = Math.floor((elapsed * perSecond) / 1000);
					if (due > produced) {
						const room = pendingFor(BIG_ROOM.id);
						notifications.set(BIG_ROOM.id, (notifications.get(BIG_ROOM.id) ?? 0) + due - produced);
						for (; produced < due; produced++) {
							const serial = from + random.int(Math.max(1, to - from));
							room.timeline.push(liveMessage(random, data.profileOf(serial).userId, produced, epochNow()));
						}
						wake();
					}
					if (elapsed >= durationMs) {
						clearInterval(timer);
						resolve(produced);
					}
				}, 10);
			});
		},
		close,
	};
}
