import {RoomBuilder} from './builder.js';
import {displayNames, joinContent, people} from './people.js';
import type {ScenarioRoom} from './types.js';

export const LOBBY_ROOM_ID = '!lobby:demo.local';

const {you, alice, bob} = people;

/** A second, quieter room with unread messages (one of them mentions us) for the room list. */
export function lobbyRoom(): ScenarioRoom {
	const room = new RoomBuilder(LOBBY_ROOM_ID)
		.state(bob, 'm.room.create', {creator: bob, room_version: '10'})
		.member(bob, joinContent(bob))
		.state(bob, 'm.room.power_levels', {users: {[bob]: 100}, users_default: 0, events_default: 0, state_default: 50})
		.state(bob, 'm.room.join_rules', {join_rule: 'public'})
		.state(bob, 'm.room.canonical_alias', {alias: '#lobby:demo.local'})
		.state(bob, 'm.room.name', {name: 'Lobby'})
		.state(bob, 'm.room.topic', {topic: 'General chat'})
		.member(alice, joinContent(alice))
		.member(you, joinContent(you))
		.text(bob, 'Welcome to the lobby!')
		.text(alice, 'Hi all 👋')
		// The three unread messages:
		.text(bob, 'Lunch at noon?')
		.text(alice, `${displayNames[you]}, the proposals room is ready: #demo:demo.local`)
		.text(bob, '👍');
	return room.build({notification_count: 3, highlight_count: 1}, 20 * 60_000);
}
