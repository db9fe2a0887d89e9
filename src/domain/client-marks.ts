/**
 * What our matrix layer learns about an event that the server does not say (why it could not be
 * decrypted, whether its sender's device is vouched for) travels on the event itself: a code in
 * its `unsigned`, under a key of our own, read back here in words. An unknown code reads as the
 * fallback; a mark always goes on a copy, since held events are replaced, never changed.
 */
import {asObject, type RawEvent} from './events.js';

export interface ClientMark {
	/** The mark's words, or undefined if the event carries none. */
	read(event: RawEvent): string | undefined;
	/** A copy of the event carrying `code`. */
	put(event: RawEvent, code: string): RawEvent;
}

export function clientMark(key: string, words: Readonly<Record<string, string>>, fallback: string): ClientMark {
	return {
		read(event) {
			const code = asObject(event.unsigned)[key];
			if (typeof code !== 'string') return undefined;
			return words[code] ?? fallback;
		},
		put: (event, code) => ({...event, unsigned: {...asObject(event.unsigned), [key]: code}}),
	};
}
