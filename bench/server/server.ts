/**
 * A homeserver that serves the synthetic data the way Synapse does with lazy-loaded members: the
 * initial /sync carries only the timeline senders' member events, /members the full list (filtered
 * by membership / not_membership as Synapse filters it), incremental /sync long-polls until there is
 * something to send (rooms.ts: how a sync is built, plainly for the old phases or as Synapse does),
 * /messages pages through each room's timeline log. Only the endpoints a client needs to start,
 * read and type; the rest is 404 M_UNRECOGNIZED. Bounded: 127.0.0.1 only, few connections, small
 * request bodies, a lifetime.
 */
import {createServer, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {epochNow} from '../clock.ts';
import {createRandom} from '../data/random.ts';
import {MatrixError, forbidden, notFound, unrecognized} from '../../src/demo/http/errors.ts';
import {readJsonBody, sendJson, sendJsonText} from '../../src/demo/http/io.ts';
import {ACCESS_TOKEN, BIG_ROOM, USER_ID, membersBody, syncBody, type BenchData} from '../data/generate.ts';
import {FilterStore, lazyInEventFilter} from './filters.ts';
import {BenchRooms, type Batch} from './rooms.ts';
import {runTraffic, type TrafficOptions, type TrafficResult} from './traffic.ts';

export type MarkName = 'initial-sync-start' | 'members-start' | 'storm-start' | 'storm-joins-start';

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
	/** Entries in the device's lazy-loaded members record (default: Synapse's 100). */
	lazyMembersCacheSize?: number;
}

export interface BenchServer {
	url: string;
	/** Requests by endpoint, for the report ("GET sync" → 12). */
	requests: Map<string, number>;
	/** Whether /members applies membership / not_membership (as Synapse does; on by default). */
	honourMemberFilters(value: boolean): void;
	/** Queues the storm for the next /sync. */
	storm(): void;
	/** Messages from other members into the big room (and the realistic storm, if asked); resolves with what was sent. */
	messages(options: TrafficOptions): Promise<TrafficResult>;
	/** On: incremental syncs honour the filter's timeline limit and lazy-loaded members, as Synapse does. */
	syncLikeSynapse(value: boolean): void;
	/** The event ids of a room's timeline log from position `from` on, in order. */
	timelineIds(roomId: string, from: number): string[];
	close(): Promise<void>;
}

const LONG_POLL_CAP_MS = 30_000;
const SPEC_VERSIONS = Array.from({length: 12}, (_, index) => `v1.${index + 1}`);
const PUSH_RULES = {global: {override: [], content: [], room: [], sender: [], underride: []}};

interface Waiter {
	since: string;
	filter: string | null;
	res: ServerResponse;
	timer: NodeJS.Timeout;
}

export async function startBenchServer(data: BenchData, options: BenchServerOptions = {}): Promise<BenchServer> {
	const requests = new Map<string, number>();
	const initialSync = Buffer.from(data.initialSync);
	const rooms = new BenchRooms(data, options.lazyMembersCacheSize);
	const filters = new FilterStore();
	const membersCache = new Map<string, Buffer>();
	let honourFilters = true;
	/** The last batch, kept so a retried /sync with the same token gets the same answer. */
	let lastBatch: (Batch & {since: string}) | undefined;
	const waiters = new Set<Waiter>();
	const random = createRandom(0x5eed);
	let sentCount = 0;
	let closed = false;

	const mark = (name: MarkName, bytes: number, extra: Partial<Mark> = {}) => options.onMark?.({name, at: epochNow(), bytes, ...extra});

	function makeBatch(since: string, filterParam: string | null): Batch {
		const batch = rooms.makeBatch(since, filters.resolve(filterParam));
		lastBatch = {...batch, since};
		return batch;
	}

	function wake(): void {
		if (!rooms.hasNews()) return;
		for (const waiter of waiters) {
			waiters.delete(waiter);
			clearTimeout(waiter.timer);
			sendSync(waiter.res, makeBatch(waiter.since, waiter.filter));
			return; // one client: the rest (if any) wait for the next news
		}
	}

	function sendSync(res: ServerResponse, batch: Batch): void {
		if (batch.storm) mark('storm-start', batch.body.length, {roomId: BIG_ROOM.id});
		if (batch.steps.includes('joins')) mark('storm-joins-start', batch.body.length, {roomId: BIG_ROOM.id});
		sendJsonText(res, 200, batch.body);
	}

	function handleSync(query: URLSearchParams, res: ServerResponse): void {
		const since = query.get('since');
		if (!since) {
			mark('initial-sync-start', initialSync.length);
			return sendJsonText(res, 200, initialSync);
		}
		if (lastBatch && lastBatch.since === since) return sendSync(res, lastBatch);
		if (rooms.hasNews()) return sendSync(res, makeBatch(since, query.get('filter')));
		const timeout = Math.min(LONG_POLL_CAP_MS, Math.max(0, Number(query.get('timeout') ?? 0) || 0));
		const waiter: Waiter = {
			since,
			filter: query.get('filter'),
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
		const members = rooms.members.get(roomId);
		if (!members) throw forbidden('You are not in this room');
		const filter: {membership?: string | null; notMembership?: string | null} = honourFilters ? {membership: query.get('membership'), notMembership: query.get('not_membership')} : {};
		const key = `${roomId}|${members.version}|${filter.membership ?? ''}|${filter.notMembership ?? ''}`;
		let body = membersCache.get(key);
		if (!body) {
			for (const old of membersCache.keys()) if (old.startsWith(`${roomId}|`)) membersCache.delete(old);
			membersCache.set(key, (body = Buffer.from(membersBody(members.list(), filter))));
		}
		const described = [...query].filter(([name]) => name !== 'at').map(([name, value]) => `${name}=${value}`).join('&');
		mark('members-start', body.length, {roomId, query: described});
		sendJsonText(res, 200, body);
	}

	function storedFilter(id: string): unknown {
		const filter = filters.get(id);
		if (filter === undefined) throw notFound('No such filter');
		return filter;
	}

	/** GET /messages from a token of the room's log; with a lazy-loading filter, the senders' member events in `state` (as Synapse does). */
	function messages(roomId: string, query: URLSearchParams): unknown {
		const log = rooms.logs.get(roomId);
		if (!log) throw forbidden('You are not in this room');
		const limit = Math.min(1000, Math.max(1, Number(query.get('limit') ?? 10) || 10));
		const page = log.page(query.get('from'), query.get('dir') === 'f' ? 'f' : 'b', limit, query.get('to'));
		if (!page) throw new MatrixError(400, 'M_INVALID_PARAM', 'Unknown pagination token');
		const chunk = page.chunk.map((event) => ({...event, room_id: roomId}));
		if (!lazyInEventFilter(query.get('filter'))) return {...page, chunk};
		const members = rooms.members.get(roomId)!;
		const senders = new Set(page.chunk.map((event) => event.sender));
		const state = [...senders].flatMap((userId) => members.get(userId) ?? []);
		return {...page, chunk, state};
	}

	function route(method: string, path: string, query: URLSearchParams, body: unknown, res: ServerResponse): unknown {
		let match: RegExpExecArray | null;
		if (method === 'GET' && path === 'sync') return handleSync(query, res);
		if (method === 'GET' && (match = /^rooms\/([^/]+)\/members$/.exec(path))) return handleMembers(decodeURIComponent(match[1]!), query, res);
		if (method === 'GET' && path === 'pushrules/') return PUSH_RULES;
		if (method === 'GET' && path === 'capabilities') return {capabilities: {'m.change_password': {enabled: false}, 'm.room_versions': {default: '10', available: {'10': 'stable', '11': 'stable'}}}};
		if (method === 'POST' && /^user\/[^/]+\/filter$/.test(path)) return {filter_id: filters.add(body)};
		if (method === 'GET' && (match = /^user\/[^/]+\/filter\/([^/]+)$/.exec(path))) return storedFilter(decodeURIComponent(match[1]!));
		if (method === 'GET' && path === 'account/whoami') return {user_id: USER_ID, device_id: 'BENCH', is_guest: false};
		if (method === 'GET' && path === 'voip/turnServer') return {};
		if (method === 'GET' && (match = /^rooms\/([^/]+)\/messages$/.exec(path))) return messages(decodeURIComponent(match[1]!), query);
		if (method === 'PUT' && (match = /^rooms\/([^/]+)\/send\/([^/]+)\/([^/]+)$/.exec(path))) {
			const roomId = decodeURIComponent(match[1]!);
			if (!rooms.logs.has(roomId)) throw forbidden('You are not in this room');
			const eventId = `$sent${++sentCount}_${random.token(30)}`;
			rooms.append(roomId, {
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
			rooms.notifications.set(decodeURIComponent(match[1]!), 0);
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
			rooms.queueStorm();
			wake();
		},
		messages(traffic) {
			return runTraffic(rooms, data, random, traffic, wake);
		},
		syncLikeSynapse(value) {
			rooms.synapse = value;
		},
		timelineIds(roomId, from) {
			return rooms.logs.get(roomId)?.ids(from) ?? [];
		},
		close,
	};
}
