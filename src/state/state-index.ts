/**
 * One current state event by type and key, indexed once per state array: a big room has 20,000
 * state events, and the topic, name, power levels and tombstone are read on every frame.
 */
import type {RawEvent} from '../domain/events.js';
import type {RoomSnapshot} from './room-snapshot.js';

const indexes = new WeakMap<RawEvent[], Map<string, RawEvent>>();

export function stateEvent(room: RoomSnapshot, type: string, stateKey = ''): RawEvent | undefined {
	let index = indexes.get(room.state);
	if (!index) {
		index = new Map();
		for (const event of room.state) index.set(`${event.type}\u0000${event.state_key ?? ''}`, event);
		indexes.set(room.state, index);
	}
	return index.get(`${type}\u0000${stateKey}`);
}
