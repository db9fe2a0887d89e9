/** Rooms for the state tests, as the matrix layer sends them: RoomUpdates, reduced into an AppState. */
import type {RawContent, RawEvent} from '../../src/domain/events.js';
import type {MemberList} from '../../src/domain/member-list.js';
import type {RoomUpdate} from '../../src/matrix/protocol.js';
import {initialAppState, type AppState} from '../../src/state/app-state.js';
import {reduce} from '../../src/state/reducer.js';

export const ME = '@me:example.org';

let version = 0;

export interface RoomSpec {
	name?: string;
	membership?: RoomUpdate['meta']['membership'];
	events?: RawEvent[];
	state?: RawEvent[];
	members?: RawEvent[];
	memberList?: MemberList;
}

/** A whole room, as the first update about it says it. */
export function roomUpdate(roomId: string, spec: RoomSpec = {}): RoomUpdate {
	return {
		roomId,
		version: ++version,
		meta: {name: spec.name ?? roomId, membership: spec.membership ?? 'join', unread: 0, highlights: 0, canPaginateBack: false, membersLoaded: true},
		events: {mode: 'replace', events: spec.events ?? []},
		pending: [],
		state: spec.state ?? [],
		members: spec.members ?? [],
		...(spec.memberList ? {memberList: spec.memberList} : {}),
	};
}

export function withRooms(state: AppState, ...rooms: RoomUpdate[]): AppState {
	return reduce(state, {type: 'session-update', update: {kind: 'rooms', rooms}});
}

export function appWith(...rooms: RoomUpdate[]): AppState {
	return withRooms(initialAppState({userId: ME}), ...rooms);
}

/** One room setting (m.room.name, m.room.canonical_alias…), state key ''. */
export function setting(type: string, content: RawContent, stateKey = ''): RawEvent {
	return {type, state_key: stateKey, sender: '@alice:example.org', content};
}

export const EMPTY_MEMBER_LIST: MemberList = {joined: [], invited: [], banned: [], left: [], hiddenCount: 0};
