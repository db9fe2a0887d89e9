/**
 * The member list as the app holds it — sent whole once, then kept up to date by each sync's
 * changes — always reads as the list built from scratch from the same events would.
 */
import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import type {RawEvent} from '../../src/domain/events.js';
import {buildMemberList} from '../../src/domain/member-list.js';
import {applyMemberListChanges, holdMemberList, type HeldMemberList} from '../../src/domain/member-list-changes.js';
import {MemberEventStore, type ListOptions} from '../../src/matrix/member-store.js';
import {MemberListDiff} from '../../src/matrix/room-diffs.js';
import {plainMemberList} from '../support/member-lists.js';

const USERS = 40;
const userId = (serial: number) => `@u${serial}:x`;

const memberEvent = fc
	.record({
		serial: fc.integer({min: 0, max: USERS - 1}),
		membership: fc.constantFrom('join', 'join', 'invite', 'knock', 'ban', 'leave', 'leave', 'nonsense'),
		// Names that collide, differ only in case, or are blank: the order's tie-breaks are exercised.
		displayname: fc.option(fc.constantFrom('Alice', 'alice', 'Bob', ' ', 'Émile', '李', 'zed'), {nil: undefined}),
		reason: fc.option(fc.constantFrom('bye', 'a much longer reason that a narrow list trims', ''), {nil: undefined}),
		deactivated: fc.boolean(),
		byOther: fc.boolean(),
		deleted: fc.boolean(),
	})
	.map(({serial, membership, displayname, reason, deactivated, byOther, deleted}): RawEvent => ({
		type: 'm.room.member',
		state_key: userId(serial),
		sender: byOther ? userId((serial + 1) % USERS) : userId(serial),
		content: {
			membership,
			...(displayname === undefined ? {} : {displayname}),
			...(reason === undefined ? {} : {reason}),
			...(deactivated ? {'m.deactivated': true} : {}),
			...(deleted ? {deleted: true} : {}),
		},
	}));

const step = fc.oneof(
	{weight: 6, arbitrary: fc.array(memberEvent, {minLength: 1, maxLength: 6}).map((events) => ({kind: 'sync' as const, events}))},
	{weight: 1, arbitrary: fc.constant({kind: 'flip-show-deleted' as const})},
	{weight: 1, arbitrary: fc.integer({min: 0, max: USERS - 1}).map((serial) => ({kind: 'power' as const, serial}))},
	{weight: 1, arbitrary: fc.constantFrom(10, 80).map((width) => ({kind: 'width' as const, width}))},
);

describe('MemberListDiff and applyMemberListChanges', () => {
	test('the list held after any run of syncs and option changes is the list built from scratch', () => {
		fc.assert(
			fc.property(fc.array(memberEvent, {maxLength: 30}), fc.array(step, {maxLength: 25}), (initial, steps) => {
				const store = new MemberEventStore();
				const events = new Map<string, RawEvent>();
				const upsert = (event: RawEvent) => {
					store.upsert(event);
					events.set(event.state_key!, event);
				};
				for (const event of initial) upsert(event);
				const diff = new MemberListDiff();
				let options: ListOptions = {powerLevels: {users: {}}, reasonMaxWidth: 80, showDeleted: false};
				let held: HeldMemberList | undefined;
				const flush = () => {
					const {memberList, memberChanges} = diff.take(store, options);
					if (memberList) held = holdMemberList(memberList);
					else if (memberChanges) held = applyMemberListChanges(held!, memberChanges);
					const built = buildMemberList(events.values(), options.powerLevels, options);
					const {hiddenDeactivated: heldDeactivated, ...heldRest} = plainMemberList(held!);
					const {hiddenDeactivated: builtDeactivated, ...builtRest} = built;
					expect(heldRest).toEqual(builtRest);
					// Deactivations among the hidden were all announced (the app forgets their profiles).
					for (const user of builtDeactivated ?? []) expect(heldDeactivated).toContain(user);
					return {memberList, memberChanges};
				};
				flush();
				for (const next of steps) {
					if (next.kind === 'sync') {
						for (const event of next.events) upsert(event);
						const {memberList, memberChanges} = flush();
						// A sync's changes go out as changes, row for row.
						expect(memberList).toBeUndefined();
						expect(memberChanges?.rows.length ?? 0).toBeLessThanOrEqual(new Set(next.events.map((event) => event.state_key)).size);
					} else {
						if (next.kind === 'flip-show-deleted') options = {...options, showDeleted: !options.showDeleted};
						if (next.kind === 'power') options = {...options, powerLevels: {users: {[userId(next.serial)]: 50 + next.serial}}};
						if (next.kind === 'width') options = {...options, reasonMaxWidth: next.width};
						const {memberList} = flush();
						// Revealing or hiding the departed sends them as one group, not the whole list again.
						if (next.kind === 'flip-show-deleted') expect(memberList).toBeUndefined();
					}
				}
			}),
			{numRuns: 300},
		);
	});

	test('in a 50,000-member room a sync with a few new senders sends their rows only', () => {
		const store = new MemberEventStore();
		store.beginFetch();
		store.addFetched(Array.from({length: 50_000}, (_, serial) => ({type: 'm.room.member', state_key: userId(serial), sender: userId(serial), content: {membership: serial % 2 ? 'leave' : 'join'}})));
		store.finishPart('present');
		store.endFetch();
		const diff = new MemberListDiff();
		const options = {powerLevels: undefined, reasonMaxWidth: 80, showDeleted: false};
		expect(diff.take(store, options).memberList?.totals).toBeDefined(); // the head
		expect(diff.take(store, options).memberList?.joined).toHaveLength(25_000); // then whole
		for (const serial of [50_001, 50_002, 7]) store.upsert({type: 'm.room.member', state_key: userId(serial), sender: userId(serial), content: {membership: 'join', displayname: `New ${serial}`}});
		const {memberList, memberChanges} = diff.take(store, options);
		expect(memberList).toBeUndefined();
		expect(memberChanges?.rows.map(({before, after}) => [before?.name, after?.name])).toEqual([
			[undefined, 'New 50001'],
			[undefined, 'New 50002'],
			[undefined, 'New 7'], // @u7 had left: hidden, so not listed before
		]);
		expect(memberChanges?.hiddenCount).toBe(24_999);
		expect(diff.take(store, options).memberChanges).toBeUndefined();
		const revealed = diff.take(store, {...options, showDeleted: true}).memberChanges;
		expect(revealed?.left).toHaveLength(24_999);
		expect(revealed?.rows).toEqual([]);
		// A storm changing a quarter of the room or more: the list whole is less to send than two rows a change.
		for (let serial = 0; serial < 13_000; serial++) store.upsert({type: 'm.room.member', state_key: userId(serial), sender: userId(serial), content: {membership: 'join', displayname: `Storm ${serial}`}});
		const storm = diff.take(store, {...options, showDeleted: true});
		expect(storm.memberChanges).toBeUndefined();
		expect(storm.memberList?.joined.length).toBe(25_000 + 2 + 6_500);
	});
});
