/**
 * The room directory (`POST /publicRooms`): its answer is the server's JSON, so each entry is
 * checked here; entries without a room ID are dropped, a bad member count is 0. Text is sanitized
 * where it is drawn (directory-rows.ts), like every other server string.
 */
import {asObject} from './events.js';

export interface PublicRoom {
	roomId: string;
	name?: string;
	alias?: string;
	members: number;
	topic?: string;
}

export interface PublicRoomsPage {
	rooms: PublicRoom[];
	/** The token for the next page; none at the end. */
	next?: string;
	/** The server's estimate of how many rooms match, if it gives one. */
	total?: number;
}

export function publicRoomsPage(body: unknown): PublicRoomsPage {
	const object = asObject(body);
	const chunk = Array.isArray(object.chunk) ? object.chunk : [];
	const rooms = chunk.flatMap((entry): PublicRoom[] => {
		const room = asObject(entry);
		if (typeof room.room_id !== 'string' || room.room_id === '') return [];
		const members = typeof room.num_joined_members === 'number' && Number.isSafeInteger(room.num_joined_members) && room.num_joined_members >= 0 ? room.num_joined_members : 0;
		return [{roomId: room.room_id, members, ...text('name', room.name), ...text('alias', room.canonical_alias), ...text('topic', room.topic)}];
	});
	const page: PublicRoomsPage = {rooms};
	if (typeof object.next_batch === 'string' && object.next_batch !== '') page.next = object.next_batch;
	if (typeof object.total_room_count_estimate === 'number' && Number.isSafeInteger(object.total_room_count_estimate) && object.total_room_count_estimate >= 0) page.total = object.total_room_count_estimate;
	return page;
}

function text<Key extends string>(key: Key, value: unknown): Partial<Record<Key, string>> {
	return typeof value === 'string' && value.trim() !== '' ? ({[key]: value} as Partial<Record<Key, string>>) : {};
}

/** What /explore's Enter joins: the alias where there is one (it routes over federation), else the ID. */
export function joinTarget(room: PublicRoom): string {
	return room.alias ?? room.roomId;
}
