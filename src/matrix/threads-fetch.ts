/**
 * /threads and the thread pane's pages: GET /rooms/{id}/threads and GET /relations/{root}/m.thread
 * (both v1), their encrypted events decrypted before they cross to the app, and the threaded read
 * receipt (POST /receipt/m.read/{event} with thread_id) that says we read a thread.
 */
import {ClientPrefix, MatrixEvent, Method, type MatrixClient} from 'matrix-js-sdk';
import {asEvent, type RawEvent} from '../domain/events.js';
import {threadListPage, threadPage, type ThreadListPage, type ThreadPage} from '../domain/threads.js';
import {decryptedFormOf} from './session-crypto.js';

/** Threads per list page, replies per thread page: a screenful or two, the next as the user scrolls. */
const THREAD_PAGE = 30;

const room = (roomId: string) => `/rooms/${encodeURIComponent(roomId)}`;

export async function fetchThreadList(client: MatrixClient, roomId: string, from?: string): Promise<ThreadListPage> {
	const query = {limit: String(THREAD_PAGE), include: 'all', ...(from ? {from} : {})};
	const body = await client.http.authedRequest<{chunk?: unknown[]}>(Method.Get, `${room(roomId)}/threads`, query, undefined, {prefix: ClientPrefix.V1});
	const chunk = await decryptAll(client, roomId, Array.isArray(body.chunk) ? body.chunk.map(asEvent) : []);
	return threadListPage({...body, chunk});
}

export async function fetchThreadPage(client: MatrixClient, roomId: string, rootId: string, from?: string): Promise<ThreadPage> {
	const query = {limit: String(THREAD_PAGE), dir: 'b', ...(from ? {from} : {})};
	const path = `${room(roomId)}/relations/${encodeURIComponent(rootId)}/m.thread`;
	const [body, root] = await Promise.all([
		client.http.authedRequest<{chunk?: unknown[]}>(Method.Get, path, query, undefined, {prefix: ClientPrefix.V1}),
		// The root comes with the first page only: older pages are replies.
		from === undefined ? client.http.authedRequest<unknown>(Method.Get, `${room(roomId)}/event/${encodeURIComponent(rootId)}`) : undefined,
	]);
	const chunk = await decryptAll(client, roomId, Array.isArray(body.chunk) ? body.chunk.map(asEvent) : []);
	const [clearRoot] = root === undefined ? [] : await decryptAll(client, roomId, [asEvent(root)]);
	return threadPage({...body, chunk}, rootId, clearRoot);
}

/** A threaded read receipt; `privately` (the privateReceipts setting): m.read.private, which only our own devices see. */
export async function sendThreadReceipt(client: MatrixClient, roomId: string, rootId: string, eventId: string, privately = false): Promise<void> {
	const type = privately ? 'm.read.private' : 'm.read';
	await client.http.authedRequest(Method.Post, `${room(roomId)}/receipt/${type}/${encodeURIComponent(eventId)}`, undefined, {thread_id: rootId});
}

/** Each encrypted event in its clear form (or marked undecryptable); without crypto they stay as they came. */
async function decryptAll(client: MatrixClient, roomId: string, events: readonly RawEvent[]): Promise<RawEvent[]> {
	if (!client.getCrypto()) return [...events];
	return Promise.all(
		events.map(async (raw) => {
			if (raw.type !== 'm.room.encrypted') return raw;
			const event = new MatrixEvent({...raw, room_id: roomId} as ConstructorParameters<typeof MatrixEvent>[0]);
			await client.decryptEventIfNeeded(event).catch(() => undefined);
			const clear = decryptedFormOf(event);
			// The server's unsigned part (a root's bundled thread count) is outside the ciphertext: kept as it came.
			return clear ? {...clear, ...(raw.unsigned === undefined ? {} : {unsigned: raw.unsigned})} : raw;
		}),
	);
}
