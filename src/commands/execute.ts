/**
 * The one place commands take effect: each Command becomes matrix actions and store changes, and
 * every failure becomes one line for the status bar.
 */
import {deleteStateContent, undeleteStateContent} from '../domain/state-view.js';
import {isDeletedState} from '../domain/deleted-state.js';
import type {ActionResult, MatrixSession} from '../matrix/protocol.js';
import type {RoomSnapshot} from '../state/room-snapshot.js';
import {findRoom} from '../state/reducer.js';
import type {Store} from '../state/store.js';
import type {Command} from './command.js';
import {describeError, type PowerAction} from './describe-error.js';
import {startDeactivation} from './deactivate-flow.js';
import {startOptimise} from './optimise-room-flow.js';

export interface CommandContext {
	session: MatrixSession;
	store: Store;
	quit: () => void;
}

export type Outcome = {ok: true; info?: string} | {ok: false; error: string};

const ok = (info?: string): Outcome => ({ok: true, info});
const fail = (error: string): Outcome => ({ok: false, error});

const ROOMLESS = new Set<Command['name']>(['room', 'join', 'nick', 'help', 'quit', 'state', 'members', 'show-deleted', 'hide-deleted', 'deactivate']);

export async function executeCommand(command: Command, context: CommandContext): Promise<Outcome> {
	const {store, session} = context;
	const state = store.getState();
	const room = state.selectedRoomId ? state.rooms.get(state.selectedRoomId) : undefined;
	if (!room && !ROOMLESS.has(command.name)) return fail('No room selected — join one with /join <id|alias>');
	if (room?.membership === 'invite' && !ROOMLESS.has(command.name) && command.name !== 'leave') {
		return fail('You are invited to this room but not in it yet — /join accepts, /leave declines');
	}

	const attempt = async (result: Promise<ActionResult>, what: string, extra: {power?: PowerAction; notFound?: string; done?: string} = {}): Promise<Outcome> => {
		const outcome = await result;
		if (outcome.ok) return ok(extra.done);
		return fail(describeError(outcome.error, {room, userId: session.userId, what, power: extra.power, notFound: extra.notFound}));
	};

	switch (command.name) {
		case 'send':
			return attempt(session.perform({type: 'send-text', roomId: room!.roomId, body: command.body}), 'send the message', {power: {kind: 'message', eventType: 'm.room.message'}});
		case 'me':
			return attempt(session.perform({type: 'send-emote', roomId: room!.roomId, body: command.text}), 'send the emote', {power: {kind: 'message', eventType: 'm.room.message'}});
		case 'leave':
			return attempt(session.perform({type: 'leave', roomId: room!.roomId, reason: command.reason}), 'leave the room', {done: `Left ${room!.name}`});
		case 'delete-state':
		case 'undelete-state':
			return changeDeletion(command, room!, context);
		case 'state':
			store.dispatch({type: 'set-side-panel', panel: 'state'});
			return ok();
		case 'state-stats': {
			store.dispatch({type: 'set-side-panel', panel: 'stats'});
			const result = await session.perform({type: 'state-census', roomId: room!.roomId});
			if (!result.ok) return fail(describeError(result.error, {room, userId: session.userId, what: 'count the room state'}));
			store.dispatch({type: 'set-census', roomId: room!.roomId, census: result.value});
			return ok();
		}
		case 'members':
			store.dispatch({type: 'set-side-panel', panel: 'members'});
			return ok();
		case 'show-deleted':
			store.dispatch({type: 'set-show-deleted', value: !state.showDeleted});
			return ok(state.showDeleted ? 'Deleted state hidden' : 'Showing deleted state and departed members');
		case 'hide-deleted':
			store.dispatch({type: 'set-show-deleted', value: false});
			return ok('Deleted state hidden');
		case 'room': {
			const roomId = findRoom(state.rooms, command.query);
			if (!roomId) return fail(`No room matches "${command.query}" — /join it first`);
			store.dispatch({type: 'select-room', roomId});
			return ok();
		}
		case 'join': {
			const target = command.target ?? (room?.membership === 'invite' ? room.roomId : undefined);
			if (!target) return fail('/join needs a room ID or alias — usage: /join [id|alias]');
			const result = await session.perform({type: 'join', roomIdOrAlias: target});
			if (!result.ok) return fail(describeError(result.error, {userId: session.userId, what: `join ${target}`, notFound: `No room ${target} — check the ID or alias`}));
			if (typeof result.value === 'string') store.dispatch({type: 'request-room', query: result.value});
			return ok(`Joined ${command.target ?? room?.name ?? target}`);
		}
		case 'invite': {
			const userId = resolveUser(command.user, room!);
			if (!userId) return fail(`"${command.user}" is not a user ID (like @name:server)`);
			return attempt(session.perform({type: 'invite', roomId: room!.roomId, userId}), `invite ${userId}`, {power: {kind: 'invite'}, done: `Invited ${userId}`});
		}
		case 'kick':
		case 'ban': {
			const userId = resolveUser(command.user, room!);
			if (!userId) return fail(`No member "${command.user}" in this room`);
			const verb = command.name;
			return attempt(session.perform({type: verb, roomId: room!.roomId, userId, reason: command.reason}), `${verb} ${userId}`, {power: {kind: verb}, done: `${verb === 'kick' ? 'Kicked' : 'Banned'} ${userId}`});
		}
		case 'topic':
			return attempt(session.perform({type: 'set-topic', roomId: room!.roomId, topic: command.text}), 'set the topic', {power: {kind: 'state', eventType: 'm.room.topic'}});
		case 'nick':
			return attempt(session.perform({type: 'set-display-name', name: command.displayName}), 'set your display name', {done: `Display name set to ${command.displayName}`});
		case 'deactivate':
			return startDeactivation(command.reason, context);
		case 'optimise-room':
			return startOptimise(room!, context);
		case 'help':
			store.dispatch({type: 'set-help-open', open: true});
			return ok();
		case 'quit':
			context.quit();
			return ok();
	}
}

async function changeDeletion(command: Extract<Command, {name: 'delete-state' | 'undelete-state'}>, room: RoomSnapshot, context: CommandContext): Promise<Outcome> {
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

/** A user ID as given, or the member whose display name matches. */
function resolveUser(user: string, room: RoomSnapshot): string | undefined {
	if (/^@[^:\s]+:\S+$/.test(user)) return user;
	const lower = user.toLowerCase();
	const member = room.members.find((event) => typeof event.content?.displayname === 'string' && event.content.displayname.toLowerCase() === lower);
	return member?.state_key;
}
