import {asObject} from '../../domain/events.js';
import type {StoredEvent, UnreadCounts} from './types.js';

/** Current-state map key: `type \0 state_key` (NUL cannot appear in either). */
export const stateMapKey = (type: string, stateKey = ''): string => `${type}\u0000${stateKey}`;

export interface Receipt {
	pos: number;
	userId: string;
	eventId: string;
	receiptType: string;
	ts: number;
}

/** One room: its events in order plus the current state. Nothing else is stored. */
export class RoomModel {
	readonly events: StoredEvent[] = [];
	readonly state = new Map<string, StoredEvent>();
	unread: UnreadCounts = {notification_count: 0, highlight_count: 0};
	/** Latest receipt per user and receipt type. */
	readonly receipts = new Map<string, Receipt>();
	/** Stream position of the last change that is not an event (receipts, unread counts, tags). */
	touchedAt = 0;
	/** Our m.tag tags, by name; undefined until the room has had one (then syncs carry m.tag, empty or not). */
	tags: Map<string, Record<string, unknown>> | undefined;
	private lastTs = 0;

	constructor(readonly roomId: string) {}

	/** origin_server_ts for a new event: now (or the seed's backdated time), strictly increasing per room. */
	nextTimestamp(requested?: number): number {
		this.lastTs = Math.max(this.lastTs + 1, requested ?? Date.now());
		return this.lastTs;
	}

	getState(type: string, stateKey = ''): StoredEvent | undefined {
		return this.state.get(stateMapKey(type, stateKey));
	}

	membership(userId: string): string | undefined {
		const membership = this.getState('m.room.member', userId)?.event.content['membership'];
		return typeof membership === 'string' ? membership : undefined;
	}

	/** Member events currently in state, optionally filtered like GET /members does. */
	members(filter: {membership?: string; notMembership?: string} = {}): StoredEvent[] {
		const result: StoredEvent[] = [];
		for (const stored of this.state.values()) {
			if (stored.event.type !== 'm.room.member') continue;
			const membership = asObject(stored.event.content)['membership'];
			if (filter.membership !== undefined && membership !== filter.membership) continue;
			if (filter.notMembership !== undefined && membership === filter.notMembership) continue;
			result.push(stored);
		}
		return result;
	}

	/** Index of the first event at or after stream position `pos` (events.length if none). */
	indexAtPos(pos: number): number {
		let low = 0;
		let high = this.events.length;
		while (low < high) {
			const middle = (low + high) >> 1;
			if (this.events[middle]!.pos < pos) low = middle + 1;
			else high = middle;
		}
		return low;
	}

	/** The state as it was just before events[index]: a fold over the list (used for initial syncs). */
	stateBefore(index: number): Map<string, StoredEvent> {
		const state = new Map<string, StoredEvent>();
		for (const stored of this.events.slice(0, index)) {
			const {type, state_key} = stored.event;
			if (state_key !== undefined) state.set(stateMapKey(type, state_key), stored);
		}
		return state;
	}

	/** One state entry as it was just before events[index]; cheap when it has not changed since. */
	stateEntryBefore(index: number, type: string, stateKey: string): StoredEvent | undefined {
		const current = this.getState(type, stateKey);
		const boundary = this.events[index];
		if (!current || !boundary || current.pos < boundary.pos) return current;
		for (let i = index - 1; i >= 0; i--) {
			const {event} = this.events[i]!;
			if (event.type === type && event.state_key === stateKey) return this.events[i];
		}
		return undefined;
	}
}
