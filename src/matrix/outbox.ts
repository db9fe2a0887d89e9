/**
 * The outbox: every message typed that the server has not confirmed yet, in the order typed. Pure
 * bookkeeping with time passed in — no I/O, no timers: outbox-sender.ts drives it, outbox-file.ts
 * keeps it on disk.
 *
 * A message keeps the transaction ID it was given when typed for every attempt, across restarts:
 * the server deduplicates on it, so sending again after any doubt (a lost answer, a kill) never
 * stores a second copy. Per room only the oldest unfinished message is in flight, so messages
 * arrive in the order typed; one refused for good steps aside and never holds back the rest.
 *
 *   queued ──▶ sending ──▶ sent (the server answered its event ID) ──▶ gone, once a sync shows it
 *     ▲           │  └────▶ refused (403, 400, 413…) ── /retry ──▶ queued
 *     └─ retrying ◀┘ temporary failure (network, 5xx, 429): again after a capped backoff
 * A sync that shows the event confirms it from any state: it is delivered, whatever the answer was.
 */
import type {RawContent, RawEvent} from '../domain/events.js';
import type {OutboxStatus} from './protocol.js';
import type {SendFailure} from './send-failure.js';

export type OutboxState = 'queued' | 'sending' | 'retrying' | 'sent' | 'refused';

export interface OutboxEntry {
	readonly txnId: string;
	readonly roomId: string;
	readonly eventType: string;
	readonly content: RawContent;
	/** When it was typed (ms since the epoch): the echo's timestamp. */
	readonly typedAt: number;
	state: OutboxState;
	attempts: number;
	/** retrying: when the next attempt is due. */
	retryAt?: number;
	/** Why it is not out yet: the last temporary failure (retrying, queued), or the refusal (refused). */
	reason?: string;
	/** sent: the event ID the server answered, to know the event when a sync brings it. */
	eventId?: string;
}

/** The first wait after a temporary failure, doubled each time up to the cap. */
export const FIRST_RETRY_MS = 1000;
export const MAX_RETRY_MS = 30_000;

export function retryDelayMs(attempts: number): number {
	return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

export class Outbox {
	private readonly entries: OutboxEntry[] = [];

	/** Entries an earlier run left (outbox-file.ts), before any typed now. */
	restore(entries: readonly OutboxEntry[]): void {
		this.entries.unshift(...entries);
	}

	get size(): number {
		return this.entries.length;
	}

	all(): readonly OutboxEntry[] {
		return this.entries;
	}

	inRoom(roomId: string): OutboxEntry[] {
		return this.entries.filter((entry) => entry.roomId === roomId);
	}

	get(txnId: string): OutboxEntry | undefined {
		return this.entries.find((entry) => entry.txnId === txnId);
	}

	add(entry: Omit<OutboxEntry, 'state' | 'attempts'>): OutboxEntry {
		const added: OutboxEntry = {...entry, state: 'queued', attempts: 0};
		this.entries.push(added);
		return added;
	}

	/** Each room's oldest unfinished message, when it may go now: what to send next. */
	due(now: number): OutboxEntry[] {
		return this.heads().filter((entry) => entry.state === 'queued' || (entry.state === 'retrying' && (entry.retryAt ?? 0) <= now));
	}

	/** When the earliest retry is due, if one waits. */
	nextRetryAt(): number | undefined {
		let next: number | undefined;
		for (const entry of this.heads()) if (entry.state === 'retrying' && entry.retryAt !== undefined && (next === undefined || entry.retryAt < next)) next = entry.retryAt;
		return next;
	}

	started(txnId: string): void {
		const entry = this.get(txnId);
		if (!entry) return;
		entry.state = 'sending';
		entry.attempts++;
		delete entry.retryAt;
	}

	/** The server answered the event's ID: stored. Shown as sent until a sync brings it. */
	succeeded(txnId: string, eventId: string): void {
		const entry = this.get(txnId);
		if (!entry) return;
		entry.state = 'sent';
		entry.eventId = eventId;
		delete entry.reason;
	}

	/** An attempt failed; an entry a sync confirmed meanwhile is gone, and stays gone. */
	failed(txnId: string, failure: SendFailure, now: number): void {
		const entry = this.get(txnId);
		if (!entry || entry.state === 'sent') return;
		entry.reason = failure.why;
		if (failure.temporary) {
			entry.state = 'retrying';
			entry.retryAt = now + (failure.afterMs ?? retryDelayMs(entry.attempts));
		} else {
			entry.state = 'refused';
			delete entry.retryAt;
		}
	}

	/** Not sent yet, for a reason that passes by itself (no sync yet): queued, with the reason shown. */
	held(txnId: string, why: string): void {
		const entry = this.get(txnId);
		if (entry && entry.state === 'queued') entry.reason = why;
	}

	/**
	 * Events of a room that a sync brought: ours among them, known by the transaction ID the server
	 * puts in `unsigned` for the device that sent it, or by the event ID it answered, are delivered.
	 * Returns the entries removed.
	 */
	confirm(roomId: string, events: readonly RawEvent[]): OutboxEntry[] {
		const txnIds = new Set<string>();
		const eventIds = new Set<string>();
		for (const event of events) {
			const txnId = event.unsigned?.['transaction_id'];
			if (typeof txnId === 'string') txnIds.add(txnId);
			if (event.event_id) eventIds.add(event.event_id);
		}
		return this.removeWhere((entry) => entry.roomId === roomId && (txnIds.has(entry.txnId) || (entry.eventId !== undefined && eventIds.has(entry.eventId))));
	}

	/** Sent messages of a room whose event lies in a gap the sync skipped: stored, nothing more to wait for. */
	forgetSent(roomId: string): OutboxEntry[] {
		return this.removeWhere((entry) => entry.roomId === roomId && entry.state === 'sent');
	}

	/** The connection is back: every waiting retry is due now. */
	retryNow(now: number): void {
		for (const entry of this.entries) if (entry.state === 'retrying') entry.retryAt = Math.min(entry.retryAt ?? now, now);
	}

	/** The user's /retry: the room's refused messages go again, in their places. Returns how many. */
	retryRefused(roomId: string): number {
		let count = 0;
		for (const entry of this.entries) {
			if (entry.roomId !== roomId || entry.state !== 'refused') continue;
			entry.state = 'queued';
			delete entry.reason;
			count++;
		}
		return count;
	}

	/** The room's newest refused message: the one /discard and /edit-unsent act on. */
	newestRefused(roomId: string): OutboxEntry | undefined {
		return this.entries.findLast((entry) => entry.roomId === roomId && entry.state === 'refused');
	}

	/** Drops a refused message (discarded, or taken back into the composer). */
	drop(txnId: string): OutboxEntry | undefined {
		const entry = this.get(txnId);
		if (!entry || entry.state !== 'refused') return undefined;
		this.removeWhere((candidate) => candidate === entry);
		return entry;
	}

	summary(): OutboxStatus {
		let waiting = 0;
		let notSent = 0;
		let why: string | undefined;
		for (const entry of this.entries) {
			if (entry.state === 'refused') notSent++;
			else if (entry.state !== 'sent') {
				waiting++;
				why ??= entry.reason;
			}
		}
		return why === undefined ? {waiting, notSent} : {waiting, notSent, why};
	}

	/** Each room's oldest message not yet out (sent and refused ones step aside). */
	private heads(): OutboxEntry[] {
		const seen = new Set<string>();
		const heads: OutboxEntry[] = [];
		for (const entry of this.entries) {
			if (entry.state === 'sent' || entry.state === 'refused' || seen.has(entry.roomId)) continue;
			seen.add(entry.roomId);
			heads.push(entry);
		}
		return heads;
	}

	private removeWhere(test: (entry: OutboxEntry) => boolean): OutboxEntry[] {
		const removed: OutboxEntry[] = [];
		for (let index = this.entries.length - 1; index >= 0; index--) {
			if (test(this.entries[index]!)) removed.unshift(...this.entries.splice(index, 1));
		}
		return removed;
	}
}
