/** An SDK event as the plain wire JSON the rest of the app reads. */
import type {MatrixEvent} from 'matrix-js-sdk';
import type {RawEvent} from '../domain/events.js';

const redactedCopies = new WeakMap<MatrixEvent, RawEvent>();

/**
 * The event's wire JSON, as the SDK holds it: no copy, since a big room has tens of thousands of
 * state events (we never decrypt, so there is no clear event to merge). The SDK prunes a redacted
 * event in place, so a redacted one is copied once: a new object tells the app it changed.
 */
export function rawEventOf(event: MatrixEvent): RawEvent {
	if (!event.isRedacted()) return event.event as RawEvent;
	let copy = redactedCopies.get(event);
	if (!copy) redactedCopies.set(event, (copy = structuredClone(event.event) as RawEvent));
	return copy;
}
