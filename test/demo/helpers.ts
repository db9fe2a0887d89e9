import {ClientEvent, createClient, SyncState, type MatrixClient} from 'matrix-js-sdk';
import type {ScenarioServer} from '../../src/demo/server.js';

/** A real SDK client, started the way the app starts it, resolved once the first sync is in. */
export async function startSdkClient(server: ScenarioServer): Promise<MatrixClient> {
	const client = createClient({baseUrl: server.url, userId: server.userId, accessToken: server.accessToken});
	const prepared = new Promise<void>((resolve, reject) => {
		client.on(ClientEvent.Sync, (state) => {
			if (state === SyncState.Prepared) resolve();
			if (state === SyncState.Error) reject(new Error('sync failed'));
		});
	});
	await client.startClient({lazyLoadMembers: true, initialSyncLimit: 20});
	await prepared;
	return client;
}

/** Polls `check` until it returns something truthy (sync results arrive asynchronously). */
export async function eventually<T>(check: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

/** A raw Client-Server API call with the demo token, for what the SDK does not expose directly. */
export async function api(server: ScenarioServer, method: string, path: string, body?: unknown, token: string | null = server.accessToken) {
	const headers: Record<string, string> = {'Content-Type': 'application/json'};
	if (token !== null) headers['Authorization'] = `Bearer ${token}`;
	const response = await fetch(`${server.url}${path}`, {method, headers, ...(body === undefined ? {} : {body: JSON.stringify(body)})});
	return {status: response.status, json: (await response.json()) as Record<string, any>};
}

/** `/_matrix/client/v3/rooms/<encoded id>…` */
export const roomPath = (roomId: string, rest: string): string => `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}${rest}`;
