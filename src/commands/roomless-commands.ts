/** The commands that need no room: panels, switching and joining, the display name, help and quit. */
import {findRoom} from '../state/find-room.js';
import {selectedRoom} from '../state/selectors.js';
import type {RoomlessCommand} from './command.js';
import {fail, ok, type CommandContext, type Outcome} from './command-context.js';
import {describeError} from './describe-error.js';
import {startDeactivation} from './deactivate-flow.js';
import {showDevices, startDeleteDevice} from './devices-flow.js';
import {startVerification} from './verify-command.js';
import {explorePublicRooms} from './explore-command.js';
import {searchMessages} from './search-command.js';
import {runSpaceCommand} from './space-command.js';
import {restoreRecovery, startRecoveryReset, startRecoverySetup} from './recovery-flow.js';

export async function runRoomlessCommand(command: RoomlessCommand, context: CommandContext): Promise<Outcome> {
	const {store, session} = context;
	const state = store.getState();
	switch (command.name) {
		case 'state':
			store.dispatch({type: 'set-side-panel', panel: 'state'});
			return ok();
		case 'members':
			store.dispatch({type: 'set-side-panel', panel: 'members'});
			return ok();
		case 'show-deleted':
			store.dispatch({type: 'set-show-deleted', value: !state.showDeleted});
			return ok(state.showDeleted ? 'Deleted state hidden' : 'Showing deleted state and departed members');
		case 'spoilers':
			store.dispatch({type: 'set-reveal-spoilers', value: !state.revealSpoilers});
			return ok(state.revealSpoilers ? 'Spoilers hidden' : 'Showing spoilers — /spoilers hides them again');
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
			const room = selectedRoom(state);
			const target = command.target ?? (room?.membership === 'invite' ? room.roomId : undefined);
			if (!target) return fail('/join needs a room ID or alias — usage: /join [id|alias]');
			const result = await session.perform({type: 'join', roomIdOrAlias: target, ...(command.via?.length ? {via: [...command.via]} : {})});
			if (!result.ok) return fail(describeError(result.error, {userId: session.userId, what: `join ${target}`, notFound: `No room ${target} — check the ID or alias`}));
			if (typeof result.value === 'string') store.dispatch({type: 'request-room', query: result.value});
			return ok(`Joined ${command.label ?? command.target ?? room?.name ?? target}`);
		}
		case 'dm': {
			const result = await session.perform({type: 'open-dm', userId: command.userId});
			if (!result.ok) return fail(describeError(result.error, {userId: session.userId, what: `open a direct chat with ${command.userId}`, notFound: `No user ${command.userId} on the server — check the user ID`}));
			store.dispatch({type: 'request-room', query: result.value.roomId});
			return ok(result.value.created ? `Started an encrypted direct chat with ${command.userId}` : `Your direct chat with ${command.userId}`);
		}
		case 'explore':
			return explorePublicRooms(command, context);
		case 'search':
			return searchMessages(command, context);
		case 'space':
			return runSpaceCommand(command, context);
		case 'nick': {
			const result = await session.perform({type: 'set-display-name', name: command.displayName});
			if (!result.ok) return fail(describeError(result.error, {userId: session.userId, what: 'set your display name'}));
			return ok(`Display name set to ${command.displayName}`);
		}
		case 'deactivate':
			return startDeactivation(command.reason, context);
		case 'devices':
			return showDevices(context);
		case 'delete-device':
			return startDeleteDevice(command.deviceId, context);
		case 'verify':
			return startVerification(command, context);
		case 'recovery-setup':
			return startRecoverySetup(context);
		case 'recovery-reset':
			return startRecoveryReset(context);
		case 'recovery-restore':
			return restoreRecovery(command.recoveryKey, context);
		case 'help':
			store.dispatch({type: 'set-help-open', open: true});
			return ok();
		case 'quit':
			context.quit();
			return ok();
	}
}
