import {asObject} from '../../domain/events.js';
import {forbidden} from '../http/errors.js';
import type {RoomModel} from './room.js';
import type {WireEvent} from './types.js';

/**
 * m.room.power_levels enforcement with Synapse's defaults and error wording, so that the
 * client's error display can be shown against realistic 403s.
 */

function levels(room: RoomModel): Record<string, unknown> | undefined {
	const event = room.getState('m.room.power_levels')?.event;
	return event ? event.content : undefined;
}

function toLevel(value: unknown, fallback: number): number {
	const level = typeof value === 'string' ? Number(value) : value;
	return typeof level === 'number' && Number.isFinite(level) ? Math.trunc(level) : fallback;
}

function userLevel(room: RoomModel, userId: string): number {
	const content = levels(room);
	if (!content) {
		// Without power levels the room creator has 100 and everyone else 0.
		const create = room.getState('m.room.create')?.event;
		return create && (create.sender === userId || create.content['creator'] === userId) ? 100 : 0;
	}
	const users = asObject(content['users']);
	return toLevel(users[userId], toLevel(content['users_default'], 0));
}

function namedLevel(room: RoomModel, name: string, fallback: number): number {
	return toLevel(levels(room)?.[name], fallback);
}

function sendLevel(room: RoomModel, type: string, isState: boolean): number {
	const content = levels(room) ?? {};
	const fallback = isState ? toLevel(content['state_default'], 50) : toLevel(content['events_default'], 0);
	return toLevel(asObject(content['events'])[type], fallback);
}

export function requireJoined(room: RoomModel | undefined, roomId: string, userId: string): RoomModel {
	if (!room || room.membership(userId) !== 'join') throw forbidden(`User ${userId} not in room ${roomId}`);
	return room;
}

/** Messages and state events (not membership, which has its own rules below). */
export function checkCanSend(room: RoomModel, sender: string, type: string, stateKey?: string): void {
	const user = userLevel(room, sender);
	const needed = sendLevel(room, type, stateKey !== undefined);
	if (user < needed) {
		throw forbidden(`You don't have permission to post that to the room. user_level (${user}) < send_level (${needed})`);
	}
	if (stateKey?.startsWith('@') && stateKey !== sender) throw forbidden('You are not allowed to set others state');
}

/** Changing power levels: no raising anyone (or any level) above your own, no demoting your peers. */
export function checkPowerLevelsChange(room: RoomModel, sender: string, next: Record<string, unknown>): void {
	const current = levels(room);
	if (!current) return;
	const user = userLevel(room, sender);
	const compare = (oldValue: unknown, newValue: unknown, otherUser?: string): void => {
		const oldLevel = oldValue === undefined ? undefined : toLevel(oldValue, 0);
		const newLevel = newValue === undefined ? undefined : toLevel(newValue, 0);
		if (oldLevel === newLevel) return;
		if (otherUser !== undefined && otherUser !== sender && oldLevel === user) {
			throw forbidden("You don't have permission to remove ops level equal to your own");
		}
		if ((oldLevel ?? -Infinity) > user || (newLevel ?? -Infinity) > user) {
			throw forbidden("You don't have permission to add ops level greater than your own");
		}
	};
	for (const name of ['users_default', 'events_default', 'state_default', 'ban', 'redact', 'kick', 'invite']) {
		compare(current[name], next[name]);
	}
	for (const section of ['users', 'events'] as const) {
		const oldMap = asObject(current[section]);
		const newMap = asObject(next[section]);
		for (const key of new Set([...Object.keys(oldMap), ...Object.keys(newMap)])) {
			compare(oldMap[key], newMap[key], section === 'users' ? key : undefined);
		}
	}
}

/** Membership changes made by `sender` on `target` (Synapse's _is_membership_change_allowed). */
export function checkMembershipChange(room: RoomModel, sender: string, target: string, membership: string): void {
	const senderMembership = room.membership(sender);
	const targetMembership = room.membership(target);
	const user = userLevel(room, sender);
	const targetLevel = userLevel(room, target);
	const banLevel = namedLevel(room, 'ban', 50);

	if (membership === 'join') {
		if (sender !== target) throw forbidden('Cannot force another user to join.');
		if (targetMembership === 'ban') throw forbidden('You are banned from this room');
		const joinRule = room.getState('m.room.join_rules')?.event.content['join_rule'] ?? 'invite';
		if (joinRule === 'public' || senderMembership === 'join' || senderMembership === 'invite') return;
		throw forbidden('You are not invited to this room.');
	}
	// Rejecting an invite is always allowed; everything else needs the sender in the room.
	if (membership === 'leave' && sender === target && senderMembership === 'invite') return;
	if (senderMembership !== 'join') throw forbidden(`${sender} not in room ${room.roomId}.`);

	if (membership === 'invite') {
		if (targetMembership === 'ban') throw forbidden(`${target} is banned from the room`);
		if (targetMembership === 'join') throw forbidden(`${target} is already in the room.`);
		if (user < namedLevel(room, 'invite', 0)) throw forbidden(`You cannot invite user ${target}.`);
	} else if (membership === 'leave') {
		if (targetMembership === 'ban' && user < banLevel) throw forbidden(`You cannot unban user ${target}.`);
		if (target !== sender && (user < namedLevel(room, 'kick', 50) || user <= targetLevel)) {
			throw forbidden(`You cannot kick user ${target}.`);
		}
	} else if (membership === 'ban') {
		if (user < banLevel || user <= targetLevel) throw forbidden("You don't have permission to ban");
	} else {
		throw forbidden(`Unknown membership ${membership}`);
	}
}

/** Redacting: your own events always, others' only with the redact level. */
export function checkRedact(room: RoomModel, sender: string, target: WireEvent | undefined): void {
	if (target && target.sender === sender) return;
	if (userLevel(room, sender) < namedLevel(room, 'redact', 50)) throw forbidden("You don't have permission to redact events");
}
