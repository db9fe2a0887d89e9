/** The unverified-device mark: read off the event's `unsigned` like the undecryptable one, worded, and never trusted from elsewhere. */
import {describe, expect, test} from 'vitest';
import type {RawEvent} from '../../src/domain/events.js';
import {timelineLine} from '../../src/domain/timeline-text.js';
import {markUntrusted, untrustedReason} from '../../src/domain/trust.js';

const clear: RawEvent = {type: 'm.room.message', sender: '@bob:x', event_id: '$1', content: {msgtype: 'm.text', body: 'hi'}, unsigned: {age: 5}};
const nameOf = (userId: string) => (userId === '@bob:x' ? 'Bob' : userId);

describe('untrustedReason', () => {
	test.each([
		['UNSIGNED_DEVICE', 'sent from a device its owner has not verified'],
		['UNKNOWN_DEVICE', 'sent from an unknown or deleted device'],
		['AUTHENTICITY_NOT_GUARANTEED', "the key came from a backup or another device: the sender can't be confirmed"],
		['VERIFICATION_VIOLATION', "the sender's identity changed since it was verified"],
		['SOMETHING_NEW', 'the crypto cannot vouch for the sender'],
	])('%s: %s', (code, words) => {
		expect(untrustedReason(markUntrusted(clear, code))).toBe(words);
	});

	test('an unmarked event, or a mark that is not a string, is no warning', () => {
		expect(untrustedReason(clear)).toBeUndefined();
		expect(untrustedReason({...clear, unsigned: {'io.github.matrix-tui.untrusted': 2}})).toBeUndefined();
		expect(untrustedReason({...clear, unsigned: 'nope' as unknown as RawEvent['unsigned']})).toBeUndefined();
	});

	test('marking copies: the event given keeps its unsigned as it was', () => {
		const marked = markUntrusted(clear, 'UNSIGNED_DEVICE');
		expect(clear.unsigned).toEqual({age: 5});
		expect(marked.unsigned).toEqual({age: 5, 'io.github.matrix-tui.untrusted': 'UNSIGNED_DEVICE'});
	});
});

describe('timelineLine carries the warning', () => {
	test('on a marked message', () => {
		expect(timelineLine(markUntrusted(clear, 'UNSIGNED_DEVICE'), nameOf)).toEqual({kind: 'message', sender: 'Bob', text: 'hi', untrusted: 'sent from a device its owner has not verified'});
	});

	test('not on an unmarked one', () => {
		expect(timelineLine(clear, nameOf)).toEqual({kind: 'message', sender: 'Bob', text: 'hi'});
	});
});
