/**
 * What an outbox message becomes on the wire in an encrypted room: the Rust crypto shares the
 * room key with the members' devices, then encrypts the content to an m.room.encrypted event.
 * A room is encrypted if its state says so or if the crypto remembers it was (a state reset or a
 * lean state section cannot make a room clear again); the content goes in clear only when neither.
 */
import {MatrixEvent, type MatrixClient, type Room} from 'matrix-js-sdk';
import type {RawContent} from '../domain/events.js';
import type {OutboxEntry} from './outbox.js';
import {SendRefused} from './outbox-sender.js';

export interface WireEvent {
	eventType: string;
	content: RawContent;
}

/**
 * The SDK's crypto backend encrypts one event for a room. It is not public API: the public path
 * (sendEvent) would take the message into the SDK's scheduler and local echoes, which the outbox
 * replaces (outbox-transport.ts).
 */
interface EventEncryptor {
	encryptEvent(event: MatrixEvent, room: Room): Promise<void>;
}

export async function wireEvent(client: MatrixClient, entry: OutboxEntry): Promise<WireEvent> {
	const room = client.getRoom(entry.roomId);
	const crypto = client.getCrypto();
	const encrypted = room?.hasEncryptionStateEvent() === true || (crypto !== undefined && (await crypto.isEncryptionEnabledInRoom(entry.roomId)));
	if (!encrypted) return {eventType: entry.eventType, content: entry.content};
	const encryptor = (client as unknown as {cryptoBackend?: EventEncryptor}).cryptoBackend;
	if (!room || !crypto || !encryptor) throw new SendRefused(ENCRYPTION_OFF);
	const event = new MatrixEvent({type: entry.eventType, content: entry.content, room_id: entry.roomId, sender: client.getUserId() ?? undefined, event_id: `~${entry.txnId}`});
	await encryptor.encryptEvent(event, room);
	// A failed encryption throws above; this guards the one thing that must never happen.
	if (!event.isEncrypted() || event.getWireType() !== 'm.room.encrypted') throw new SendRefused('the message could not be encrypted');
	return {eventType: event.getWireType(), content: event.getWireContent()};
}

export const ENCRYPTION_OFF = 'this room is encrypted, and encryption is off on this device';
