/**
 * The synthetic homeserver of the start benchmark: the big account (account.ts) served the way
 * Synapse serves it, over both classic /sync (initial: each room's newest 30 events and, members
 * lazy-loaded, only their senders' member events; incremental: long-polls for what is new) and
 * simplified sliding sync (MSC4186 at its unstable path: a list window over the rooms by recent
 * activity, room subscriptions, required state with $ME and $LAZY, a connection position that
 * remembers what each connection was sent). Only what a client needs to start and show rooms; the
 * rest is 404 M_UNRECOGNIZED. 127.0.0.1 only.
 */
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {MatrixError, unrecognized} from '../../src/demo/http/errors.ts';
import {readJsonBody, sendJson} from '../../src/demo/http/io.ts';
import {ACCESS_TOKEN, ME, type BenchAccount, type BenchEvent, type BenchRoom} from './account.ts';

const INITIAL_TIMELINE = 30;
const SPEC_VERSIONS = Array.from({length: 12}, (_, index) => `v1.${index + 1}`);
const PUSH_RULES = {global: {override: [], content: [], room: [], sender: [], underride: []}};

export interface AccountServer {
	url: string;
	/** New messages, and every waiting sync answered. */
	addMessages(count: number): BenchEvent[];
	close(): Promise<void>;
}

type StateFilter = Array<[string, string]>;
interface RoomRequest {
	timelineLimit: number;
	requiredState: StateFilter;
}
/** What a sliding sync connection has been sent: per room, the newest position. */
interface Connection {
	id: number;
	sent: Map<string, number>;
	/** Room subscriptions are sticky: asked for once, kept until unsubscribed. */
	subscriptions: Map<string, RoomRequest>;
}

export async function startAccountServer(account: BenchAccount): Promise<AccountServer> {
	const waiters = new Set<() => void>();
	const connections = new Map<string, Connection>();
	let connectionCount = 0;
	let posCount = 0;

	const wake = () => {
		for (const waiter of [...waiters]) waiter();
	};
	const waitForNews = (timeoutMs: number) =>
		new Promise<void>((resolve) => {
			const done = () => {
				clearTimeout(timer);
				waiters.delete(done);
				resolve();
			};
			const timer = setTimeout(done, timeoutMs);
			waiters.add(done);
		});

	const newest = (room: BenchRoom) => room.timeline.at(-1)?.position ?? 0;
	const byActivity = () => [...account.rooms].sort((a, b) => newest(b) - newest(a));

	/** The newest `limit` events after `after`, whether more were left out, and the token before them. */
	function timelineOf(room: BenchRoom, after: number, limit: number) {
		const fresh = room.timeline.filter((entry) => entry.position > after);
		const shown = fresh.slice(-limit);
		const before = shown[0] ? shown[0].position - 1 : newest(room);
		return {events: shown.map((entry) => entry.event), limited: fresh.length > shown.length, prevBatch: `t${room.id}_${before}`};
	}

	function lazyState(room: BenchRoom, events: BenchEvent[]): BenchEvent[] {
		return [...room.state.filter((event) => event.type !== 'm.room.member'), ...account.membersOf(room, events.map((event) => event.sender))];
	}

	async function classicSync(query: URLSearchParams): Promise<unknown> {
		const since = query.get('since');
		const after = since ? Number(since.slice(1)) : 0;
		if (since && account.position <= after) await waitForNews(Math.min(Number(query.get('timeout') ?? 30_000), 30_000));
		const join: Record<string, unknown> = {};
		for (const room of account.rooms) {
			if (newest(room) <= after) continue;
			const timeline = timelineOf(room, after, INITIAL_TIMELINE);
			join[room.id] = {
				timeline: {events: timeline.events, limited: timeline.limited, prev_batch: timeline.prevBatch},
				state: {events: since ? account.membersOf(room, timeline.events.map((event) => event.sender)) : lazyState(room, timeline.events)},
				summary: {'m.joined_member_count': room.memberCount, 'm.invited_member_count': 0},
				unread_notifications: {notification_count: 0, highlight_count: 0},
				ephemeral: {events: []},
				account_data: {events: []},
			};
		}
		return {next_batch: `s${account.position}`, rooms: {join, invite: {}, leave: {}}, account_data: {events: []}, to_device: {events: []}};
	}

	function requiredState(room: BenchRoom, filter: StateFilter, timeline: BenchEvent[]): BenchEvent[] {
		const senders = new Set(timeline.map((event) => event.sender));
		return room.state.filter((event) =>
			filter.some(([type, key]) => {
				if (type !== '*' && type !== event.type) return false;
				if (key === '*' || key === event.state_key) return true;
				if (key === '$ME') return event.state_key === ME;
				return key === '$LAZY' && event.type === 'm.room.member' && senders.has(event.state_key ?? '');
			}),
		);
	}

	function roomData(room: BenchRoom, request: RoomRequest, after: number | undefined, expanded: boolean): Record<string, unknown> {
		const timeline = timelineOf(room, expanded || after === undefined ? 0 : after, request.timelineLimit);
		return {
			name: room.name,
			...(after === undefined ? {initial: true} : {}),
			...(expanded ? {unstable_expanded_timeline: true} : {}),
			required_state: after === undefined || expanded ? requiredState(room, request.requiredState, timeline.events) : requiredState(room, [['m.room.member', '$LAZY']], timeline.events),
			timeline: timeline.events,
			limited: timeline.limited,
			prev_batch: timeline.prevBatch,
			joined_count: room.memberCount,
			invited_count: 0,
			notification_count: 0,
			highlight_count: 0,
			num_live: 0,
			bump_stamp: newest(room),
		};
	}

	async function slidingSync(query: URLSearchParams, body: Record<string, unknown>): Promise<unknown> {
		const pos = typeof body.pos === 'string' ? body.pos : query.get('pos');
		const previous = pos ? connections.get(pos) : undefined;
		if (pos && !previous) throw new MatrixError(400, 'M_UNKNOWN_POS', 'Unknown position');
		const connection: Connection = previous ? {id: previous.id, sent: new Map(previous.sent), subscriptions: new Map(previous.subscriptions)} : {id: ++connectionCount, sent: new Map(), subscriptions: new Map()};
		const list = asRecord(asRecord(body.lists).rooms);
		const listRequest = roomRequest(list);
		for (const roomId of Array.isArray(body.unsubscribe_rooms) ? body.unsubscribe_rooms : []) connection.subscriptions.delete(String(roomId));
		const newlySubscribed = new Set<string>();
		for (const [roomId, value] of Object.entries(asRecord(body.room_subscriptions))) {
			if (!connection.subscriptions.has(roomId)) newlySubscribed.add(roomId);
			connection.subscriptions.set(roomId, roomRequest(asRecord(value)));
		}
		const build = () => {
			const rooms: Record<string, unknown> = {};
			const inWindow = new Set<string>();
			const sorted = byActivity();
			for (const range of Array.isArray(list.ranges) ? list.ranges : []) {
				const [start, end] = range as [number, number];
				for (const room of sorted.slice(start, end + 1)) inWindow.add(room.id);
			}
			for (const [roomId, request] of connection.subscriptions) {
				const room = account.byId.get(roomId);
				if (!room) continue;
				const after = connection.sent.get(roomId);
				const expanded = after !== undefined && newlySubscribed.delete(roomId);
				if (after === undefined || expanded || newest(room) > after) rooms[roomId] = roomData(room, request, after, expanded);
			}
			for (const roomId of inWindow) {
				if (roomId in rooms) continue;
				const room = account.byId.get(roomId)!;
				const after = connection.sent.get(roomId);
				if (after === undefined || newest(room) > after) rooms[roomId] = roomData(room, listRequest, after, false);
			}
			for (const roomId of Object.keys(rooms)) connection.sent.set(roomId, newest(account.byId.get(roomId)!));
			return rooms;
		};
		let rooms = build();
		if (Object.keys(rooms).length === 0 && previous) {
			await waitForNews(Math.min(Number(query.get('timeout') ?? 30_000), 30_000));
			rooms = build();
		}
		const next = `c${connection.id}_${++posCount}`;
		connections.set(next, connection);
		return {pos: next, lists: {rooms: {count: account.rooms.length}}, rooms, extensions: {}};
	}

	async function route(method: string, path: string, query: URLSearchParams, body: unknown): Promise<unknown> {
		let match: RegExpExecArray | null;
		if (method === 'GET' && path === 'sync') return classicSync(query);
		if (method === 'POST' && path === 'org.matrix.simplified_msc3575/sync') return slidingSync(query, asRecord(body));
		if (method === 'GET' && (match = /^rooms\/([^/]+)\/members$/.exec(path))) {
			const room = account.byId.get(decodeURIComponent(match[1]!));
			return {chunk: (room?.state ?? []).filter((event) => event.type === 'm.room.member').map((event) => ({...event, room_id: room!.id}))};
		}
		if (method === 'GET' && /^rooms\/[^/]+\/messages$/.test(path)) return {chunk: [], start: query.get('from') ?? ''};
		if (method === 'GET' && path === 'pushrules/') return PUSH_RULES;
		if (method === 'GET' && path === 'notifications') return {notifications: []};
		if (method === 'GET' && path === 'capabilities') return {capabilities: {}};
		if (method === 'POST' && /^user\/[^/]+\/filter$/.test(path)) return {filter_id: '1'};
		if (method === 'GET' && path === 'account/whoami') return {user_id: ME, is_guest: false};
		if (method === 'GET' && path === 'voip/turnServer') return {};
		if (method === 'POST' && /^rooms\/[^/]+\/(receipt\/.+|read_markers)$/.test(path)) return {};
		if (method === 'PUT' && /^(rooms\/[^/]+\/typing\/.+|user\/[^/]+\/(rooms\/[^/]+\/)?account_data\/.+)$/.test(path)) return {};
		throw unrecognized();
	}

	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const method = req.method ?? 'GET';
		const prefix = /^\/_matrix\/client\/(?:v3|r0|v1|unstable)\/(.*)$/.exec(url.pathname);
		const path = prefix?.[1] ?? '';
		readJsonBody(req)
			.then(async (body) => {
				if (url.pathname === '/_matrix/client/versions') return sendJson(res, 200, {versions: SPEC_VERSIONS, unstable_features: {'org.matrix.simplified_msc3575': true}});
				const auth = req.headers.authorization;
				if (auth !== `Bearer ${ACCESS_TOKEN}`) throw new MatrixError(401, 'M_UNKNOWN_TOKEN', 'Invalid access token passed.');
				sendJson(res, 200, await route(method, path, url.searchParams, body));
			})
			.catch((error: unknown) => {
				if (res.headersSent) return;
				if (error instanceof MatrixError) sendJson(res, error.status, error.toJSON());
				else sendJson(res, 500, {errcode: 'M_UNKNOWN', error: String(error)});
			});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		addMessages(count) {
			const added = account.addMessages(count);
			wake();
			return added;
		},
		close: () =>
			new Promise<void>((resolve) => {
				wake();
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

function asRecord(value: unknown): Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function roomRequest(value: Record<string, unknown>): RoomRequest {
	const requiredState = Array.isArray(value.required_state) ? (value.required_state as unknown[]).filter((pair): pair is [string, string] => Array.isArray(pair) && pair.length === 2) : [];
	return {timelineLimit: typeof value.timeline_limit === 'number' ? value.timeline_limit : 1, requiredState};
}
