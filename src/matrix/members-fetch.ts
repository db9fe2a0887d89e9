/**
 * Our own /members fetch, streamed into cut-down events: the SDK's loadMembersIfNeeded() would
 * build a RoomMember per member, far too slow and heavy for big rooms. Each response is read as it
 * arrives, so a 50,000-member one is never held whole — not as 21 MB of text, nor as 50,000 full
 * event objects.
 */
import {ClientPrefix, MatrixError, type MatrixClient} from 'matrix-js-sdk';
import {asObject, type RawEvent} from '../domain/events.js';
import {StreamedArray} from './streamed-array.js';

/** Where a fetch puts what it reads (a room's MemberEventStore). */
export interface MemberFetchTarget {
	beginFetch(): void;
	addFetched(events: readonly RawEvent[]): void;
	finishPart(part: 'present' | 'departed'): void;
	endFetch(): void;
}

/**
 * The room's whole member list, in two parts: everyone but the departed first (as the SDK asks),
 * which is the first screen — `firstPartIn` is called then; then the departed, whom the list hides
 * until /show-deleted anyway.
 */
export async function fetchMembers(client: MatrixClient, roomId: string, target: MemberFetchTarget, firstPartIn: () => void): Promise<void> {
	target.beginFetch();
	try {
		await streamMembers(client, roomId, {not_membership: 'leave'}, (events) => target.addFetched(events));
		target.finishPart('present');
		firstPartIn();
		await streamMembers(client, roomId, {membership: 'leave'}, (events) => target.addFetched(events));
		target.finishPart('departed');
	} finally {
		target.endFetch();
	}
}

type MembersFilter = {membership?: string; not_membership?: string};

/** GET /rooms/{id}/members, filtered by membership as the spec allows: events reach `onEvents` a slice at a time. */
async function streamMembers(client: MatrixClient, roomId: string, filter: MembersFilter, onEvents: (events: RawEvent[]) => void): Promise<void> {
	const url = client.http.getUrl(`/rooms/${encodeURIComponent(roomId)}/members`, filter, ClientPrefix.V3);
	const response = await client.http.fetch(url, {headers: {Authorization: `Bearer ${client.getAccessToken() ?? ''}`}});
	if (!response.ok) throw await matrixErrorOf(response, url.href);
	// The server's JSON, untrusted: keep only member events that name their member.
	const parser = new StreamedArray('chunk', (items) => onEvents(items.filter(isMemberEvent)));
	const decoder = new TextDecoder();
	if (response.body) for await (const bytes of response.body) parser.write(decoder.decode(bytes, {stream: true}));
	parser.write(decoder.decode());
	parser.end();
}

function isMemberEvent(value: unknown): value is RawEvent {
	const event = asObject(value);
	return event.type === 'm.room.member' && typeof event.state_key === 'string';
}

/** The error the SDK would have thrown for this response, so it reads the same on screen. */
async function matrixErrorOf(response: Response, url: string): Promise<MatrixError> {
	const text = await response.text().catch(() => '');
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		body = undefined;
	}
	const json = asObject(body);
	return new MatrixError(typeof json.errcode === 'string' ? json : {error: `${response.status} ${response.statusText}`.trim()}, response.status, url, undefined, response.headers);
}
