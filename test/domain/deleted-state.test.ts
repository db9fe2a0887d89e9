import {describe, expect, test} from 'vitest';
import type {RawEvent} from '../../src/domain/events.js';
import {isDeletedState} from '../../src/domain/deleted-state.js';
import {ALICE, BOB, REDACTED_BECAUSE, member} from './fixtures.js';

function beacon(content: unknown, extra: Partial<RawEvent> = {}): RawEvent {
	return {type: 'm.beacon_info', sender: ALICE, state_key: `${ALICE}_1`, content: content as Record<string, unknown>, ...extra};
}

describe('isDeletedState (MSC3901)', () => {
	const cases: Array<[string, RawEvent, boolean]> = [
		['deleted: true', beacon({live: false, deleted: true}), true],
		['m.obsolete: true', beacon({'m.obsolete': true}), true],
		['deleted: true and m.obsolete: false', beacon({deleted: true, 'm.obsolete': false}), true],
		['deleted: false', beacon({deleted: false}), false],
		['deleted: "true"', beacon({deleted: 'true'}), false],
		['deleted: 1', beacon({deleted: 1}), false],
		['deleted: null', beacon({deleted: null}), false],
		['deleted: {}', beacon({deleted: {}}), false],
		['m.obsolete: "true"', beacon({'m.obsolete': 'true'}), false],
		['m.obsolete: 1', beacon({'m.obsolete': 1}), false],
		['no marker', beacon({live: true}), false],
		['content missing', beacon(undefined), false],
		['content not an object', beacon('deleted'), false],
		['deleted nested, not at the top level', beacon({inner: {deleted: true}}), false],
		['deleted beside content, not in it', {...beacon({}), deleted: true} as RawEvent, false],
		['empty state key is still state', {type: 'm.room.topic', sender: ALICE, state_key: '', content: {topic: 'x', deleted: true}}, true],
		['not a state event (no state_key)', {type: 'm.room.message', sender: ALICE, content: {body: 'x', deleted: true}}, false],
		['state_key not a string', {type: 'm.beacon_info', state_key: 5, content: {deleted: true}} as unknown as RawEvent, false],
		['self-leave', member(ALICE, ALICE, {membership: 'leave'}, {membership: 'join'}), true],
		['kick', member(BOB, ALICE, {membership: 'leave', reason: 'spam'}, {membership: 'join'}), true],
		['deactivation leave', member(ALICE, ALICE, {membership: 'leave', 'm.deactivated': true}), true],
		['rejected invite', member(ALICE, ALICE, {membership: 'leave'}, {membership: 'invite'}), true],
		['unban (a leave too)', member(BOB, ALICE, {membership: 'leave'}, {membership: 'ban'}), true],
		['ban is not a leave', member(BOB, ALICE, {membership: 'ban'}, {membership: 'join'}), false],
		['join', member(ALICE, ALICE, {membership: 'join'}), false],
		['invite', member(BOB, ALICE, {membership: 'invite'}), false],
		['knock', member(ALICE, ALICE, {membership: 'knock'}), false],
		['leave without a state_key is not state', member(ALICE, undefined, {membership: 'leave'}), false],
		['a leave-looking non-member state event', beacon({membership: 'leave'}), false],
		['redacted state event', beacon({}, REDACTED_BECAUSE), true],
		['redacted join', member(ALICE, ALICE, {membership: 'join'}, undefined, REDACTED_BECAUSE), true],
		['redacted message is not state', {type: 'm.room.message', sender: ALICE, content: {}, ...REDACTED_BECAUSE}, false],
		['redacted_because null is not redacted', beacon({}, {unsigned: {redacted_because: null}}), false],
	];
	test.each(cases)('%s', (_name, event, expected) => {
		expect(isDeletedState(event)).toBe(expected);
	});

	test.each([[null], [undefined], ['event'], [42], [[]]])('non-object %j → false', (event) => {
		expect(isDeletedState(event as unknown as RawEvent)).toBe(false);
	});
});
