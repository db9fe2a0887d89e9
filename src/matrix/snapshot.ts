/** Reads an SDK Room into a plain RoomSnapshot: the only place SDK models are turned into data. */
import {EventStatus, EventTimeline, NotificationCountType, type MatrixEvent, type Room} from 'matrix-js-sdk';
import {applyEdits} from '../domain/edits.js';
import type {RawEvent} from '../domain/events.js';
import type {RoomSnapshot, TimelineEntry} from './protocol.js';

// getEffectiveEvent() copies; cache per event, and re-read once an event gets redacted.
const rawCache = new WeakMap<MatrixEvent, {raw: RawEvent; redacted: boolean}>();

export function rawEventOf(event: MatrixEvent): RawEvent {
	const redacted = event.isRedacted();
	const cached = rawCache.get(event);
	if (cached && cached.redacted === redacted) return cached.raw;
	const raw = event.getEffectiveEvent() as RawEvent;
	rawCache.set(event, {raw, redacted});
	return raw;
}

export function snapshotRoom(room: Room, myUserId: string, version: number, membersLoaded: boolean): RoomSnapshot {
	const live = room.getLiveTimeline();
	const pending = room.getPendingEvents();
	const timelineEvents = [...live.getEvents(), ...pending];
	const statusById = new Map<string, TimelineEntry['pending']>();
	for (const event of timelineEvents) {
		const status = pendingStatus(event);
		if (status) statusById.set(event.getId() ?? '', status);
	}
	const timeline = applyEdits(timelineEvents.map(rawEventOf)).map(({event, edited}): TimelineEntry => {
		const pendingState = statusById.get(event.event_id ?? '');
		return pendingState ? {event, edited, pending: pendingState} : {event, edited};
	});

	const state: RawEvent[] = [];
	const members: RawEvent[] = [];
	for (const [type, byKey] of room.currentState.events) {
		const target = type === 'm.room.member' ? members : state;
		for (const event of byKey.values()) target.push(rawEventOf(event));
	}

	const myMember = room.currentState.getStateEvents('m.room.member', myUserId);
	return {
		roomId: room.roomId,
		name: room.name || room.roomId,
		membership: (room.getMyMembership() || 'join') as RoomSnapshot['membership'],
		unread: room.getUnreadNotificationCount(NotificationCountType.Total) ?? 0,
		highlights: room.getUnreadNotificationCount(NotificationCountType.Highlight) ?? 0,
		inviter: room.getMyMembership() === 'invite' ? myMember?.getSender() : undefined,
		timeline,
		state,
		members,
		canPaginateBack: live.getPaginationToken(EventTimeline.BACKWARDS) !== null,
		membersLoaded,
		version,
	};
}

function pendingStatus(event: MatrixEvent): TimelineEntry['pending'] {
	switch (event.status) {
		case null:
		case EventStatus.SENT:
			return undefined;
		case EventStatus.NOT_SENT:
		case EventStatus.CANCELLED:
			return 'failed';
		default:
			return 'sending';
	}
}
