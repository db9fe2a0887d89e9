/**
 * /edit: your last message in the room goes into the composer, which says "edit>"; Enter sends
 * what it then holds as the message's replacement (submit.ts), Esc drops the edit. With the thread
 * pane open, it is your last message in that thread.
 */
import {lastEditable} from '../domain/editable.js';
import {contentOf, asObject, type RawEvent} from '../domain/events.js';
import type {AppState} from '../state/app-state.js';
import type {RoomSnapshot} from '../state/room-snapshot.js';
import {threadEntries} from '../state/thread-selectors.js';
import {fail, ok, type CommandContext, type Outcome} from './command-context.js';

export function startEdit(room: RoomSnapshot, {store, session}: CommandContext): Outcome {
	const inThread = store.getState().thread?.roomId === room.roomId;
	const message = lastEditable(editableEvents(store.getState(), room), session.userId);
	if (!message) return fail(`Nothing to edit: you have sent no message in this ${inThread ? 'thread' : 'room'} that is still there`);
	store.dispatch({type: 'start-edit', editing: {roomId: room.roomId, eventId: message.eventId, emote: message.emote}, text: message.body, mentions: message.mentions ?? []});
	return ok();
}

/**
 * The room's events, and our messages the server has stored whose sync has not come yet (under the
 * ID the server gave them: /edit right after Enter finds the message); in the open thread, its
 * confirmed messages and, after them, the room's edits (the newest of which apply).
 */
function editableEvents(state: AppState, room: RoomSnapshot): readonly RawEvent[] {
	const thread = state.thread;
	if (thread?.roomId !== room.roomId) return [...room.events, ...storedEchoes(room)];
	const messages = threadEntries(room, thread).flatMap((entry) => (entry.pending !== undefined ? [] : entry.storedAs === undefined ? [entry.event] : [{...entry.event, event_id: entry.storedAs}]));
	const edits = room.events.filter((event) => asObject(contentOf(event)['m.relates_to']).rel_type === 'm.replace');
	return [...messages, ...edits];
}

function storedEchoes(room: RoomSnapshot): RawEvent[] {
	return room.pending.flatMap((echo) => (echo.pending === undefined && echo.storedAs !== undefined ? [{...echo.event, event_id: echo.storedAs}] : []));
}
