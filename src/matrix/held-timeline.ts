/**
 * The confirmed events of one room as the matrix layer holds them, oldest first: what the app is
 * sent. Built from the timelines of sync bodies and /messages pages as the server sent them, not
 * from the SDK's live timeline, which a limited sync starts over. A limited sync leaves a gap
 * before its events, with the token to fill it from; past a cap the oldest events are dropped, at a
 * place where a token to fetch them again is known.
 */
import type {RawEvent} from '../domain/events.js';
import {redactedEvent} from '../domain/redaction.js';

/** Events held per room while nobody reads its older part. */
export const TIMELINE_CAP = 1_000;
/** Events held while the user reads the room scrolled up: what they read is not dropped under them, up to this. */
export const READING_CAP = 5_000;

/** One room's timeline section of a /sync response. */
export interface SyncedTimeline {
	events: RawEvent[];
	/** More happened since the last sync than the section holds: a gap lies before it. */
	limited: boolean;
	/** The token before the section's first event. */
	prevBatch?: string;
}

/** A /messages page going backwards: newest first; no `end` once the room's start is reached. */
export interface HistoryPage {
	chunk: RawEvent[];
	end?: string;
}

/** What changed since the last takeChanges(), in the order to apply it: the drop, the append, then each insert. */
export interface HeldChanges {
	/** Something other than these happened (a redaction, the first events): send it all. */
	whole: boolean;
	/** How many of the oldest went (the cap). */
	dropped: number;
	appended: RawEvent[];
	/** Each goes just before the event `before`: gap fills and scrollback. */
	inserted: Array<{before: string; events: RawEvent[]}>;
	/** Each takes the place of the held event with its ID (decrypted), after the rest. */
	replaced: RawEvent[];
}

const noChanges = (): HeldChanges => ({whole: false, dropped: 0, appended: [], inserted: [], replaced: []});

interface Gap {
	/** Where /messages goes backwards from to fill it. */
	token: string;
	/** The automatic fill gave up on it (too long, or failed): only the user's PgUp fills it now. */
	userOnly: boolean;
}

export class HeldTimeline {
	private held: RawEvent[] = [];
	private readonly ids = new Set<string>();
	/** Gaps, by the ID of the event just after each. */
	private readonly gaps = new Map<string, Gap>();
	/** The token before each event we know one for: where the cap can cut. */
	private readonly tokenBefore = new Map<string, string>();
	/** Before the oldest event: a token, null at the room's start, undefined before the first sync. */
	private backToken: string | null | undefined;
	private changes = noChanges();

	get events(): readonly RawEvent[] {
		return this.held;
	}

	/** What changed since the last call (TimelineDiff sends it on). */
	takeChanges(): HeldChanges {
		const changes = this.changes;
		this.changes = noChanges();
		return changes;
	}

	get canPaginateBack(): boolean {
		return typeof this.backToken === 'string';
	}

	has(eventId: string | undefined): boolean {
		return eventId !== undefined && this.ids.has(eventId);
	}

	/** The IDs of the events gaps lie before, oldest first. */
	gapIds(): string[] {
		return this.held.flatMap((event) => (event.event_id !== undefined && this.gaps.has(event.event_id) ? [event.event_id] : []));
	}

	/** The newest gap the automatic fill may still take, and its token. */
	newestAutoGap(): {id: string; token: string} | undefined {
		let newest: {id: string; token: string} | undefined;
		for (const id of this.gapIds()) {
			const gap = this.gaps.get(id)!;
			if (!gap.userOnly) newest = {id, token: gap.token};
		}
		return newest;
	}

	gapToken(id: string): string | undefined {
		return this.gaps.get(id)?.token;
	}

	/** The automatic fill stops taking this gap: its line stays until the user pages it in. */
	leaveToUser(id: string): void {
		const gap = this.gaps.get(id);
		if (gap) gap.userOnly = true;
	}

	get oldestToken(): string | undefined {
		return this.backToken ?? undefined;
	}

	/** A sync's section. Events already held (a retried sync) are skipped; so is the gap when the section reaches back to them. */
	appendSynced(section: SyncedTimeline, cap: number): void {
		this.takeHistoryFrom(section);
		let start = 0;
		for (let index = section.events.length - 1; index >= 0; index--) {
			if (this.has(section.events[index]!.event_id)) {
				start = index + 1;
				break;
			}
		}
		const fresh = section.events.slice(start).filter((event) => !this.has(event.event_id));
		const first = fresh[0]?.event_id;
		if (first === undefined) return;
		const wasEmpty = this.held.length === 0;
		if (start === 0 && section.prevBatch !== undefined) {
			this.tokenBefore.set(first, section.prevBatch);
			if (wasEmpty && this.backToken === undefined) this.backToken = section.prevBatch;
			else if (section.limited && !wasEmpty) this.gaps.set(first, {token: section.prevBatch, userOnly: false});
		}
		for (const event of fresh) this.add(event);
		this.held.push(...fresh);
		this.changes.appended.push(...fresh);
		this.redactWith(fresh);
		this.trim(cap);
	}

	/**
	 * A section reaching back before events we hold (sliding sync's larger window for the room on
	 * screen, or its window again after the connection was reset): what it has before our oldest
	 * event is scrollback, and what it has across a gap fills the gap.
	 */
	private takeHistoryFrom(section: SyncedTimeline): void {
		const events = section.events;
		const end = section.prevBatch === undefined ? {} : {end: section.prevBatch};
		let olderHeld = -1;
		for (let index = 0; index < events.length; index++) {
			const id = events[index]!.event_id;
			if (!this.has(id)) continue;
			if (index > olderHeld + 1) {
				// Newest first, down to (and with) the held event on the older side, which closes a gap.
				const chunk = events.slice(Math.max(olderHeld, 0), index).reverse();
				if (olderHeld < 0 && id === this.held[0]?.event_id) this.prepend({chunk, ...end});
				else if (this.gaps.has(id!)) this.fillGap(id!, olderHeld < 0 ? {chunk, ...end} : {chunk});
			}
			olderHeld = index;
		}
	}

	/**
	 * A page read backwards from a gap's token: its events go just before the gap's newer side,
	 * up to the first one already held (the gap is then closed); else the gap moves to before them.
	 * Answers the gap's ID if it is still open.
	 */
	fillGap(id: string, page: HistoryPage): string | undefined {
		const gap = this.gaps.get(id);
		if (!gap) return undefined;
		const taken: RawEvent[] = [];
		let closed = page.end === undefined || page.chunk.length === 0;
		for (const event of page.chunk) {
			if (this.has(event.event_id)) {
				closed = true;
				break;
			}
			taken.push(event);
		}
		this.gaps.delete(id);
		taken.reverse();
		const oldest = taken[0]?.event_id;
		const stillOpen = !closed && oldest !== undefined && page.end !== undefined ? oldest : undefined;
		if (stillOpen !== undefined) {
			this.gaps.set(stillOpen, {...gap, token: page.end!});
			this.tokenBefore.set(stillOpen, page.end!);
		}
		if (taken.length > 0) {
			for (const event of taken) this.add(event);
			const at = this.held.findIndex((event) => event.event_id === id);
			this.held.splice(at < 0 ? this.held.length : at, 0, ...taken);
			this.changes.inserted.push({before: id, events: taken});
			this.redactWith(taken);
		}
		return stillOpen;
	}

	/** A page read backwards from before the oldest event (scrollback). */
	prepend(page: HistoryPage): void {
		const older = page.chunk.filter((event) => !this.has(event.event_id)).reverse();
		this.backToken = page.chunk.length === 0 ? null : (page.end ?? null);
		const oldest = older[0]?.event_id;
		if (oldest !== undefined && page.end !== undefined) this.tokenBefore.set(oldest, page.end);
		if (older.length === 0) return;
		for (const event of older) this.add(event);
		const before = this.held[0]?.event_id;
		if (before === undefined) this.changes.whole = true;
		else this.changes.inserted.push({before, events: older});
		this.held = older.concat(this.held);
		this.redactWith(older);
	}

	/** Drops the oldest events down to `cap`, cutting where a token to fetch them again is known. */
	trim(cap: number): void {
		if (this.held.length <= cap) return;
		let cut = this.held.length - cap;
		while (cut < this.held.length && !this.tokenBefore.has(this.held[cut]!.event_id ?? '')) cut++;
		if (cut >= this.held.length) return;
		const firstKept = this.held[cut]!.event_id!;
		for (const event of this.held.slice(0, cut)) this.forget(event.event_id);
		this.held = this.held.slice(cut);
		this.changes.dropped += cut;
		this.backToken = this.tokenBefore.get(firstKept);
		// A gap right at the new start is now just where scrollback begins.
		this.gaps.delete(firstKept);
	}

	/** An encrypted event we hold, decrypted: its clear form takes its place. False if it is not held (any more). */
	replaceDecrypted(eventId: string, clear: RawEvent): boolean {
		if (!this.ids.has(eventId)) return false;
		const index = this.held.findLastIndex((event) => event.event_id === eventId);
		if (index < 0 || this.held[index]!.type !== 'm.room.encrypted') return false;
		this.held[index] = clear;
		// Appended or inserted in this same batch: the app gets the clear one in its place anyway.
		this.changes.replaced.push(clear);
		return true;
	}

	private add(event: RawEvent): void {
		if (event.event_id !== undefined) this.ids.add(event.event_id);
	}

	private forget(eventId: string | undefined): void {
		if (eventId === undefined) return;
		this.ids.delete(eventId);
		this.gaps.delete(eventId);
		this.tokenBefore.delete(eventId);
	}

	/** Redactions among new events prune what they target, if we hold it (the SDK only prunes its own copies). */
	private redactWith(events: readonly RawEvent[]): void {
		for (const redaction of events) {
			if (redaction.type !== 'm.room.redaction') continue;
			const target = typeof redaction.redacts === 'string' ? redaction.redacts : redaction.content?.['redacts'];
			if (typeof target !== 'string' || !this.ids.has(target)) continue;
			const index = this.held.findIndex((event) => event.event_id === target);
			if (index < 0 || this.held[index]!.unsigned?.redacted_because !== undefined) continue;
			this.held[index] = redactedEvent(this.held[index]!, redaction);
			this.changes.whole = true;
		}
	}
}
