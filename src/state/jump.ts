/**
 * /search's Enter: a message shown in its context, in place of its room's live timeline until Esc.
 * The events are in memory only, decrypted where the room is encrypted.
 */
import type {RawEvent} from '../domain/events.js';

export interface JumpView {
	roomId: string;
	/** The message jumped to: marked in the view. */
	eventId: string;
	/** It and the events around it, oldest first. */
	events: readonly RawEvent[];
	/** Member events for the senders' names, beyond those the room holds. */
	members: readonly RawEvent[];
}

/** Events on each side of the message when the room already holds it: no request. */
export const HELD_CONTEXT = 20;

/** The message and its neighbours from the room's loaded timeline, if it is there. */
export function heldContext(events: readonly RawEvent[], eventId: string): RawEvent[] | undefined {
	const at = events.findIndex((event) => event.event_id === eventId);
	return at === -1 ? undefined : events.slice(Math.max(0, at - HELD_CONTEXT), at + HELD_CONTEXT + 1);
}
