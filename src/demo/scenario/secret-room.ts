/**
 * An encrypted room, as far as the demo can show one: the lock in the room list and the title, and
 * messages the client cannot read. The demo runs without a crypto store (it keeps nothing), so each
 * message carries the reason the real crypto gives — in the place our matrix layer puts it
 * (undecryptable.ts) — and a message typed here is refused on one line, never sent in clear.
 */
import {UNDECRYPTABLE_KEY} from '../../domain/undecryptable.js';
import {RoomBuilder} from './builder.js';
import {joinContent, people} from './people.js';
import type {ScenarioRoom} from './types.js';

export const SECRET_ROOM_ID = '!secret:demo.local';

const {you, alice, bob} = people;

function ciphertext(sender: string, sessionId: string, why?: string) {
	return {
		type: 'm.room.encrypted',
		sender,
		content: {algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'AwgAEnACgAkLmt6qF84IK++J7UDH2Za1YVchHyprqTqsg', device_id: 'DEVICE', sender_key: 'FdW6dIwK7v0nKzHnWb7k4pQe0bD/3Q5pOZ6P1M3lSQk', session_id: sessionId},
		...(why ? {unsigned: {[UNDECRYPTABLE_KEY]: why}} : {}),
	};
}

export function secretRoom(): ScenarioRoom {
	const room = new RoomBuilder(SECRET_ROOM_ID)
		.state(alice, 'm.room.create', {creator: alice, room_version: '10'})
		.member(alice, joinContent(alice))
		.state(alice, 'm.room.power_levels', {users: {[alice]: 100}, users_default: 0, events_default: 0, state_default: 50})
		.state(alice, 'm.room.join_rules', {join_rule: 'invite'})
		.state(alice, 'm.room.name', {name: 'Encrypted chat'})
		.state(alice, 'm.room.encryption', {algorithm: 'm.megolm.v1.aes-sha2'})
		.member(bob, joinContent(bob))
		.member(you, joinContent(you))
		.add(ciphertext(alice, 'S1', 'HISTORICAL_MESSAGE_NO_KEY_BACKUP'))
		.add(ciphertext(bob, 'S2', 'MEGOLM_KEY_WITHHELD'))
		.add(ciphertext(alice, 'S3', 'MEGOLM_UNKNOWN_INBOUND_SESSION_ID'))
		.add(ciphertext(bob, 'S3'));
	return room.build(undefined, 10 * 60_000);
}
