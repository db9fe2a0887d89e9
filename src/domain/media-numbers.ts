/**
 * How /open and /download name a media event: by n, 1 the newest media event of the room, 2 the one
 * before… The timeline shows each media line's n ("#2"), so what the user reads is what they type.
 */
import {asObject, contentOf, type RawEvent} from './events.js';
import {mediaSourceOf} from './attachment.js';

/** A media event with a file we can fetch (a redacted one has none); an edit of one is not another file. */
function isMedia(event: RawEvent): boolean {
	const content = contentOf(event);
	if (event.event_id === undefined || asObject(content['m.relates_to'])['rel_type'] === 'm.replace') return false;
	return mediaSourceOf(event.type, content) !== undefined;
}

/** Each media event's n, by event ID (events oldest first, as the timeline holds them). */
export function mediaNumbers(events: readonly RawEvent[]): Map<string, number> {
	const numbers = new Map<string, number>();
	for (let index = events.length - 1; index >= 0; index--) {
		const event = events[index]!;
		if (isMedia(event)) numbers.set(event.event_id!, numbers.size + 1);
	}
	return numbers;
}

/** The nth newest media event, or undefined. */
export function nthMedia(events: readonly RawEvent[], n: number): RawEvent | undefined {
	let seen = 0;
	for (let index = events.length - 1; index >= 0; index--) {
		const event = events[index]!;
		if (isMedia(event) && ++seen === n) return event;
	}
	return undefined;
}
