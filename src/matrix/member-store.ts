/**
 * The lean member path. A room's members are kept as the events the server sent — from sync and
 * from our own /members fetch — cut down to what the member rules read (lean-member.ts), never as
 * SDK RoomMember objects, which cost about 40× the JSON parse on a 50,000-member room. The sorted
 * member list is built from them with the domain rules (once per fetch, not per sync: after that
 * only the changed users' rows go out, MemberListDiff), so the app only receives finished rows.
 */
import type {RawEvent} from '../domain/events.js';
import {contentOf} from '../domain/events.js';
import {buildMemberList, displayNameOf, type MemberList, type MemberRow} from '../domain/member-list.js';
import {isDeactivationLeave, membershipOf} from '../domain/membership.js';
import {userPowerLevel} from '../domain/power-levels.js';
import {redactedEvent} from '../domain/redaction.js';
import {leanMemberEvent} from '../domain/lean-member.js';

/** What a built list depends on besides the members. */
export interface ListOptions {
	powerLevels: unknown;
	reasonMaxWidth: number;
	showDeleted: boolean;
}

/** A room's member events, lean, by user; the member list built from them; and our /members fetch into it. */
export class MemberEventStore {
	private readonly byUser = new Map<string, RawEvent>();
	/** Users whose event changed since the last takeChanged(). */
	private readonly changed = new Set<string>();
	/** Users whose event changed since the last takeListChanges(), and the event they had then. */
	private readonly listChanges = new Map<string, RawEvent | undefined>();
	/** Set while a /members fetch is under way: sync changes that arrive meanwhile win over it. */
	private duringFetch: Map<string, RawEvent> | undefined;
	/** The part of a /members response received so far: merged only once it is whole. */
	private readonly fetched = new Map<string, RawEvent>();
	/** The first part of a /members fetch has come in (everyone but the departed). */
	loaded = false;
	/** Grows with every /members fetch whose first part came in: 0 until one has. */
	generation = 0;
	/** Grows with every part of a fetch merged: many users changed at once, unrecorded. */
	bulkRevision = 0;

	/** A /members fetch is under way (between beginFetch and endFetch). */
	get fetching(): boolean {
		return this.duringFetch !== undefined;
	}

	get size(): number {
		return this.byUser.size;
	}

	get(userId: string): RawEvent | undefined {
		return this.byUser.get(userId);
	}

	upsert(full: RawEvent): void {
		const userId = full.state_key;
		if (typeof userId !== 'string') return;
		const event = leanMemberEvent(full);
		if (!this.listChanges.has(userId)) this.listChanges.set(userId, this.byUser.get(userId));
		this.byUser.set(userId, event);
		this.duringFetch?.set(userId, event);
		this.changed.add(userId);
	}

	/** Prunes the member event the redaction targets, if it is the current one of its user. */
	redact(redaction: RawEvent, targetId: string): boolean {
		for (const event of this.byUser.values()) {
			if (event.event_id !== targetId) continue;
			this.upsert(redactedEvent(event, redaction));
			return true;
		}
		return false;
	}

	beginFetch(): void {
		this.duringFetch = new Map();
	}

	/** A slice of a /members response as it streams in. */
	addFetched(events: readonly RawEvent[]): void {
		for (const event of events) if (typeof event.state_key === 'string') this.fetched.set(event.state_key, leanMemberEvent(event));
	}

	/**
	 * The part's response has ended: what it brought joins the list. A room is fetched in two parts
	 * (everyone but the departed first, for the first screen; then the departed), so each part is
	 * merged, not a replacement; member events synced while it was under way are newer, so they stay.
	 */
	finishPart(part: 'present' | 'departed'): void {
		for (const [userId, event] of this.fetched) this.byUser.set(userId, event);
		this.fetched.clear();
		for (const [userId, event] of this.duringFetch ?? []) this.byUser.set(userId, event);
		if (part === 'present') {
			this.loaded = true;
			this.generation++;
		}
		this.bulkRevision++;
	}

	endFetch(): void {
		this.duringFetch = undefined;
		this.fetched.clear();
	}

	/**
	 * The top of the list, cheaply: the first `limit` joined members by the list's own order, every
	 * invite and ban, and the size of every group. A 50,000-member list takes ~150 ms to build; its
	 * first screen, a fraction of that.
	 */
	headList({powerLevels, reasonMaxWidth}: ListOptions, limit: number): MemberList {
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

	/** The user IDs changed since the last call. */
	takeChanged(): Set<string> {
		const changed = new Set(this.changed);
		this.changed.clear();
		return changed;
	}

	/** How many users changed since the list's changes were last taken. */
	get listChangeCount(): number {
		return this.listChanges.size;
	}

	/** The users whose event changed since the last call (or the last whole list), each with the event the list had. */
	takeListChanges(): Map<string, RawEvent | undefined> {
		const changes = new Map(this.listChanges);
		this.listChanges.clear();
		return changes;
	}

	/**
	 * The whole sorted list, built now; what changed before it no longer needs sending. The departed
	 * are listed only when the user asked to see deleted state: otherwise half a big room's list
	 * would cross to the UI to stay hidden.
	 */
	memberList(options: ListOptions): MemberList {
		this.listChanges.clear();
		return buildMemberList(this.byUser.values(), options.powerLevels, {showDeleted: options.showDeleted, reasonMaxWidth: options.reasonMaxWidth});
	}

	/** How many of the members have left, and which of them deactivated (MSC3759). */
	departed(): {count: number; deactivated: string[]} {
		let count = 0;
		const deactivated: string[] = [];
		for (const [userId, event] of this.byUser) {
			if (membershipOf(contentOf(event)) !== 'leave') continue;
			count++;
			if (isDeactivationLeave(event)) deactivated.push(userId);
		}
		return {count, deactivated};
	}

	/** The departed as rows, sorted: the Left group /show-deleted reveals. */
	departedRows(options: Omit<ListOptions, 'showDeleted'>): MemberRow[] {
		const departed: RawEvent[] = [];
		for (const event of this.byUser.values()) if (membershipOf(contentOf(event)) === 'leave') departed.push(event);
		return buildMemberList(departed, options.powerLevels, {showDeleted: true, reasonMaxWidth: options.reasonMaxWidth}).left;
	}
}
