/**
 * How /thread names a thread: by n, 1 the newest thread root the timeline holds, 2 the one before…
 * The timeline shows each thread marker's n ("🧵 #2 …"), so what the user reads is what they type.
 */
import {asObject, type RawEvent} from './events.js';
import {isThreadReply, threadRootId} from './relations.js';

/** Roots with a reply among the events, or a bundled thread count from the server. */
function rootIds(events: readonly RawEvent[]): Set<string> {
	const roots = new Set<string>();
	for (const event of events) {
		const root = threadRootId(event);
		if (root !== undefined) roots.add(root);
		else if (event.event_id !== undefined && hasBundledThread(event)) roots.add(event.event_id);
	}
	return roots;
}

function hasBundledThread(event: RawEvent): boolean {
	const count = asObject(asObject(asObject(event.unsigned)['m.relations'])['m.thread']).count;
	return typeof count === 'number' && count > 0;
}

/** Each thread root's n, by event ID (events oldest first, as the timeline holds them). */
export function threadNumbers(events: readonly RawEvent[]): Map<string, number> {
	const roots = rootIds(events);
	const numbers = new Map<string, number>();
	for (let index = events.length - 1; index >= 0; index--) {
		const id = events[index]!.event_id;
		if (id !== undefined && roots.has(id) && !isThreadReply(events[index]) && !numbers.has(id)) numbers.set(id, numbers.size + 1);
	}
	return numbers;
}

/** The nth newest thread root, or undefined. */
export function nthThreadRoot(events: readonly RawEvent[], n: number): RawEvent | undefined {
	for (const [id, number] of threadNumbers(events)) if (number === n) return events.findLast((event) => event.event_id === id);
	return undefined;
}
