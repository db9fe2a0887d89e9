import {describe, expect, test} from 'vitest';
import {isUserScoped, planOptimise, roomVersionOf, stillToCopy, summarise, upgradePower} from '../../src/domain/optimise-plan.js';
import type {RawEvent} from '../../src/domain/events.js';
import {member, redacted, state} from '../support/events.js';

const ME = '@me:example.org';
const ALICE = '@alice:example.org';
const BOB = '@bob:example.org';

function room(): RawEvent[] {
	return [
		state('m.room.create', '', {creator: ALICE, room_version: '10'}, ALICE),
		state('m.room.power_levels', '', {users: {[ALICE]: 100, [ME]: 100}, state_default: 50}),
		state('m.room.join_rules', '', {join_rule: 'invite'}),
		state('m.room.name', '', {name: 'Busy room'}),
		state('m.room.canonical_alias', '', {alias: '#busy:example.org'}),
		state('org.example.note', '', {text: 'keep me'}),
		state('org.example.note', 'k2', {text: 'me too', deleted: false}),
		state('org.example.flag', '', {colour: 'red', deleted: 'true'}),
		state('org.example.poll', '', {question: 'lunch?', deleted: true}),
		state('org.example.widget', 'w1', {url: 'https://example.org', 'm.obsolete': true}),
		redacted(state('org.example.old', '', {text: 'secret'})),
		state('m.beacon_info', `${BOB}_1`, {live: true}, BOB),
		state('m.beacon_info', `${ALICE}_1`, {live: false, deleted: true}, ALICE),
		member(ALICE, {membership: 'join'}),
		member(ME, {membership: 'join'}),
		member(BOB, {membership: 'join'}),
		member('@carol:example.org', {membership: 'leave'}),
		member('@dave:example.org', {membership: 'invite'}, {sender: ALICE}),
		member('@erin:example.org', {membership: 'ban'}, {sender: ALICE}),
	];
}

describe('planOptimise', () => {
	test('counts live and deleted state, carries live non-user-scoped state, invites the joined', () => {
		const plan = planOptimise(room(), ME);
		// Deleted: poll, widget, the redacted note, alice's beacon, carol's leave.
		expect(plan.deleted).toBe(5);
		expect(plan.live).toBe(room().length - 5);
		expect(plan.carried.map((copy) => `${copy.type}|${copy.stateKey}`)).toEqual([
			'm.room.power_levels|',
			'm.room.join_rules|',
			'm.room.name|',
			'm.room.canonical_alias|',
			'org.example.note|',
			'org.example.note|k2',
			'org.example.flag|',
		]);
		expect(plan.carried.find((copy) => copy.stateKey === 'k2')?.content).toEqual({text: 'me too', deleted: false});
		// Bob's live beacon, alice, me, bob, dave's invite and erin's ban are user-scoped: they stay.
		expect(plan.userScoped).toBe(6);
		expect(plan.invitees).toEqual([ALICE, BOB]);
		expect(plan.roomVersion).toBe('10');
		expect(summarise(plan)).toEqual({roomVersion: '10', live: plan.live, deleted: 5, carried: 7, userScoped: 6, invited: 2});
	});

	test('never carries the create event or an old tombstone', () => {
		const plan = planOptimise([state('m.room.create', '', {room_version: '11'}), state('m.room.tombstone', '', {replacement_room: '!x:y'})], ME);
		expect(plan.carried).toEqual([]);
		expect(plan.live).toBe(2);
	});

	test('ignores junk: non-state events, null, strings', () => {
		const plan = planOptimise([null, 'x', {type: 'm.room.message', content: {}}, state('org.example.a', '', {})], ME);
		expect(plan.live).toBe(1);
		expect(plan.carried).toHaveLength(1);
	});
});

describe('stillToCopy', () => {
	test('leaves out what the new room already holds (the server copied it), by type and state key', () => {
		const plan = planOptimise(room(), ME);
		const created = [
			state('m.room.create', '', {room_version: '10'}),
			state('m.room.power_levels', '', {users: {[ME]: 100}}),
			state('m.room.join_rules', '', {join_rule: 'invite'}),
			state('m.room.name', '', {name: 'Busy room'}),
			state('m.room.canonical_alias', '', {alias: '#busy:example.org'}),
			state('org.example.note', 'other', {}),
			member(ME, {membership: 'join'}),
		];
		expect(stillToCopy(plan.carried, created).map((copy) => `${copy.type}|${copy.stateKey}`)).toEqual(['org.example.note|', 'org.example.note|k2', 'org.example.flag|']);
		expect(stillToCopy(plan.carried, [])).toHaveLength(7);
	});
});

describe('roomVersionOf and isUserScoped', () => {
	test('a create event without room_version is version 1', () => {
		expect(roomVersionOf([state('m.room.create', '', {creator: ALICE})])).toBe('1');
		expect(roomVersionOf([state('m.room.create', '', {room_version: 11})])).toBe('1');
		expect(roomVersionOf([])).toBe('1');
		expect(roomVersionOf([state('m.room.create', '', {room_version: '11'})])).toBe('11');
	});

	test.each([
		['@alice:example.org', true],
		['@alice:example.org_beacon', true],
		['', false],
		['w1', false],
		['!room:example.org', false],
	])('%j user-scoped: %s', (stateKey, expected) => {
		expect(isUserScoped(stateKey)).toBe(expected);
	});
});

describe('upgradePower', () => {
	const create = (version = '10') => state('m.room.create', '', {creator: ALICE, room_version: version}, ALICE);
	test('needs the m.room.tombstone level, or state_default without one', () => {
		const levels = state('m.room.power_levels', '', {users: {[ME]: 50}, state_default: 50, events: {'m.room.tombstone': 100}});
		expect(upgradePower([create(), levels], ME)).toEqual({allowed: false, needed: 100, mine: 50});
		const plain = state('m.room.power_levels', '', {users: {[ME]: 50}, state_default: 50});
		expect(upgradePower([create(), plain], ME)).toEqual({allowed: true, needed: 50, mine: 50});
		expect(upgradePower([create(), plain], BOB)).toEqual({allowed: false, needed: 50, mine: 0});
	});

	test('without power levels the creator has 100 and the rest 0', () => {
		expect(upgradePower([create()], ALICE)).toMatchObject({allowed: true, mine: 100});
		expect(upgradePower([create()], ME)).toMatchObject({allowed: false, mine: 0});
	});

	test('from room version 12 the creator outranks every level', () => {
		const levels = state('m.room.power_levels', '', {users: {}, events: {'m.room.tombstone': 150}});
		expect(upgradePower([create('12'), levels], ALICE).allowed).toBe(true);
		expect(upgradePower([create('11'), levels], ALICE).allowed).toBe(false);
	});
});
