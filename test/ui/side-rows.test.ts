import {describe, expect, test} from 'vitest';
import {buildMemberList} from '../../src/domain/member-list.js';
import {applyMemberListChanges, holdMemberList} from '../../src/domain/member-list-changes.js';
import type {RawEvent} from '../../src/domain/events.js';
import {memberRows, type SideRow} from '../../src/ui/side-rows.js';

const member = (serial: number, membership: string, extra: Record<string, unknown> = {}, sender?: string): RawEvent => ({
	type: 'm.room.member',
	state_key: `@u${serial}:x`,
	sender: sender ?? `@u${serial}:x`,
	content: {membership, displayname: `User ${String(serial).padStart(5, '0')}`, ...extra},
});

const text = (row: SideRow) => (row.kind === 'member' ? `member ${row.member.userId}` : row.kind === 'kicked' ? `kicked ${row.userId}` : `${row.kind} ${row.text}`);

describe('memberRows', () => {
	const events = [
		...Array.from({length: 1000}, (_, serial) => member(serial, 'join')),
		member(2000, 'invite'),
		member(2001, 'ban', {reason: 'spam'}, '@u0:x'),
		member(2002, 'leave', {reason: 'bye now'}),
		member(2003, 'leave', {}, '@u0:x'),
	];
	const built = buildMemberList(events, {}, {showDeleted: true});
	const list = holdMemberList(built);

	test('slices line up with the whole list laid out in order', () => {
		const rows = memberRows(list, 30, true);
		const all = rows.slice(0, rows.length).map(text);
		expect(all[0]).toBe('heading Joined (1000)');
		expect(all[1]).toBe('member @u0:x');
		expect(all.slice(1001, 1004)).toEqual(['heading Invited (1)', 'member @u2000:x', 'heading Banned (1)']);
		expect(all).toContain('kicked @u0:x');
		expect(all).toContain('detail   “bye now”');
		expect(rows.length).toBe(all.length);
		for (const start of [0, 7, 995, 1001, rows.length - 3]) expect(rows.slice(start, start + 10).map(text)).toEqual(all.slice(start, start + 10));
	});

	test('departed members are hidden and counted until shown', () => {
		const rows = memberRows(list, 30, false);
		const all = rows.slice(0, rows.length).map(text);
		expect(all.at(-1)).toBe('hint 2 departed hidden — /show-deleted');
		expect(all.some((row) => row.startsWith('heading Left'))).toBe(false);
	});

	test('a head shows the full group sizes and what is still coming', () => {
		const head = holdMemberList({...built, joined: built.joined.slice(0, 10), left: [], totals: {joined: 1000, invited: 1, banned: 1, left: 2}});
		const all = memberRows(head, 30, false).slice(0, 100).map(text);
		expect(all[0]).toBe('heading Joined (1000)');
		expect(all[11]).toBe('hint … 990 more loading');
		expect(all.at(-1)).toBe('hint 2 departed hidden — /show-deleted');
	});

	test('departed rows on their way from the matrix layer: the group and its size, nothing said to be loading', () => {
		const hidden = holdMemberList(buildMemberList(events, {}, {showDeleted: false}));
		const all = memberRows(hidden, 30, true).slice(0, 2000).map(text);
		expect(all.at(-1)).toBe('heading Left (2)');
		expect(all.some((row) => row.includes('loading'))).toBe(false);
	});

	test('a list kept up to date by changes lays out as the same list built whole', () => {
		const changed = [member(2004, 'leave', {reason: 'a reason long enough to wrap onto a second row'}), {...member(2002, 'leave', {reason: 'changed my mind'})}, member(5, 'ban', {}, '@u0:x')];
		const rebuilt = buildMemberList([...events, ...changed], {}, {showDeleted: true});
		const rowOf = (userId: string, from: typeof built) => [...from.joined, ...from.banned, ...from.left].find((row) => row.userId === userId);
		const changes = {rows: changed.map((event) => ({before: rowOf(event.state_key!, built), after: rowOf(event.state_key!, rebuilt)})), hiddenCount: 0};
		const kept = memberRows(applyMemberListChanges(list, changes), 30, true);
		const whole = memberRows(holdMemberList(rebuilt), 30, true);
		expect(kept.length).toBe(whole.length);
		expect(kept.slice(0, kept.length).map(text)).toEqual(whole.slice(0, whole.length).map(text));
		expect(kept.slice(0, kept.length).map(text)).toContain('detail   “changed my mind”');
	});
});
