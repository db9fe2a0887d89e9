import {describe, expect, test} from 'vitest';
import {orderedRoomIds} from '../../src/state/room-order.js';
import {mergeRoomUpdate} from '../../src/state/merge-room.js';
import type {RoomSnapshot} from '../../src/state/room-snapshot.js';
import type {RawEvent} from '../../src/domain/events.js';

function room(roomId: string, name: string, membership: RoomSnapshot['membership'], state: RawEvent[] = []): RoomSnapshot {
	return mergeRoomUpdate(undefined, {roomId, version: 1, meta: {name, membership, unread: 0, highlights: 0, canPaginateBack: false, membersLoaded: false}, state});
}

const tombstone = (replacement: string): RawEvent => ({type: 'm.room.tombstone', state_key: '', sender: '@a:x', content: {replacement_room: replacement, body: 'moved'}});

describe('orderedRoomIds', () => {
	test('invites first, then by name', () => {
		const rooms = new Map([room('!b', 'beta', 'join'), room('!a', 'Alpha', 'join'), room('!i', 'zeta', 'invite')].map((r) => [r.roomId, r]));
		expect(orderedRoomIds(rooms)).toEqual(['!i', '!a', '!b']);
	});

	test('an upgraded room leaves the list once we have joined its replacement', () => {
		const old = room('!old', 'Project', 'join', [tombstone('!new')]);
		const rooms = new Map([old, room('!other', 'Other', 'join')].map((r) => [r.roomId, r]));
		expect(orderedRoomIds(rooms)).toEqual(['!other', '!old']);
		const replacement = room('!new', 'Project', 'join');
		rooms.set(replacement.roomId, replacement);
		expect(orderedRoomIds(rooms)).toEqual(['!other', '!new']);
	});
});
