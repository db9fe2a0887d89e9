/**
 * Messages missing or duplicated: what the server sent into the big room against what the chat's
 * store held (the room snapshot's confirmed `events`). The client may cap its timeline, so the
 * check starts at the oldest server-sent event the client held and runs to the newest sent:
 * - over the run (every snapshot the store went through): each must have been held at some point
 *   (a timeline reset that skips a gap shows as missing; a capped timeline that drops old events
 *   after showing them does not), and never twice in one snapshot;
 * - in the final snapshot (from the oldest sent event it still holds): each exactly once, in order.
 */

export interface TimelineCheck {
	/** Events sent during the measured traffic. */
	serverSent: number;
	/** From the oldest the client ever held to the newest sent: how many were never held. */
	missing: number;
	/** The most extra copies of sent events any one snapshot held. */
	duplicated: number;
	everHeld: number;
	snapshots: number;
	final: {held: number; window: number; missing: number; duplicated: number; outOfOrder: number};
}

export function checkTimeline(serverIds: readonly string[], record: {everHeld: ReadonlySet<string>; maxDuplicated: number; snapshots: number}, finalIds: readonly string[]): TimelineCheck {
	const first = serverIds.findIndex((id) => record.everHeld.has(id));
	const range = first < 0 ? [] : serverIds.slice(first);
	const sentAt = new Map(serverIds.map((id, index) => [id, index]));
	const finalSent = finalIds.filter((id) => sentAt.has(id));
	const oldest = Math.min(...finalSent.map((id) => sentAt.get(id)!));
	const window = Number.isFinite(oldest) ? serverIds.slice(oldest) : [];
	const counts = countIds(finalSent);
	let outOfOrder = 0;
	const order = [...counts.keys()].map((id) => sentAt.get(id)!);
	for (let index = 1; index < order.length; index++) if (order[index]! < order[index - 1]!) outOfOrder++;
	return {
		serverSent: serverIds.length,
		missing: range.filter((id) => !record.everHeld.has(id)).length,
		duplicated: record.maxDuplicated,
		everHeld: serverIds.filter((id) => record.everHeld.has(id)).length,
		snapshots: record.snapshots,
		final: {
			held: finalSent.length,
			window: window.length,
			missing: window.filter((id) => !counts.has(id)).length,
			duplicated: extraCopies(counts),
			outOfOrder,
		},
	};
}

/** Ids in first-seen order, with how often each occurs. */
function countIds(ids: readonly string[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
	return counts;
}

function extraCopies(counts: ReadonlyMap<string, number>): number {
	let extra = 0;
	for (const count of counts.values()) extra += count - 1;
	return extra;
}

/** The chat's store as the bench reads it (the public surface of any build: getState, subscribe). */
export interface StoreLike {
	getState(): {rooms: ReadonlyMap<string, {events: ReadonlyArray<{event_id?: string}>}>};
	subscribe(listener: () => void): () => void;
}

/** Follows one room's confirmed events through every store change. */
export class TimelineRecorder {
	readonly everHeld = new Set<string>();
	maxDuplicated = 0;
	snapshots = 0;
	private last: unknown;
	private readonly store: StoreLike;
	private readonly roomId: string;
	private readonly unsubscribe: () => void;

	constructor(store: StoreLike, roomId: string) {
		this.store = store;
		this.roomId = roomId;
		this.unsubscribe = store.subscribe(() => this.look());
		this.look();
	}

	stop(): void {
		this.unsubscribe();
	}

	finalIds(): string[] {
		return this.ids();
	}

	private look(): void {
		const events = this.store.getState().rooms.get(this.roomId)?.events;
		if (events === undefined || events === this.last) return;
		this.last = events;
		this.snapshots++;
		const ids = this.ids();
		for (const id of ids) this.everHeld.add(id);
		this.maxDuplicated = Math.max(this.maxDuplicated, extraCopies(countIds(ids)));
	}

	private ids(): string[] {
		const events = this.store.getState().rooms.get(this.roomId)?.events ?? [];
		return events.flatMap((event) => (typeof event.event_id === 'string' ? [event.event_id] : []));
	}
}
