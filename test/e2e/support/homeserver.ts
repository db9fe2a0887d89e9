/**
 * A deliberately small, plain-HTTP Matrix client for end-to-end tests: it sets up what a test
 * needs on the real Synapse and reads back what Synapse actually stored, independently of
 * matrix-js-sdk (which is what the app under test uses).
 *
 * Configuration (set by scripts/e2e.sh):
 * - MATRIX_E2E_HOMESERVER: base URL, e.g. http://127.0.0.1:18448.
 * - MATRIX_E2E_SHARED_SECRET: Synapse's registration_shared_secret, needed only for admin users.
 *   When unset it is read from the file scripts/synapse.sh writes:
 *   ${MATRIX_TUI_CACHE:-/var/cache/matrix-tui}/synapse-root/srv/synapse-$PORT/shared-secret
 *   (PORT taken from MATRIX_E2E_HOMESERVER; that file is root-only, like the homeserver).
 */
import {createHmac, randomBytes} from 'node:crypto';
import {readFileSync} from 'node:fs';

export type Json = Record<string, unknown>;

/** A non-2xx answer from the homeserver. */
export class HomeserverError extends Error {
	readonly method: string;
	readonly path: string;
	readonly status: number;
	readonly errcode: string | undefined;
	/** The parsed response body (or its text when it is not JSON). */
	readonly body: unknown;

	constructor(method: string, path: string, status: number, errcode: string | undefined, body: unknown) {
		const error = isObject(body) && typeof body['error'] === 'string' ? `: ${body['error']}` : '';
		super(`${method} ${path} → ${status} ${errcode ?? '(no errcode)'}${error}`);
		this.name = 'HomeserverError';
		this.method = method;
		this.path = path;
		this.status = status;
		this.errcode = errcode;
		this.body = body;
	}
}

export function homeserverUrl(): string {
	const url = process.env['MATRIX_E2E_HOMESERVER'];
	if (!url) {
		throw new Error(
			'MATRIX_E2E_HOMESERVER is not set: run end-to-end tests with `npm run test:e2e`, ' +
				'which starts Synapse (scripts/synapse.sh) and sets it',
		);
	}
	return url.replace(/\/+$/, '');
}

function sharedSecret(): string {
	const fromEnv = process.env['MATRIX_E2E_SHARED_SECRET'];
	if (fromEnv) return fromEnv;
	const port = new URL(homeserverUrl()).port || '80';
	const cache = process.env['MATRIX_TUI_CACHE'] ?? '/var/cache/matrix-tui';
	const file = `${cache}/synapse-root/srv/synapse-${port}/shared-secret`;
	try {
		return readFileSync(file, 'utf8').trim();
	} catch (error) {
		throw new Error(`no MATRIX_E2E_SHARED_SECRET and cannot read ${file}: ${String(error)}`, {cause: error});
	}
}

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Random lowercase suffix: user IDs must be unique across tests and runs. */
function randomSuffix(): string {
	return randomBytes(5).toString('hex');
}

const REQUEST_TIMEOUT_MS = 60_000;

let txnCounter = 0;
function txnId(): string {
	return `e2e-${Date.now()}-${++txnCounter}-${randomSuffix()}`;
}

/**
 * One HTTP request. Resolves to the parsed JSON body on 2xx, rejects with HomeserverError
 * otherwise. `path` is everything after the base URL, already percent-encoded.
 */
async function request<T = Json>(
	baseUrl: string,
	method: string,
	path: string,
	body?: unknown,
	accessToken?: string,
): Promise<T> {
	const headers: Record<string, string> = {};
	if (accessToken) headers['Authorization'] = `Bearer ${accessToken}`;
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	// A homeserver that never answers fails the step that asked, by name, not the whole test's timeout.
	const response = await fetch(baseUrl + path, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
	}).catch((error: unknown) => {
		throw new Error(`${method} ${path}: ${error instanceof Error && error.name === 'TimeoutError' ? `no answer in ${REQUEST_TIMEOUT_MS} ms` : String(error)}`);
	});
	const text = await response.text();
	let parsed: unknown;
	try {
		parsed = text ? JSON.parse(text) : {};
	} catch {
		parsed = text;
	}
	if (!response.ok) {
		const errcode = isObject(parsed) && typeof parsed['errcode'] === 'string' ? parsed['errcode'] : undefined;
		throw new HomeserverError(method, path, response.status, errcode, parsed);
	}
	return parsed as T;
}

export interface RegisteredUser {
	userId: string;
	accessToken: string;
	password: string;
	deviceId: string;
}

/** A new login (a new device) of a registered user, by password. */
export async function loginAgain(user: RegisteredUser): Promise<RegisteredUser> {
	const body = {type: 'm.login.password', identifier: {type: 'm.id.user', user: user.userId}, password: user.password, initial_device_display_name: 'matrix-tui e2e, again'};
	const answer = await request<{access_token: string; device_id: string}>(homeserverUrl(), 'POST', '/_matrix/client/v3/login', body);
	return {...user, accessToken: answer.access_token, deviceId: answer.device_id};
}

/**
 * Registers a fresh user `<prefix>-<random>`. Ordinary users go through the client API with
 * the m.login.dummy flow; admins through Synapse's shared-secret admin API.
 */
/** Registers one user per display name (user name from the display name) and sets the names. */
export async function registerNamed<const Names extends readonly string[]>(...displayNames: Names): Promise<{[Index in keyof Names]: RegisteredUser}> {
	const users = await Promise.all(
		displayNames.map(async (displayName) => {
			const user = await registerUser(displayName);
			await Api.for(user).setDisplayName(displayName);
			return user;
		}),
	);
	return users as {[Index in keyof Names]: RegisteredUser};
}

export async function registerUser(prefix: string, options: {admin?: boolean} = {}): Promise<RegisteredUser> {
	const baseUrl = homeserverUrl();
	const username = `${prefix.toLowerCase().replace(/[^a-z0-9._=-]/g, '')}-${randomSuffix()}`;
	const password = `pw-${randomSuffix()}-${randomSuffix()}`;
	let result: Json;

	if (options.admin) {
		const {nonce} = await request<{nonce: string}>(baseUrl, 'GET', '/_synapse/admin/v1/register');
		const mac = createHmac('sha1', sharedSecret())
			.update([nonce, username, password, 'admin'].join('\0'))
			.digest('hex');
		result = await request(baseUrl, 'POST', '/_synapse/admin/v1/register', {
			nonce,
			username,
			password,
			admin: true,
			mac,
		});
	} else {
		const body = {username, password, initial_device_display_name: 'matrix-tui e2e'};
		// First call starts the user-interactive auth session, second completes the dummy stage.
		const session = await uiaSession(baseUrl, '/_matrix/client/v3/register', body);
		result = await request(baseUrl, 'POST', '/_matrix/client/v3/register', {
			...body,
			auth: {type: 'm.login.dummy', session},
		});
	}

	const {user_id: userId, access_token: accessToken, device_id: deviceId} = result;
	if (typeof userId !== 'string' || typeof accessToken !== 'string' || typeof deviceId !== 'string') {
		throw new Error(`unexpected registration response: ${JSON.stringify(result)}`);
	}
	return {userId, accessToken, password, deviceId};
}

/** Makes the unauthenticated first call of a UIA endpoint and returns the session it opens. */
async function uiaSession(baseUrl: string, path: string, body: Json, accessToken?: string): Promise<string> {
	try {
		await request(baseUrl, 'POST', path, body, accessToken);
	} catch (error) {
		if (error instanceof HomeserverError && error.status === 401 && isObject(error.body)) {
			const session = error.body['session'];
			if (typeof session === 'string') return session;
		}
		throw error;
	}
	throw new Error(`POST ${path} succeeded without user-interactive auth`);
}

const enc = encodeURIComponent;

/** Client-server API calls as one user. Every non-2xx rejects with HomeserverError. */
export class Api {
	readonly baseUrl: string;
	readonly accessToken: string;

	constructor(baseUrl: string, accessToken: string) {
		this.baseUrl = baseUrl.replace(/\/+$/, '');
		this.accessToken = accessToken;
	}

	static for(user: RegisteredUser): Api {
		return new Api(homeserverUrl(), user.accessToken);
	}

	request<T = Json>(method: string, path: string, body?: unknown): Promise<T> {
		return request<T>(this.baseUrl, method, path, body, this.accessToken);
	}

	private room(roomId: string, rest: string): string {
		return `/_matrix/client/v3/rooms/${enc(roomId)}/${rest}`;
	}

	async whoami(): Promise<{user_id: string; device_id?: string}> {
		return this.request('GET', '/_matrix/client/v3/account/whoami');
	}

	/** Returns the new room's ID. */
	async createRoom(body: Json = {}): Promise<string> {
		const {room_id} = await this.request<{room_id: string}>('POST', '/_matrix/client/v3/createRoom', body);
		return room_id;
	}

	/** Returns the joined room's ID. */
	async join(roomIdOrAlias: string): Promise<string> {
		const {room_id} = await this.request<{room_id: string}>('POST', `/_matrix/client/v3/join/${enc(roomIdOrAlias)}`, {});
		return room_id;
	}

	async invite(roomId: string, userId: string, reason?: string): Promise<void> {
		await this.request('POST', this.room(roomId, 'invite'), withReason({user_id: userId}, reason));
	}

	async leave(roomId: string, reason?: string): Promise<void> {
		await this.request('POST', this.room(roomId, 'leave'), withReason({}, reason));
	}

	async kick(roomId: string, userId: string, reason?: string): Promise<void> {
		await this.request('POST', this.room(roomId, 'kick'), withReason({user_id: userId}, reason));
	}

	async ban(roomId: string, userId: string, reason?: string): Promise<void> {
		await this.request('POST', this.room(roomId, 'ban'), withReason({user_id: userId}, reason));
	}

	/** Sends an m.room.message (a string becomes m.text); returns the event ID. */
	async sendMessage(roomId: string, body: string | Json): Promise<string> {
		const content = typeof body === 'string' ? {msgtype: 'm.text', body} : body;
		const {event_id} = await this.request<{event_id: string}>(
			'PUT',
			this.room(roomId, `send/m.room.message/${enc(txnId())}`),
			content,
		);
		return event_id;
	}

	/** Returns the state event's ID. */
	async putState(roomId: string, type: string, stateKey: string, content: Json): Promise<string> {
		const {event_id} = await this.request<{event_id: string}>(
			'PUT',
			this.room(roomId, `state/${enc(type)}/${enc(stateKey)}`),
			content,
		);
		return event_id;
	}

	/** The current content of one state event (HomeserverError with status 404 if none). */
	async getState<T = Json>(roomId: string, type: string, stateKey = ''): Promise<T> {
		return this.request<T>('GET', this.room(roomId, `state/${enc(type)}/${enc(stateKey)}`));
	}

	/** The full current state: every state event, as Synapse serves it. */
	async getStateEvents(roomId: string): Promise<Json[]> {
		return this.request<Json[]>('GET', this.room(roomId, 'state'));
	}

	/** Returns the redaction's event ID. */
	async redact(roomId: string, eventId: string, reason?: string): Promise<string> {
		const {event_id} = await this.request<{event_id: string}>(
			'PUT',
			this.room(roomId, `redact/${enc(eventId)}/${enc(txnId())}`),
			withReason({}, reason),
		);
		return event_id;
	}

	/** Reads m.room.power_levels, sets users[userId] = level, writes it back. */
	async setPowerLevel(roomId: string, userId: string, level: number): Promise<string> {
		const powerLevels = await this.getState(roomId, 'm.room.power_levels');
		const users = isObject(powerLevels['users']) ? powerLevels['users'] : {};
		return this.putState(roomId, 'm.room.power_levels', '', {...powerLevels, users: {...users, [userId]: level}});
	}

	/** Member events of the room (GET /members). */
	async members(roomId: string): Promise<Json[]> {
		const {chunk} = await this.request<{chunk: Json[]}>('GET', this.room(roomId, 'members'));
		return chunk;
	}

	/** Sets this user's global display name (Synapse copies it into the member events of rooms joined later). */
	async setDisplayName(displayName: string): Promise<void> {
		const {user_id} = await this.whoami();
		await this.request('PUT', `/_matrix/client/v3/profile/${enc(user_id)}/displayname`, {displayname: displayName});
	}

	/**
	 * The room's events, oldest first, as GET /messages serves them (newest `limit`, read backwards
	 * from the end of the room).
	 */
	async messages(roomId: string, limit = 100): Promise<Json[]> {
		const {chunk} = await this.request<{chunk: Json[]}>('GET', this.room(roomId, `messages?dir=b&limit=${limit}`));
		return [...chunk].reverse();
	}

	/** This user's devices (GET /devices). */
	async devices(): Promise<Json[]> {
		const {devices} = await this.request<{devices: Json[]}>('GET', '/_matrix/client/v3/devices');
		return devices;
	}

	/** Deactivates this account through the m.login.password UIA flow. */
	async deactivate(password: string): Promise<void> {
		const {user_id} = await this.whoami();
		const path = '/_matrix/client/v3/account/deactivate';
		const session = await uiaSession(this.baseUrl, path, {}, this.accessToken);
		await this.request('POST', path, {
			auth: {type: 'm.login.password', identifier: {type: 'm.id.user', user: user_id}, password, session},
		});
	}
}

function withReason(body: Json, reason: string | undefined): Json {
	return reason === undefined ? body : {...body, reason};
}
