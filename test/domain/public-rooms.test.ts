import {describe, expect, test} from 'vitest';
import {joinTarget, publicRoomsPage} from '../../src/domain/public-rooms.js';

describe('publicRoomsPage (the /publicRooms answer, untrusted)', () => {
	test('entries with their name, alias, members and topic; the next token and the estimate', () => {
		const page = publicRoomsPage({
			chunk: [{room_id: '!a:x', name: 'Rust', canonical_alias: '#rust:x', num_joined_members: 12, topic: 'crabs'}, {room_id: '!b:x', num_joined_members: 1}],
			next_batch: 'p2',
			total_room_count_estimate: 40,
		});
		expect(page).toEqual({rooms: [{roomId: '!a:x', name: 'Rust', alias: '#rust:x', members: 12, topic: 'crabs'}, {roomId: '!b:x', members: 1}], next: 'p2', total: 40});
	});

	test.each([
		['no chunk', {}, []],
		['chunk not a list', {chunk: {room_id: '!a'}}, []],
		['an entry without a room ID', {chunk: [{name: 'x'}, null, 'str', {room_id: ''}]}, []],
		['bad counts and texts', {chunk: [{room_id: '!a', num_joined_members: -3, name: 5, topic: '   ', canonical_alias: null}]}, [{roomId: '!a', members: 0}]],
		['a fractional count', {chunk: [{room_id: '!a', num_joined_members: 2.5}]}, [{roomId: '!a', members: 0}]],
	])('malformed: %s', (_what, body, rooms) => {
		expect(publicRoomsPage(body).rooms).toEqual(rooms);
	});

	test('no next token at the end, nor an empty one; a bad estimate is left out', () => {
		expect(publicRoomsPage({chunk: [], next_batch: '', total_room_count_estimate: 'many'})).toEqual({rooms: []});
		expect(publicRoomsPage('nonsense')).toEqual({rooms: []});
	});

	test('Enter joins by alias where there is one, else by ID', () => {
		expect(joinTarget({roomId: '!a:x', alias: '#a:x', members: 1})).toBe('#a:x');
		expect(joinTarget({roomId: '!a:x', members: 1})).toBe('!a:x');
	});
});
