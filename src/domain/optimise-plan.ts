/**
 * MSC3901's "Optimise Room", done by the client: upgrade the room to a new one of the same version,
 * carry over every non-deleted, non-user-scoped state event (sub-proposal 4) and invite everyone who
 * was joined (sub-proposal 2). These rules decide what goes across; the commands layer runs them.
 */
import {asEvent, contentOf, type RawContent, type RawEvent} from './events.js';
import {isDeletedState} from './deleted-state.js';
import {requiredPowerLevel, userPowerLevel} from './power-levels.js';

export interface StateCopy {
	type: string;
	stateKey: string;
	content: RawContent;
}

export interface OptimisePlan {
	roomVersion: string;
	/** Every current state event of the old room, members included, split by MSC3901's rule. */
	live: number;
	deleted: number;
	/** What the new room should hold: live, not user-scoped, not the room's own create/tombstone. */
	carried: StateCopy[];
	/** Live user-scoped state (joins, per-user state) that stays behind. */
	userScoped: number;
	/** Joined members of the old room except us, in user ID order. */
	invitees: string[];
}

/** The plan as counts, for the confirmation on screen. */
export interface OptimiseSummary {
	roomVersion: string;
	live: number;
	deleted: number;
	carried: number;
	userScoped: number;
	invited: number;
}

/**
 * The new room gets its own create event and our join from the upgrade itself; the old tombstone
 * would point back at a room it replaces; membership is user-scoped and comes back as invites.
 */
const NEVER_CARRIED: ReadonlySet<string> = new Set(['m.room.create', 'm.room.tombstone', 'm.room.member']);

/** MSC3901: state keyed by a user ID (starting with '@') belongs to that user, not the room. */
export function isUserScoped(stateKey: string): boolean {
	return stateKey.startsWith('@');
}

/** A room without room_version in its create event is version 1, as the spec says. */
export function roomVersionOf(state: Iterable<unknown>): string {
	for (const untrusted of state) {
		const event = asEvent(untrusted);
		if (event.type === 'm.room.create' && event.state_key === '') {
			const version = contentOf(event).room_version;
			return typeof version === 'string' && version !== '' ? version : '1';
		}
	}
	return '1';
}

export function planOptimise(stateEvents: Iterable<unknown>, myUserId: string): OptimisePlan {
	const plan: OptimisePlan = {roomVersion: '1', live: 0, deleted: 0, carried: [], userScoped: 0, invitees: []};
	const all: RawEvent[] = [];
	for (const untrusted of stateEvents) {
		const event = asEvent(untrusted);
		if (typeof event.type !== 'string' || typeof event.state_key !== 'string') continue;
		all.push(event);
		if (isDeletedState(event)) {
			plan.deleted++;
			continue;
		}
		plan.live++;
		if (event.type === 'm.room.member' && contentOf(event).membership === 'join' && event.state_key !== myUserId) plan.invitees.push(event.state_key);
		if (isUserScoped(event.state_key)) plan.userScoped++;
		else if (!NEVER_CARRIED.has(event.type)) plan.carried.push({type: event.type, stateKey: event.state_key, content: contentOf(event)});
	}
	plan.roomVersion = roomVersionOf(all);
	plan.invitees.sort();
	return plan;
}

export function summarise(plan: OptimisePlan): OptimiseSummary {
	const {roomVersion, live, deleted, userScoped} = plan;
	return {roomVersion, live, deleted, carried: plan.carried.length, userScoped, invited: plan.invitees.length};
}

/**
 * What the client still has to copy once the server has made the new room: the carried state whose
 * (type, state_key) the new room does not hold. What the server copied itself (name, topic, power
 * levels, join rules… on Synapse) is its business: sending it again could only undo its changes.
 */
export function stillToCopy(carried: readonly StateCopy[], newRoomState: Iterable<unknown>): StateCopy[] {
	const present = new Set<string>();
	for (const untrusted of newRoomState) {
		const event = asEvent(untrusted);
		if (typeof event.type === 'string' && typeof event.state_key === 'string') present.add(key(event.type, event.state_key));
	}
	return carried.filter((copy) => !present.has(key(copy.type, copy.stateKey)));
}

function key(type: string, stateKey: string): string {
	return `${type}\u0000${stateKey}`;
}

/**
 * Whether we may upgrade: that takes sending m.room.tombstone. Without a power_levels event the
 * creator has 100 and everyone else 0; from room version 12 (MSC4289) creators outrank every level.
 */
export function upgradePower(state: Iterable<unknown>, userId: string): {allowed: boolean; needed: number; mine: number} {
	let powerLevels: RawContent | undefined;
	let create: RawEvent | undefined;
	for (const untrusted of state) {
		const event = asEvent(untrusted);
		if (event.state_key !== '') continue;
		if (event.type === 'm.room.power_levels') powerLevels = contentOf(event);
		if (event.type === 'm.room.create') create = event;
	}
	const createContent = create ? contentOf(create) : {};
	const creators = [create?.sender, createContent.creator, ...(Array.isArray(createContent.additional_creators) ? (createContent.additional_creators as unknown[]) : [])];
	const isCreator = creators.includes(userId);
	const needed = requiredPowerLevel(powerLevels, {kind: 'state', eventType: 'm.room.tombstone'});
	if (isCreator && createContent.room_version === '12') return {allowed: true, needed, mine: Infinity};
	const mine = powerLevels ? userPowerLevel(powerLevels, userId) : isCreator ? 100 : 0;
	return {allowed: mine >= needed, needed, mine};
}
