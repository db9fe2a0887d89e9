/**
 * Message search (issue 16): the server's index (`POST /search`, room_events) for rooms it can
 * read, and, for encrypted rooms it cannot, the messages this client holds decrypted in memory.
 * The server's answer is untrusted JSON: hits without an event ID, room or body are dropped here;
 * text is sanitized where it is drawn (search-rows.ts).
 */
import {asEvent, asObject, contentOf, isRedacted, type RawEvent} from './events.js';
import {applyEdits} from './edits.js';
import {matcherFor} from './search-match.js';

export interface SearchHit {
	roomId: string;
	eventId: string;
	sender: string;
	/** origin_server_ts; 0 when the server gave none. */
	ts: number;
	body: string;
}

export interface SearchPage {
	hits: SearchHit[];
	/** The token for the next page (a query parameter); none at the end. */
	next?: string;
	/** The server's count of all hits, if it gives one. */
	count?: number;
}

/**
 * The request body: room events holding `term` in their body, in `rooms` only, newest first, with
 * no context around each (Enter fetches that for the one chosen).
 */
export function searchRequestBody(term: string, rooms: readonly string[]): Record<string, unknown> {
	return {search_categories: {room_events: {search_term: term, keys: ['content.body'], filter: {rooms: [...rooms]}, order_by: 'recent'}}};
}

export function searchPage(body: unknown): SearchPage {
	const answer = asObject(asObject(asObject(body).search_categories).room_events);
	const results = Array.isArray(answer.results) ? answer.results : [];
	const events = results.map((entry) => asEvent(asObject(entry).result));
	// Who sent each message on the page: an edit stands for the message it replaces only when both
	// are here and from the same sender (edits.ts's rule); anyone else's "edit" is a hit of its own.
	const senders = new Map(events.map((event) => [event.event_id, event.sender]));
	// Newest first: an edit comes before the message it replaces, which is then the same hit again.
	const seen = new Set<string>();
	const hits = events.flatMap((event) => {
		const hit = hitOf(asReplaced(event, senders));
		if (!hit || seen.has(hit.eventId)) return [];
		seen.add(hit.eventId);
		return [hit];
	});
	const page: SearchPage = {hits};
	if (typeof answer.next_batch === 'string' && answer.next_batch !== '') page.next = answer.next_batch;
	if (typeof answer.count === 'number' && Number.isSafeInteger(answer.count) && answer.count >= 0) page.count = answer.count;
	return page;
}

/**
 * An edit (m.replace) found by the index, with the message it replaces on the same page from the
 * same sender, is that message as it reads now: its new content under the original's ID (where
 * Enter jumps), not the "* " fallback.
 */
function asReplaced(event: RawEvent, senders: ReadonlyMap<unknown, unknown>): RawEvent {
	const content = contentOf(event);
	const relation = asObject(content['m.relates_to']);
	const newContent = asObject(content['m.new_content']);
	if (relation.rel_type !== 'm.replace' || typeof relation.event_id !== 'string' || typeof newContent.body !== 'string') return event;
	if (typeof event.sender !== 'string' || senders.get(relation.event_id) !== event.sender) return event;
	return {...event, event_id: relation.event_id, content: newContent};
}

/** A message event as a hit, or nothing: not a message, redacted, or missing what a row needs. */
function hitOf(event: RawEvent, roomId = event.room_id): SearchHit | undefined {
	if (event.type !== 'm.room.message' || isRedacted(event)) return undefined;
	const body = contentOf(event).body;
	if (typeof roomId !== 'string' || roomId === '' || typeof event.event_id !== 'string' || event.event_id === '' || typeof body !== 'string') return undefined;
	const ts = typeof event.origin_server_ts === 'number' && Number.isFinite(event.origin_server_ts) ? event.origin_server_ts : 0;
	return {roomId, eventId: event.event_id, sender: typeof event.sender === 'string' ? event.sender : '', ts, body};
}

/**
 * The loaded messages of one room whose body holds `term` (case-insensitive), newest first, each as
 * the timeline shows it: with its newest edit applied, under the original's ID (what Enter jumps to).
 */
export function loadedHits(roomId: string, events: readonly RawEvent[], term: string): SearchHit[] {
	const matches = matcherFor(term);
	const shown = applyEdits(events);
	const hits: SearchHit[] = [];
	for (let index = shown.length - 1; index >= 0; index--) {
		const hit = hitOf(shown[index]!.event, roomId);
		if (hit && matches(hit.body)) hits.push(hit);
	}
	return hits;
}

/**
 * Server and local hits as one list, newest first. While the server has more pages, a local hit
 * older than its oldest hit so far waits: the next page may hold newer ones, and a list that
 * reorders under the cursor as pages come would move what the user is looking at.
 */
export function mergeHits(server: readonly SearchHit[], local: readonly SearchHit[], serverDone: boolean): SearchHit[] {
	const oldest = server.at(-1)?.ts;
	const shown = serverDone || oldest === undefined ? local : local.filter((hit) => hit.ts >= oldest);
	const merged: SearchHit[] = [];
	let s = 0;
	let l = 0;
	while (s < server.length || l < shown.length) {
		const next = l >= shown.length || (s < server.length && server[s]!.ts >= shown[l]!.ts) ? server[s++]! : shown[l++]!;
		merged.push(next);
	}
	return merged;
}
