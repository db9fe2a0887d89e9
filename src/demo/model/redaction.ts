import type {RawContent} from '../../domain/events.js';
import type {WireEvent} from './types.js';

/** Content keys that survive a redaction (room version 11 rules); every other type keeps nothing. */
const KEPT_CONTENT: Record<string, readonly string[]> = {
	'm.room.member': ['membership', 'join_authorised_via_users_server'],
	'm.room.join_rules': ['join_rule', 'allow'],
	'm.room.power_levels': ['ban', 'events', 'events_default', 'invite', 'kick', 'redact', 'state_default', 'users', 'users_default'],
	'm.room.history_visibility': ['history_visibility'],
	'm.room.redaction': ['redacts'],
};

function prunedContent(type: string, content: RawContent): RawContent {
	if (type === 'm.room.create') return {...content}; // v11 keeps the whole create content
	const kept: RawContent = {};
	for (const key of KEPT_CONTENT[type] ?? []) {
		if (key in content) kept[key] = content[key];
	}
	return kept;
}

/**
 * Redacts `target` in place, like a homeserver serving it afterwards: pruned content plus
 * unsigned.redacted_because. In place, so the current-state map (which shares the object) sees it too.
 */
export function redactInPlace(target: WireEvent, redaction: WireEvent): void {
	target.content = prunedContent(target.type, target.content);
	const {unsigned: _ignored, ...because} = redaction;
	const {prev_content, replaces_state} = target.unsigned;
	target.unsigned = {redacted_because: because};
	if (prev_content !== undefined) target.unsigned.prev_content = prev_content;
	if (replaces_state !== undefined) target.unsigned.replaces_state = replaces_state;
}
