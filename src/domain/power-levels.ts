/**
 * Power levels from the content of m.room.power_levels (or undefined/null when the room has none),
 * with the spec's defaults. Only numbers count: a malformed value falls back to the default rather
 * than granting or denying anything by accident.
 */
import {asObject} from './events.js';

export type PowerAction =
	| {kind: 'state'; eventType: string}
	| {kind: 'message'; eventType: string}
	| {kind: 'kick' | 'ban' | 'invite' | 'redact'};

// The spec (m.room.power_levels): kick, ban and redact default to 50 and invite to 0, with or without
// a power_levels event. state_default is 50 in both cases too: the old "0 when there is no
// power_levels event" text was removed from the spec (matrix-spec#1479, fixing #861).
const STATE_DEFAULT = 50;
const EVENTS_DEFAULT = 0;
const ACTION_DEFAULTS = {kick: 50, ban: 50, invite: 0, redact: 50} as const;

function numberAt(object: Record<string, unknown>, key: string): number | undefined {
	// Own keys only: "constructor" or "__proto__" must not reach Object.prototype.
	if (!Object.hasOwn(object, key)) return undefined;
	const value = object[key];
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * users[userId], else users_default, else 0. Without a power_levels event the spec gives the room
 * creator 100; this function does not know the creator, so callers handle that case.
 */
export function userPowerLevel(powerLevels: unknown, userId: string): number {
	const content = asObject(powerLevels);
	return numberAt(asObject(content.users), userId) ?? numberAt(content, 'users_default') ?? 0;
}

export function requiredPowerLevel(powerLevels: unknown, action: PowerAction): number {
	const content = asObject(powerLevels);
	switch (action?.kind) {
		case 'state':
			return numberAt(asObject(content.events), action.eventType) ?? numberAt(content, 'state_default') ?? STATE_DEFAULT;
		case 'message':
			return numberAt(asObject(content.events), action.eventType) ?? numberAt(content, 'events_default') ?? EVENTS_DEFAULT;
		case 'kick':
		case 'ban':
		case 'invite':
		case 'redact':
			return numberAt(content, action.kind) ?? ACTION_DEFAULTS[action.kind];
		default:
			// An unknown action from an untyped caller: require the most we know of.
			return STATE_DEFAULT;
	}
}
