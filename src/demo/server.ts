import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {MatrixError, unrecognized} from './http/errors.js';
import {BinaryBody, readJsonBody, sendBinary, sendJson} from './http/io.js';
import {clientSegments, matchRoute} from './http/router.js';
import {appendFromOthers} from './incoming.js';
import {startLiveActivity} from './live.js';
import type {Session} from './model/session.js';
import {allRoutes} from './routes/index.js';
import type {DemoContext} from './routes/context.js';
import {MAIN_ROOM_ID, demoScenario, type Scenario} from './scenario.js';
import {loadScenario} from './scenario/load.js';

export type {Scenario} from './scenario.js';

export interface ScenarioServer {
	url: string; // http://127.0.0.1:PORT
	userId: string; // '@you:demo.local'
	accessToken: string;
	requests: Array<{method: string; path: string; body: unknown}>; // every request received (for test assertions), path without query
	roomState(roomId: string, type: string, stateKey?: string): Record<string, unknown> | undefined; // current content
	injectEvent(roomId: string, event: {type: string; sender: string; content: unknown; state_key?: string}): string; // as if another user sent it; delivered to the next/pending sync; returns event_id
	close(): Promise<void>;
}

export interface ScenarioServerOptions {
	/** 0 (the default) picks a free port. */
	port?: number;
	scenario?: Scenario;
	/** alice and bob chat in the main room every ~8 s (for `--demo`; off for tests). */
	liveActivity?: boolean;
}

/** Access token from `Authorization: Bearer …` or the legacy `access_token` query parameter. */
function authenticate(req: IncomingMessage, query: URLSearchParams, session: Session): void {
	const header = req.headers.authorization;
	const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : query.get('access_token');
	if (token === null || token === undefined) throw new MatrixError(401, 'M_MISSING_TOKEN', 'Missing access token.');
	if (token !== session.accessToken || !session.loggedIn) {
		throw new MatrixError(401, 'M_UNKNOWN_TOKEN', 'Invalid access token passed.', {soft_logout: false});
	}
}

function decodedPath(pathname: string): string {
	try {
		return decodeURIComponent(pathname);
	} catch {
		return pathname;
	}
}

/** Starts an in-process Matrix homeserver on 127.0.0.1 seeded with `scenario` (the demo by default). */
export async function startScenarioServer(options: ScenarioServerOptions = {}): Promise<ScenarioServer> {
	const context: DemoContext = loadScenario(options.scenario ?? demoScenario());
	const {store, session} = context;
	const requests: ScenarioServer['requests'] = [];
	// Aborting this ends every pending long-poll at once when the server closes.
	const shutdown = new AbortController();

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const method = req.method ?? 'GET';
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const record = {method, path: decodedPath(url.pathname), body: undefined as unknown};
		requests.push(record);
		try {
			record.body = await readJsonBody(req);
			const segments = clientSegments(url.pathname);
			if (!segments) throw unrecognized();
			const {route, params} = matchRoute(allRoutes, method, segments);
			if (!route.public) authenticate(req, url.searchParams, session);
			const gone = new AbortController();
			res.on('close', () => gone.abort());
			const signal = AbortSignal.any([gone.signal, shutdown.signal]);
			const result = await route.handler({context, params, query: url.searchParams, body: record.body, signal});
			if (result instanceof BinaryBody) sendBinary(res, result);
			else sendJson(res, 200, result);
		} catch (error) {
			if (error instanceof MatrixError) return sendJson(res, error.status, error.toJSON());
			// A bug in a handler: answer like Synapse does, keep serving, and make it visible.
			// eslint-disable-next-line no-console -- tests and the bench run this server outside the app, where the console is theirs
			console.error('[demo server]', error);
			sendJson(res, 500, {errcode: 'M_UNKNOWN', error: 'Internal server error'});
		}
	}

	const server = createServer((req, res) => void handle(req, res));
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
	});
	const {port} = server.address() as AddressInfo;
	const stopLive = options.liveActivity ? startLiveActivity(store, session, MAIN_ROOM_ID) : () => {};

	return {
		url: `http://127.0.0.1:${port}`,
		userId: session.userId,
		accessToken: session.accessToken,
		requests,
		roomState(roomId, type, stateKey = '') {
			const content = store.rooms.get(roomId)?.getState(type, stateKey)?.event.content;
			return content === undefined ? undefined : structuredClone(content);
		},
		// No power or membership checks: tests and the demo script other users' actions freely.
		injectEvent(roomId, event) {
			if (!store.rooms.has(roomId)) throw new Error(`injectEvent: unknown room ${roomId}`);
			return appendFromOthers(store, session, roomId, event).event.event_id;
		},
		async close() {
			stopLive();
			shutdown.abort();
			// Give the woken long-polls one turn to answer before the sockets go.
			await new Promise((resolve) => setImmediate(resolve));
			const closed = new Promise<void>((resolve) => server.close(() => resolve()));
			server.closeAllConnections(); // keep-alive sockets would otherwise hold close() open
			await closed;
		},
	};
}
