import {describe, expect, test} from 'vitest';
import type {RawEvent} from '../../src/domain/events.js';
import {isSpaceCreation, parentClaimHolds, spaceParentClaims, roomsInSpaces, roomsOfSpace, SPACE_DEPTH_CAP, spaceChildIds, spacesInOrder, viaServers, type SpaceTree} from '../../src/domain/spaces.js';
import {hierarchyPage} from '../../src/domain/space-hierarchy.js';

const child = (roomId: string, content: unknown): RawEvent => ({type: 'm.space.child', state_key: roomId, content: content as RawEvent['content']});

describe('isSpaceCreation', () => {
	test.each([
		[{type: 'm.space'}, true],
		[{type: 'm.room'}, false],
		[{}, false],
		[{type: 1}, false],
		[{type: ['m.space']}, false],
		[null, false],
		['m.space', false],
	])('%j → %s', (content, expected) => {
		expect(isSpaceCreation(content)).toBe(expected);
	});
});

describe('spaceChildIds (m.space.child events of a space)', () => {
	test('a child counts while its via is a non-empty array of servers; each once', () => {
		const events = [child('!a:x', {via: ['x']}), child('!b:x', {via: ['x'], order: 'b'}), child('!a:x', {via: ['y']}), {type: 'm.room.name', state_key: '', content: {name: 'S'}}];
		expect(spaceChildIds(events)).toEqual(['!a:x', '!b:x']);
	});

	test.each([
		['via empty (a removed child)', {via: []}],
		['no via', {}],
		['via not an array', {via: 'x'}],
		['via of no strings', {via: [1, null, {}]}],
		['via of an empty string', {via: ['']}],
		['content not an object', 'nonsense'],
		['content null', null],
	])('hostile or removed (%s): not a child', (_what, content) => {
		expect(spaceChildIds([child('!a:x', content)])).toEqual([]);
	});

	test('a state key that is not a room ID is not a child', () => {
		expect(spaceChildIds([child('#alias:x', {via: ['x']}), child('', {via: ['x']}), {type: 'm.space.child', content: {via: ['x']}}])).toEqual([]);
	});

	test('viaServers keeps the strings only', () => {
		expect(viaServers({via: ['a', 2, '', 'b']})).toEqual(['a', 'b']);
	});
});

describe('roomsOfSpace (children, and the sub-spaces’ children)', () => {
	const tree: SpaceTree = new Map([
		['!S', ['!R1', '!T']],
		['!T', ['!R2', '!U']],
		['!U', ['!R5']],
		['!B', ['!R9']],
	]);

	test('the space’s rooms through every level of sub-space, not another space’s', () => {
		expect([...roomsOfSpace('!S', tree)].sort()).toEqual(['!R1', '!R2', '!R5', '!T', '!U']);
		expect([...roomsOfSpace('!T', tree)].sort()).toEqual(['!R2', '!R5', '!U']);
	});

	test('a sub-space we did not join adds only itself (its children are unknown here)', () => {
		expect([...roomsOfSpace('!B', new Map([['!B', ['!X', '!R']]]))].sort()).toEqual(['!R', '!X']);
	});

	test('a cycle ends: A lists B, B lists A and itself', () => {
		const cyclic: SpaceTree = new Map([
			['!A', ['!B', '!r1']],
			['!B', ['!A', '!B', '!r2']],
		]);
		expect([...roomsOfSpace('!A', cyclic)].sort()).toEqual(['!B', '!r1', '!r2']);
		expect([...roomsOfSpace('!B', cyclic)].sort()).toEqual(['!A', '!r1', '!r2']);
	});

	test('a chain deeper than the cap stops at the cap', () => {
		const chain = new Map<string, string[]>();
		for (let level = 0; level < SPACE_DEPTH_CAP + 5; level++) chain.set(`!s${level}`, [`!s${level + 1}`, `!room${level}`]);
		const rooms = roomsOfSpace('!s0', chain);
		expect(rooms.has(`!room${SPACE_DEPTH_CAP - 1}`)).toBe(true);
		expect(rooms.has(`!room${SPACE_DEPTH_CAP}`)).toBe(false);
	});

	test('an unknown space has no rooms', () => {
		expect(roomsOfSpace('!nope', tree).size).toBe(0);
	});
});

describe('roomsInSpaces (what is not under Other)', () => {
	test('every child of every joined space', () => {
		expect([...roomsInSpaces(new Map([['!S', ['!a', '!T']], ['!T', ['!b']]]))].sort()).toEqual(['!T', '!a', '!b']);
	});
});

describe('spacesInOrder (the selector)', () => {
	const byId = (a: string, b: string) => a.localeCompare(b);

	test('top-level spaces by name, each followed by its sub-spaces', () => {
		const tree: SpaceTree = new Map([
			['!b', ['!b2', '!b1', '!room']],
			['!a', []],
			['!b1', []],
			['!b2', ['!b21']],
			['!b21', []],
		]);
		expect(spacesInOrder(tree, byId)).toEqual([
			{spaceId: '!a', depth: 0},
			{spaceId: '!b', depth: 0},
			{spaceId: '!b1', depth: 1},
			{spaceId: '!b2', depth: 1},
			{spaceId: '!b21', depth: 2},
		]);
	});

	test('spaces only in a loop are still listed, once each', () => {
		const tree: SpaceTree = new Map([
			['!x', ['!y']],
			['!y', ['!x']],
		]);
		expect(spacesInOrder(tree, byId)).toEqual([
			{spaceId: '!x', depth: 0},
			{spaceId: '!y', depth: 1},
		]);
	});
});

describe('hierarchyPage (GET /hierarchy)', () => {
	test('the rooms that are not spaces, each child’s via from children_state, the next batch', () => {
		const page = hierarchyPage({
			rooms: [
				{room_id: '!S', room_type: 'm.space', name: 'S', num_joined_members: 2, children_state: [child('!R4', {via: ['x.org']}), child('!T', {via: ['x.org']})]},
				{room_id: '!R4', name: 'Four', canonical_alias: '#four:x.org', num_joined_members: 3, topic: 'the fourth'},
				{room_id: '!T', room_type: 'm.space', children_state: [child('!R2', {via: ['y.org', 5]}), child('!Gone', {via: []})]},
			],
			next_batch: 'n1',
		});
		expect(page).toEqual({
			rooms: [{roomId: '!R4', name: 'Four', alias: '#four:x.org', members: 3, topic: 'the fourth'}],
			via: {'!R4': ['x.org'], '!T': ['x.org'], '!R2': ['y.org']},
			next: 'n1',
		});
	});

	test.each([
		['not an object', 'nonsense'],
		['rooms not an array', {rooms: {room_id: '!a'}}],
		['entries without room IDs, bad children_state', {rooms: [null, 3, {name: 'x'}, {room_id: '!a', children_state: 'no'}], next_batch: 7}],
	])('malformed (%s): what holds, nothing more', (_what, body) => {
		const page = hierarchyPage(body);
		expect(page.next).toBeUndefined();
		expect(page.via).toEqual({});
		expect(page.rooms.every((room) => room.roomId === '!a')).toBe(true);
	});

	test('a state key like __proto__ does not reach the via record', () => {
		const page = hierarchyPage({rooms: [{room_id: '!S', children_state: [child('__proto__', {via: ['evil']})]}]});
		expect(Object.keys(page.via)).toEqual([]);
		expect(Object.getPrototypeOf(page.via)).toBe(Object.prototype);
	});
});

describe('m.space.parent claims', () => {
	const parent = (spaceId: string, content: unknown, sender: unknown = '@a:x'): RawEvent => ({type: 'm.space.parent', state_key: spaceId, sender: sender as string, content: content as RawEvent['content']});

	test('each space named with a non-empty via, with its sender; hostile ones dropped', () => {
		expect(spaceParentClaims([parent('!S', {via: ['x']}), parent('!S', {via: ['y']}, '@b:x'), parent('!T', {via: 'x'}), parent('!U', {via: []}), parent('#alias', {via: ['x']}), parent('!V', {via: ['x']}, 7)])).toEqual([{spaceId: '!S', sender: '@a:x'}]);
	});

	test.each([
		['the space’s creator, whatever the power levels', '@creator:x', {users: {}, state_default: 50}, true],
		['power enough for m.space.child', '@mod:x', {users: {'@mod:x': 50}}, true],
		['m.space.child set lower for everyone', '@anyone:x', {events: {'m.space.child': 0}}, true],
		['too little power', '@anyone:x', {users: {'@anyone:x': 10}, state_default: 50}, false],
		['no power levels: the default 50 needed', '@anyone:x', undefined, false],
		['a hostile power level (a string)', '@anyone:x', {users: {'@anyone:x': '100'}}, false],
	])('holds when the sender is %s', (_what, sender, powerLevels, holds) => {
		expect(parentClaimHolds(sender, '@creator:x', powerLevels)).toBe(holds);
	});
});
