/**
 * One room's members as the server knows them: the current m.room.member per user (what /members
 * serves), the joined users (whom the traffic draws its senders from), and, through the device's
 * lazy-loading record (lazy-member-cache.ts), which member events a sync must carry.
 * /members leaves the record alone, as it does in Synapse.
 */
import {withoutRoomId, type MatrixEvent} from '../data/events.ts';
import type {LazyMemberCache} from './lazy-member-cache.ts';

export class RoomMembers {
	private readonly current = new Map<string, MatrixEvent>();
	private readonly sent: LazyMemberCache;
	private readonly joined: string[] = [];
	private readonly joinedAt = new Map<string, number>();
	private listCache: MatrixEvent[] | undefined;
	/** Grows with every change, so /members bodies can be cached per version. */
	version = 0;

	constructor(events: readonly MatrixEvent[], sentInInitialSync: Iterable<string>, sent: LazyMemberCache) {
		this.sent = sent;
		for (const event of events) this.set(event);
		for (const userId of sentInInitialSync) this.markSent(userId);
		this.version = 0;
	}

	/** Makes `event` the user's current member event; answers the one it replaces. */
	set(event: MatrixEvent): MatrixEvent | undefined {
		const userId = event.state_key ?? '';
		const before = this.current.get(userId);
		this.current.set(userId, event);
		this.setJoined(userId, event.content['membership'] === 'join');
		this.listCache = undefined;
		this.version++;
		return before;
	}

	get(userId: string): MatrixEvent | undefined {
		return this.current.get(userId);
	}

	/** Every current member event, as /members serves them. */
	list(): MatrixEvent[] {
		return (this.listCache ??= [...this.current.values()]);
	}

	joinedUsers(): readonly string[] {
		return this.joined;
	}

	/** Whether the record says the client has this very member event (from an earlier sync). */
	hasSent(event: MatrixEvent): boolean {
		return this.sent.has(event.state_key ?? '', event.event_id);
	}

	/** Records that the client now has `userId`'s current member event (or this one, sent in a timeline). */
	markSent(userId: string, event = this.current.get(userId)): void {
		if (event) this.sent.set(userId, event.event_id);
	}

	/**
	 * The member events a sync's `state` carries with lazy loading: for each timeline sender and
	 * member-event target not sent yet, their membership as of the timeline's start (the event the
	 * first of their timeline member events replaced, else their current one).
	 */
	lazyState(timeline: readonly MatrixEvent[], replaced: ReadonlyMap<string, MatrixEvent | undefined>): MatrixEvent[] {
		const state: MatrixEvent[] = [];
		const seen = new Set<string>();
		for (const event of timeline) {
			const users = event.type === 'm.room.member' && event.state_key !== undefined ? [event.sender, event.state_key] : [event.sender];
			for (const userId of users) {
				if (seen.has(userId)) continue;
				seen.add(userId);
				const atStart = replaced.has(userId) ? replaced.get(userId) : this.current.get(userId);
				if (atStart && !this.hasSent(atStart)) state.push(withoutRoomId(atStart));
			}
		}
		return state;
	}

	private setJoined(userId: string, joined: boolean): void {
		const index = this.joinedAt.get(userId);
		if (joined && index === undefined) {
			this.joinedAt.set(userId, this.joined.length);
			this.joined.push(userId);
		} else if (!joined && index !== undefined) {
			// Swap-remove: O(1), and the order does not matter to a random draw.
			const last = this.joined.pop()!;
			if (last !== userId) {
				this.joined[index] = last;
				this.joinedAt.set(last, index);
			}
			this.joinedAt.delete(userId);
		}
	}
}
