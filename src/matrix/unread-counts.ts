/**
 * Unread and highlight counts worked out here, from the push rules, for sliding sync: Synapse's
 * simplified sliding sync sends `notification_count` and `highlight_count` as 0 (not computed
 * there), so a mention would never count. Each room's events after our read receipt (in the SDK's
 * live timeline, which holds the newest ones) are judged by the account's push rules, as classic
 * sync's server does.
 */
import {EventTimeline, NotificationCountType, type MatrixClient, type Room} from 'matrix-js-sdk';
import type {RoomCounts} from './server-unread.js';

export function countUnreadHere(client: MatrixClient, room: Room, myUserId: string, fromServer?: RoomCounts): void {
	const readUpTo = room.getEventReadUpTo(myUserId);
	const timeline = room.getLiveTimeline();
	const events = timeline.getEvents();
	const unread = new Set<string>();
	const highlighted = new Set<string>();
	// Whether the events held reach back to where we read (or to the room's start).
	let reached = timeline.getPaginationToken(EventTimeline.BACKWARDS) === null;
	for (let index = events.length - 1; index >= 0; index--) {
		const event = events[index]!;
		const eventId = event.getId() ?? '';
		// What we sent, we have read up to.
		if (eventId === readUpTo || event.getSender() === myUserId) {
			reached = true;
			break;
		}
		const actions = client.getPushActionsForEvent(event);
		if (!actions?.notify) continue;
		unread.add(eventId);
		if (actions.tweaks?.highlight) highlighted.add(eventId);
	}
	if (!reached && fromServer) {
		for (const eventId of fromServer.unread) unread.add(eventId);
		for (const eventId of fromServer.highlighted) highlighted.add(eventId);
	}
	const total = unread.size;
	const highlight = highlighted.size;
	// Each set tells the room's listeners (and so marks it to flush again): only a change is set.
	if (room.getUnreadNotificationCount(NotificationCountType.Total) !== total) room.setUnreadNotificationCount(NotificationCountType.Total, total);
	if (room.getUnreadNotificationCount(NotificationCountType.Highlight) !== highlight) room.setUnreadNotificationCount(NotificationCountType.Highlight, highlight);
}
