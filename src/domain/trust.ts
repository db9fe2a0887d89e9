/**
 * Whether a decrypted message came from a device we can trust. The matrix layer asks the crypto
 * once per decrypted event and, when it has a warning, marks the clear form with the warning's
 * code in `unsigned` under our own key — so the timeline reads it off the event like the
 * undecryptable mark (undecryptable.ts), at no cost for the messages that carry none.
 */
import {clientMark} from './client-marks.js';
import type {RawEvent} from './events.js';

/** Our mark in `unsigned`: the crypto's reason (EventShieldReason's name) for a warning. */
const UNTRUSTED_KEY = 'io.github.matrix-tui.untrusted';

/** What the timeline draws after a marked message; the help overlay's legend explains it. */
export const UNTRUSTED_MARKER = '⚠';

const WORDS: Record<string, string> = {
	UNSIGNED_DEVICE: 'sent from a device its owner has not verified',
	UNKNOWN_DEVICE: 'sent from an unknown or deleted device',
	AUTHENTICITY_NOT_GUARANTEED: "the key came from a backup or another device: the sender can't be confirmed",
	VERIFICATION_VIOLATION: "the sender's identity changed since it was verified",
	MISMATCHED_SENDER: 'the sender does not own the device that encrypted it',
	UNVERIFIED_IDENTITY: 'sent by a user you have not verified',
};

/** The warning in words if the matrix layer marked this event; undefined for a trusted one (or no crypto). */
const mark = clientMark(UNTRUSTED_KEY, WORDS, 'the crypto cannot vouch for the sender');

export function untrustedReason(event: RawEvent): string | undefined {
	return mark.read(event);
}

/** The event marked with the crypto's reason (a copy: the held one is replaced, never changed). */
export function markUntrusted(event: RawEvent, code: string): RawEvent {
	return mark.put(event, code);
}
