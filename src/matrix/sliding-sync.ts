/**
 * Simplified sliding sync (MSC4186; Synapse serves it at its unstable path), through matrix-js-sdk's
 * SlidingSync. One list of every room, newest activity first, with only what the room list reads;
 * its window starts with the rooms a screen shows and grows a page at a time until it holds them
 * all. The room on screen is subscribed to with all its state and a real timeline. The SDK adds
 * the extensions (to-device and E2EE for the crypto, account data, typing, receipts).
 */
import type {MatrixClient} from 'matrix-js-sdk';
import {SlidingSync, SlidingSyncEvent, SlidingSyncState, type MSC3575List, type MSC3575RoomSubscription} from 'matrix-js-sdk/lib/sliding-sync.js';

export const SLIDING_SYNC_PREFIX = '/_matrix/client/unstable/org.matrix.simplified_msc3575';
const UNSTABLE_FEATURE = 'org.matrix.simplified_msc3575';

const LIST = 'rooms';
/** The first window: more rooms than a terminal shows, so the first frame's list is whole. */
const FIRST_WINDOW = 50;
/** Each later request asks for this many more, until every room is in. */
const PAGE = 200;
const POLL_TIMEOUT_MS = 30_000;

/** What the room list, its sections and spaces read: names, kinds, encryption, our membership. */
const LIST_STATE = [
	['m.room.create', ''],
	['m.room.name', ''],
	['m.room.avatar', ''],
	['m.room.topic', ''],
	['m.room.canonical_alias', ''],
	['m.room.encryption', ''],
	['m.room.tombstone', ''],
	['m.room.join_rules', ''],
	['m.room.power_levels', ''],
	['m.room.member', '$ME'],
	// The senders of the events sent: their names.
	['m.room.member', '$LAZY'],
	['m.space.child', '*'],
	['m.space.parent', '*'],
];

/** The room on screen: all of its state (the state panel, deleted state) and the newest events. */
const ON_SCREEN: MSC3575RoomSubscription = {required_state: [['*', '*']], timeline_limit: 30};

export async function offersSlidingSync(client: MatrixClient): Promise<boolean> {
	try {
		const versions = await client.getVersions();
		return versions.unstable_features?.[UNSTABLE_FEATURE] === true;
	} catch {
		return false;
	}
}

export class RoomListSync {
	readonly slidingSync: SlidingSync;
	private onScreen: string | undefined;

	constructor(client: MatrixClient) {
		const list: MSC3575List = {ranges: [[0, FIRST_WINDOW - 1]], timeline_limit: 1, required_state: LIST_STATE};
		this.slidingSync = new SlidingSync(client.baseUrl, new Map([[LIST, list]]), ON_SCREEN, client, POLL_TIMEOUT_MS);
		this.slidingSync.on(SlidingSyncEvent.Lifecycle, (state, response) => {
			if (state === SlidingSyncState.Complete && response) this.grow(response.lists[LIST]?.count);
		});
	}

	/** The room on screen (none: no room open): subscribed, and the one before it no more. */
	view(roomId: string | undefined): void {
		if (roomId === this.onScreen) return;
		this.onScreen = roomId;
		this.slidingSync.modifyRoomSubscriptions(new Set(roomId ? [roomId] : []));
	}

	/** Until every room is in the window, the next request asks for a page more. */
	private grow(count: number | undefined): void {
		if (count === undefined) return;
		const end = this.slidingSync.getListParams(LIST)?.ranges[0]?.[1] ?? 0;
		if (end >= count - 1) return;
		this.slidingSync.setListRanges(LIST, [[0, Math.min(count - 1, end + PAGE)]]);
	}
}
