/**
 * /search's two requests: a page of the server's index (POST /search, room events) and the
 * events around a hit (GET /rooms/{id}/context/{eventId}), the encrypted ones decrypted in memory
 * for the one view that shows them. Nothing of either is written anywhere.
 */
import {MatrixEvent, Method, type MatrixClient} from 'matrix-js-sdk';
import {asEvent, asObject, type RawEvent} from '../domain/events.js';
import {searchPage, searchRequestBody, type SearchPage} from '../domain/message-search.js';
import type {EventContext} from './protocol.js';
import {decryptedFormOf} from './session-crypto.js';

/** Events fetched around a hit, before and after it together: a screenful. */
const CONTEXT_LIMIT = 20;

export async function searchMessages(client: MatrixClient, term: string, roomIds: readonly string[], next?: string): Promise<SearchPage> {
	const answer = await client.http.authedRequest(Method.Post, '/search', next === undefined ? undefined : {next_batch: next}, searchRequestBody(term, roomIds));
	return searchPage(answer);
}

export async function eventContext(client: MatrixClient, roomId: string, eventId: string): Promise<EventContext> {
	const path = `/rooms/${encodeURIComponent(roomId)}/context/${encodeURIComponent(eventId)}`;
	const answer = asObject(await client.http.authedRequest(Method.Get, path, {limit: String(CONTEXT_LIMIT)}));
	// events_before comes newest first.
	const wire = [...eventsOf(answer.events_before).reverse(), ...eventsOf([answer.event]), ...eventsOf(answer.events_after)];
	const events = await Promise.all(wire.map((event) => inTheClear(client, roomId, event)));
	return {events, members: eventsOf(answer.state).filter((event) => event.type === 'm.room.member')};
}

function eventsOf(value: unknown): RawEvent[] {
	return (Array.isArray(value) ? value : []).map(asEvent).filter((event) => typeof event.type === 'string' && typeof event.event_id === 'string');
}

/** The clear form, or the event marked undecryptable (with why) where the keys are missing. */
async function inTheClear(client: MatrixClient, roomId: string, event: RawEvent): Promise<RawEvent> {
	if (event.type !== 'm.room.encrypted' || !client.getCrypto()) return event;
	const sdkEvent = new MatrixEvent({...event, room_id: roomId} as ConstructorParameters<typeof MatrixEvent>[0]);
	await client.decryptEventIfNeeded(sdkEvent).catch(() => undefined);
	return decryptedFormOf(sdkEvent) ?? event;
}
