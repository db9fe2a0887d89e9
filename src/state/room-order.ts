/** The room list's order: invites first, then rooms by name, so keys move predictably. */
import type {RoomSnapshot} from '../matrix/protocol.js';

const collator = new Intl.Collator(undefined, {sensitivity: 'base'});

export function orderedRooms(rooms: ReadonlyMap<string, RoomSnapshot>): RoomSnapshot[] {
	return [...rooms.values()].sort((a, b) => {
		const invited = Number(b.membership === 'invite') - Number(a.membership === 'invite');
		return invited || collator.compare(a.name, b.name) || a.roomId.localeCompare(b.roomId);
	});
}

export function orderedRoomIds(rooms: ReadonlyMap<string, RoomSnapshot>): string[] {
	return orderedRooms(rooms).map((room) => room.roomId);
}
