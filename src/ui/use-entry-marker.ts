/**
 * Where the "new messages" line goes: our read marker as it was when we opened the room. Reading
 * moves the marker on the server at once (markRead); the line stays where we left off until we
 * come back to the room, as in Element.
 */
import {useState} from 'react';
import type {RoomSnapshot} from '../state/room-snapshot.js';

export function useEntryMarker(room: RoomSnapshot): string | undefined {
	const [entry, setEntry] = useState<{roomId: string; eventId: string | undefined}>({roomId: room.roomId, eventId: room.readMarker});
	// Another room opened, or the marker arrived after the room did (the first sync): taken as it is now.
	if (entry.roomId !== room.roomId || (entry.eventId === undefined && room.readMarker !== undefined)) {
		const next = {roomId: room.roomId, eventId: room.readMarker};
		setEntry(next);
		return next.eventId;
	}
	return entry.eventId;
}
