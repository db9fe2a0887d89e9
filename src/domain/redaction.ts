/**
 * What is left of an event once it is redacted (the spec's redaction algorithm, room version 11):
 * the envelope, the few content keys that room authorisation needs, and unsigned.redacted_because.
 * Used for state the SDK never saw (big rooms' state kept on our lean path), so the rules that
 * treat redacted state as deleted see it redacted too.
 */
import {asObject, pickKeys, type RawEvent} from './events.js';

/** Content keys that survive a redaction, per event type; every other type keeps none. */
const KEPT_CONTENT: Record<string, readonly string[]> = {
	'm.room.member': ['membership', 'join_authorised_via_users_server'],
	'm.room.join_rules': ['join_rule', 'allow'],
	'm.room.power_levels': ['ban', 'events', 'events_default', 'invite', 'kick', 'redact', 'state_default', 'users', 'users_default'],
	'm.room.history_visibility': ['history_visibility'],
};

export function redactedEvent(event: RawEvent, redaction: RawEvent): RawEvent {
	// m.room.create keeps all its content (room version 11).
	const kept = event.type === 'm.room.create' ? {...asObject(event.content)} : pickKeys(event.content, KEPT_CONTENT[event.type] ?? []);
	const pruned: RawEvent = {type: event.type, content: kept, unsigned: {redacted_because: redaction}};
	for (const key of ['event_id', 'sender', 'state_key', 'origin_server_ts', 'room_id'] as const) if (event[key] !== undefined) (pruned as unknown as Record<string, unknown>)[key] = event[key];
	return pruned;
}
