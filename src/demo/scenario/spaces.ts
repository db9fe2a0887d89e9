/**
 * The demo's spaces: "Demo space" holds the main room, the lobby, "Formatting" and the sub-space "Projects",
 * which holds the encrypted room and "Design notes", a public room we are not in (so `/space`
 * lists it and Enter joins it). The invite and the direct chat are in no space: "Other".
 */
import {RoomBuilder} from './builder.js';
import {joinContent, people} from './people.js';
import type {ScenarioRoom} from './types.js';
import {LOBBY_ROOM_ID} from './lobby.js';
import {MAIN_ROOM_ID} from './main-room.js';
import {SECRET_ROOM_ID} from './secret-room.js';
import {FORMATTING_ROOM_ID} from './formatting-room.js';

export const DEMO_SPACE_ID = '!space:demo.local';
export const PROJECTS_SPACE_ID = '!projects:demo.local';
export const DESIGN_ROOM_ID = '!design:demo.local';

const {you, alice, bob} = people;
const VIA = {via: ['demo.local']};

function space(roomId: string, name: string, topic: string, children: readonly string[]): ScenarioRoom {
	const room = new RoomBuilder(roomId)
		.state(alice, 'm.room.create', {creator: alice, room_version: '10', type: 'm.space'})
		.member(alice, joinContent(alice))
		.state(alice, 'm.room.power_levels', {users: {[alice]: 100}, users_default: 0, events_default: 100, state_default: 50})
		.state(alice, 'm.room.join_rules', {join_rule: 'public'})
		.state(alice, 'm.room.name', {name})
		.state(alice, 'm.room.topic', {topic});
	for (const child of children) room.state(alice, 'm.space.child', VIA, child);
	return room.member(you, joinContent(you)).build();
}

export function demoSpace(): ScenarioRoom {
	return space(DEMO_SPACE_ID, 'Demo space', 'Everything about the demo', [MAIN_ROOM_ID, LOBBY_ROOM_ID, FORMATTING_ROOM_ID, PROJECTS_SPACE_ID]);
}

export function projectsSpace(): ScenarioRoom {
	return space(PROJECTS_SPACE_ID, 'Projects', 'Work in progress', [SECRET_ROOM_ID, DESIGN_ROOM_ID]);
}

/** Public, in Projects, and we are not in it: only the hierarchy shows it. */
export function designRoom(): ScenarioRoom {
	return new RoomBuilder(DESIGN_ROOM_ID)
		.state(bob, 'm.room.create', {creator: bob, room_version: '10'})
		.member(bob, joinContent(bob))
		.state(bob, 'm.room.power_levels', {users: {[bob]: 100}, users_default: 0, events_default: 0, state_default: 50})
		.state(bob, 'm.room.join_rules', {join_rule: 'public'})
		.state(bob, 'm.room.canonical_alias', {alias: '#design:demo.local'})
		.state(bob, 'm.room.name', {name: 'Design notes'})
		.state(bob, 'm.room.topic', {topic: 'Sketches for the next release'})
		.member(alice, joinContent(alice))
		.text(bob, 'The new room list sketch is up.')
		.build();
}
