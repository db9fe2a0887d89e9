import type {RoomModel} from '../model/room.js';
import type {StoredEvent} from '../model/types.js';

/** An event as served to our client: our own sends carry their transaction id (local echo matching). */
export function clientEvent(stored: StoredEvent): Record<string, unknown> {
	const {event, txnId} = stored;
	return txnId === undefined ? {...event} : {...event, unsigned: {...event.unsigned, transaction_id: txnId}};
}

/** Stripped state for invite_state: just enough to render the invite. */
function strippedEvent(stored: StoredEvent): Record<string, unknown> {
	const {type, state_key, sender, content} = stored.event;
	return {type, state_key, sender, content};
}

/** State that Synapse shares with invitees (its default room_prejoin_state). */
const PREJOIN_TYPES = ['m.room.create', 'm.room.name', 'm.room.topic', 'm.room.avatar', 'm.room.join_rules', 'm.room.canonical_alias', 'm.room.encryption'];

export function inviteState(room: RoomModel, userId: string): Array<Record<string, unknown>> {
	const events: StoredEvent[] = [];
	for (const type of PREJOIN_TYPES) {
		const stored = room.getState(type);
		if (stored) events.push(stored);
	}
	const invite = room.getState('m.room.member', userId);
	const inviter = invite && room.getState('m.room.member', invite.event.sender);
	if (inviter) events.push(inviter);
	if (invite) events.push(invite);
	return events.map(strippedEvent);
}

/** m.room.receipt content for receipts at or after stream position `since`. */
export function receiptEvent(room: RoomModel, since: number): Record<string, unknown> | undefined {
	const content: Record<string, Record<string, Record<string, {ts: number}>>> = {};
	for (const receipt of room.receipts.values()) {
		if (receipt.pos < since) continue;
		const byType = (content[receipt.eventId] ??= {});
		(byType[receipt.receiptType] ??= {})[receipt.userId] = {ts: receipt.ts};
	}
	return Object.keys(content).length > 0 ? {type: 'm.receipt', content} : undefined;
}

/** Room summary used for naming rooms when members are lazy-loaded. */
export function roomSummary(room: RoomModel, userId: string): Record<string, unknown> {
	const joined = room.members({membership: 'join'});
	const invited = room.members({membership: 'invite'});
	const heroes = [...joined, ...invited]
		.map((stored) => stored.event.state_key ?? '')
		.filter((member) => member !== userId)
		.sort()
		.slice(0, 5);
	return {'m.heroes': heroes, 'm.joined_member_count': joined.length, 'm.invited_member_count': invited.length};
}
