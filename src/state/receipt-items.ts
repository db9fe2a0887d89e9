/**
 * Read receipts on timeline items: each reader's names at the end of the item they have read up
 * to. A receipt at an event with no line of its own (a reaction, an edit) shows at the line
 * before it, which the reader has read too.
 */
import type {RawEvent} from '../domain/events.js';
import {readersText, type ReadersAt} from '../domain/receipts.js';
import {sanitizeInline} from '../domain/sanitize.js';
import {truncateToWidth} from '../domain/text-width.js';
import type {TimelineItem} from './selectors.js';

/** A long display name would push the rest of the readers off the row. */
const NAME_MAX_WIDTH = 16;

const withReaders = new WeakMap<TimelineItem, {readers: string; item: TimelineItem}>();

export function itemsWithReceipts(items: readonly TimelineItem[], receipts: readonly ReadersAt[], events: readonly RawEvent[], nameOf: (userId: string) => string): TimelineItem[] {
	if (receipts.length === 0) return items as TimelineItem[];
	const keys = new Set(items.map((item) => item.key));
	const names = new Map<string, string[]>();
	const more = new Map<string, number>();
	for (const at of receipts) {
		const key = keys.has(at.eventId) ? at.eventId : itemBefore(at.eventId, events, keys);
		if (key === undefined) continue;
		names.set(key, [...(names.get(key) ?? []), ...at.userIds.map((userId) => truncateToWidth(sanitizeInline(nameOf(userId)), NAME_MAX_WIDTH))]);
		more.set(key, (more.get(key) ?? 0) + at.more);
	}
	return items.map((item) => {
		const shown = names.get(item.key);
		if (!shown) return item;
		const readers = readersText(shown, more.get(item.key) ?? 0);
		// The same object while the readers stay: its rows are not laid out again.
		const previous = withReaders.get(item);
		if (previous?.readers === readers) return previous.item;
		const next = {...item, readers};
		withReaders.set(item, {readers, item: next});
		return next;
	});
}

function itemBefore(eventId: string, events: readonly RawEvent[], keys: ReadonlySet<string>): string | undefined {
	const at = events.findLastIndex((event) => event.event_id === eventId);
	for (let index = at - 1; index >= 0; index--) {
		const id = events[index]!.event_id;
		if (id !== undefined && keys.has(id)) return id;
	}
	return undefined;
}
