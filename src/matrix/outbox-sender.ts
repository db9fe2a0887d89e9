/**
 * Drives the outbox (outbox.ts): sends each room's oldest waiting message, waits out temporary
 * failures with a capped backoff for as long as they last, keeps every change on disk
 * (outbox-file.ts), and tells the session which rooms' echoes changed. How a message reaches the
 * server is the transport's business (outbox-transport.ts), so this runs on fake time in tests.
 */
import {randomBytes} from 'node:crypto';
import type {RawContent, RawEvent} from '../domain/events.js';
import {toActionError} from './errors.js';
import {Outbox, type OutboxEntry} from './outbox.js';
import type {OutboxStore} from './outbox-file.js';
import type {OutboxStatus} from './protocol.js';
import {classifySendError} from './send-failure.js';

/** Why a message cannot go right now: `wait` passes by itself (no sync yet), `refuse` does not. */
export type SendCheck = {wait: string} | {refuse: string} | undefined;

export interface OutboxTransport {
	check(entry: Pick<OutboxEntry, 'roomId' | 'eventType'>): SendCheck;
	/** Sends once with the entry's transaction ID; resolves to the event ID the server answered. */
	send(entry: OutboxEntry): Promise<string>;
}

export interface OutboxListener {
	/** These rooms' echoes (and the summary) changed. */
	changed(roomIds: readonly string[]): void;
	/** One line for the user: the file on disk could not be read or written. */
	problem(text: string): void;
	/** Whether a sync already brought this event (before its /send answered). */
	synced(roomId: string, eventId: string): boolean;
}

/** A message this session cannot send at all: refused when typed (a room we are not in), or at an attempt (encryption is off). */
export class SendRefused extends Error {}

/** Unique across restarts and devices: the server keys deduplication on it. */
function newTxnId(): string {
	return `mtui.${Date.now().toString(36)}.${randomBytes(6).toString('hex')}`;
}

export class OutboxSender {
	private readonly outbox = new Outbox();
	private timer: NodeJS.Timeout | undefined;
	private stopped = false;
	private storeBroken = false;

	constructor(
		private readonly transport: OutboxTransport,
		private readonly store: OutboxStore | undefined,
		private readonly listener: OutboxListener,
	) {}

	/** Reads what an earlier run left unsent; it goes out once the transport lets it (after the first sync). */
	load(): void {
		if (!this.store) return;
		const {entries, problem} = this.store.load();
		this.outbox.restore(entries);
		if (problem) this.listener.problem(problem);
		if (entries.length > 0) this.listener.changed(roomsOf(entries));
	}

	get summary(): OutboxStatus {
		return this.outbox.summary();
	}

	/** The room's messages not confirmed yet, oldest first: its echoes. */
	echoes(roomId: string): readonly OutboxEntry[] {
		return this.outbox.inRoom(roomId);
	}

	/** A message typed: on disk before this returns, then on its way. Throws SendRefused if it cannot go to this room at all. */
	add(roomId: string, eventType: string, content: RawContent): string {
		const check = this.transport.check({roomId, eventType});
		if (check && 'refuse' in check) throw new SendRefused(check.refuse);
		const txnId = newTxnId();
		this.outbox.add({txnId, roomId, eventType, content, typedAt: Date.now()});
		this.save();
		this.listener.changed([roomId]);
		this.pump();
		return txnId;
	}

	/** A sync's timeline section for a room: ours in it are delivered. A limited one skipped a gap, where sent ones may lie. */
	synced(roomId: string, events: readonly RawEvent[], limited: boolean): void {
		// Every room's section of every sync comes here: a big room's storm costs nothing when nothing waits.
		if (this.outbox.size === 0) return;
		const removed = this.outbox.confirm(roomId, events);
		if (limited) removed.push(...this.outbox.forgetSent(roomId));
		if (removed.length === 0) return;
		if (removed.some((entry) => entry.state !== 'sent')) this.save();
		this.listener.changed([roomId]);
		this.pump();
	}

	/** The server answers again (a sync went through): waiting messages go now, not at their backoff. */
	wake(): void {
		this.outbox.retryNow(Date.now());
		this.pump();
	}

	/** /retry: the room's refused messages go again. Returns how many. */
	retry(roomId: string): number {
		const count = this.outbox.retryRefused(roomId);
		if (count === 0) return 0;
		this.save();
		this.listener.changed([roomId]);
		this.pump();
		return count;
	}

	/** The room's newest refused message, for /edit-unsent to read before it drops it. */
	newestRefused(roomId: string): OutboxEntry | undefined {
		return this.outbox.newestRefused(roomId);
	}

	/** Drops a refused message for good (/discard, or taken back into the composer). */
	drop(txnId: string): OutboxEntry | undefined {
		const dropped = this.outbox.drop(txnId);
		if (!dropped) return undefined;
		this.save();
		this.listener.changed([dropped.roomId]);
		return dropped;
	}

	stop(): void {
		this.stopped = true;
		clearTimeout(this.timer);
	}

	private pump(): void {
		if (this.stopped) return;
		const now = Date.now();
		const changed: string[] = [];
		for (const entry of this.outbox.due(now)) {
			const check = this.transport.check(entry);
			if (!check) {
				this.attempt(entry);
				changed.push(entry.roomId);
			} else if ('wait' in check) {
				if (entry.reason !== check.wait) changed.push(entry.roomId);
				this.outbox.held(entry.txnId, check.wait);
			} else {
				this.outbox.failed(entry.txnId, {temporary: false, why: check.refuse}, now);
				this.save();
				changed.push(entry.roomId);
			}
		}
		if (changed.length > 0) this.listener.changed(changed);
		this.schedule();
	}

	private attempt(entry: OutboxEntry): void {
		const first = entry.attempts === 0;
		this.outbox.started(entry.txnId);
		// Once tried, it may have landed: another login could not tell (outbox-file.ts).
		if (first) this.save();
		this.transport.send(entry).then(
			(eventId) => {
				this.outbox.succeeded(entry.txnId, eventId);
				// Its sync came first, without the transaction ID: delivered all the same.
				if (this.listener.synced(entry.roomId, eventId)) this.outbox.confirm(entry.roomId, [{type: entry.eventType, event_id: eventId}]);
				this.save();
				this.settled(entry.roomId);
			},
			(error: unknown) => {
				const failure = error instanceof SendRefused ? {temporary: false as const, why: error.message} : classifySendError(toActionError(error));
				this.outbox.failed(entry.txnId, failure, Date.now());
				if (!failure.temporary) this.save();
				this.settled(entry.roomId);
			},
		);
	}

	private settled(roomId: string): void {
		if (this.stopped) return;
		this.listener.changed([roomId]);
		this.pump();
	}

	private schedule(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
		const next = this.outbox.nextRetryAt();
		if (next === undefined || this.stopped) return;
		this.timer = setTimeout(() => this.pump(), Math.max(0, next - Date.now()));
		this.timer.unref?.();
	}

	private save(): void {
		if (!this.store) return;
		try {
			this.store.save(this.outbox.all());
			this.storeBroken = false;
		} catch (error) {
			// Still sent from memory; the user hears once that a kill now would lose it.
			if (!this.storeBroken) this.listener.problem(`Cannot save unsent messages to disk (${(error as Error).message}): they are kept only until you quit`);
			this.storeBroken = true;
		}
	}
}

function roomsOf(entries: readonly OutboxEntry[]): string[] {
	return [...new Set(entries.map((entry) => entry.roomId))];
}
