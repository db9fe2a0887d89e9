/**
 * The SDK's own timelines, kept small. The app draws the held timeline (held-timeline.ts); the SDK
 * needs only its newest events (the read receipt's target, local echoes, its own "do I have this
 * already" check on limited syncs). Left alone, its live timeline grows with every message, and
 * with timelineSupport every limited sync keeps the old live timeline beside the new one.
 */
import type {MatrixClient, Room} from 'matrix-js-sdk';

/** Events the SDK's live timeline keeps. */
export const SDK_TIMELINE_KEEP = 50;

/** A limited sync starts the SDK's timelines over: the old ones are forgotten, not kept beside the new. */
export function forgetTimelinesOnReset(client: MatrixClient): void {
	client.setCanResetTimelineCallback(() => true);
}

/** Drops the oldest events of the room's live timeline past SDK_TIMELINE_KEEP. */
export function trimSdkTimeline(room: Room): void {
	const events = room.getLiveTimeline().getEvents();
	const excess = events.length - SDK_TIMELINE_KEEP;
	if (excess <= 0) return;
	const timelineSet = room.getUnfilteredTimelineSet();
	for (const event of events.slice(0, excess)) {
		const eventId = event.getId();
		if (eventId !== undefined) timelineSet.removeEvent(eventId);
	}
}
