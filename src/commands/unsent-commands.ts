/**
 * What the user does with a message the server refused for good (it stays in the timeline marked
 * "not sent"): /retry sends the room's refused messages again, /discard drops the newest, and
 * /edit-unsent takes the newest back into the composer — only an empty one, never overwriting it.
 */
import {asObject} from '../domain/events.js';
import {messageText} from '../domain/markdown.js';
import type {RoomSnapshot} from '../state/room-snapshot.js';
import {fail, ok, type CommandContext, type Outcome} from './command-context.js';

export async function retryUnsent(room: RoomSnapshot, {session}: CommandContext): Promise<Outcome> {
	const result = await session.perform({type: 'retry-unsent', roomId: room.roomId});
	if (!result.ok) return fail(`Cannot retry: ${result.error.message}`);
	if (result.value === 0) return fail('Nothing to retry: no message in this room was refused');
	return ok(result.value === 1 ? 'Sending the message again' : `Sending ${result.value} messages again`);
}

export async function discardUnsent(room: RoomSnapshot, {session}: CommandContext): Promise<Outcome> {
	const newest = await session.perform({type: 'newest-unsent', roomId: room.roomId});
	if (!newest.ok) return fail(`Cannot discard: ${newest.error.message}`);
	if (!newest.value) return fail('Nothing to discard: no message in this room was refused');
	const dropped = await session.perform({type: 'drop-unsent', txnId: newest.value.txnId});
	if (!dropped.ok || !dropped.value) return fail('Cannot discard: the message is no longer waiting');
	return ok('Discarded the message that was not sent');
}

export async function editUnsent(room: RoomSnapshot, context: CommandContext): Promise<Outcome> {
	const {session, store} = context;
	const newest = await session.perform({type: 'newest-unsent', roomId: room.roomId});
	if (!newest.ok) return fail(`Cannot take the message back: ${newest.error.message}`);
	if (!newest.value) return fail('Nothing to edit: no message in this room was refused');
	const body = asObject(newest.value.content)['body'];
	const text = typeof body === 'string' ? body : '';
	const content = asObject(newest.value.content);
	const emote = content['msgtype'] === 'm.emote';
	// Sent with /plain: taken back with it, or Enter would format what was meant as typed.
	const plain = !emote && content['formatted_body'] === undefined && messageText(text).formatted_body !== undefined;
	const composerText = emote ? `/me ${text}` : plain ? `/plain ${text}` : text.startsWith('/') ? `/${text}` : text;
	// Typed into meanwhile: what is there is the user's, and the message stays where it was.
	if (store.getState().composer.text) return fail('The composer is not empty: send or clear what is there, then /edit-unsent');
	store.dispatch({type: 'set-composer', composer: {text: composerText, cursor: composerText.length}});
	const dropped = await session.perform({type: 'drop-unsent', txnId: newest.value.txnId});
	if (dropped.ok && dropped.value) return ok('The message is back in the composer: edit it and press Enter');
	return ok('The message is in the composer (it had left the outbox already)');
}
