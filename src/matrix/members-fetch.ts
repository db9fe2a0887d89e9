/**
 * GET /rooms/{id}/members, optionally filtered by membership as the spec allows, streamed: member
 * events reach `onEvents` a slice at a time as the body arrives, so a 50,000-member response is
 * never held whole — not as 21 MB of text, nor as 50,000 full event objects.
 */
import {ClientPrefix, MatrixError, type MatrixClient} from 'matrix-js-sdk';
import {asObject, type RawEvent} from '../domain/events.js';
import {StreamedArray} from './streamed-array.js';

export type MembersFilter = {membership?: string; not_membership?: string};

export async function streamMembers(client: MatrixClient, roomId: string, filter: MembersFilter, onEvents: (events: RawEvent[]) => void): Promise<void> {
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
