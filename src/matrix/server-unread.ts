/**
 * What the server counts as unread, for the rooms whose events since our read receipt we do not
 * hold. On sliding sync a room in the list comes with its newest event only, and Synapse sends its
 * notification and highlight counts as 0: three messages while we were away would count as one.
 * The server's notification list (GET /notifications: each event that notified us, `read` once our
 * receipt passed it) is its own count, for the whole account in a page or two; it is read after
 * the first sync and again, a moment later, whenever a room's events came faster than we saw them.
 */
import {Method, type MatrixClient} from 'matrix-js-sdk';
import {asObject} from '../domain/events.js';

/** A room's unread events that notified us, by event ID (so what we hold of them too counts once). */
export interface RoomCounts {
	unread: ReadonlySet<string>;
	highlighted: ReadonlySet<string>;
}

const PAGE = 100;
/** Older notifications than this many pages are long read, or too many to count exactly anyway. */
const MAX_PAGES = 5;
/** A burst of rooms' events: one reading for them all. */
const REFRESH_DELAY_MS = 2000;

export class ServerUnread {
	private counts = new Map<string, RoomCounts>();
	private timer: ReturnType<typeof setTimeout> | undefined;
	private reading = false;
	private again = false;
	/** Read once already (the first reading follows the first sync, which is all limited). */
	private counting = false;

	constructor(
		private readonly client: MatrixClient,
		/** The counts changed: the rooms are to be drawn again. */
		private readonly changed: (roomIds: string[]) => void,
	) {}

	/** The server's counts for a room as last read (none: nothing unread there, or not read yet). */
	of(roomId: string): RoomCounts | undefined {
		return this.counts.get(roomId);
	}

	/** A sliding sync response: a room whose events came faster than its window (limited) may count more now. */
	sawResponse(body: unknown): void {
		if (!this.counting) return;
		const rooms = Object.values(asObject(asObject(body).rooms));
		if (rooms.some((room) => asObject(room).limited === true)) this.refreshSoon();
	}

	/** Read them again soon (once for many calls). */
	refreshSoon(): void {
		this.timer ??= setTimeout(() => {
			this.timer = undefined;
			void this.refresh();
		}, REFRESH_DELAY_MS);
	}

	stop(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
	}

	async refresh(): Promise<void> {
		this.counting = true;
		if (this.reading) {
			this.again = true;
			return;
		}
		this.reading = true;
		try {
			const counts = await this.read();
			const roomIds = new Set([...this.counts.keys(), ...counts.keys()]);
			this.counts = counts;
			this.changed([...roomIds]);
		} catch {
			// Counts stay as they were: the next burst reads them again.
		} finally {
			this.reading = false;
			if (this.again) {
				this.again = false;
				this.refreshSoon();
			}
		}
	}

	private async read(): Promise<Map<string, {unread: Set<string>; highlighted: Set<string>}>> {
		const counts = new Map<string, {unread: Set<string>; highlighted: Set<string>}>();
		let from: string | undefined;
		for (let page = 0; page < MAX_PAGES; page++) {
			const answer = asObject(await this.client.http.authedRequest(Method.Get, '/notifications', {limit: String(PAGE), ...(from ? {from} : {})}));
			const notifications = Array.isArray(answer.notifications) ? (answer.notifications as unknown[]) : [];
			for (const value of notifications) {
				const notification = asObject(value);
				const eventId = asObject(notification.event).event_id;
				if (notification.read !== false || typeof notification.room_id !== 'string' || typeof eventId !== 'string') continue;
				const room = counts.get(notification.room_id) ?? {unread: new Set<string>(), highlighted: new Set<string>()};
				room.unread.add(eventId);
				if (highlights(notification.actions)) room.highlighted.add(eventId);
				counts.set(notification.room_id, room);
			}
			from = typeof answer.next_token === 'string' ? answer.next_token : undefined;
			if (!from) break;
		}
		return counts;
	}
}

function highlights(actions: unknown): boolean {
	return Array.isArray(actions) && actions.some((action) => asObject(action).set_tweak === 'highlight' && asObject(action).value !== false);
}
