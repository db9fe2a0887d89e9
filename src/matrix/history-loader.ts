/**
 * Reads a room's history into its held timeline (held-timeline.ts) with /messages going backwards:
 * the gaps limited syncs leave, filled at once (and bounded) while the user reads that room at its
 * end; and one page at a time when the user pages up, into a gap or before the oldest event.
 */
import {Direction, type MatrixClient} from 'matrix-js-sdk';
import type {RawEvent} from '../domain/events.js';
import {READING_CAP, TIMELINE_CAP, type HeldTimeline, type HistoryPage} from './held-timeline.js';

/** A gap the automatic fill has not closed after this many pages is left to the user (its line shows). */
const AUTO_FILL_PAGES = 3;
const AUTO_FILL_PAGE_SIZE = 100;
/** What one PgUp brings. */
const USER_PAGE_SIZE = 50;

/** What the loader reaches of a room (RoomTracker). */
export interface HistoryTarget {
	readonly held: HeldTimeline;
	/** Member events a /messages page carried (lazy loading): names for its senders. */
	historyMembers(events: readonly RawEvent[]): void;
}

export class HistoryLoader {
	private reading: {roomId?: string; atEnd: boolean} = {atEnd: false};
	/** Rooms whose automatic fill is running: one loop per room. */
	private readonly filling = new Set<string>();

	constructor(
		private readonly client: MatrixClient,
		private readonly target: (roomId: string) => HistoryTarget,
		private readonly changed: (roomId: string) => void,
		/** A page's encrypted events, once the page is held: the crypto puts each in the clear in its place. */
		private readonly encrypted: (roomId: string, events: readonly RawEvent[]) => void = () => {},
	) {}

	/** How many events the room may hold now: more while the user reads it scrolled up, so nothing goes from under them. */
	capFor(roomId: string): number {
		return this.reading.roomId === roomId && !this.reading.atEnd ? READING_CAP : TIMELINE_CAP;
	}

	/** The user opened a room, or scrolled its timeline to or from the end. */
	view(roomId: string | undefined, atEnd: boolean): void {
		const before = this.reading;
		this.reading = {roomId, atEnd};
		if (before.roomId !== undefined && this.capFor(before.roomId) === TIMELINE_CAP) {
			this.target(before.roomId).held.trim(TIMELINE_CAP);
			this.changed(before.roomId);
		}
		if (roomId !== undefined) this.synced(roomId);
	}

	/** A sync brought the room's events: a gap it left is filled now if the user is at the end. */
	synced(roomId: string): void {
		if (this.reading.roomId !== roomId || !this.reading.atEnd || this.filling.has(roomId)) return;
		this.filling.add(roomId);
		void this.autoFill(roomId).finally(() => this.filling.delete(roomId));
	}

	/** One page before the oldest event, or into the gap before the event `gap`. */
	async pageBack(roomId: string, gap?: string): Promise<void> {
		const {held} = this.target(roomId);
		const token = gap === undefined ? held.oldestToken : held.gapToken(gap);
		if (token === undefined) return;
		const page = await this.page(roomId, token, USER_PAGE_SIZE);
		// Scrollback is what the user asked for: it is kept until the room is left or read at its end.
		if (gap === undefined) held.prepend(page);
		else this.filled(roomId, held.fillGap(gap, page));
		this.encrypted(roomId, page.chunk);
		this.changed(roomId);
	}

	/** Newest gap first, each at most AUTO_FILL_PAGES pages; stops when the user leaves the end. */
	private async autoFill(roomId: string): Promise<void> {
		const {held} = this.target(roomId);
		for (let gap = held.newestAutoGap(); gap && this.reading.roomId === roomId && this.reading.atEnd; gap = held.newestAutoGap()) {
			let open: string | undefined = gap.id;
			try {
				for (let pages = 0; open !== undefined && pages < AUTO_FILL_PAGES; pages++) {
					const token = held.gapToken(open);
					if (token === undefined) break; // trimmed away meanwhile
					const page = await this.page(roomId, token, AUTO_FILL_PAGE_SIZE);
					open = this.filled(roomId, held.fillGap(open, page));
					this.encrypted(roomId, page.chunk);
					this.changed(roomId);
				}
			} catch {
				// Unreachable server or a refusal: the gap's line stays, for PgUp to retry.
			}
			if (open !== undefined) held.leaveToUser(open);
			this.changed(roomId);
		}
	}

	/** A gap's events joined the newer part of the timeline: the oldest go if that passed the cap. */
	private filled(roomId: string, open: string | undefined): string | undefined {
		this.target(roomId).held.trim(this.capFor(roomId));
		return open;
	}

	private async page(roomId: string, token: string, limit: number): Promise<HistoryPage> {
		// Plain JSON from the server: it never becomes the SDK's.
		const response = await this.client.createMessagesRequest(roomId, token, limit, Direction.Backward);
		if (response.state) this.target(roomId).historyMembers(response.state);
		const chunk = response.chunk as RawEvent[];
		return response.end === undefined || response.end === null ? {chunk} : {chunk, end: response.end};
	}
}
