import {describe, expect, test} from 'vitest';
import type {RawEvent} from '../../src/domain/events.js';
import {describeMembership, isDeactivationLeave, membershipOf, type MembershipChangeKind} from '../../src/domain/membership.js';
import {ALICE, BOB, member} from './fixtures.js';

describe('membershipOf', () => {
	test.each([
		[{membership: 'join'}, 'join'],
		[{membership: 'leave'}, 'leave'],
		[{membership: 'invite'}, 'invite'],
		[{membership: 'ban'}, 'ban'],
		[{membership: 'knock'}, 'knock'],
		[{membership: 'JOIN'}, undefined],
		[{membership: 'banana'}, undefined],
		[{membership: 1}, undefined],
		[{membership: null}, undefined],
		[{membership: ['join']}, undefined],
		[{}, undefined],
		[null, undefined],
		['join', undefined],
		[['join'], undefined],
		[{membership: 'toString'}, undefined],
	])('%j → %j', (content, expected) => {
		expect(membershipOf(content)).toBe(expected);
	});
});

const join = {membership: 'join'};
const leave = {membership: 'leave'};
const invite = {membership: 'invite'};
const ban = {membership: 'ban'};
const knock = {membership: 'knock'};

describe('describeMembership: kind', () => {
	// [name, sender, state_key, content, prev_content, kind]
	const cases: Array<[string, string | undefined, string | undefined, unknown, unknown, MembershipChangeKind]> = [
		['join with no previous state', ALICE, ALICE, join, undefined, 'join'],
		['join from invite', ALICE, ALICE, join, invite, 'join'],
		['join from leave', ALICE, ALICE, join, leave, 'join'],
		['join from knock', ALICE, ALICE, join, knock, 'join'],
		['join → join, nothing changed', ALICE, ALICE, {...join, displayname: 'A'}, {...join, displayname: 'A'}, 'none'],
		['join → join, display name changed', ALICE, ALICE, {...join, displayname: 'B'}, {...join, displayname: 'A'}, 'profile'],
		['join → join, avatar changed', ALICE, ALICE, {...join, avatar_url: 'mxc://x/2'}, {...join, avatar_url: 'mxc://x/1'}, 'profile'],
		['self leave from join', ALICE, ALICE, leave, join, 'leave'],
		['self leave with no previous state', ALICE, ALICE, leave, undefined, 'leave'],
		['self leave from invite = reject', ALICE, ALICE, leave, invite, 'invite-rejected'],
		['self leave from knock = withdraw knock', ALICE, ALICE, leave, knock, 'knock-withdrawn'],
		['leave by other from join = kick', BOB, ALICE, leave, join, 'kick'],
		['leave by other from invite = withdraw invite', BOB, ALICE, leave, invite, 'invite-withdrawn'],
		['leave by other from ban = unban', BOB, ALICE, leave, ban, 'unban'],
		['leave by other with no previous state = kick', BOB, ALICE, leave, undefined, 'kick'],
		['leave by other from knock = denied, a kick', BOB, ALICE, leave, knock, 'kick'],
		['leave → leave', ALICE, ALICE, leave, leave, 'none'],
		['leave with no sender is not a self-leave', undefined, ALICE, leave, join, 'kick'],
		['ban from join', BOB, ALICE, ban, join, 'ban'],
		['ban from leave', BOB, ALICE, ban, leave, 'ban'],
		['ban → ban', BOB, ALICE, ban, ban, 'none'],
		['invite', BOB, ALICE, invite, undefined, 'invite'],
		['invite from leave', BOB, ALICE, invite, leave, 'invite'],
		['knock', ALICE, ALICE, knock, undefined, 'knock'],
		['knock from leave', ALICE, ALICE, knock, leave, 'knock'],
		['knock → knock', ALICE, ALICE, knock, knock, 'none'],
		['invite → invite', BOB, ALICE, invite, invite, 'none'],
		['unknown membership string', ALICE, ALICE, {membership: 'banana'}, join, 'unknown'],
		['membership not a string', ALICE, ALICE, {membership: 7}, join, 'unknown'],
		['no membership', ALICE, ALICE, {}, join, 'unknown'],
		['content not an object', ALICE, ALICE, 'leave', join, 'unknown'],
		['previous membership garbage counts as none', ALICE, ALICE, join, {membership: 42}, 'join'],
		['previous content not an object', BOB, ALICE, leave, [join], 'kick'],
	];
	test.each(cases)('%s', (_name, sender, stateKey, content, prev, kind) => {
		expect(describeMembership(member(sender, stateKey, content, prev)).kind).toBe(kind);
	});

	test('prev_content at the top level is used too', () => {
		const event: RawEvent = {type: 'm.room.member', sender: BOB, state_key: ALICE, content: leave, prev_content: ban};
		expect(describeMembership(event).kind).toBe('unban');
	});

	test('unsigned.prev_content wins over a top-level one', () => {
		const event: RawEvent = {type: 'm.room.member', sender: BOB, state_key: ALICE, content: leave, prev_content: ban, unsigned: {prev_content: join}};
		expect(describeMembership(event).kind).toBe('kick');
	});
});

describe('describeMembership: fields', () => {
	test('actor and target are the raw ids', () => {
		const change = describeMembership(member(BOB, ALICE, leave, join));
		expect(change.actor).toBe(BOB);
		expect(change.target).toBe(ALICE);
	});

	test('missing or non-string ids become empty strings', () => {
		const change = describeMembership({type: 'm.room.member', sender: 5, state_key: null, content: leave} as unknown as RawEvent);
		expect(change.actor).toBe('');
		expect(change.target).toBe('');
	});

	test('the reason is passed through raw, untrimmed', () => {
		const raw = '  spam \n\u001B[31m ';
		expect(describeMembership(member(BOB, ALICE, {...leave, reason: raw}, join)).reason).toBe(raw);
	});

	test.each([[42], [null], [{text: 'x'}], [['x']], [true]])('a non-string reason %j is left out', (reason) => {
		const change = describeMembership(member(BOB, ALICE, {...leave, reason}, join));
		expect(change.reason).toBeUndefined();
		expect('reason' in change).toBe(false);
	});

	test('display name change carries both names, sanitized', () => {
		const change = describeMembership(member(ALICE, ALICE, {...join, displayname: 'New\u202E'}, {...join, displayname: 'Old\u001B[1m'}));
		expect(change.kind).toBe('profile');
		expect(change.displayNameChanged).toEqual({from: 'Old\u241B', to: 'New\uFFFD'});
		expect(change.avatarChanged).toBe(false);
	});

	test('display name set for the first time has no "from"', () => {
		const change = describeMembership(member(ALICE, ALICE, {...join, displayname: 'New'}, join));
		expect(change.displayNameChanged).toEqual({to: 'New'});
	});

	test('display name removed has no "to"', () => {
		const change = describeMembership(member(ALICE, ALICE, join, {...join, displayname: 'Old'}));
		expect(change.displayNameChanged).toEqual({from: 'Old'});
	});

	test('a non-string display name counts as no display name', () => {
		const change = describeMembership(member(ALICE, ALICE, {...join, displayname: 42}, join));
		expect(change.kind).toBe('none');
	});

	test('avatar only', () => {
		const change = describeMembership(member(ALICE, ALICE, {...join, avatar_url: 'mxc://a/2'}, {...join, avatar_url: 'mxc://a/1'}));
		expect(change.kind).toBe('profile');
		expect(change.displayNameChanged).toBeUndefined();
		expect(change.avatarChanged).toBe(true);
	});

	test('profile fields are only set for profile changes', () => {
		const change = describeMembership(member(ALICE, ALICE, {...join, displayname: 'A'}, undefined));
		expect(change.kind).toBe('join');
		expect(change.displayNameChanged).toBeUndefined();
		expect(change.avatarChanged).toBeUndefined();
	});

	test.each([[null], ['string'], [42], [[]]])('a non-object event %j does not throw', (event) => {
		expect(describeMembership(event as unknown as RawEvent)).toMatchObject({kind: 'unknown', actor: '', target: '', deactivated: false});
	});
});

describe('isDeactivationLeave (MSC3759)', () => {
	const deactivated = {membership: 'leave', 'm.deactivated': true};
	const unstable = {membership: 'leave', 'org.matrix.msc3759.deactivated': true};
	const both = {membership: 'leave', 'm.deactivated': true, 'org.matrix.msc3759.deactivated': true};

	const cases: Array<[string, RawEvent, boolean]> = [
		['self-leave with m.deactivated', member(ALICE, ALICE, deactivated, join), true],
		['self-leave with the unstable flag', member(ALICE, ALICE, unstable, join), true],
		['self-leave with both flags', member(ALICE, ALICE, both, join), true],
		['self-leave, stable false but unstable true', member(ALICE, ALICE, {...unstable, 'm.deactivated': false}, join), true],
		['self-leave with no previous state', member(ALICE, ALICE, deactivated), true],
		['kick carrying m.deactivated', member(BOB, ALICE, deactivated, join), false],
		['kick carrying both flags', member(BOB, ALICE, both, join), false],
		['kick carrying the unstable flag', member(BOB, ALICE, unstable, join), false],
		['flag "true" (string)', member(ALICE, ALICE, {...leave, 'm.deactivated': 'true'}), false],
		['flag 1', member(ALICE, ALICE, {...leave, 'm.deactivated': 1}), false],
		['flag null', member(ALICE, ALICE, {...leave, 'm.deactivated': null}), false],
		['flag false', member(ALICE, ALICE, {...leave, 'm.deactivated': false}), false],
		['flag object', member(ALICE, ALICE, {...leave, 'm.deactivated': {}}), false],
		['unstable flag "true"', member(ALICE, ALICE, {...leave, 'org.matrix.msc3759.deactivated': 'true'}), false],
		['flag missing', member(ALICE, ALICE, leave, join), false],
		['join carrying the flag', member(ALICE, ALICE, {...join, 'm.deactivated': true}), false],
		['ban carrying the flag', member(BOB, ALICE, {...ban, 'm.deactivated': true}), false],
		['self-ban carrying the flag', member(ALICE, ALICE, {...ban, 'm.deactivated': true}), false],
		['not a member event', {type: 'm.room.message', sender: ALICE, state_key: ALICE, content: deactivated}, false],
		['sender missing', member(undefined, ALICE, deactivated), false],
		['state_key missing', member(ALICE, undefined, deactivated), false],
		['both missing', member(undefined, undefined, deactivated), false],
		['numeric ids that are equal', {type: 'm.room.member', sender: 5, state_key: 5, content: deactivated} as unknown as RawEvent, false],
		['flag in prev_content only', member(ALICE, ALICE, leave, {...join, 'm.deactivated': true}), false],
		['flag outside content', {...member(ALICE, ALICE, leave), 'm.deactivated': true} as RawEvent, false],
	];
	test.each(cases)('%s', (_name, event, expected) => {
		expect(isDeactivationLeave(event)).toBe(expected);
		expect(describeMembership(event).deactivated).toBe(expected);
	});

	test('a deactivation leave is still a plain leave kind', () => {
		expect(describeMembership(member(ALICE, ALICE, deactivated, join)).kind).toBe('leave');
	});
});
