/**
 * /space: with a name, chooses that space above the room list ("all", "other" too); alone, lists
 * the chosen space's rooms we have not joined (GET /hierarchy, sub-spaces walked) in /explore's
 * panel, where Enter joins one through the servers its parent names (key-handler.ts).
 */
import {sanitizeInline} from '../domain/sanitize.js';
import type {HierarchyPage} from '../domain/space-hierarchy.js';
import type {DirectoryView} from '../state/directory.js';
import type {AppState} from '../state/app-state.js';
import {choiceInForce, choiceNamed, OTHER_ROOMS, spaceName} from '../state/space-choice.js';
import type {RoomlessCommand} from './command.js';
import {fail, ok, type CommandContext, type Outcome} from './command-context.js';
import {describeError} from './describe-error.js';

type Space = Extract<RoomlessCommand, {name: 'space'}>;

/** Pages read at most for one answer while every room on them is joined already. */
const PAGES_PER_ANSWER = 5;

export async function runSpaceCommand(command: Space, context: CommandContext): Promise<Outcome> {
	const state = context.store.getState();
	if (command.query !== undefined) return chooseNamed(command.query, context);
	const spaceId = choiceInForce(state.rooms, state.roomList.space);
	if (spaceId === undefined || spaceId === OTHER_ROOMS) return fail('Choose a space first — Alt+← / Alt+→ above the room list, or /space <name>');
	const space = {spaceId, name: spaceName(state.rooms, spaceId)};
	const page = await unjoinedPage(space, undefined, context);
	if (!page.ok) return fail(page.error);
	if (page.value.rooms.length === 0 && page.value.next === undefined) return ok(`You are in every room of ${space.name}`);
	context.store.dispatch({type: 'show-directory', page: {space, ...page.value}});
	return ok();
}

/** The page after the one shown in /space's panel; a failure is one line and the panel stays. */
export async function nextSpacePage(view: DirectoryView, context: CommandContext): Promise<Outcome> {
	if (view.next === undefined || !view.space) return ok();
	context.store.dispatch({type: 'directory-loading', loading: true});
	const page = await unjoinedPage(view.space, view.next, context);
	if (!page.ok) {
		context.store.dispatch({type: 'directory-loading', loading: false});
		return fail(page.error);
	}
	context.store.dispatch({type: 'show-directory', page: {space: view.space, ...page.value}, append: true});
	return ok();
}

function chooseNamed(query: string, context: CommandContext): Outcome {
	const {rooms} = context.store.getState();
	const wanted = query.trim().toLocaleLowerCase();
	const found = wanted === 'all' ? {choice: undefined} : wanted === 'other' ? {choice: OTHER_ROOMS} : choiceNamed(rooms, query);
	if (!found) return fail(`No space you are in is named "${sanitizeInline(query)}"`);
	context.store.dispatch({type: 'choose-space', choice: found.choice});
	return ok(found.choice === undefined ? 'Listing every room' : found.choice === OTHER_ROOMS ? 'Listing the rooms in no space' : `Listing the rooms of ${spaceName(rooms, found.choice)}`);
}

/**
 * The next page with a room not joined yet, reading on (a few pages at most) past pages of rooms
 * we are all in: a space we mostly joined must not show an empty panel with more to come.
 */
async function unjoinedPage(space: {spaceId: string; name: string}, from: string | undefined, context: CommandContext): Promise<{ok: true; value: HierarchyPage} | {ok: false; error: string}> {
	const via: Record<string, string[]> = {};
	let next = from;
	for (let read = 0; read < PAGES_PER_ANSWER; read++) {
		const result = await context.session.perform({type: 'space-hierarchy', spaceId: space.spaceId, ...(next === undefined ? {} : {from: next})});
		if (!result.ok) return {ok: false, error: describeError(result.error, {userId: context.session.userId, what: `list the rooms of ${space.name}`, notFound: `The server does not know the space ${space.name}`})};
		Object.assign(via, result.value.via);
		const rooms = result.value.rooms.filter((room) => !joined(context.store.getState(), room.roomId) && room.roomId !== space.spaceId);
		next = result.value.next;
		if (rooms.length > 0 || next === undefined) return {ok: true, value: {rooms, via, ...(next === undefined ? {} : {next})}};
	}
	return {ok: true, value: {rooms: [], via, ...(next === undefined ? {} : {next})}};
}

function joined(state: AppState, roomId: string): boolean {
	return state.rooms.get(roomId)?.membership === 'join';
}
