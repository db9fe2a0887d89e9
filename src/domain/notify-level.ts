/**
 * A room's notification setting as Element keeps it in the account's push rules (spec "Push
 * rules"): an override rule with the room's ID and no actions mutes it ('off'); a room rule with
 * no actions leaves only mentions ('mentions'); a room rule that notifies says 'all'; neither is
 * the account's defaults. Push rules are account data: untrusted JSON, checked before use.
 */
import {asObject} from './events.js';

export type NotifyLevel = 'all' | 'mentions' | 'off';
export type RoomNotifyLevel = NotifyLevel | 'default';

/** What /notify writes: the rule to put in place (kind and actions), and the one to take away. */
export interface NotifyRuleChange {
	put: {kind: 'override' | 'room'; actions: unknown[]; conditions?: unknown[]};
	remove: 'override' | 'room';
}

export function notifyRuleChange(roomId: string, level: NotifyLevel): NotifyRuleChange {
	if (level === 'off') return {put: {kind: 'override', actions: [], conditions: [{kind: 'event_match', key: 'room_id', pattern: roomId}]}, remove: 'room'};
	return {put: {kind: 'room', actions: level === 'all' ? ['notify', {set_tweak: 'sound', value: 'default'}] : []}, remove: 'override'};
}

function ruleFor(rules: unknown, roomId: string): {actions: unknown[]} | undefined {
	if (!Array.isArray(rules)) return undefined;
	const rule = rules.map(asObject).find((candidate) => candidate.rule_id === roomId && candidate.enabled !== false);
	if (!rule) return undefined;
	return {actions: Array.isArray(rule.actions) ? rule.actions : []};
}

/** A rule with no actions, or only "dont_notify" (the old way of saying nothing), notifies of nothing. */
function notifies(actions: unknown[]): boolean {
	return actions.some((action) => action === 'notify');
}

/** The room's level in the account's m.push_rules content (its "global" ruleset). */
export function roomNotifyLevel(pushRules: unknown, roomId: string): RoomNotifyLevel {
	const global = asObject(asObject(pushRules).global);
	const override = ruleFor(global.override, roomId);
	if (override && !notifies(override.actions)) return 'off';
	const room = ruleFor(global.room, roomId);
	if (room) return notifies(room.actions) ? 'all' : 'mentions';
	return 'default';
}

export interface RoomCounts {
	unread: number;
	highlights: number;
}

/**
 * Whether a room's new counts call for a desktop notification. The server counts by the
 * account's push rules (a muted room counts nothing); a mention always notifies, another message
 * only in a direct chat or a room set to 'all', and never the room on screen.
 */
export function notificationFor(before: RoomCounts, after: RoomCounts, room: {level: RoomNotifyLevel; direct: boolean; onScreen: boolean}): 'mention' | 'message' | undefined {
	if (room.onScreen || room.level === 'off') return undefined;
	if (after.highlights > before.highlights) return 'mention';
	if (after.unread > before.unread && (room.level === 'all' || (room.level === 'default' && room.direct))) return 'message';
	return undefined;
}
