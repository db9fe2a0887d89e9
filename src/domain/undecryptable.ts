/**
 * Why an encrypted event could not be read, in words. The matrix layer marks an event the crypto
 * failed on with the SDK's failure code, in its `unsigned` under our own key; the event stays in
 * the timeline (never dropped), and is put in the clear in place if a key arrives later.
 */
import {clientMark} from './client-marks.js';
import type {RawEvent} from './events.js';

/** Our mark in `unsigned`: the failure code of the last attempt. */
export const UNDECRYPTABLE_KEY = 'io.github.matrix-tui.undecryptable';

const WORDS: Record<string, string> = {
	MEGOLM_UNKNOWN_INBOUND_SESSION_ID: 'waiting for the key',
	OLM_UNKNOWN_MESSAGE_INDEX: 'waiting for the key',
	MEGOLM_KEY_WITHHELD: 'the sender withheld the key',
	MEGOLM_KEY_WITHHELD_FOR_UNVERIFIED_DEVICE: 'the sender withheld the key: this device is not verified',
	HISTORICAL_MESSAGE_NO_KEY_BACKUP: 'sent before this device joined',
	HISTORICAL_MESSAGE_BACKUP_UNCONFIGURED: 'sent before this device joined',
	HISTORICAL_MESSAGE_WORKING_BACKUP: 'sent before this device joined',
	HISTORICAL_MESSAGE_USER_NOT_JOINED: 'sent before you joined',
	SENDER_IDENTITY_PREVIOUSLY_VERIFIED: "the sender's identity changed since it was verified",
	UNSIGNED_SENDER_DEVICE: "the sender's device is not verified",
	UNKNOWN_SENDER_DEVICE: "the sender's device is not known",
};

/** The reason in words if the matrix layer marked this event undecryptable; undefined if it did not try (or no crypto). */
const mark = clientMark(UNDECRYPTABLE_KEY, WORDS, 'an unknown error');

export function undecryptableReason(event: RawEvent): string | undefined {
	return mark.read(event);
}

/** The event marked with the failure code (a copy: the held one is replaced, never changed). */
export function markUndecryptable(event: RawEvent, code: string): RawEvent {
	return mark.put(event, code);
}
