/** The app's model of a room, built from the matrix layer's RoomUpdates (merge-room.ts). */
import type {RawEvent} from '../domain/events.js';
import type {ReadersAt} from '../domain/receipts.js';
import type {HeldMemberList} from '../domain/member-list-changes.js';
import type {StateView} from '../domain/state-view.js';
import type {LocalEcho, RoomMeta} from '../matrix/protocol.js';

/** A timeline row's event: confirmed, or a local echo of ours (`pending` says how it is going). */
export type TimelineEntry = LocalEcho;

/** A room as the app sees it: the last update's meta, and every part as last sent. */
export interface RoomSnapshot extends RoomMeta {
	roomId: string;
	/** Confirmed timeline events, oldest first (edits and reactions included, as raw events). */
	events: RawEvent[];
	/** Where messages are missing (limited syncs not filled yet): the IDs of the events each gap lies just before. */
	gaps: string[];
	/** Who is typing in the room (user IDs, not us). */
	typing: string[];
	/** Our own events the server has not confirmed yet. */
	pending: TimelineEntry[];
	/** events then pending, as entries: what the timeline draws. */
	timeline: TimelineEntry[];
	/**
	 * The room's current m.room.* state but its members: the settings the app reads (name, topic,
	 * power levels, tombstone…). Rooms can have 20,000 other state events: those reach the app only
	 * as `stateView` rows.
	 */
	state: RawEvent[];
	/**
	 * The room-state panel, built by the matrix layer from all non-member state once the app asks
	 * for it (load-state-view), then kept up to date. Deleted rows are in it only while the user asks
	 * to see deleted state; it counts them either way.
	 */
	stateView?: StateView;
	/**
	 * Member events of the people the app needs names for: the timeline's senders and subjects, us,
	 * our inviter. Not the whole room: that is `memberList`.
	 */
	members: RawEvent[];
	/**
	 * The whole member list, built and sorted by the matrix layer (the departed only while the user
	 * asks to see deleted state), then kept up to date by its changes.
	 */
	memberList: HeldMemberList;
	/** Who has read up to which of the newest events (not us), a few names each. */
	receipts: ReadersAt[];
	/** Our read marker as the server last said (m.fully_read). */
	readMarker?: string;
	/** Grows with every change, so views can memoize on (roomId, version). */
	version: number;
}
