import {RoomBuilder} from './builder.js';
import {displayNames, joinContent, people} from './people.js';
import type {ScenarioRoom} from './types.js';

export const INVITE_ROOM_ID = '!invite:demo.local';

const {you, alice} = people;

/** A room we are only invited to: it shows in the invite list; joining reveals its history. */
export function inviteRoom(): ScenarioRoom {
	return new RoomBuilder(INVITE_ROOM_ID)
		.state(alice, 'm.room.create', {creator: alice, room_version: '10'})
		.member(alice, joinContent(alice))
		.state(alice, 'm.room.power_levels', {users: {[alice]: 100}, users_default: 0, events_default: 0, state_default: 50})
		.state(alice, 'm.room.join_rules', {join_rule: 'invite'})
		.state(alice, 'm.room.name', {name: 'Secret plans'})
		.state(alice, 'm.room.topic', {topic: 'Surprise party planning — do not tell Bob'})
		.text(alice, 'Glad you could make it! First item: cake.')
		.member(you, {membership: 'invite', displayname: displayNames[you], reason: 'Come help plan the party'}, alice)
		.build();
}
