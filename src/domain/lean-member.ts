/**
 * A member event cut down to what the member rules read: membership, name, reason, the MSC3759 and
 * MSC3901 flags, the previous membership and name (a kick or an unban is told by them), and the
 * redaction. A 50,000-member room keeps 50,000 of these, not 50,000 copies of the server's envelope
 * (avatars, ages, room IDs, replaced event IDs…).
 */
import {pickKeys, type RawEvent} from './events.js';

const CONTENT_KEYS = ['membership', 'displayname', 'reason', 'm.deactivated', 'org.matrix.msc3759.deactivated', 'deleted', 'm.obsolete'] as const;
const PREVIOUS_KEYS = ['membership', 'displayname'] as const;

export function leanMemberEvent(event: RawEvent): RawEvent {
	const lean: RawEvent = {type: event.type, state_key: event.state_key, content: pickKeys(event.content, CONTENT_KEYS)};
	// The same string twice in a self-made change (most of them): one copy.
	if (event.sender !== undefined) lean.sender = event.sender === event.state_key ? event.state_key : event.sender;
	if (event.event_id !== undefined) lean.event_id = event.event_id;
	const previous = event.unsigned?.prev_content ?? event.prev_content;
	const redactedBecause = event.unsigned?.redacted_because;
	if (previous !== undefined || redactedBecause !== undefined) {
		lean.unsigned = {};
		if (previous !== undefined) lean.unsigned.prev_content = pickKeys(previous, PREVIOUS_KEYS);
		if (redactedBecause !== undefined) lean.unsigned.redacted_because = redactedBecause;
	}
	return lean;
}
