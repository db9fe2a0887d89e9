import {describe, expect, test} from 'vitest';
import type {RawEvent} from '../../src/domain/events.js';
import {buildMemberList, displayNameOf, type MemberRow} from '../../src/domain/member-list.js';
import {ALICE, BOB, REDACTED_BECAUSE, member} from './fixtures.js';

const joined = (id: string, displayname?: unknown): RawEvent =>
	member(id, id, displayname === undefined ? {membership: 'join'} : {membership: 'join', displayname});

const ids = (rows: MemberRow[]): string[] => rows.map((row) => row.userId);

describe('displayNameOf', () => {
	test.each([
		['display name', joined(ALICE, 'Alice'), ALICE, 'Alice'],
		['no event', undefined, ALICE, ALICE],
		['no display name', joined(ALICE), ALICE, ALICE],
		['empty display name', joined(ALICE, ''), ALICE, ALICE],
		['blank display name', joined(ALICE, ' \n '), ALICE, ALICE],
		['non-string display name', joined(ALICE, 42), ALICE, ALICE],
		['object display name', joined(ALICE, {text: 'A'}), ALICE, ALICE],
		['display name sanitized', joined(ALICE, 'A\u001B[8mB\u202E'), ALICE, 'A\u241BB\uFFFD'],
		['user id sanitized', undefined, '@a\u0007:x', '@a\u2407:x'],
		['content not an object', {type: 'm.room.member', content: 'x'} as unknown as RawEvent, ALICE, ALICE],
		['leave falls back to the name before it', {type: 'm.room.member', state_key: ALICE, content: {membership: 'leave'}, unsigned: {prev_content: {membership: 'join', displayname: 'Old Alice'}}}, ALICE, 'Old Alice'],
		['join that removed the name keeps the id', {type: 'm.room.member', state_key: ALICE, content: {membership: 'join'}, unsigned: {prev_content: {membership: 'join', displayname: 'Old'}}}, ALICE, ALICE],
		['leave with a name of its own uses it', {type: 'm.room.member', state_key: ALICE, content: {membership: 'leave', displayname: 'Now'}, unsigned: {prev_content: {displayname: 'Old'}}}, ALICE, 'Now'],
	] as Array<[string, RawEvent | undefined, string, string]>)('%s', (_name, event, userId, expected) => {
		expect(displayNameOf(event, userId)).toBe(expected);
	});
});

describe('buildMemberList: ordering', () => {
	const powerLevels = {users: {'@zed:x': 100, '@mod:x': 50, '@mod2:x': 50}, users_default: 0};
	const events = [
		joined('@carol:x', 'carol'),
		joined('@bob:x', 'bob'),
		joined('@alice:x', 'Alice'),
		joined('@mod2:x', 'Yvonne'),
		joined('@zed:x', 'Zed'),
		joined('@mod:x', 'anna'),
		joined('@noname:x'),
		joined('@Upper:x', 'BOB'),
	];

	test('joined: power level descending, then name case-insensitively', () => {
		const list = buildMemberList(events, powerLevels, {showDeleted: false});
		// 'BOB' and 'bob' fold to the same key: the tie is broken by the name itself ('BOB' < 'bob').
		expect(ids(list.joined)).toEqual(['@zed:x', '@mod:x', '@mod2:x', '@noname:x', '@alice:x', '@Upper:x', '@bob:x', '@carol:x']);
		expect(list.joined.map((row) => row.powerLevel)).toEqual([100, 50, 50, 0, 0, 0, 0, 0]);
	});

	test('the order does not depend on the input order', () => {
		const forward = buildMemberList(events, powerLevels, {showDeleted: false});
		const backward = buildMemberList([...events].reverse(), powerLevels, {showDeleted: false});
		expect(ids(backward.joined)).toEqual(ids(forward.joined));
	});

	test('same name: ordered by user id', () => {
		const list = buildMemberList([joined('@b:x', 'Sam'), joined('@a:x', 'Sam')], undefined, {showDeleted: false});
		expect(ids(list.joined)).toEqual(['@a:x', '@b:x']);
	});

	test('non-ASCII names sort by code point after case folding, not by locale', () => {
		const list = buildMemberList([joined('@e:x', 'Émile'), joined('@z:x', 'zoe'), joined('@a:x', 'ábel')], undefined, {showDeleted: false});
		expect(list.joined.map((row) => row.name)).toEqual(['zoe', 'ábel', 'Émile']);
	});

	test('invited: power level then name; knocks are listed with them', () => {
		const list = buildMemberList(
			[
				member(BOB, '@i2:x', {membership: 'invite', displayname: 'beta'}),
				member(BOB, '@i1:x', {membership: 'invite', displayname: 'Alpha'}),
				member('@k:x', '@k:x', {membership: 'knock', displayname: 'aardvark'}),
				member(BOB, '@vip:x', {membership: 'invite', displayname: 'zz'}),
			],
			{users: {'@vip:x': 10}},
			{showDeleted: false},
		);
		expect(ids(list.invited)).toEqual(['@vip:x', '@k:x', '@i1:x', '@i2:x']);
		expect(list.invited.map((row) => row.membership)).toEqual(['invite', 'knock', 'invite', 'invite']);
	});

	test('banned are listed by name, with their reason', () => {
		const list = buildMemberList(
			[member(BOB, '@s2:x', {membership: 'ban', reason: 'spam\n\nspam'}), member(BOB, '@s1:x', {membership: 'ban'})],
			undefined,
			{showDeleted: false},
		);
		expect(ids(list.banned)).toEqual(['@s1:x', '@s2:x']);
		expect(list.banned[1]?.reason).toBe('spam spam');
		expect(list.banned[0]).not.toHaveProperty('reason');
		expect(list.banned.every((row) => !row.deleted)).toBe(true);
	});
});

describe('buildMemberList: leaves are deleted state', () => {
	const events = [
		joined(ALICE, 'Alice'),
		member('@quit:x', '@quit:x', {membership: 'leave', reason: 'bye'}, {membership: 'join'}),
		member(BOB, '@kicked:x', {membership: 'leave', reason: 'spam', 'm.deactivated': true}, {membership: 'join'}),
		member('@gone:x', '@gone:x', {membership: 'leave', 'org.matrix.msc3759.deactivated': true}, {membership: 'join'}),
		member('@fake:x', '@fake:x', {membership: 'leave', 'm.deactivated': 'true'}, {membership: 'join'}),
		member(BOB, '@banned:x', {membership: 'ban'}),
	];

	test('hidden and counted unless showDeleted', () => {
		const list = buildMemberList(events, undefined, {showDeleted: false});
		expect(list.left).toEqual([]);
		expect(list.hiddenCount).toBe(4);
		expect(ids(list.joined)).toEqual([ALICE]);
		expect(ids(list.banned)).toEqual(['@banned:x']); // a ban is not a leave
	});

	test('listed by name with showDeleted', () => {
		const list = buildMemberList(events, undefined, {showDeleted: true});
		expect(list.hiddenCount).toBe(0);
		expect(ids(list.left)).toEqual(['@fake:x', '@gone:x', '@kicked:x', '@quit:x']);
		const byId = new Map(list.left.map((row) => [row.userId, row]));
		expect(byId.get('@quit:x')).toEqual({
			userId: '@quit:x',
			name: '@quit:x',
			membership: 'leave',
			powerLevel: 0,
			reason: 'bye',
			deactivated: false,
			deleted: true,
		});
		expect(byId.get('@kicked:x')).toMatchObject({kickedBy: BOB, deactivated: false, reason: 'spam', deleted: true});
		expect(byId.get('@gone:x')).toMatchObject({deactivated: true, deleted: true});
		expect(byId.get('@gone:x')).not.toHaveProperty('kickedBy');
		expect(byId.get('@fake:x')?.deactivated).toBe(false);
	});

	test('an unban or a withdrawn invite is not a kick', () => {
		const list = buildMemberList(
			[member(BOB, '@u:x', {membership: 'leave'}, {membership: 'ban'}), member(BOB, '@w:x', {membership: 'leave'}, {membership: 'invite'})],
			undefined,
			{showDeleted: true},
		);
		expect(list.left.map((row) => row.kickedBy)).toEqual([undefined, undefined]);
	});

	test('kickedBy is sanitized', () => {
		const list = buildMemberList([member('@k\u001B[1m:x', ALICE, {membership: 'leave'}, {membership: 'join'})], undefined, {showDeleted: true});
		expect(list.left[0]?.kickedBy).toBe('@k\u241B:x');
	});

	test('reasonMaxWidth applies', () => {
		const list = buildMemberList([member(ALICE, ALICE, {membership: 'leave', reason: 'a long goodbye'})], undefined, {showDeleted: true, reasonMaxWidth: 4});
		expect(list.left[0]?.reason).toBe('a l…');
	});

	test('a joined member marking their own event deleted stays listed, flagged', () => {
		const list = buildMemberList([member(ALICE, ALICE, {membership: 'join', deleted: true}), joined(BOB)], undefined, {showDeleted: false});
		expect(ids(list.joined)).toEqual([ALICE, BOB]);
		expect(list.joined.map((row) => row.deleted)).toEqual([true, false]);
		expect(list.hiddenCount).toBe(0);
	});

	test('a redacted join keeps its membership, flagged deleted', () => {
		const list = buildMemberList([member(ALICE, ALICE, {membership: 'join'}, undefined, REDACTED_BECAUSE)], undefined, {showDeleted: false});
		expect(list.joined[0]?.deleted).toBe(true);
	});
});

describe('buildMemberList: untrusted input', () => {
	test('the last event per user wins', () => {
		const list = buildMemberList([joined(ALICE, 'Old'), member(ALICE, ALICE, {membership: 'leave'}), joined(BOB, 'Bob'), joined(BOB, 'Robert')], undefined, {
			showDeleted: false,
		});
		expect(list.joined.map((row) => row.name)).toEqual(['Robert']);
		expect(list.hiddenCount).toBe(1);
	});

	test('skips what is not a membership', () => {
		const list = buildMemberList(
			[
				{type: 'm.room.topic', state_key: '', content: {membership: 'join'}},
				{type: 'm.room.member', content: {membership: 'join'}},
				{type: 'm.room.member', state_key: 5, content: {membership: 'join'}} as unknown as RawEvent,
				member(ALICE, ALICE, {membership: 'party'}),
				member(ALICE, BOB, 'join'),
				null as unknown as RawEvent,
				'event' as unknown as RawEvent,
				joined('@ok:x'),
			],
			'garbage',
			{showDeleted: true},
		);
		expect(ids(list.joined)).toEqual(['@ok:x']);
		expect(list.invited.length + list.banned.length + list.left.length + list.hiddenCount).toBe(0);
	});

	test('user ids that look like Object.prototype keys', () => {
		const list = buildMemberList([joined('__proto__', 'p'), joined('constructor', 'c')], {users: {}}, {showDeleted: false});
		expect(list.joined.map((row) => [row.userId, row.powerLevel])).toEqual([
			['constructor', 0],
			['__proto__', 0],
		]);
	});

	test('50,000 members: sorted correctly and quickly', () => {
		const count = 50_000;
		const users: Record<string, number> = {};
		const events: RawEvent[] = [];
		for (let i = 0; i < count; i++) {
			const id = `@user${(i * 7919) % count}:example.org`;
			if (i % 1000 === 0) users[id] = (i % 3) * 50;
			const kind = i % 10;
			if (kind === 0) events.push(member(id, id, {membership: 'leave', reason: 'bye'}, {membership: 'join'}));
			else if (kind === 1) events.push(member(BOB, id, {membership: 'invite', displayname: `Invitee ${i}`}));
			else events.push(member(id, id, {membership: 'join', displayname: i % 2 ? `user ${i}` : `User ${i}`}));
		}
		const started = performance.now();
		const list = buildMemberList(events, {users}, {showDeleted: false});
		const elapsed = performance.now() - started;

		expect(list.hiddenCount).toBe(5000);
		expect(list.joined.length + list.invited.length).toBe(45_000);
		for (const rows of [list.joined, list.invited]) {
			for (let i = 1; i < rows.length; i++) {
				const a = rows[i - 1] as MemberRow;
				const b = rows[i] as MemberRow;
				const ordered = a.powerLevel > b.powerLevel || (a.powerLevel === b.powerLevel && a.name.toLowerCase() <= b.name.toLowerCase());
				expect(ordered).toBe(true);
			}
		}
		// Under `npm run mutation` the code is instrumented (every expression asks which mutant is on),
		// so a time says nothing there; the order above is still checked.
		if (process.env.TIMINGS !== 'off') expect(elapsed).toBeLessThan(3000);
	});
});
