/**
 * The room list's order: invites first, then rooms by name, so keys move predictably. A room
 * upgraded to one we have joined (its tombstone points there) leaves the list, as in Element.
 */
import type {RoomSnapshot} from './room-snapshot.js';
import {stateEvent} from './state-index.js';

const collator = new Intl.Collator(undefined, {sensitivity: 'base'});

export function orderedRooms(rooms: ReadonlyMap<string, RoomSnapshot>): RoomSnapshot[] {
	return [...rooms.values()]
		.filter((room) => !isSuperseded(room, rooms))
		.sort((a, b) => {
			const invited = Number(b.membership === 'invite') - Number(a.membership === 'invite');
			return invited || collator.compare(a.name, b.name) || a.roomId.localeCompare(b.roomId);
		});
}

export function orderedRoomIds(rooms: ReadonlyMap<string, RoomSnapshot>): string[] {
	return orderedRooms(rooms).map((room) => room.roomId);
}

function isSuperseded(room: RoomSnapshot, rooms: ReadonlyMap<string, RoomSnapshot>): boolean {
	const tombstone = stateEvent(room, 'm.room.tombstone');
	const replacement = tombstone?.content?.replacement_room;
	return typeof replacement === 'string' && rooms.get(replacement)?.membership === 'join';
}
