/**
 * How the outbox reaches the homeserver: one PUT /send with the message's own transaction ID, past
 * the SDK's scheduler and local echoes (which give up after ~30 s and reject everything queued
 * behind a failure). Before each attempt, whether the room can take it at all; in an encrypted room
 * the message is encrypted at each attempt (outbox-encryption.ts) and goes as m.room.encrypted
 * under the same transaction ID, so the server still stores it once.
 */
import {Method, type MatrixClient} from 'matrix-js-sdk';
import type {OutboxEntry} from './outbox.js';
import {ENCRYPTION_OFF, wireEvent} from './outbox-encryption.js';
import type {OutboxTransport, SendCheck} from './outbox-sender.js';

/** A /send that has not answered by then is tried again (same transaction ID: stored once). */
const SEND_TIMEOUT_MS = 20_000;

export function sdkTransport(client: MatrixClient, synced: () => boolean): OutboxTransport {
	return {
		check: (entry) => checkRoom(client, synced(), entry.roomId),
		async send(entry: OutboxEntry) {
			const wire = await wireEvent(client, entry);
			const path = `/rooms/${encodeURIComponent(entry.roomId)}/send/${encodeURIComponent(wire.eventType)}/${encodeURIComponent(entry.txnId)}`;
			const answer: unknown = await client.http.authedRequest(Method.Put, path, undefined, wire.content, {localTimeoutMs: SEND_TIMEOUT_MS});
			const eventId = (answer as {event_id?: unknown} | null)?.event_id;
			// A 200 without an event ID is no proof it was stored: try again (the server dedupes).
			if (typeof eventId !== 'string') throw new Error('the server answered without an event ID');
			return eventId;
		},
	};
}

function checkRoom(client: MatrixClient, synced: boolean, roomId: string): SendCheck {
	// Before the first sync the room's membership and encryption are not known: nothing may go yet
	// (measured: messages sent to a room the client had not synced yet went out in clear).
	if (!synced) return {wait: 'waiting for the first sync'};
	const room = client.getRoom(roomId);
	if (!room || room.getMyMembership() !== 'join') return {refuse: 'you are not in this room'};
	if (room.hasEncryptionStateEvent() && !client.getCrypto()) return {refuse: ENCRYPTION_OFF};
	return undefined;
}
