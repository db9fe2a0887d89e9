import {inviteRoom} from './scenario/invite-room.js';
import {lobbyRoom} from './scenario/lobby.js';
import {mainRoom} from './scenario/main-room.js';
import {secretRoom} from './scenario/secret-room.js';
import {designRoom, demoSpace, projectsSpace} from './scenario/spaces.js';
import {DIRECT_ROOM_ID, directRoom} from './scenario/direct-room.js';
import {formattingRoom} from './scenario/formatting-room.js';
import {displayNames, people} from './scenario/people.js';
import type {Scenario} from './scenario/types.js';

export type {Scenario} from './scenario/types.js';
export {BACKLOG_COUNT, MAIN_ROOM_ID} from './scenario/main-room.js';
export {LOBBY_ROOM_ID} from './scenario/lobby.js';
export {SECRET_ROOM_ID} from './scenario/secret-room.js';
export {INVITE_ROOM_ID} from './scenario/invite-room.js';
export {DEMO_SPACE_ID, DESIGN_ROOM_ID, PROJECTS_SPACE_ID} from './scenario/spaces.js';
export {DIRECT_ROOM_ID} from './scenario/direct-room.js';
export {FORMATTING_ROOM_ID} from './scenario/formatting-room.js';
export {IVAN_FIRST_NAME, IVAN_NEW_NAME, MALLORY_NAME, people} from './scenario/people.js';
export {CAROL_REASON, MALLORY_REASON} from './scenario/texts.js';

const DEMO_ACCESS_TOKEN = 'demo_access_token';

/** The default seed of `matrix-tui --demo`: a fresh copy on every call (servers mutate what they load). */
export function demoScenario(): Scenario {
	return {
		userId: people.you,
		accessToken: DEMO_ACCESS_TOKEN,
		deviceId: 'DEMODEVICE',
		profiles: Object.fromEntries(Object.entries(displayNames).map(([user, displayname]) => [user, {displayname}])),
		rooms: [{...mainRoom(), tags: {'m.favourite': {order: 0.5}}}, lobbyRoom(), secretRoom(), inviteRoom(), directRoom(), formattingRoom(), demoSpace(), projectsSpace(), designRoom()],
		accountData: {'m.direct': {[people.bob]: [DIRECT_ROOM_ID]}},
	};
}
