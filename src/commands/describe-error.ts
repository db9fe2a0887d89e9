/** One clear line for each way an action can fail. */
import {requiredPowerLevel, userPowerLevel, type PowerAction} from '../domain/power-levels.js';
import {sanitizeInline} from '../domain/sanitize.js';
import {powerLevelsOf} from '../state/selectors.js';
import type {ActionError} from '../matrix/protocol.js';
import type {RoomSnapshot} from '../state/room-snapshot.js';

export function describeError(error: ActionError, context: {room?: RoomSnapshot; userId: string; what: string; power?: PowerAction; notFound?: string}): string {
	const what = context.what;
	switch (error.kind) {
		case 'forbidden': {
			const levels = context.room ? powerLevelsOf(context.room) : undefined;
			if (context.power && levels) {
				const needed = requiredPowerLevel(levels, context.power);
				const mine = userPowerLevel(levels, context.userId);
				if (mine < needed) return `Cannot ${what}: needs power level ${needed}, you have ${mine}`;
			}
			return `Cannot ${what}: ${serverSays(error)}`;
		}
		case 'not-found':
			return context.notFound ?? `Cannot ${what}: not found`;
		case 'rate-limited': {
			const seconds = error.retryAfterMs === undefined ? undefined : Math.ceil(error.retryAfterMs / 1000);
			return `Cannot ${what}: the server is rate-limiting you${seconds === undefined ? '' : ` — try again in ${seconds}s`}`;
		}
		case 'network':
			return `Cannot ${what}: the homeserver cannot be reached — check the connection and try again`;
		case 'unknown-token':
			return `Cannot ${what}: your session has ended (logged out) — start matrix-tui again to log in`;
		default:
			return `Cannot ${what}: ${serverSays(error)}`;
	}
}

function serverSays(error: ActionError): string {
	const message = sanitizeInline(error.message).slice(0, 200) || 'unknown error';
	return error.errcode ? `${message} (${error.errcode})` : message;
}
