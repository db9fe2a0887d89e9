import {describe, expect, test} from 'vitest';
import {reduce} from '../../src/state/reducer.js';
import {choiceInForce, choiceNamed, cycledChoice, OTHER_ROOMS, spaceOptions} from '../../src/state/space-choice.js';
import {selectRoomList} from '../../src/state/selectors.js';
import {initialAppState} from '../../src/state/app-state.js';
import {spaceRow} from '../../src/ui/space-row.js';
import {appWith, ME, roomUpdate, setting, withRooms} from './room-updates.js';

const space = (roomId: string, name: string, children: string[], membership: 'join' | 'invite' = 'join') => {
	const update = roomUpdate(roomId, {name, membership});
	update.meta.space = {children};
	return update;
};

const state = () => appWith(space('!S', 'Studio', ['!r1', '!T']), space('!T', 'Team', ['!r2']), space('!X', 'Invited', ['!r3'], 'invite'), roomUpdate('!r1'), roomUpdate('!r2'), roomUpdate('!r3'), roomUpdate('!r4'));

describe('space-choice', () => {
	test('the options: All, the joined spaces (a parent before its sub-space), Other; an invited space is not one', () => {
		expect(spaceOptions(state().rooms).map((option) => [option.choice, option.name, option.depth])).toEqual([
			[undefined, 'All', 0],
			['!S', 'Studio', 0],
			['!T', 'Team', 1],
			[OTHER_ROOMS, 'Other', 0],
		]);
		expect(spaceOptions(appWith(roomUpdate('!r1')).rooms).length).toBe(0);
	});

	test('the list under each choice; joined spaces are never rooms, an invite to one is', () => {
		const listed = (choice: string | undefined) => selectRoomList(state(), choice).map((item) => item.roomId);
		expect(listed(undefined)).toEqual(['!X', '!r1', '!r2', '!r3', '!r4']);
		expect(listed('!S')).toEqual(['!r1', '!r2']);
		expect(listed('!T')).toEqual(['!r2']);
		expect(listed(OTHER_ROOMS)).toEqual(['!X', '!r3', '!r4']);
	});

	test('a remembered space not (yet) joined shows every room, and stays remembered', () => {
		const start = withRooms(initialAppState({userId: ME, space: '!S'}), roomUpdate('!r1'), roomUpdate('!r9'));
		expect(choiceInForce(start.rooms, start.roomList.space)).toBeUndefined();
		expect(selectRoomList(start, start.roomList.space).map((item) => item.roomId)).toEqual(['!r1', '!r9']);
		const joined = withRooms(start, space('!S', 'Studio', ['!r1']));
		expect(joined.roomList.space).toBe('!S');
		expect(selectRoomList(joined, joined.roomList.space).map((item) => item.roomId)).toEqual(['!r1']);
	});

	test('cycling wraps both ways; choosing a space opens its first room unless the open one is in it', () => {
		const rooms = state().rooms;
		expect(cycledChoice(rooms, undefined, 1)).toBe('!S');
		expect(cycledChoice(rooms, undefined, -1)).toBe(OTHER_ROOMS);
		expect(cycledChoice(rooms, OTHER_ROOMS, 1)).toBeUndefined();
		const chosen = reduce({...state(), selectedRoomId: '!r4'}, {type: 'cycle-space', delta: 1});
		expect([chosen.roomList.space, chosen.selectedRoomId]).toEqual(['!S', '!r1']);
		const kept = reduce({...state(), selectedRoomId: '!r2'}, {type: 'choose-space', choice: '!T'});
		expect(kept.selectedRoomId).toBe('!r2');
	});

	test('/space names: exact first, then a part of a name; "other" is the sentinel, not a space', () => {
		const rooms = state().rooms;
		expect(choiceNamed(rooms, 'team')).toEqual({choice: '!T'});
		expect(choiceNamed(rooms, 'stu')).toEqual({choice: '!S'});
		expect(choiceNamed(rooms, 'nothing')).toBeUndefined();
	});
});

test('a room’s m.space.parent claim puts it in the space when its sender may name children there', () => {
	const claimed = (roomId: string, sender: string) => {
		const update = roomUpdate(roomId);
		update.meta.spaceParents = [{spaceId: '!S', sender}];
		return update;
	};
	const studio = roomUpdate('!S', {name: 'Studio', state: [setting('m.room.power_levels', {users: {'@mod:x': 50}}), {type: 'm.room.create', state_key: '', sender: '@creator:x', content: {type: 'm.space'}}]});
	studio.meta.space = {children: []};
	const app = appWith(studio, claimed('!byMod', '@mod:x'), claimed('!byCreator', '@creator:x'), claimed('!byNobody', '@nobody:x'));
	expect(selectRoomList(app, '!S').map((item) => item.roomId)).toEqual(['!byCreator', '!byMod']);
	expect(selectRoomList(app, OTHER_ROOMS).map((item) => item.roomId)).toEqual(['!byNobody']);
});

describe('spaceRow', () => {
	const options = spaceOptions(state().rooms);
	test('all of them when they fit, the chosen in brackets', () => {
		expect(spaceRow(options, 1, 80)).toBe('All · [Studio] · Team · Other');
	});
	test('too narrow: the chosen one and what fits around it, "…" for the rest', () => {
		expect(spaceRow(options, 2, 20)).toBe('… [Team] · Other');
		expect(spaceRow(options, 0, 16)).toBe('[All] · Studio …');
		expect(spaceRow(options, 1, 5)).toBe('[Stu…');
	});
});
