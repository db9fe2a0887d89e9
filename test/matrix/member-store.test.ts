import {describe, expect, test} from 'vitest';
import {MemberEventStore} from '../../src/matrix/member-store.js';
import type {RawEvent} from '../../src/domain/events.js';

const member = (serial: number, membership: string, extra: Record<string, unknown> = {}): RawEvent => ({
	type: 'm.room.member',
	state_key: `@u${serial}:x`,
	sender: `@u${serial}:x`,
	content: {membership, displayname: `User ${String(serial).padStart(5, '0')}`, ...extra},
});

/** One part of a /members fetch, whole: streamed in, then finished. */
function fetchPart(store: MemberEventStore, events: readonly RawEvent[], part: 'present' | 'departed'): void {
	store.addFetched(events);
	store.finishPart(part);
}

function bigStore(): MemberEventStore {
	const store = new MemberEventStore();
	const events: RawEvent[] = [];
	for (let serial = 0; serial < 5000; serial++) events.push(member(serial, serial % 2 === 0 ? 'join' : serial % 7 === 0 ? 'ban' : 'leave', serial % 5 === 1 ? {reason: 'bye'} : {}));
	store.beginFetch();
	fetchPart(store, events.filter((event) => event.content?.membership !== 'leave'), 'present');
	fetchPart(store, events.filter((event) => event.content?.membership === 'leave'), 'departed');
	store.endFetch();
	return store;
}

describe('MemberEventStore', () => {
	test('a head is the first rows of the whole list, with the whole list’s group sizes', () => {
		const store = bigStore();
		const powerLevels = {users: {'@u4998:x': 100, '@u10:x': 50}};
		const options = {powerLevels, reasonMaxWidth: 80, showDeleted: true};
		const head = store.headList(options, 300);
		const whole = store.memberList(options);
		expect(head.joined).toHaveLength(300);
		expect(head.joined).toEqual(whole.joined.slice(0, 300));
		expect(head.joined[0]!.userId).toBe('@u4998:x');
		expect(head.banned).toEqual(whole.banned);
		expect(head.left).toEqual([]);
		expect(head.totals).toEqual({joined: whole.joined.length, invited: whole.invited.length, banned: whole.banned.length, left: whole.left.length});
		expect(whole.totals).toBeUndefined();
	});

	test('member events synced during a /members fetch win over the fetched ones; the parts merge', () => {
		const store = new MemberEventStore();
		store.upsert(member(1, 'join'));
		store.beginFetch();
		store.upsert(member(2, 'leave', {reason: 'left while we fetched'}));
		store.addFetched([member(1, 'join'), member(2, 'join'), member(3, 'join')]);
		// Streamed in but not finished: nothing joins the list yet.
		expect(store.size).toBe(2);
		expect(store.loaded).toBe(false);
		store.finishPart('present');
		expect(store.loaded).toBe(true);
		expect(store.generation).toBe(1);
		expect(store.size).toBe(3);
		expect(store.get('@u2:x')?.content?.membership).toBe('leave');
		fetchPart(store, [member(4, 'leave')], 'departed');
		store.endFetch();
		expect(store.fetching).toBe(false);
		expect(store.get('@u2:x')?.content?.membership).toBe('leave');
		expect(store.get('@u4:x')?.content?.membership).toBe('leave');
		expect(store.size).toBe(4);
		expect(store.generation).toBe(1);
	});

	test('a change is recorded with the event the list had, until the changes are taken or a whole list is built', () => {
		const store = bigStore();
		const options = {powerLevels: undefined, reasonMaxWidth: 80, showDeleted: false};
		const before = store.get('@u1:x');
		store.upsert(member(1, 'join'));
		store.upsert(member(1, 'ban'));
		store.upsert(member(9001, 'join'));
		expect(store.takeListChanges()).toEqual(new Map([['@u1:x', before], ['@u9001:x', undefined]]));
		expect(store.takeListChanges().size).toBe(0);
		store.upsert(member(2, 'join'));
		store.memberList(options);
		expect(store.takeListChanges().size).toBe(0);
		// Parts of a fetch change many users at once, unrecorded: they count as a bulk change.
		const revision = store.bulkRevision;
		fetchPart(store, [member(3, 'join')], 'departed');
		expect(store.bulkRevision).toBe(revision + 1);
		expect(store.takeListChanges().size).toBe(0);
	});

	test('the departed, counted and as sorted rows', () => {
		const store = new MemberEventStore();
		for (const serial of [5, 3, 4]) store.upsert(member(serial, 'leave', serial === 4 ? {displayname: 'Aaron'} : {'m.deactivated': serial === 5}));
		store.upsert(member(1, 'join'));
		expect(store.departed()).toEqual({count: 3, deactivated: ['@u5:x']});
		expect(store.departedRows({powerLevels: undefined, reasonMaxWidth: 80}).map((row) => row.name)).toEqual(['Aaron', 'User 00003', 'User 00005']);
	});

	test('the departed are listed only when asked for; hidden, they are counted and their deactivations named', () => {
		const store = new MemberEventStore();
		store.upsert(member(1, 'join'));
		store.upsert(member(2, 'leave', {reason: 'bye'}));
		store.upsert(member(3, 'leave', {'m.deactivated': true}));
		// A kick carrying the flag is no deactivation (MSC3759: only a self-leave).
		store.upsert({...member(4, 'leave', {'m.deactivated': true}), sender: '@u1:x'});
		const hidden = store.memberList({powerLevels: undefined, reasonMaxWidth: 80, showDeleted: false});
		expect(hidden.left).toEqual([]);
		expect(hidden.hiddenCount).toBe(3);
		expect(hidden.hiddenDeactivated).toEqual(['@u3:x']);
		const shown = store.memberList({powerLevels: undefined, reasonMaxWidth: 80, showDeleted: true});
		expect(shown.left.map((row) => row.userId)).toEqual(['@u2:x', '@u3:x', '@u4:x']);
		expect(shown.hiddenCount).toBe(0);
		expect(shown.hiddenDeactivated).toBeUndefined();
	});

	test('a redaction prunes the member event it targets, which then counts as deleted', () => {
		const store = new MemberEventStore();
		store.upsert({...member(1, 'join', {reason: 'secret'}), event_id: '$m1'});
		const redaction: RawEvent = {type: 'm.room.redaction', event_id: '$r', sender: '@u9:x', redacts: '$m1', content: {}};
		expect(store.redact(redaction, '$nothing')).toBe(false);
		expect(store.redact(redaction, '$m1')).toBe(true);
		expect(store.get('@u1:x')).toEqual({type: 'm.room.member', event_id: '$m1', sender: '@u1:x', state_key: '@u1:x', content: {membership: 'join'}, unsigned: {redacted_because: redaction}});
		expect(store.takeChanged()).toContain('@u1:x');
	});
});
