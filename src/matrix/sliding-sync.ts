/**
 * Simplified sliding sync (MSC4186; Synapse serves it at its unstable path), through matrix-js-sdk's
 * SlidingSync. One list of every room, newest activity first, with only what the room list reads;
 * its window starts with the rooms a screen shows and grows a page at a time until it holds them
 * all. The room on screen is subscribed to with all its state and a real timeline. The SDK adds
 * the extensions (to-device and E2EE for the crypto, account data, typing, receipts).
 *
 * A start from the local cache hands the SDK the saved account first (`replay`), as one response
 * of the same shape (sliding-cache-shape.ts): the SDK draws it through its own sliding sync code,
 * and the first request waits for that, so the server's answer always comes after it.
 */
import type {MatrixClient} from 'matrix-js-sdk';
import {
	SlidingSync,
	SlidingSyncEvent,
	SlidingSyncState,
	type Extension,
	type MSC3575List,
	type MSC3575RoomSubscription,
	type MSC3575SlidingSyncResponse,
} from 'matrix-js-sdk/lib/sliding-sync.js';

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

/**
 * The room on screen: all of its state (the state panel, deleted state) and the newest events…
 * up to this many members: all state means every member event, and a big room's member list comes
 * by our own streamed /members (members-fetch.ts), as on classic sync.
 */
export const WHOLE_STATE_UP_TO = 1000;
const ON_SCREEN_TIMELINE = 30;
const WHOLE = 'whole-state';
const ON_SCREEN_WHOLE: MSC3575RoomSubscription = {required_state: [['*', '*']], timeline_limit: ON_SCREEN_TIMELINE};
/** A big room on screen (or one of a size not known yet): the list's state, the members its events name, and the settings the screen shows. */
const ON_SCREEN_LAZY: MSC3575RoomSubscription = {
	required_state: [
		...LIST_STATE,
		['m.room.history_visibility', ''],
		['m.room.guest_access', ''],
		['m.room.server_acl', ''],
		['m.room.pinned_events', ''],
		['m.room.third_party_invite', '*'],
	],
	timeline_limit: ON_SCREEN_TIMELINE,
};

export async function offersSlidingSync(client: MatrixClient): Promise<boolean> {
	try {
		const versions = await client.getVersions();
		return versions.unstable_features?.[UNSTABLE_FEATURE] === true;
	} catch {
		return false;
	}
}

/** The saved account's extensions the replay hands over (to-device and E2EE are the crypto store's). */
const REPLAYED_EXTENSIONS = ['account_data', 'receipts'];

/** The SDK's SlidingSync, able to hand its listeners a saved response before the first request. */
class SlidingSyncWithReplay extends SlidingSync {
	private readonly extensionsByName = new Map<string, Extension<object, object>>();
	private replayed: Promise<void> = Promise.resolve();
	private replayDone: () => void = () => {};
	/** While the saved account is handed over (its rooms are not the server's word). */
	replaying = false;

	override registerExtension(extension: Extension<object, object>): void {
		this.extensionsByName.set(extension.name(), extension);
		super.registerExtension(extension);
	}

	/** Before the SDK starts: the first request is to wait for `replay`. */
	holdForReplay(): void {
		this.replayed = new Promise((resolve) => (this.replayDone = resolve));
	}

	/** Once the SDK has registered its listeners (after startClient), before its first request. */
	async replay(response: MSC3575SlidingSyncResponse): Promise<void> {
		this.replaying = true;
		try {
			for (const [roomId, room] of Object.entries(response.rooms)) await this.emitPromised(SlidingSyncEvent.RoomData, roomId, room);
			for (const name of REPLAYED_EXTENSIONS) {
				const data = response.extensions[name];
				if (data) await this.extensionsByName.get(name)?.onResponse(data);
			}
		} finally {
			this.replaying = false;
			this.replayDone();
		}
	}

	override async start(): Promise<void> {
		await this.replayed;
		return super.start();
	}
}

export class RoomListSync {
	readonly slidingSync: SlidingSyncWithReplay;
	private onScreen: string | undefined;
	/** The rooms the server has sent on this connection. */
	private readonly sent = new Set<string>();
	private wholeSent = false;
	/** The rooms subscribed to with all their state. */
	private readonly wholeState = new Set<string>();

	/**
	 * `whole`: once, when the window has held every room of the list: the rooms sent. A room the
	 * cache holds and the server did not send is one we left or were removed from meanwhile (a new
	 * connection does not send old leaves).
	 */
	/**
	 * `opening`: the room asked for at start (--room), subscribed from the first request and kept so
	 * until it is the one on screen, though the screen shows another meanwhile (one the cache holds,
	 * while this one is not in yet): it then comes with its recent events, not its newest alone.
	 */
	constructor(
		private readonly client: MatrixClient,
		whole: (roomIds: ReadonlySet<string>) => void = () => {},
		private readonly wholeStateUpTo = WHOLE_STATE_UP_TO,
		private opening?: string,
	) {
		const list: MSC3575List = {ranges: [[0, FIRST_WINDOW - 1]], timeline_limit: 1, required_state: LIST_STATE};
		this.slidingSync = new SlidingSyncWithReplay(client.baseUrl, new Map([[LIST, list]]), ON_SCREEN_LAZY, client, POLL_TIMEOUT_MS);
		this.slidingSync.addCustomSubscription(WHOLE, ON_SCREEN_WHOLE);
		this.slidingSync.on(SlidingSyncEvent.RoomData, (roomId) => {
			if (!this.slidingSync.replaying) this.sent.add(roomId);
		});
		this.slidingSync.on(SlidingSyncEvent.Lifecycle, (state, response) => {
			if (state !== SlidingSyncState.Complete || !response) return;
			const count = response.lists[LIST]?.count;
			if (!this.wholeSent && count !== undefined && this.windowEnd() >= count - 1) {
				this.wholeSent = true;
				whole(this.sent);
			}
			this.grow(count);
			// The subscribed rooms' sizes may be known now (they may not have been when subscribed to).
			this.subscribe();
		});
		this.subscribe();
	}

	/** The room on screen (none: no room open): subscribed, and the one before it no more. */
	view(roomId: string | undefined): void {
		if (roomId === this.onScreen) return;
		this.onScreen = roomId;
		if (roomId === this.opening) this.opening = undefined;
		this.subscribe();
	}

	/**
	 * Every request names the rooms subscribed to: Synapse does not keep them from one request to
	 * the next (matrix-rust-sdk learnt so: #6009), while the SDK sends each once. A room on screen
	 * then got the list's one event per response, and a burst (a reconnection) left a gap.
	 */
	putSubscriptionsIn(body: Record<string, unknown>): void {
		const subscriptions = Object.fromEntries([...this.slidingSync.getRoomSubscriptions()].map((roomId) => [roomId, this.wholeState.has(roomId) ? ON_SCREEN_WHOLE : ON_SCREEN_LAZY]));
		if (Object.keys(subscriptions).length > 0) body.room_subscriptions = subscriptions;
		else delete body.room_subscriptions;
		delete body.unsubscribe_rooms; // a room not named is not subscribed to
	}

	/** Whether a room's subscription brings all its state (a room of up to WHOLE_STATE_UP_TO members). */
	wholeStateOf(roomId: string): boolean {
		const members = this.client.getRoom(roomId)?.getJoinedMemberCount();
		return members !== undefined && members > 0 && members <= this.wholeStateUpTo;
	}

	/**
	 * The room on screen and the one opening subscribed to, each with all its state once its size
	 * is known to be small (until then, or when big, lazily); any other no more.
	 */
	private subscribe(): void {
		const rooms = [this.onScreen, this.opening].filter((roomId): roomId is string => roomId !== undefined);
		let changed = false;
		for (const roomId of rooms) {
			if (this.wholeState.has(roomId) || !this.wholeStateOf(roomId)) continue;
			this.wholeState.add(roomId);
			this.slidingSync.useCustomSubscription(roomId, WHOLE);
			changed = true;
		}
		const current = this.slidingSync.getRoomSubscriptions();
		const same = current.size === new Set(rooms).size && rooms.every((roomId) => current.has(roomId));
		if (changed || !same) this.slidingSync.modifyRoomSubscriptions(new Set(rooms));
	}

	/** Until every room is in the window, the next request asks for a page more. */
	private grow(count: number | undefined): void {
		if (count === undefined) return;
		const end = this.windowEnd();
		if (end >= count - 1) return;
		this.slidingSync.setListRanges(LIST, [[0, Math.min(count - 1, end + PAGE)]]);
	}

	/** The last index the window asks for (the request just answered asked for it too: only this class moves it, after an answer). */
	private windowEnd(): number {
		return this.slidingSync.getListParams(LIST)?.ranges[0]?.[1] ?? 0;
	}
}
