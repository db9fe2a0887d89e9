/**
 * Read receipts: where each user has read up to, read off a /sync body's `m.receipt` ephemeral
 * events (each carries only what changed), and the compact "who read this" the timeline shows.
 * Receipts are untrusted JSON: a malformed one is skipped. Only main-timeline receipts count
 * (a receipt inside a thread says nothing of the room's timeline).
 */
import {asObject} from './events.js';

export interface ReadReceipt {
	userId: string;
	eventId: string;
	/** m.read, or m.read.private (only ever our own). */
	private: boolean;
}

export interface RoomReceipts {
	roomId: string;
	receipts: ReadReceipt[];
}

const RECEIPT_TYPES: Record<string, boolean> = {'m.read': false, 'm.read.private': true};

/** The receipts of a /sync body, per room, in the order they came. */
export function receiptsInSync(body: unknown): RoomReceipts[] {
	const joined = asObject(asObject(asObject(body).rooms).join);
	const found: RoomReceipts[] = [];
	for (const [roomId, room] of Object.entries(joined)) {
		const events = asObject(asObject(room).ephemeral).events;
		if (!Array.isArray(events)) continue;
		const receipts: ReadReceipt[] = [];
		for (const event of events as unknown[]) {
			if (asObject(event).type === 'm.receipt') receipts.push(...receiptsInContent(asObject(event).content));
		}
		if (receipts.length > 0) found.push({roomId, receipts});
	}
	return found;
}

function receiptsInContent(content: unknown): ReadReceipt[] {
	const receipts: ReadReceipt[] = [];
	for (const [eventId, byType] of Object.entries(asObject(content))) {
		if (!eventId.startsWith('$')) continue;
		for (const [type, byUser] of Object.entries(asObject(byType))) {
			const isPrivate = RECEIPT_TYPES[type];
			if (isPrivate === undefined) continue;
			for (const [userId, data] of Object.entries(asObject(byUser))) {
				const thread = asObject(data).thread_id;
				if (!userId.startsWith('@') || (thread !== undefined && thread !== 'main')) continue;
				receipts.push({userId, eventId, private: isPrivate});
			}
		}
	}
	return receipts;
}

/** Readers at one event: the first few by name, and how many more. */
export interface ReadersAt {
	eventId: string;
	userIds: string[];
	more: number;
}

/** Names shown at one line at most: a busy room's line says "+N" for the rest. */
const MAX_READERS_SHOWN = 3;

/**
 * Who has read up to each of `eventIds` (the newest events, oldest first), from each user's
 * latest receipt, not us. Users whose receipt is at an older event are not listed: the view is of
 * the newest messages, and a 10,000-member room sends only what fits this window.
 */
export function readersAt(positions: ReadonlyMap<string, string>, eventIds: readonly string[], myUserId: string): ReadersAt[] {
	const wanted = new Set(eventIds);
	const byEvent = new Map<string, string[]>();
	for (const [userId, eventId] of positions) {
		if (userId === myUserId || !wanted.has(eventId)) continue;
		const readers = byEvent.get(eventId) ?? [];
		readers.push(userId);
		byEvent.set(eventId, readers);
	}
	return eventIds
		.filter((eventId) => byEvent.has(eventId))
		.map((eventId) => {
			const userIds = byEvent.get(eventId)!.sort();
			return {eventId, userIds: userIds.slice(0, MAX_READERS_SHOWN), more: Math.max(0, userIds.length - MAX_READERS_SHOWN)};
		});
}

/** "✓ Bob, Carol +2": the names as given, already sanitized. */
export function readersText(names: readonly string[], more: number): string {
	if (names.length === 0) return '';
	return `✓ ${names.join(', ')}${more > 0 ? ` +${more}` : ''}`;
}
