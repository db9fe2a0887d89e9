/**
 * Where commands take effect: each Command becomes matrix actions and store changes, and every
 * failure becomes one line for the status bar. A room command runs only with a room selected.
 */
import {deleteStateContent, undeleteStateContent} from '../domain/state-view.js';
import {isDeletedState} from '../domain/deleted-state.js';
import type {PowerAction} from '../domain/power-levels.js';
import type {ActionResult, MatrixSession} from '../matrix/protocol.js';
import type {RoomSnapshot} from '../state/room-snapshot.js';
import {selectedRoom} from '../state/selectors.js';
import {needsRoom, type Command, type RoomCommand} from './command.js';
import {fail, ok, type CommandContext, type Outcome} from './command-context.js';
import {describeError} from './describe-error.js';
import {startOptimise} from './optimise-room-flow.js';
import {runRoomlessCommand} from './roomless-commands.js';
import {discardUnsent, editUnsent, retryUnsent} from './unsent-commands.js';
import {startEdit} from './edit-command.js';
import {downloadCommand, uploadCommand} from './media-commands.js';
import {listThreads, openThreadCommand, openThreadTarget} from './thread-commands.js';

const NOTIFY_DONE = {all: 'Notifications: every message', mentions: 'Notifications: mentions only', off: 'Notifications: off'} as const;

export async function executeCommand(command: Command, context: CommandContext): Promise<Outcome> {
	if (!needsRoom(command)) return runRoomlessCommand(command, context);
	const room = selectedRoom(context.store.getState());
	if (!room) return fail('No room selected — join one with /join <id|alias>');
	if (room.membership === 'invite' && command.name !== 'leave') return fail('You are invited to this room but not in it yet — /join accepts, /leave declines');
	return runRoomCommand(command, room, context);
}

/** The commands that act on a room: the selected one, given here by type rather than checked again. */
async function runRoomCommand(command: RoomCommand, room: RoomSnapshot, context: CommandContext): Promise<Outcome> {
	const {store, session} = context;
	const attempt = attempter(room, session);
	switch (command.name) {
		case 'send': {
			const thread = openThreadTarget(store.getState(), room);
			return attempt(session.perform({type: 'send-text', roomId: room.roomId, body: command.body, plain: command.plain, mentions: command.mentions, ...(thread ? {thread} : {})}), 'send the message', {power: {kind: 'message', eventType: 'm.room.message'}});
		}
		case 'me': {
			const thread = openThreadTarget(store.getState(), room);
			return attempt(session.perform({type: 'send-emote', roomId: room.roomId, body: command.text, mentions: command.mentions, ...(thread ? {thread} : {})}), 'send the emote', {power: {kind: 'message', eventType: 'm.room.message'}});
		}
		case 'leave':
			return attempt(session.perform({type: 'leave', roomId: room.roomId, reason: command.reason}), 'leave the room', {done: `Left ${room.name}`});
		case 'delete-state':
		case 'undelete-state':
			return changeDeletion(command, room, context);
		case 'state-stats': {
			store.dispatch({type: 'set-side-panel', panel: 'stats'});
			const result = await session.perform({type: 'state-census', roomId: room.roomId});
			if (!result.ok) return fail(describeError(result.error, {room, userId: session.userId, what: 'count the room state'}));
			store.dispatch({type: 'set-census', roomId: room.roomId, census: result.value});
			return ok();
		}
		case 'invite': {
			const userId = resolveUser(command.user, room);
			if (!userId) return fail(`"${command.user}" is not a user ID (like @name:server)`);
			return attempt(session.perform({type: 'invite', roomId: room.roomId, userId}), `invite ${userId}`, {power: {kind: 'invite'}, done: `Invited ${userId}`});
		}
		case 'kick':
		case 'ban': {
			const userId = resolveUser(command.user, room);
			if (!userId) return fail(`No member "${command.user}" in this room`);
			const verb = command.name;
			return attempt(session.perform({type: verb, roomId: room.roomId, userId, reason: command.reason}), `${verb} ${userId}`, {power: {kind: verb}, done: `${verb === 'kick' ? 'Kicked' : 'Banned'} ${userId}`});
		}
		case 'topic':
			return attempt(session.perform({type: 'set-topic', roomId: room.roomId, topic: command.text}), 'set the topic', {power: {kind: 'state', eventType: 'm.room.topic'}});
		case 'tag':
			return toggleTag(command.tag, room, context);
		case 'notify':
			return attempt(session.perform({type: 'set-notify-level', roomId: room.roomId, level: command.level}), 'change the notifications', {done: NOTIFY_DONE[command.level]});
		case 'optimise-room':
			return startOptimise(room, context);
		case 'retry':
			return retryUnsent(room, context);
		case 'discard':
			return discardUnsent(room, context);
		case 'edit-unsent':
			return editUnsent(room, context);
		case 'edit':
			return startEdit(room, context);
		case 'replace':
			return attempt(session.perform({type: 'send-edit', roomId: room.roomId, eventId: command.eventId, body: command.body, emote: command.emote, mentions: command.mentions}), 'edit the message', {power: {kind: 'message', eventType: 'm.room.message'}});
		case 'upload':
			return uploadCommand(command, room, context);
		case 'open':
		case 'download':
			return downloadCommand(command, room, context);
		case 'threads':
			return listThreads(room, context);
		case 'thread':
			return openThreadCommand(command, room, context);
	}
}

/** Awaits one action; a failure becomes the line that says why, with this room's power levels. */
function attempter(room: RoomSnapshot, session: MatrixSession) {
	return async (result: Promise<ActionResult>, what: string, extra: {power?: PowerAction; done?: string} = {}): Promise<Outcome> => {
		const outcome = await result;
		if (outcome.ok) return ok(extra.done);
		return fail(describeError(outcome.error, {room, userId: session.userId, what, power: extra.power}));
	};
}

async function changeDeletion(command: Extract<RoomCommand, {name: 'delete-state' | 'undelete-state'}>, room: RoomSnapshot, context: CommandContext): Promise<Outcome> {
	const {eventType, stateKey} = command;
	const label = stateKey ? `${eventType} "${stateKey}"` : eventType;
	const deleting = command.name === 'delete-state';
	const what = `${deleting ? 'delete' : 'undelete'} ${label}`;
	const describe = (error: Parameters<typeof describeError>[0]) =>
		describeError(error, {room, userId: context.session.userId, what, power: {kind: 'state', eventType}, notFound: `No ${label} state in this room`});

	// Re-send what the server holds now, not what we last synced: the change must not undo another's.
	const current = await context.session.perform({type: 'get-state', roomId: room.roomId, eventType, stateKey});
	if (!current.ok) return fail(describe(current.error));
	const content = current.value ?? {};
	const deleted = isDeletedState({type: eventType, state_key: stateKey, content});
	if (deleting && deleted) return ok(`${label} is already deleted`);
	if (!deleting && !deleted) return ok(`${label} is not deleted`);
	if (!deleting && !('deleted' in content) && !('m.obsolete' in content)) return fail(`${label} cannot be undeleted: it is a leave or redacted event`);
	const next = deleting ? deleteStateContent(content) : undeleteStateContent(content);
	const sent = await context.session.perform({type: 'put-state', roomId: room.roomId, eventType, stateKey, content: next});
	if (!sent.ok) return fail(describe(sent.error));
	return ok(deleting ? `Deleted ${label}` : `Restored ${label}`);
}

/** The tag on, or off when the room has it: what the room list shows is what is toggled. */
async function toggleTag(tag: 'favourite' | 'low-priority', room: RoomSnapshot, context: CommandContext): Promise<Outcome> {
	const on = !(tag === 'favourite' ? room.tags?.favourite : room.tags?.lowPriority);
	const section = tag === 'favourite' ? 'Favourites' : 'Low priority';
	const result = await context.session.perform({type: 'set-room-tag', roomId: room.roomId, tag, on});
	if (!result.ok) return fail(describeError(result.error, {room, userId: context.session.userId, what: on ? `list the room under ${section}` : `take the room off ${section}`}));
	return ok(on ? `${room.name} is listed under ${section}` : `${room.name} is no longer under ${section}`);
}

/** A user ID as given, or the member whose display name matches. */
function resolveUser(user: string, room: RoomSnapshot): string | undefined {
	if (/^@[^:\s]+:\S+$/.test(user)) return user;
	const lower = user.toLowerCase();
	const member = room.members.find((event) => typeof event.content?.displayname === 'string' && event.content.displayname.toLowerCase() === lower);
	return member?.state_key;
}
