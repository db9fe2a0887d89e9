import {describe, expect, test} from 'vitest';
import {directPeers, roomTags, withDirectRoom} from '../../src/domain/room-placement.js';

describe('directPeers (m.direct turned around)', () => {
	test('each room to the person it is a direct chat with; the first to list it wins', () => {
		const peers = directPeers({'@a:x': ['!1', '!2'], '@b:x': ['!2', '!3']});
		expect([...peers]).toEqual([
			['!1', '@a:x'],
			['!2', '@a:x'],
			['!3', '@b:x'],
		]);
	});

	test.each([
		['not an object', 'nonsense'],
		['null', null],
		['an array', [['!1']]],
		['rooms not a list', {'@a:x': '!1'}],
		['a key that is not a user ID', {'!room': ['!1']}],
		['room IDs that are not strings', {'@a:x': [1, null, {}]}],
	])('malformed (%s): nothing', (_what, content) => {
		expect(directPeers(content).size).toBe(0);
	});
});

describe('withDirectRoom', () => {
	test('adds the room after the person’s others, keeps everyone else, cleans what is not a room ID', () => {
		expect(withDirectRoom({'@a:x': ['!1', 7], '@b:x': ['!9']}, '@a:x', '!2')).toEqual({'@a:x': ['!1', '!2'], '@b:x': ['!9']});
	});

	test('a room already listed is listed once; no m.direct yet starts one', () => {
		expect(withDirectRoom({'@a:x': ['!1']}, '@a:x', '!1')).toEqual({'@a:x': ['!1']});
		expect(withDirectRoom(undefined, '@a:x', '!1')).toEqual({'@a:x': ['!1']});
	});
});

describe('roomTags', () => {
	test('favourite and low priority with their order; other tags left out', () => {
		expect(roomTags({'m.favourite': {order: 0.25}, 'u.work': {}, 'm.lowpriority': {}})).toEqual({favourite: {order: 0.25}, lowPriority: {}});
	});

	test.each([
		['an order that is not a number', {'m.favourite': {order: '0.1'}}, {favourite: {}}],
		['an infinite order', {'m.favourite': {order: Infinity}}, {favourite: {}}],
		['a tag that is not an object', {'m.lowpriority': true}, {lowPriority: {}}],
		['no tags', {}, {}],
		['not an object', 'x', {}],
	])('%s', (_what, tags, expected) => {
		expect(roomTags(tags)).toEqual(expected);
	});
});
