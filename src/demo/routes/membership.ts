import {forbidden, notFound} from '../http/errors.js';
import {checkMembershipChange} from '../model/power.js';
import type {RoomModel} from '../model/room.js';
import {optionalReason, requiredString, type DemoContext, type DemoRoute} from './context.js';
import {roomIdForAlias} from './directory.js';

/** join / leave / invite / kick / ban / unban: each becomes one m.room.member event. */

function knownRoom(context: DemoContext, roomId: string): RoomModel {
	const room = context.store.rooms.get(roomId);
	if (!room) throw forbidden(`User ${context.session.userId} not in room ${roomId}`);
	return room;
}

function setMembership(context: DemoContext, room: RoomModel, target: string, content: Record<string, unknown>): void {
	const sender = context.session.userId;
	checkMembershipChange(room, sender, target, String(content['membership']));
	context.store.append(room.roomId, {type: 'm.room.member', sender, state_key: target, content});
}

/** Profile fields go into member events, so rooms show names without a profile lookup. */
function profileFields(context: DemoContext, userId: string): Record<string, unknown> {
	return {...context.session.profiles.get(userId)};
}

function join(context: DemoContext, roomIdOrAlias: string): {room_id: string} {
	const roomId = roomIdOrAlias.startsWith('#') ? roomIdForAlias(context.store, roomIdOrAlias) : roomIdOrAlias;
	if (roomId === undefined) throw notFound(`Room alias ${roomIdOrAlias} not found`);
	const room = context.store.rooms.get(roomId);
	if (!room) throw notFound('No known servers');
	const me = context.session.userId;
	if (room.membership(me) !== 'join') setMembership(context, room, me, {membership: 'join', ...profileFields(context, me)});
	return {room_id: roomId};
}

/** invite/kick/ban/unban share one shape: `{user_id, reason?}` in, `{}` out. */
function targeted(action: string, membership: string, extra: (context: DemoContext, target: string) => Record<string, unknown>): DemoRoute {
	return {
		method: 'POST',
		path: `rooms/:roomId/${action}`,
		handler: ({context, params: {roomId = ''}, body}) => {
			const target = requiredString(body, 'user_id');
			setMembership(context, knownRoom(context, roomId), target, {membership, ...extra(context, target), ...optionalReason(body)});
			return {};
		},
	};
}

export const membershipRoutes: DemoRoute[] = [
	{method: 'POST', path: 'rooms/:roomId/join', handler: ({context, params}) => join(context, params['roomId'] ?? '')},
	{method: 'POST', path: 'join/:roomIdOrAlias', handler: ({context, params}) => join(context, params['roomIdOrAlias'] ?? '')},
	{
		method: 'POST',
		path: 'rooms/:roomId/leave',
		handler: ({context, params: {roomId = ''}, body}) => {
			const room = knownRoom(context, roomId);
			const me = context.session.userId;
			const membership = room.membership(me);
			// Leaving twice is a no-op, as in Synapse; a reason is stored on the event for everyone to see.
			if (membership !== 'leave') setMembership(context, room, me, {membership: 'leave', ...optionalReason(body)});
			return {};
		},
	},
	targeted('invite', 'invite', profileFields),
	targeted('kick', 'leave', () => ({})),
	targeted('ban', 'ban', () => ({})),
	targeted('unban', 'leave', () => ({})),
	{method: 'POST', path: 'rooms/:roomId/forget', handler: () => ({})},
];
