/**
 * Edits (m.replace) arrive as separate events. The timeline shows the original event with the
 * newest valid replacement content and an "edited" mark, and hides the replacement events.
 */
import {asObject, contentOf, type RawEvent} from './events.js';

export interface EditedEvent {
	event: RawEvent;
	edited: boolean;
}

function replacedEventId(event: RawEvent): string | undefined {
	const relation = asObject(contentOf(event)['m.relates_to']);
	return relation.rel_type === 'm.replace' && typeof relation.event_id === 'string' ? relation.event_id : undefined;
}

export function applyEdits(events: readonly RawEvent[]): EditedEvent[] {
	const newest = new Map<string, RawEvent>();
	for (const event of events) {
		const target = replacedEventId(event);
		if (target) newest.set(target, event);
	}
	const result: EditedEvent[] = [];
	for (const event of events) {
		if (replacedEventId(event)) continue;
		const edit = event.event_id ? newest.get(event.event_id) : undefined;
		// Only the original sender may edit; a replacement from anyone else is ignored.
		if (edit && edit.sender === event.sender && edit.type === event.type) {
			const newContent = asObject(contentOf(edit)['m.new_content']);
			// The edit replaces the body, not the relations: a reply or thread reply stays one.
			const relation = contentOf(event)['m.relates_to'];
			const content = relation === undefined ? newContent : {...newContent, 'm.relates_to': relation};
			result.push({event: {...event, content}, edited: true});
		} else {
			result.push({event, edited: false});
		}
	}
	return result;
}
