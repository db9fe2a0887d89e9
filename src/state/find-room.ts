/** A query over the room list: the room an ID, alias or name points at. */
import type {RoomSnapshot} from './room-snapshot.js';
import {stateEvent} from './state-index.js';

/** Finds a room by ID, alias (canonical or alt) or name, case-insensitively for names. */
export function findRoom(rooms: ReadonlyMap<string, RoomSnapshot>, query: string): string | undefined {
	if (rooms.has(query)) return query;
	const lower = query.toLowerCase();
	for (const room of rooms.values()) {
		if (aliasesOf(room).includes(query)) return room.roomId;
	}
	for (const room of rooms.values()) {
		if (room.name.toLowerCase() === lower) return room.roomId;
	}
	return undefined;
}

function aliasesOf(room: RoomSnapshot): string[] {
	const canonical = stateEvent(room, 'm.room.canonical_alias');
	const content = canonical?.content ?? {};
	const aliases: string[] = [];
	if (typeof content.alias === 'string') aliases.push(content.alias);
	if (Array.isArray(content.alt_aliases)) aliases.push(...content.alt_aliases.filter((alias): alias is string => typeof alias === 'string'));
	return aliases;
}
