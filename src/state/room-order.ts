/**
 * The room list's order, in sections as Element has them: Invites, Favourites, People (direct
 * chats, from m.direct), Rooms, Low priority. Within a section rooms go by name (Favourites by
 * their tag's order first), never by activity: the list stays still while you read, and keys move
 * predictably. A room upgraded to one we have joined (its tombstone points there) leaves the list.
 */
import type {RoomSnapshot} from './room-snapshot.js';
import {stateEvent} from './state-index.js';

export const ROOM_SECTIONS = ['invites', 'favourites', 'people', 'rooms', 'low-priority'] as const;
export type RoomSection = (typeof ROOM_SECTIONS)[number];

export const SECTION_TITLES: Record<RoomSection, string> = {
	invites: 'Invites',
	favourites: 'Favourites',
	people: 'People',
	rooms: 'Rooms',
	'low-priority': 'Low priority',
};

const collator = new Intl.Collator(undefined, {sensitivity: 'base'});

/** A tag with both (never set by us, but another client may): Favourite wins, as in Element. */
export function sectionOf(room: RoomSnapshot): RoomSection {
	if (room.membership === 'invite') return 'invites';
	if (room.tags?.favourite) return 'favourites';
	if (room.tags?.lowPriority) return 'low-priority';
	return room.direct === undefined ? 'rooms' : 'people';
}

export function orderedRooms(rooms: ReadonlyMap<string, RoomSnapshot>): RoomSnapshot[] {
	const placed = [...rooms.values()].filter((room) => !isSuperseded(room, rooms)).map((room) => ({room, section: ROOM_SECTIONS.indexOf(sectionOf(room))}));
	placed.sort((a, b) => a.section - b.section || favouriteOrder(a.room) - favouriteOrder(b.room) || collator.compare(a.room.name, b.room.name) || a.room.roomId.localeCompare(b.room.roomId));
	return placed.map(({room}) => room);
}

export function orderedRoomIds(rooms: ReadonlyMap<string, RoomSnapshot>): string[] {
	return orderedRooms(rooms).map((room) => room.roomId);
}

/** A favourite's place by its tag's order (in [0, 1]; none goes last); other rooms all alike. */
function favouriteOrder(room: RoomSnapshot): number {
	const favourite = room.membership === 'invite' ? undefined : room.tags?.favourite;
	return favourite ? (favourite.order ?? 2) : 0;
}

function isSuperseded(room: RoomSnapshot, rooms: ReadonlyMap<string, RoomSnapshot>): boolean {
	const tombstone = stateEvent(room, 'm.room.tombstone');
	const replacement = tombstone?.content?.replacement_room;
	return typeof replacement === 'string' && rooms.get(replacement)?.membership === 'join';
}
