/**
 * One room's timeline as a log, so the server can do what Synapse does with it: an incremental
 * /sync carries the newest `limit` events not sent yet (`limited: true` and a `prev_batch` when
 * there were more), and /messages pages through the log from any token it handed out. A token
 * `m<n>` is the position just before entry n.
 */
import type {MatrixEvent} from '../data/events.ts';

export interface SyncSlice {
	timeline: MatrixEvent[];
	limited: boolean;
	prevBatch: string;
	/** The events skipped (older than the timeline, newer than the last sync): their state goes in `state`. */
	gap: MatrixEvent[];
	/** For each user with a member event in `timeline`: the member event the first of them replaced. */
	replaced: Map<string, MatrixEvent | undefined>;
}

export interface Page {
	chunk: MatrixEvent[];
	start: string;
	end?: string;
}

function positionToken(position: number): string {
	return `m${position}`;
}

export class TimelineLog {
	private readonly events: MatrixEvent[] = [];
	/** For member events: the member event each replaced (undefined for a first join). */
	private readonly replaces = new Map<number, MatrixEvent | undefined>();
	/** Entries the client has had through /sync. */
	private delivered = 0;
	/** Tokens handed out before this log existed (the initial sync's prev_batch…), by position. */
	private readonly aliases = new Map<string, number>();

	/** `initial`: the timeline the initial sync sent (delivered), after `prevBatch`. */
	constructor(initial: readonly MatrixEvent[] = [], prevBatch?: string) {
		if (prevBatch !== undefined) this.aliases.set(prevBatch, 0);
		this.events.push(...initial);
		this.delivered = this.events.length;
	}

	get length(): number {
		return this.events.length;
	}

	hasNews(): boolean {
		return this.delivered < this.events.length;
	}

	append(event: MatrixEvent, replacedMember?: MatrixEvent): number {
		if (event.type === 'm.room.member') this.replaces.set(this.events.length, replacedMember);
		this.events.push(event);
		return this.events.length - 1;
	}

	/** Another name for the log's current end (a token sent outside the log, e.g. the old storm's). */
	alias(token: string): void {
		this.aliases.set(token, this.events.length);
	}

	/** Event ids of entries [from, to). */
	ids(from = 0, to = this.events.length): string[] {
		return this.events.slice(from, to).map((event) => event.event_id);
	}

	/** What the next /sync carries; `limit` undefined: everything new, never limited. */
	takeSync(limit: number | undefined): SyncSlice {
		const end = this.events.length;
		const start = limit === undefined ? this.delivered : Math.max(this.delivered, end - limit);
		const replaced = new Map<string, MatrixEvent | undefined>();
		for (let position = start; position < end; position++) {
			const event = this.events[position]!;
			if (event.type === 'm.room.member' && !replaced.has(event.state_key ?? '')) replaced.set(event.state_key ?? '', this.replaces.get(position));
		}
		const slice: SyncSlice = {timeline: this.events.slice(start, end), limited: start > this.delivered, prevBatch: positionToken(start), gap: this.events.slice(this.delivered, start), replaced};
		this.delivered = end;
		return slice;
	}

	/** GET /messages: `dir=b` newest first from just before `from`, `dir=f` oldest first from it; never past `to`. */
	page(from: string | null, dir: 'b' | 'f', limit: number, to: string | null = null): Page | undefined {
		const position = from === null ? (dir === 'b' ? this.events.length : 0) : this.position(from);
		if (position === undefined) return undefined;
		const bound = to === null ? undefined : this.position(to);
		if (bound !== undefined) limit = Math.max(0, Math.min(limit, dir === 'b' ? position - bound : bound - position));
		const start = positionToken(position);
		if (dir === 'b') {
			const oldest = Math.max(0, position - limit);
			const chunk = this.events.slice(oldest, position).reverse();
			return oldest > 0 ? {chunk, start, end: positionToken(oldest)} : {chunk, start};
		}
		const newest = Math.min(this.events.length, position + limit);
		const chunk = this.events.slice(position, newest);
		return newest < this.events.length ? {chunk, start, end: positionToken(newest)} : {chunk, start};
	}

	private position(token: string): number | undefined {
		const alias = this.aliases.get(token);
		if (alias !== undefined) return alias;
		const match = /^m(\d+)$/.exec(token);
		if (!match) return undefined;
		return Math.min(Number(match[1]), this.events.length);
	}
}
