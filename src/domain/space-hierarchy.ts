/**
 * A page of a space's hierarchy (`GET /_matrix/client/v1/rooms/{spaceId}/hierarchy`): the server's
 * JSON, checked entry by entry as the room directory's is (public-rooms.ts). Each entry's
 * `children_state` holds the m.space.child events of that room: the servers to join its children by.
 */
import {asObject} from './events.js';
import {publicRoomsPage, type PublicRoom} from './public-rooms.js';
import {SPACE_CHILD, SPACE_TYPE, viaServers} from './spaces.js';

export interface HierarchyPage {
	/** The rooms of the page that are not spaces (a sub-space is walked by the server, not joined here). */
	rooms: PublicRoom[];
	/** Each child's servers to join through, by room ID, from the page's children_state. */
	via: Record<string, string[]>;
	next?: string;
}

export function hierarchyPage(body: unknown): HierarchyPage {
	const object = asObject(body);
	const chunk = Array.isArray(object.rooms) ? object.rooms : [];
	const notSpaces = chunk.filter((entry) => asObject(entry).room_type !== SPACE_TYPE);
	const {rooms} = publicRoomsPage({chunk: notSpaces});
	const via: Record<string, string[]> = {};
	for (const entry of chunk) {
		const childrenState = asObject(entry).children_state;
		if (!Array.isArray(childrenState)) continue;
		for (const value of childrenState) {
			const event = asObject(value);
			// A room ID starts with '!': no key like __proto__ reaches the record.
			if (event.type !== SPACE_CHILD || typeof event.state_key !== 'string' || !event.state_key.startsWith('!')) continue;
			const servers = viaServers(event.content);
			if (servers.length > 0 && !Object.hasOwn(via, event.state_key)) via[event.state_key] = servers;
		}
	}
	const page: HierarchyPage = {rooms, via};
	if (typeof object.next_batch === 'string' && object.next_batch !== '') page.next = object.next_batch;
	return page;
}
