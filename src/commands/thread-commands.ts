/**
 * /threads and /thread [n]: the room's thread list in a panel (ThreadListPanel.tsx), its next
 * pages as the user scrolls to the end; a thread in a pane in place of the timeline (ThreadPane.tsx),
 * its older replies as the user scrolls up. While the pane is open, messages go in the thread.
 */
import type {RawEvent} from '../domain/events.js';
import {nthThreadRoot} from '../domain/thread-numbers.js';
import type {ThreadTarget} from '../domain/threads.js';
import type {AppState} from '../state/app-state.js';
import type {RoomSnapshot} from '../state/room-snapshot.js';
import {threadTarget} from '../state/thread-selectors.js';
import type {ThreadListView, ThreadView} from '../state/threads.js';
import type {RoomCommand} from './command.js';
import {fail, ok, type CommandContext, type Outcome} from './command-context.js';
import {describeError} from './describe-error.js';

export async function listThreads(room: RoomSnapshot, context: CommandContext): Promise<Outcome> {
	const result = await context.session.perform({type: 'thread-list', roomId: room.roomId});
	if (!result.ok) return fail(describeError(result.error, {room, userId: context.session.userId, what: 'list the threads'}));
	// An answer for a room the user has left meanwhile is not shown over the one they are in.
	if (context.store.getState().selectedRoomId !== room.roomId) return ok();
	context.store.dispatch({type: 'show-thread-list', roomId: room.roomId, page: result.value});
	return ok(result.value.threads.length === 0 ? 'No threads in this room yet' : undefined);
}

/** The page after the one shown; a failure is one line and the panel stays as it was. */
export async function nextThreadListPage(view: ThreadListView, context: CommandContext): Promise<Outcome> {
	if (view.next === undefined) return ok();
	context.store.dispatch({type: 'thread-list-loading', loading: true});
	const result = await context.session.perform({type: 'thread-list', roomId: view.roomId, from: view.next});
	if (!result.ok) {
		context.store.dispatch({type: 'thread-list-loading', loading: false});
		return fail(describeError(result.error, {userId: context.session.userId, what: 'list more threads'}));
	}
	context.store.dispatch({type: 'show-thread-list', roomId: view.roomId, page: result.value, append: true});
	return ok();
}

/** /thread [n]: the nth newest thread root the timeline holds (its "🧵 #n"). */
export function openThreadCommand(command: Extract<RoomCommand, {name: 'thread'}>, room: RoomSnapshot, context: CommandContext): Promise<Outcome> | Outcome {
	const root = nthThreadRoot(room.events, command.n);
	if (!root?.event_id) return fail(command.n === 1 ? 'No thread in this room yet (that the timeline holds — /threads lists them all)' : `No thread #${command.n} here — the threads are numbered on their 🧵 lines, #1 the newest`);
	return openThread(room.roomId, root.event_id, root, context);
}

/** The pane opens at once (with the root, if known); its newest replies follow. */
export async function openThread(roomId: string, rootId: string, root: RawEvent | undefined, context: CommandContext): Promise<Outcome> {
	context.store.dispatch({type: 'open-thread', roomId, rootId, ...(root ? {root} : {})});
	const result = await context.session.perform({type: 'thread-page', roomId, rootId});
	if (!result.ok) {
		// The pane stays, with the replies the timeline holds: the line says why there are no more.
		context.store.dispatch({type: 'thread-replies', rootId, page: {replies: []}});
		return fail(describeError(result.error, {userId: context.session.userId, what: 'load the thread', notFound: 'That thread is not on the server (deleted, or not visible to you)'}));
	}
	context.store.dispatch({type: 'thread-replies', rootId, page: result.value});
	return ok();
}

/** The replies before the oldest shown. */
export async function olderThreadReplies(view: ThreadView, context: CommandContext): Promise<Outcome> {
	if (view.older === undefined) return ok();
	context.store.dispatch({type: 'thread-loading', loading: true});
	const result = await context.session.perform({type: 'thread-page', roomId: view.roomId, rootId: view.rootId, from: view.older});
	if (!result.ok) {
		context.store.dispatch({type: 'thread-loading', loading: false});
		return fail(describeError(result.error, {userId: context.session.userId, what: 'load older replies'}));
	}
	context.store.dispatch({type: 'thread-replies', rootId: view.rootId, page: result.value});
	return ok();
}

/** Where a message typed now goes: into the thread open on this room, if one is. */
export function openThreadTarget(state: AppState, room: RoomSnapshot): ThreadTarget | undefined {
	return state.thread?.roomId === room.roomId ? threadTarget(room, state.thread) : undefined;
}
