/**
 * /edit: your last message in the room goes into the composer, which says "edit>"; Enter sends
 * what it then holds as the message's replacement (submit.ts), Esc drops the edit.
 */
import {lastEditable} from '../domain/editable.js';
import type {RoomSnapshot} from '../state/room-snapshot.js';
import {fail, ok, type CommandContext, type Outcome} from './command-context.js';

export function startEdit(room: RoomSnapshot, {store, session}: CommandContext): Outcome {
	const message = lastEditable(room.events, session.userId);
	if (!message) return fail('Nothing to edit: you have sent no message in this room that is still there');
	store.dispatch({type: 'start-edit', editing: {roomId: room.roomId, eventId: message.eventId, emote: message.emote}, text: message.body, mentions: message.mentions ?? []});
	return ok();
}
