import {RoomBuilder} from './builder.js';
import {joinContent, people} from './people.js';
import type {ScenarioRoom} from './types.js';

export const DIRECT_ROOM_ID = '!dm-bob:demo.local';

const {you, bob} = people;

/** A direct chat with Bob: no name, so the client names it after him; the account's m.direct lists it. */
export function directRoom(): ScenarioRoom {
	return new RoomBuilder(DIRECT_ROOM_ID)
		.state(bob, 'm.room.create', {creator: bob, room_version: '10'})
		.member(bob, joinContent(bob))
		.state(bob, 'm.room.power_levels', {users: {[bob]: 100, [you]: 100}, users_default: 0, events_default: 0, state_default: 50})
		.state(bob, 'm.room.join_rules', {join_rule: 'invite'})
		.member(you, {membership: 'invite', is_direct: true}, bob)
		.member(you, joinContent(you))
		.text(bob, 'Did you see the spaces in the room list?')
		.build();
}
