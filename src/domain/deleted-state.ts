/**
 * MSC3901 "deleted" state: state that says nothing about the room as it is now, so it can be hidden
 * (e.g. from the member list and state view) without losing anything a user needs.
 */
import {asEvent, contentOf, isRedacted, isStateEvent, type RawEvent} from './events.js';

export function isDeletedState(untrusted: RawEvent): boolean {
	const event = asEvent(untrusted);
	if (!isStateEvent(event)) return false;
	// Redacted state is deleted whatever is left of its content.
	if (isRedacted(event)) return true;
	const content = contentOf(event);
	// The MSC says no other value is allowed; "true", 1 or null are malformed, not deleted.
	if (content.deleted === true || content['m.obsolete'] === true) return true;
	// Every leave is deleted, a kick included. A ban is not a leave: it still keeps the user out.
	return event.type === 'm.room.member' && content.membership === 'leave';
}
