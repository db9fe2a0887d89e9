/**
 * /search: the server's index for the rooms it can read, and the loaded messages of the encrypted
 * ones (the server holds only ciphertext), merged by time in a pane (SearchPanel.tsx); the next
 * server page as the user scrolls to the end; Enter shows the message in its context.
 */
import {loadedHits, type SearchHit} from '../domain/message-search.js';
import {heldContext} from '../state/jump.js';
import type {AppState} from '../state/app-state.js';
import type {RoomSnapshot} from '../state/room-snapshot.js';
import {newSearch, type SearchView} from '../state/search.js';
import {isEncrypted, selectedRoom} from '../state/selectors.js';
import type {RoomlessCommand} from './command.js';
import {fail, ok, type CommandContext, type Outcome} from './command-context.js';
import {describeError} from './describe-error.js';

type Search = Extract<RoomlessCommand, {name: 'search'}>;

export async function searchMessages(command: Search, context: CommandContext): Promise<Outcome> {
	const {store, session} = context;
	const scope = roomsToSearch(command, store.getState());
	if (typeof scope === 'string') return fail(scope);
	const encrypted = scope.rooms.filter(isEncrypted);
	const serverRooms = scope.rooms.filter((room) => !isEncrypted(room)).map((room) => room.roomId);
	const local = newestFirst(encrypted.flatMap((room) => loadedHits(room.roomId, room.events, command.term)));
	let page;
	if (serverRooms.length > 0) {
		const result = await session.perform({type: 'search-messages', term: command.term, roomIds: serverRooms});
		if (!result.ok) return fail(describeError(result.error, {userId: session.userId, what: 'search the messages'}));
		page = result.value;
	}
	store.dispatch({type: 'show-search', view: newSearch({term: command.term, all: command.all, ...(scope.roomId ? {roomId: scope.roomId} : {}), serverRooms, encryptedRooms: encrypted.length, local}, page)});
	return ok();
}

/** Every joined room (--all), or the open one if we are in it; else why not. */
function roomsToSearch(command: Search, state: AppState): {rooms: RoomSnapshot[]; roomId?: string} | string {
	if (command.all) return {rooms: [...state.rooms.values()].filter((room) => room.membership === 'join')};
	const open = selectedRoom(state);
	if (!open) return 'No room selected — /search --all <text> looks in every room';
	if (open.membership !== 'join') return 'Join the room before searching it — or /search --all <text>';
	return {rooms: [open], roomId: open.roomId};
}

/** The server's page after those shown; a failure is one line and the pane stays as it was. */
export async function nextSearchPage(view: SearchView, context: CommandContext): Promise<Outcome> {
	const from = view.next;
	if (from === undefined) return ok();
	context.store.dispatch({type: 'search-loading', loading: true});
	const result = await context.session.perform({type: 'search-messages', term: view.term, roomIds: [...view.serverRooms], next: from});
	if (!result.ok) {
		context.store.dispatch({type: 'search-loading', loading: false});
		return fail(describeError(result.error, {userId: context.session.userId, what: 'search the messages (the next page)'}));
	}
	context.store.dispatch({type: 'search-page', asked: {term: view.term, all: view.all, from}, page: result.value});
	return ok();
}

/**
 * Enter on a hit: its room opens with the message shown among its neighbours — from what the room
 * holds when it is loaded, else from the server (GET /context), decrypted in memory.
 */
export async function jumpToHit(hit: SearchHit, context: CommandContext): Promise<Outcome> {
	const {store, session} = context;
	store.dispatch({type: 'close-search'});
	const room = store.getState().rooms.get(hit.roomId);
	if (!room || room.membership !== 'join') return fail('You are no longer in the room of that message');
	store.dispatch({type: 'select-room', roomId: hit.roomId});
	const held = heldContext(room.events, hit.eventId);
	if (held) {
		store.dispatch({type: 'show-jump', jump: {roomId: hit.roomId, eventId: hit.eventId, events: held, members: []}});
		return ok();
	}
	const result = await session.perform({type: 'event-context', roomId: hit.roomId, eventId: hit.eventId});
	if (!result.ok) return fail(describeError(result.error, {room, userId: session.userId, what: 'show the message in its context', notFound: 'That message is no longer on the server'}));
	// The user may have moved on while it loaded.
	if (store.getState().selectedRoomId !== hit.roomId) return ok();
	store.dispatch({type: 'show-jump', jump: {roomId: hit.roomId, eventId: hit.eventId, ...result.value}});
	return ok();
}

function newestFirst(hits: SearchHit[]): SearchHit[] {
	return hits.sort((a, b) => b.ts - a.ts);
}
