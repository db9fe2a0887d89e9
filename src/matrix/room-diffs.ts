/**
 * What the app has already been sent of one room, part by part: each part knows what it sent last,
 * hands out only what changed since, and forgets it all on reset() (the app is sent that part whole
 * again). RoomTracker puts them together into RoomUpdates.
 */
import {EventStatus, type MatrixEvent} from 'matrix-js-sdk';
import {isRoomSetting, type RawEvent} from '../domain/events.js';
import type {MemberList} from '../domain/member-list.js';
import {buildStateView} from '../domain/state-view.js';
import type {HeldTimeline} from './held-timeline.js';
import type {ListOptions, MemberEventStore} from './member-store.js';
import type {LocalEcho, RoomUpdate} from './protocol.js';
import {rawEventOf} from './raw-event.js';

/**
 * The confirmed events (what was appended, dropped past the cap and inserted by gap fills and
 * scrollback; whole after a redaction), the gaps in them, and our local echoes.
 */
export class TimelineDiff {
	private sentOnce = false;
	private gapsSignature: string | undefined;
	private pendingSignature: string | undefined;

	reset(): void {
		this.sentOnce = false;
		this.gapsSignature = undefined;
		this.pendingSignature = undefined;
	}

	events(held: HeldTimeline): RoomUpdate['events'] {
		const changes = held.takeChanges();
		const wasSent = this.sentOnce;
		this.sentOnce = true;
		// Events appended or inserted and then dropped again (the cap) would not line up in the app: all goes.
		const stillHeld = (events: readonly RawEvent[]) => events.every((event) => held.has(event.event_id));
		if (!wasSent || changes.whole || !stillHeld(changes.appended) || !changes.inserted.every(({events}) => stillHeld(events))) {
			return {mode: 'replace', events: [...held.events]};
		}
		if (changes.dropped === 0 && changes.appended.length === 0 && changes.inserted.length === 0) return undefined;
		return {
			mode: 'append',
			events: changes.appended,
			...(changes.dropped > 0 ? {dropped: changes.dropped} : {}),
			...(changes.inserted.length > 0 ? {inserted: changes.inserted} : {}),
		};
	}

	gaps(held: HeldTimeline): string[] | undefined {
		const gaps = held.gapIds();
		const signature = gaps.join(',');
		if (signature === this.gapsSignature) return undefined;
		this.gapsSignature = signature;
		return gaps;
	}

	/** Echoes whose event the held timeline has (its sync came first) are left out: never drawn twice. */
	pending(all: readonly MatrixEvent[], held: HeldTimeline): LocalEcho[] | undefined {
		const pending = all.filter((event) => !held.has(event.getId()));
		const signature = pending.map((event) => `${event.getId()}:${event.status}`).join(',');
		if (signature === this.pendingSignature) return undefined;
		this.pendingSignature = signature;
		return pending.map((event) => {
			const status = pendingStatus(event);
			return status ? {event: rawEventOf(event), pending: status} : {event: rawEventOf(event)};
		});
	}
}

function pendingStatus(event: MatrixEvent): LocalEcho['pending'] {
	switch (event.status) {
		case null:
		case EventStatus.SENT:
			return undefined;
		case EventStatus.NOT_SENT:
		case EventStatus.CANCELLED:
			return 'failed';
		default:
			return 'sending';
	}
}

/**
 * The room's settings and, once the app asked for it, its state panel: both go out after any state
 * change, the panel also when only the deleted rows' visibility changed.
 */
export class StateDiff {
	private changed = true;
	/** The app shows this room's state panel (not a record of what was sent: a reset keeps it). */
	private viewWanted = false;
	/** Whether the panel last sent showed deleted rows. */
	private viewShowsDeleted: boolean | undefined;

	reset(): void {
		this.changed = true;
		this.viewShowsDeleted = undefined;
	}

	changedNow(): void {
		this.changed = true;
	}

	/** From now on the panel goes out with every state change (built once per change, not per room on sync). */
	wantView(): void {
		this.viewWanted = true;
		this.changed = true;
	}

	/** `nonMemberState` is called only when something goes out: on a 20,000-event room it is the costly part. */
	take(nonMemberState: () => RawEvent[], showDeleted: boolean): Pick<RoomUpdate, 'state' | 'stateView'> | undefined {
		if (!this.changed && !(this.viewWanted && this.viewShowsDeleted !== showDeleted)) return undefined;
		this.changed = false;
		const state = nonMemberState();
		if (!this.viewWanted) return {state: state.filter(isRoomSetting)};
		this.viewShowsDeleted = showDeleted;
		return {state: state.filter(isRoomSetting), stateView: buildStateView(state, {showDeleted})};
	}
}

/** Member events of the people the app needs names for, each sent again only when it changed. */
export class NamedMembersDiff {
	/** People the app needs names for, and the member event last sent for each. */
	private readonly named = new Map<string, RawEvent | undefined>();

	reset(): void {
		this.named.clear();
	}

	/** Events of people newly named (always, or by these timeline events), and of named people whose event changed. */
	take(always: ReadonlyArray<string | undefined>, events: readonly RawEvent[] | undefined, store: MemberEventStore): RawEvent[] {
		const candidates = new Set<string>();
		const name = (userId: unknown) => {
			if (typeof userId !== 'string' || this.named.has(userId)) return;
			this.named.set(userId, undefined);
			candidates.add(userId);
		};
		for (const userId of always) name(userId);
		for (const event of events ?? []) {
			name(event.sender);
			if (event.type === 'm.room.member') name(event.state_key);
		}
		// A member storm changes thousands of users; only the named few matter here.
		for (const userId of store.takeChanged()) if (this.named.has(userId)) candidates.add(userId);
		const out: RawEvent[] = [];
		for (const userId of candidates) {
			const event = store.get(userId);
			if (event && event !== this.named.get(userId)) {
				out.push(event);
				this.named.set(userId, event);
			}
		}
		return out;
	}
}

/** Past this many members, a freshly fetched list goes out as a head first. */
const HEAD_THRESHOLD = 2_000;
/** Rows in a head: more than any terminal shows. */
const HEAD_ROWS = 300;

/**
 * The whole member list, sent after it changes. A big list just fetched goes out as its first
 * screen (a head) first and whole on the next flush: building 50,000 rows takes ~150 ms.
 */
export class MemberListDiff {
	private sent: MemberList | undefined;
	/**
	 * The fetch (MemberEventStore.generation) whose head went out: until that fetch ends, the whole
	 * list waits for it, to be built and sent once, not twice. 0 is the first fetch before its first
	 * part is in, so sync changes wait for that fetch too.
	 */
	private headSentForFetch = 0;

	/**
	 * The whole list goes again. Which fetch had its head sent is kept: that head is still what the
	 * app shows, and forgetting it would send a second head of the same fetch.
	 */
	reset(): void {
		this.sent = undefined;
	}

	take(store: MemberEventStore, options: ListOptions): {memberList?: MemberList; flushAgain: boolean} {
		if (store.size > HEAD_THRESHOLD && store.generation !== this.headSentForFetch && store.listIsStale(options)) {
			this.headSentForFetch = store.generation;
			this.sent = undefined;
			return {memberList: store.headList(options, HEAD_ROWS), flushAgain: true};
		}
		if (this.headSentForFetch === store.generation && store.fetching) return {flushAgain: false};
		const {list} = store.memberList(options);
		if (list === this.sent) return {flushAgain: false};
		this.sent = list;
		return {memberList: list, flushAgain: false};
	}
}
