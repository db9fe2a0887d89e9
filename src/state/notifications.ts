/**
 * Which room updates call for a desktop notification, and what it says: the room as its title,
 * the newest line (sender and text, as the timeline draws it) as its body. The rule is
 * notify-level.ts's; this only reads the snapshots before and after an update.
 */
import {notificationFor} from '../domain/notify-level.js';
import type {AppState} from './app-state.js';
import type {RoomSnapshot} from './room-snapshot.js';
import {selectTimeline} from './selectors.js';

export interface DesktopNotification {
	roomId: string;
	kind: 'mention' | 'message';
	/** Sanitized by the timeline's rules; the terminal layer shortens it and makes it inert. */
	title: string;
	body: string;
}

/** A notification for this room's update, if it calls for one. Rooms seen for the first time never do (the first sync's backlog). */
export function notificationOf(before: RoomSnapshot | undefined, state: AppState, roomId: string): DesktopNotification | undefined {
	const room = state.rooms.get(roomId);
	if (!before || !room) return undefined;
	const kind = notificationFor(before, room, {level: room.notifyLevel ?? 'default', direct: room.direct !== undefined || room.oneToOne === true, onScreen: state.selectedRoomId === roomId});
	if (!kind) return undefined;
	const newest = selectTimeline(room, state.reasonMaxWidth, state.userId, 20).findLast((item) => item.line.kind === 'message' || item.line.kind === 'emote' || item.line.kind === 'notice' || item.line.kind === 'encrypted');
	const line = newest?.line;
	const body = !line ? (kind === 'mention' ? 'mentioned you' : 'new message') : line.kind === 'emote' ? line.text : `${line.sender}: ${line.text}`;
	return {roomId, kind, title: room.name, body};
}
