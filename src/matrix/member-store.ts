/**
 * The lean member path. A room's members are kept as the raw events the server sent — from sync and
 * from our own /members fetch — never as SDK RoomMember objects, which cost about 40× the JSON parse
 * on a 50,000-member room. The sorted member list is built here, once per change, with the domain
 * rules, so the app only receives finished rows.
 */
import type {RawEvent} from '../domain/events.js';
import {contentOf} from '../domain/events.js';
import {buildMemberList, displayNameOf, type MemberList} from '../domain/member-list.js';
import {membershipOf} from '../domain/membership.js';
import {userPowerLevel} from '../domain/power-levels.js';

export class RoomMembers {
	private readonly byUser = new Map<string, RawEvent>();
	private list: MemberList | undefined;
	private listFor: {powerLevels: unknown; reasonMaxWidth: number} | undefined;
	/** Users whose event changed since the last take(). */
	private readonly changed = new Set<string>();
	/** Set while a /members fetch is under way: sync changes that arrive meanwhile win over it. */
	private duringFetch: Map<string, RawEvent> | undefined;
	loaded = false;
	/** The departed members have been fetched too (they come second). */
	departedLoaded = false;
	/** Grows with every completed /members fetch. */
	generation = 0;

	get size(): number {
		return this.byUser.size;
	}

	get(userId: string): RawEvent | undefined {
		return this.byUser.get(userId);
	}

	values(): IterableIterator<RawEvent> {
		return this.byUser.values();
	}

	upsert(event: RawEvent): void {
		const userId = event.state_key;
		if (typeof userId !== 'string') return;
		this.byUser.set(userId, event);
		this.duringFetch?.set(userId, event);
		this.changed.add(userId);
		this.list = undefined;
	}

	beginFetch(): void {
		this.duringFetch = new Map();
	}

	/**
	 * Members from a /members response. It is fetched in two parts (everyone but the departed first,
	 * for the first screen; then the departed), so each part is merged, not a replacement; member
	 * events synced while it was under way are newer, so they stay.
	 */
	mergeFetched(events: readonly RawEvent[], part: 'present' | 'departed'): void {
		for (const event of events) if (typeof event.state_key === 'string') this.byUser.set(event.state_key, event);
		for (const [userId, event] of this.duringFetch ?? []) this.byUser.set(userId, event);
		if (part === 'present') {
			this.loaded = true;
			this.generation++;
		} else this.departedLoaded = true;
		this.list = undefined;
	}

	endFetch(): void {
		this.duringFetch = undefined;
	}

	/** Whether memberList() would have to rebuild. */
	listIsStale(powerLevels: unknown, reasonMaxWidth: number): boolean {
		const built = this.listFor;
		return !this.list || !built || built.powerLevels !== powerLevels || built.reasonMaxWidth !== reasonMaxWidth;
	}

	/**
	 * The top of the list, cheaply: the first `limit` joined members by the list's own order, every
	 * invite and ban, and the size of every group. A 50,000-member list takes ~150 ms to build; its
	 * first screen, a fraction of that.
	 */
	headList(powerLevels: unknown, reasonMaxWidth: number, limit: number): MemberList {
		const joined: Array<{event: RawEvent; power: number; key: string; userId: string}> = [];
		const others: RawEvent[] = [];
		const totals = {joined: 0, invited: 0, banned: 0, left: 0};
		for (const [userId, event] of this.byUser) {
			const membership = membershipOf(contentOf(event));
			if (membership === 'join') {
				totals.joined++;
				const name = displayNameOf(event, userId);
				joined.push({event, power: userPowerLevel(powerLevels, userId), key: name.toLowerCase(), userId});
			} else if (membership === 'invite' || membership === 'knock') {
				totals.invited++;
				others.push(event);
			} else if (membership === 'ban') {
				totals.banned++;
				others.push(event);
			} else if (membership === 'leave') totals.left++;
		}
		joined.sort((a, b) => b.power - a.power || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
		const head = buildMemberList([...joined.slice(0, limit).map((entry) => entry.event), ...others], powerLevels, {showDeleted: true, reasonMaxWidth});
		return {...head, totals};
	}

	abortFetch(): void {
		this.duringFetch = undefined;
	}

	/** The user IDs changed since the last call. */
	takeChanged(): Set<string> {
		const changed = new Set(this.changed);
		this.changed.clear();
		return changed;
	}

	/** The sorted list, left members included; rebuilt only after a change. */
	memberList(powerLevels: unknown, reasonMaxWidth: number): {list: MemberList; rebuilt: boolean} {
		const same = this.listFor !== undefined && this.listFor.powerLevels === powerLevels && this.listFor.reasonMaxWidth === reasonMaxWidth;
		if (this.list && same) return {list: this.list, rebuilt: false};
		this.list = buildMemberList(this.byUser.values(), powerLevels, {showDeleted: true, reasonMaxWidth});
		this.listFor = {powerLevels, reasonMaxWidth};
		return {list: this.list, rebuilt: true};
	}
}
