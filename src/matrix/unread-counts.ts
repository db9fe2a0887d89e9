/**
 * Unread and highlight counts worked out here, from the push rules, for sliding sync: Synapse's
 * simplified sliding sync sends `notification_count` and `highlight_count` as 0 (not computed
 * there), so a mention would never count. Each room's events after our read receipt (in the SDK's
 * live timeline, which holds the newest ones) are judged by the account's push rules, as classic
 * sync's server does.
 */
import {NotificationCountType, type MatrixClient, type Room} from 'matrix-js-sdk';

export function countUnreadHere(client: MatrixClient, room: Room, myUserId: string): void {
	const readUpTo = room.getEventReadUpTo(myUserId);
	const events = room.getLiveTimeline().getEvents();
	let total = 0;
	let highlight = 0;
	for (let index = events.length - 1; index >= 0; index--) {
		const event = events[index]!;
		if (event.getId() === readUpTo) break;
		if (event.getSender() === myUserId) break; // what we sent, we have read up to
		const actions = client.getPushActionsForEvent(event);
		if (!actions?.notify) continue;
		total++;
		if (actions.tweaks?.highlight) highlight++;
	}
	// Each set tells the room's listeners (and so marks it to flush again): only a change is set.
	if (room.getUnreadNotificationCount(NotificationCountType.Total) !== total) room.setUnreadNotificationCount(NotificationCountType.Total, total);
	if (room.getUnreadNotificationCount(NotificationCountType.Highlight) !== highlight) room.setUnreadNotificationCount(NotificationCountType.Highlight, highlight);
}
