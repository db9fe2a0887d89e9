/** Every change to AppState, as one pure function of (state, action). */
import {deactivatedUsersIn, withDeactivated} from '../domain/deactivation.js';
import type {RoomUpdate, SessionUpdate} from '../matrix/protocol.js';
import type {RoomSnapshot} from './room-snapshot.js';
import type {AppAction, AppState} from './app-state.js';
import {FOCUS_ORDER} from './app-state.js';
import {chosenMention, complete} from './completion.js';
import {findRoom} from './find-room.js';
import {remember, step} from './history.js';
import {orderedRoomIds, sectionOf} from './room-order.js';
import {relativeRoom, roomToOpen} from './room-list-view.js';
import {selectRoomList} from './selectors.js';
import {mergeRoomUpdate} from './merge-room.js';
import {cancelNotice} from './prompt.js';
import {moved, withoutLoading, withPage} from './directory.js';
import {withPicture} from './pictures.js';
import {reduceSearch} from './search-reducer.js';
import {isThreadAction} from './threads.js';
import {reduceThread} from './thread-reducer.js';
import {cycledChoice, type SpaceChoice} from './space-choice.js';

const EMPTY_COMPOSER = {text: '', cursor: 0};

export function reduce(state: AppState, action: AppAction): AppState {
	if (isThreadAction(action)) return reduceThread(state, action);
	switch (action.type) {
		case 'session-update':
			return applySessionUpdate(state, action.update);
		case 'set-picture':
			return {...state, pictures: withPicture(state.pictures, action.eventId, action.entry)};
		case 'select-room':
			return state.rooms.has(action.roomId) ? selectRoom(state, action.roomId) : state;
		case 'request-room': {
			const roomId = findRoom(state.rooms, action.query);
			return roomId ? selectRoom({...state, requestedRoom: undefined}, roomId) : {...state, requestedRoom: action.query};
		}
		case 'select-relative-room': {
			const next = relativeRoom(selectRoomList(state, state.roomList.space), state.roomList, action.delta);
			return next ? selectRoom(state, next) : state;
		}
		case 'set-room-filter':
			return {...state, roomList: {...state.roomList, filter: action.filter}};
		case 'fold-section':
			return foldSection(state, action.fold);
		case 'choose-space':
			return chooseSpace(state, action.choice);
		case 'cycle-space':
			return chooseSpace(state, cycledChoice(state.rooms, state.roomList.space, action.delta));
		case 'open-listed-room': {
			const roomId = roomToOpen(selectRoomList(state, state.roomList.space), state.roomList);
			const opened = roomId ? selectRoom(state, roomId) : state;
			return withFocus(opened, 'composer');
		}
		case 'set-side-panel':
			return {...state, sidePanel: action.panel, sideScroll: 0};
		case 'set-reveal-spoilers':
			return {...state, revealSpoilers: action.value};
		case 'set-show-deleted':
			return {...state, showDeleted: action.value, sideScroll: 0};
		case 'show-notice':
			return {...state, notice: action.notice};
		case 'clear-notice':
			return state.notice ? {...state, notice: undefined} : state;
		case 'set-help-open':
			return {...state, helpOpen: action.open};
		case 'scroll-timeline':
			return {...state, timelineScroll: Math.max(0, state.timelineScroll + action.delta)};
		case 'scroll-side':
			return {...state, sideScroll: Math.max(0, state.sideScroll + action.delta)};
		case 'set-composer':
			return {...state, composer: action.composer, completion: undefined, mentionPicks: action.mentions ?? (action.composer.text === '' ? [] : state.mentionPicks)};
		case 'set-focus':
			return withFocus(state, action.focus);
		case 'cycle-focus': {
			const index = FOCUS_ORDER.indexOf(state.focus);
			return withFocus(state, FOCUS_ORDER[(index + action.delta + FOCUS_ORDER.length) % FOCUS_ORDER.length]!);
		}
		case 'start-edit':
			return withFocus({...state, editing: action.editing, composer: {text: action.text, cursor: action.text.length}, completion: undefined, mentionPicks: action.mentions ?? [], historyCursor: undefined}, 'composer');
		case 'end-edit':
			if (!state.editing) return state;
			return {...state, editing: undefined, composer: EMPTY_COMPOSER, completion: undefined, mentionPicks: [], ...(action.cancelled ? {notice: {kind: 'info' as const, text: 'Edit cancelled'}} : {})};
		case 'remember-input': {
			// Answers to a prompt (a user ID, a password) are never history.
			if (state.prompt) return state;
			const history = new Map(state.history);
			history.set(action.roomId, remember(history.get(action.roomId), action.text));
			return {...state, history, historyCursor: undefined};
		}
		case 'history-step': {
			const roomId = state.selectedRoomId;
			// ↑ would park a half-typed password in the history cursor's draft.
			if (!roomId || state.prompt) return state;
			const moved = step(state.history.get(roomId) ?? [], state.historyCursor, roomId, state.composer.text, action.delta);
			if (!moved) return state;
			return {...state, composer: {text: moved.text, cursor: moved.text.length}, historyCursor: moved.cursor, completion: undefined, mentionPicks: []};
		}
		case 'complete': {
			if (state.prompt) return state;
			const result = complete(state.composer, action.sources, state.completion);
			// Another Tab replaces the member completed before with the next one.
			const replaced = state.completion ? chosenMention(state.completion) : undefined;
			const kept = state.mentionPicks.filter((pick) => pick !== replaced);
			const chosen = result.completion ? chosenMention(result.completion) : undefined;
			return {...state, composer: result.composer, completion: result.completion, mentionPicks: chosen ? [...kept, chosen] : kept};
		}
		case 'set-census':
			return {...state, census: {roomId: action.roomId, census: action.census}};
		case 'open-switcher':
			return {...state, switcher: {query: '', index: 0}};
		case 'switcher-query':
			return state.switcher ? {...state, switcher: {query: action.query, index: 0}} : state;
		case 'switcher-move':
			return state.switcher ? {...state, switcher: {...state.switcher, index: Math.max(0, state.switcher.index + action.delta)}} : state;
		case 'close-switcher':
			return {...state, switcher: undefined};
		case 'open-prompt':
			return withFocus({...state, prompt: action.prompt, composer: EMPTY_COMPOSER, completion: undefined, mentionPicks: [], historyCursor: undefined, notice: undefined}, 'composer');
		case 'close-prompt':
			return state.prompt?.id === action.id ? {...state, prompt: undefined} : state;
		case 'show-devices':
			return {...state, devices: action.devices};
		case 'show-directory':
			return {...state, directory: withPage(state.directory, action.page, action.append === true)};
		case 'directory-loading':
			if (!state.directory) return state;
			return {...state, directory: action.loading ? {...state.directory, loading: true} : withoutLoading(state.directory)};
		case 'directory-move':
			return state.directory ? {...state, directory: moved(state.directory, action.delta)} : state;
		case 'close-directory':
			return state.directory ? {...state, directory: undefined} : state;
		case 'show-search':
		case 'search-page':
		case 'search-loading':
		case 'search-move':
		case 'close-search':
		case 'show-jump':
		case 'close-jump':
			return reduceSearch(state, action);
		case 'close-devices':
			return state.devices ? {...state, devices: undefined} : state;
		case 'show-recovery-key':
			return {...state, recoveryKey: action.recoveryKey};
		case 'close-recovery-key':
			return state.recoveryKey === undefined ? state : {...state, recoveryKey: undefined};
		case 'cancel-prompt':
			if (!state.prompt) return state;
			return {...state, prompt: undefined, composer: EMPTY_COMPOSER, completion: undefined, mentionPicks: [], notice: {kind: 'info', text: cancelNotice(state.prompt)}};
	}
}

/** The room pane's filter is for finding a room: leaving the pane ends it. */
function withFocus(state: AppState, focus: AppState['focus']): AppState {
	const roomList = focus !== 'rooms' && state.roomList.filter !== '' ? {...state.roomList, filter: ''} : state.roomList;
	return state.focus === focus && roomList === state.roomList ? state : {...state, focus, roomList};
}

function foldSection(state: AppState, fold: boolean): AppState {
	const room = state.selectedRoomId ? state.rooms.get(state.selectedRoomId) : undefined;
	if (!room || state.roomList.filter !== '') return state;
	const section = sectionOf(room);
	if (state.roomList.folded.has(section) === fold) return state;
	const folded = new Set(state.roomList.folded);
	if (fold) folded.add(section);
	else folded.delete(section);
	return {...state, roomList: {...state.roomList, folded}};
}

/** The list shows the space's rooms; the room open stays open if it is one of them, else the first of them opens. */
function chooseSpace(state: AppState, choice: SpaceChoice): AppState {
	if (choice === state.roomList.space) return state;
	const chosen = {...state, roomList: {...state.roomList, space: choice}};
	const listed = selectRoomList(chosen, choice);
	if (listed.length === 0 || listed.some((item) => item.selected)) return chosen;
	return selectRoom(chosen, listed[0]!.roomId);
}

function selectRoom(state: AppState, roomId: string): AppState {
	if (state.selectedRoomId === roomId) return state;
	// An edit is of a message in the room it was started in; its text stays, a draft like any other.
	// A thread, the thread list and a search result's context are of the room they were opened in.
	return {...state, selectedRoomId: roomId, timelineScroll: 0, sideScroll: 0, historyCursor: undefined, editing: undefined, jump: undefined, thread: undefined, threadList: undefined};
}

function applySessionUpdate(state: AppState, update: SessionUpdate): AppState {
	switch (update.kind) {
		case 'sync':
			return {...state, sync: {status: update.status, error: update.error}};
		case 'logged-out':
			return {...state, loggedOut: update.reason};
		case 'outbox':
			return {...state, outbox: update.status};
		case 'notice':
			return {...state, notice: {kind: update.info ? 'info' : 'error', text: update.text}};
		case 'crypto-locked':
			return {...state, notice: {kind: 'error', text: update.text}};
		case 'verification': {
			const {verification} = update;
			// Its end is one line on the status bar; the panel goes.
			if (verification.phase === 'done' || verification.phase === 'failed') {
				return {...state, verification: undefined, notice: {kind: verification.phase === 'done' ? 'info' : 'error', text: verification.line ?? 'Verification ended'}};
			}
			return {...state, verification};
		}
		case 'verified-users':
			return {...state, verifiedUsers: new Set(update.userIds)};
		case 'transfer':
			return {...state, transfer: update.transfer};
		case 'room-removed':
			return withRooms(state, (rooms) => rooms.delete(update.roomId));
		case 'rooms': {
			const next = withRooms(state, (rooms) => {
				for (const change of update.rooms) {
					const room = mergeRoomUpdate(rooms.get(change.roomId), change);
					if (isListed(room)) rooms.set(room.roomId, room);
					else rooms.delete(room.roomId);
				}
			});
			const deactivatedUsers = withDeactivated(state.deactivatedUsers, deactivationsIn(update.rooms));
			return deactivatedUsers === state.deactivatedUsers ? next : {...next, deactivatedUsers};
		}
	}
}

/**
 * MSC3759 deactivations announced by what these updates carry: new timeline events, member events,
 * and member-list rows (already checked with the same rule by the matrix layer). Only new parts are
 * looked at, so a message in a 50,000-member room costs nothing here.
 */
function* deactivationsIn(changes: readonly RoomUpdate[]): Generator<string> {
	for (const change of changes) {
		if (change.events) yield* deactivatedUsersIn(change.events.events);
		if (change.members) yield* deactivatedUsersIn(change.members);
		for (const row of change.memberList?.left ?? []) if (row.deactivated) yield row.userId;
		yield* change.memberList?.hiddenDeactivated ?? [];
		for (const {after} of change.memberChanges?.rows ?? []) if (after?.deactivated && after.membership === 'leave') yield after.userId;
		for (const row of change.memberChanges?.left ?? []) if (row.deactivated) yield row.userId;
		yield* change.memberChanges?.hiddenDeactivated ?? [];
	}
}

/** Rooms we left or were banned from leave the list, as in every other client. */
function isListed(room: RoomSnapshot): boolean {
	return room.membership === 'join' || room.membership === 'invite';
}

function withRooms(state: AppState, change: (rooms: Map<string, RoomSnapshot>) => void): AppState {
	const rooms = new Map(state.rooms);
	change(rooms);
	// --room names a room that may arrive with a later sync: keep looking for it until it does.
	const requested = state.requestedRoom ? findRoom(rooms, state.requestedRoom) : undefined;
	let selectedRoomId = requested ?? state.selectedRoomId;
	if (!selectedRoomId || !rooms.has(selectedRoomId)) selectedRoomId = defaultRoom(rooms);
	const requestedRoom = requested ? undefined : state.requestedRoom;
	const changedRoom = selectedRoomId !== state.selectedRoomId;
	return {...state, rooms, selectedRoomId, requestedRoom, ...(changedRoom ? {timelineScroll: 0, sideScroll: 0, thread: undefined, threadList: undefined} : {})};
}

/** With nothing chosen, open a room we are in rather than an invite. */
function defaultRoom(rooms: ReadonlyMap<string, RoomSnapshot>): string | undefined {
	const ids = orderedRoomIds(rooms);
	return ids.find((roomId) => rooms.get(roomId)?.membership === 'join' && !rooms.get(roomId)?.space) ?? ids[0];
}
