import {describe, expect, test} from 'vitest';
import {deactivatedUsersIn, deactivationLeaveContent, directChatPeer, withDeactivated} from '../../src/domain/deactivation.js';
import {isDeactivationLeave} from '../../src/domain/membership.js';
import {member} from '../support/events.js';

const DAVE = '@dave:example.org';
const MOD = '@mod:example.org';
const ME = '@me:example.org';

describe('deactivationLeaveContent', () => {
	test('carries both the stable and the unstable flag, and the reason only when given', () => {
		expect(deactivationLeaveContent()).toEqual({membership: 'leave', 'm.deactivated': true, 'org.matrix.msc3759.deactivated': true});
		expect(deactivationLeaveContent('moving on')).toEqual({membership: 'leave', 'm.deactivated': true, 'org.matrix.msc3759.deactivated': true, reason: 'moving on'});
	});

	test('sent as our own leave, it is a valid deactivation by the same rule every client applies', () => {
		expect(isDeactivationLeave(member(ME, deactivationLeaveContent('bye')))).toBe(true);
	});
});

describe('deactivatedUsersIn', () => {
	test('finds valid self-leaves with either flag, each user once, in order', () => {
		const events = [
			member('@erin:example.org', {membership: 'leave', 'org.matrix.msc3759.deactivated': true}),
			member(DAVE, {membership: 'leave', 'm.deactivated': true}),
			member('@erin:example.org', {membership: 'leave', 'm.deactivated': true}),
		];
		expect(deactivatedUsersIn(events)).toEqual(['@erin:example.org', DAVE]);
	});

	test.each([
		['a kick carrying the flag', member(DAVE, {membership: 'leave', 'm.deactivated': true}, {sender: MOD})],
		['a leave about someone else', member(DAVE, {membership: 'leave', 'org.matrix.msc3759.deactivated': true}, {sender: ME})],
		['the flag on a join', member(DAVE, {membership: 'join', 'm.deactivated': true})],
		['the flag as a string', member(DAVE, {membership: 'leave', 'm.deactivated': 'true'})],
		['a plain leave', member(DAVE, {membership: 'leave'})],
		['a ban with the flag', member(DAVE, {membership: 'ban', 'm.deactivated': true}, {sender: MOD})],
	])('ignores %s', (_name, event) => {
		expect(deactivatedUsersIn([event])).toEqual([]);
	});

	test('survives junk: null, strings, events without a state key', () => {
		expect(deactivatedUsersIn([null, 'x', {type: 'm.room.member', sender: DAVE, content: {membership: 'leave', 'm.deactivated': true}}])).toEqual([]);
	});
});

describe('withDeactivated', () => {
	test('returns the same set when nothing is new, a new one otherwise', () => {
		const known: ReadonlySet<string> = new Set([DAVE]);
		expect(withDeactivated(known, [DAVE])).toBe(known);
		expect(withDeactivated(known, [])).toBe(known);
		const next = withDeactivated(known, ['@erin:example.org', '@erin:example.org']);
		expect(next).not.toBe(known);
		expect([...next]).toEqual([DAVE, '@erin:example.org']);
		expect([...known]).toEqual([DAVE]);
	});
});

describe('directChatPeer', () => {
	test.each([
		['us and one other', [ME, DAVE], DAVE],
		['the other listed twice', [DAVE, ME, DAVE], DAVE],
		['only us', [ME], undefined],
		['nobody', [], undefined],
		['two others', [ME, DAVE, MOD], undefined],
		['two others, no us', [DAVE, MOD], undefined],
	])('%s → %s', (_name, ids, expected) => {
		expect(directChatPeer(ids, ME)).toBe(expected);
	});

	test('stops reading at the second other user', () => {
		let read = 0;
		function* many() {
			for (let index = 0; index < 50_000; index++) {
				read++;
				yield `@u${index}:example.org`;
			}
		}
		expect(directChatPeer(many(), ME)).toBeUndefined();
		expect(read).toBe(2);
	});
});
