/**
 * Timeline lines name people as they were called at that moment, as Element does: after Carol
 * renames herself Caroline, her earlier messages still read "Carol". Walking the timeline backwards
 * from the current names, each member event hands back the name it replaced.
 */
import {displayNameOf} from '../domain/member-list.js';
import {contentOf, prevContentOf, type RawEvent} from '../domain/events.js';
import {sanitizeInline} from '../domain/sanitize.js';

export type NameOf = (userId: string) => string;

export function namesInTime(events: readonly RawEvent[], current: NameOf): NameOf[] {
	const later = new Map<string, string>();
	const result = new Array<NameOf>(events.length);
	for (let index = events.length - 1; index >= 0; index--) {
		const event = events[index]!;
		const isMember = event.type === 'm.room.member' && typeof event.state_key === 'string';
		const target = isMember ? event.state_key! : undefined;
		// A member event names its subject by its own content (or, for a leave, the name before it).
		const ownName = target === undefined ? undefined : displayNameOf(event, target);
		const snapshot = new Map<string, string>();
		for (const userId of [event.sender, target]) {
			if (typeof userId === 'string' && later.has(userId)) snapshot.set(userId, later.get(userId)!);
		}
		result[index] = (userId) => (userId === target ? ownName! : (snapshot.get(userId) ?? current(userId)));
		if (target !== undefined) later.set(target, nameBefore(event, target));
	}
	return result;
}

function nameBefore(event: RawEvent, userId: string): string {
	const previous = prevContentOf(event);
	const name = sanitizeInline(previous.displayname);
	if (name.trim() !== '') return name;
	// No earlier member event known: the name this event set is the best we have.
	return previous.membership === undefined ? (sanitizeInline(contentOf(event).displayname).trim() || sanitizeInline(userId)) : sanitizeInline(userId);
}
