/**
 * /explore: the room directory in a panel (DirectoryPanel.tsx), first page now, the next ones as
 * the user scrolls to the end; Enter there joins (key-handler.ts), as /join would.
 */
import {sanitizeInline} from '../domain/sanitize.js';
import type {DirectoryView} from '../state/directory.js';
import type {RoomlessCommand} from './command.js';
import {fail, ok, type CommandContext, type Outcome} from './command-context.js';
import {describeError} from './describe-error.js';

type Explore = Extract<RoomlessCommand, {name: 'explore'}>;

export async function explorePublicRooms(command: Explore, context: CommandContext): Promise<Outcome> {
	const result = await context.session.perform({type: 'public-rooms', ...search(command)});
	if (!result.ok) return fail(describeError(result.error, {userId: context.session.userId, what: directoryName(command), notFound: `No room directory on ${sanitizeInline(command.server ?? 'this server')}`}));
	context.store.dispatch({type: 'show-directory', page: {...search(command), ...result.value}});
	return ok(result.value.rooms.length === 0 ? `No public rooms${command.term ? ` match "${sanitizeInline(command.term)}"` : ''}` : undefined);
}

/** The page after the one shown; a failure is one line and the panel stays as it was. */
export async function nextDirectoryPage(view: DirectoryView, context: CommandContext): Promise<Outcome> {
	if (view.next === undefined) return ok();
	context.store.dispatch({type: 'directory-loading', loading: true});
	const result = await context.session.perform({type: 'public-rooms', ...search(view), since: view.next});
	if (!result.ok) {
		context.store.dispatch({type: 'directory-loading', loading: false});
		return fail(describeError(result.error, {userId: context.session.userId, what: `${directoryName(view)} (the next page)`}));
	}
	context.store.dispatch({type: 'show-directory', page: {...search(view), ...result.value}, append: true});
	return ok();
}

function search(from: {term?: string; server?: string}): {term?: string; server?: string} {
	return {...(from.term ? {term: from.term} : {}), ...(from.server ? {server: from.server} : {})};
}

function directoryName(from: {server?: string}): string {
	return from.server ? `read the room directory of ${sanitizeInline(from.server)}` : 'read the room directory';
}
