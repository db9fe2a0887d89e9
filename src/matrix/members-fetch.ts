/** GET /rooms/{id}/members, as raw events, optionally filtered by membership as the spec allows. */
import {Method, type MatrixClient} from 'matrix-js-sdk';
import {asObject, type RawEvent} from '../domain/events.js';

export async function fetchMembers(client: MatrixClient, roomId: string, filter: {membership?: string; not_membership?: string} = {}): Promise<RawEvent[]> {
	const response = await client.http.authedRequest<unknown>(Method.Get, `/rooms/${encodeURIComponent(roomId)}/members`, filter);
	const chunk = asObject(response).chunk;
	if (!Array.isArray(chunk)) return [];
	// The server's JSON, untrusted: keep only member events that name their member.
	return chunk.filter((event): event is RawEvent => asObject(event).type === 'm.room.member' && typeof asObject(event).state_key === 'string');
}
