import {randomBytes} from 'node:crypto';
import {asObject} from '../../domain/events.js';
import {MatrixError} from '../http/errors.js';
import {checkCanSend, checkPowerLevelsChange, requireJoined} from '../model/power.js';
import type {RoomModel} from '../model/room.js';
import {requiredString, type DemoContext, type DemoRoute} from './context.js';

/**
 * POST /rooms/{id}/upgrade, the way Synapse does it: a new room of the asked version that copies
 * a fixed set of state (not the rest: that is the client's job in /optimise-room), the bans, and
 * the canonical alias; a tombstone in the old room; and the old room's power levels restricted.
 */

/** What Synapse's clone_existing_room copies (synapse/handlers/room.py, 1.160). */
export const SERVER_COPIED_TYPES: readonly string[] = [
	'm.room.join_rules',
	'm.room.name',
	'm.room.topic',
	'm.room.history_visibility',
	'm.room.guest_access',
	'm.room.avatar',
	'm.room.encryption',
	'm.room.server_acl',
	'm.room.power_levels',
];

const SUPPORTED_VERSIONS: ReadonlySet<string> = new Set(['10', '11']);

function upgrade(context: DemoContext, oldRoomId: string, version: string): {replacement_room: string} {
	const {store, session} = context;
	const me = session.userId;
	if (!store.rooms.has(oldRoomId)) throw new MatrixError(404, 'M_NOT_FOUND', `Unknown room id ${oldRoomId}`);
	const old = requireJoined(store.rooms.get(oldRoomId), oldRoomId, me);
	if (!SUPPORTED_VERSIONS.has(version)) throw new MatrixError(400, 'M_UNSUPPORTED_ROOM_VERSION', 'Your homeserver does not support this room version');
	// The tombstone is what needs the power: Synapse checks it before anything is created.
	checkCanSend(old, me, 'm.room.tombstone', '');

	const server = me.slice(me.indexOf(':') + 1);
	const newRoomId = `!${randomBytes(9).toString('base64url')}:${server}`;
	const tombstoneId = `$tombstone_${randomBytes(9).toString('base64url')}`;
	const oldCreate = asObject(old.getState('m.room.create')?.event.content);
	const created = store.createRoom(newRoomId);
	const add = (type: string, content: Record<string, unknown>, stateKey = '') => store.append(created.roomId, {type, sender: me, content, state_key: stateKey});
	add('m.room.create', {
		...(Number(version) <= 10 ? {creator: me} : {}),
		room_version: version,
		predecessor: {room_id: oldRoomId, event_id: tombstoneId},
		...(oldCreate['type'] === undefined ? {} : {type: oldCreate['type']}),
		...(oldCreate['m.federate'] === false ? {'m.federate': false} : {}),
	});
	add('m.room.member', {membership: 'join', ...session.profiles.get(me)}, me);
	for (const type of SERVER_COPIED_TYPES) {
		const stored = old.getState(type);
		if (stored) add(type, structuredClone(stored.event.content));
	}
	for (const ban of old.members({membership: 'ban'})) add('m.room.member', structuredClone(ban.event.content), ban.event.state_key);

	store.append(oldRoomId, {type: 'm.room.tombstone', sender: me, state_key: '', content: {body: 'This room has been replaced', replacement_room: newRoomId}, event_id: tombstoneId});
	moveCanonicalAlias(context, old, created);
	restrictOldRoom(context, old);
	return {replacement_room: newRoomId};
}

/** The canonical alias (and alt aliases) move to the new room, as Synapse moves local ones. */
function moveCanonicalAlias(context: DemoContext, old: RoomModel, created: RoomModel): void {
	const {store, session} = context;
	const content = old.getState('m.room.canonical_alias')?.event.content;
	if (!content) return;
	store.append(created.roomId, {type: 'm.room.canonical_alias', sender: session.userId, content: structuredClone(content), state_key: ''});
	try {
		checkCanSend(old, session.userId, 'm.room.canonical_alias', '');
		store.append(old.roomId, {type: 'm.room.canonical_alias', sender: session.userId, content: {}, state_key: ''});
	} catch {
		// Synapse logs and carries on: the upgrade itself has happened.
	}
}

/** Regular users can no longer speak or invite in the old room, if we may change its power levels. */
function restrictOldRoom(context: DemoContext, old: RoomModel): void {
	const {store, session} = context;
	const levels = old.getState('m.room.power_levels')?.event.content;
	if (!levels) return;
	const usersDefault = typeof levels['users_default'] === 'number' ? levels['users_default'] : 0;
	const restricted = Math.max(usersDefault + 1, 50);
	const next: Record<string, unknown> = structuredClone(levels);
	let changed = false;
	for (const name of ['invite', 'events_default']) {
		const current = typeof next[name] === 'number' ? next[name] : 0;
		if (current < restricted) {
			next[name] = restricted;
			changed = true;
		}
	}
	if (!changed) return;
	try {
		checkCanSend(old, session.userId, 'm.room.power_levels', '');
		checkPowerLevelsChange(old, session.userId, next);
		store.append(old.roomId, {type: 'm.room.power_levels', sender: session.userId, content: next, state_key: ''});
	} catch {
		// Without the power to, Synapse leaves the old room's levels alone.
	}
}

export const upgradeRoutes: DemoRoute[] = [
	{
		method: 'POST',
		path: 'rooms/:roomId/upgrade',
		handler: ({context, params: {roomId = ''}, body}) => upgrade(context, roomId, requiredString(body, 'new_version')),
	},
];
