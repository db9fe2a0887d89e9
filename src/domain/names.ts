/** Display names for event text. */
import {sanitizeInline} from './sanitize.js';

/** The caller's lookup from a user ID to a display name. */
export type NameOf = (userId: string) => string;

/**
 * nameOf is the caller's, but what it returns is still event data (a display name): sanitize it,
 * and fall back to the (sanitized) user ID when it throws or gives nothing visible.
 */
export function safeNamer(nameOf: NameOf): (userId: string) => string {
	return (userId) => {
		if (userId === '') return 'someone';
		let name: unknown;
		try {
			name = nameOf(userId);
		} catch {
			name = undefined;
		}
		const shown = sanitizeInline(name);
		return shown.trim() === '' ? sanitizeInline(userId) : shown;
	};
}
