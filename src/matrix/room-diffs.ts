/**
 * What the app has already been sent of one room, part by part: each part knows what it sent last,
 * hands out only what changed since, and forgets it all on reset() (the app is sent that part whole
 * again). RoomTracker puts them together into RoomUpdates.
 */
import {isRoomSetting, type RawEvent} from '../domain/events.js';
import {groupOf, placeMember, type MemberList, type MemberPlace, type MemberRow} from '../domain/member-list.js';
import type {MemberListChanges} from '../domain/member-list-changes.js';
import {buildStateView} from '../domain/state-view.js';
import type {HeldTimeline} from './held-timeline.js';
import type {ListOptions, MemberEventStore} from './member-store.js';
import type {LocalEcho, RoomUpdate} from './protocol.js';

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
		// Replaced ones still held: one dropped meanwhile has nothing to replace in the app either.
		const replaced = changes.replaced.filter((event) => held.has(event.event_id));
		if (changes.dropped === 0 && changes.appended.length === 0 && changes.inserted.length === 0 && replaced.length === 0) return undefined;
		return {
			mode: 'append',
			events: changes.appended,
			...(changes.dropped > 0 ? {dropped: changes.dropped} : {}),
			...(changes.inserted.length > 0 ? {inserted: changes.inserted} : {}),
			...(replaced.length > 0 ? {replaced} : {}),
		};
	}

	gaps(held: HeldTimeline): string[] | undefined {
		const gaps = held.gapIds();
		const signature = gaps.join(',');
		if (signature === this.gapsSignature) return undefined;
		this.gapsSignature = signature;
		return gaps;
	}

	/** The outbox's echoes, when they changed (the outbox drops one in the same sync that brings its event). */
	pending(pending: readonly LocalEcho[]): LocalEcho[] | undefined {
		const signature = pending.map((echo) => `${echo.event.event_id}:${echo.pending ?? 'sent'}:${echo.reason ?? ''}`).join('\n');
		if (signature === this.pendingSignature) return undefined;
		this.pendingSignature = signature;
		return [...pending];
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

/**
 * Past this many named people, those no held event names any more are forgotten (and the app sent
 * the rest whole): at 100 messages a second from new senders the set would otherwise grow with
 * every sync, on both threads, up to the whole room.
 */
const NAMED_PRUNE_AT = 2_000;

/** Member events of the people the app needs names for, each sent again only when it changed. */
export class NamedMembersDiff {
	/** People the app needs names for, and the member event last sent for each. */
	private named = new Map<string, RawEvent | undefined>();

	reset(): void {
		this.named.clear();
	}

	/**
	 * Events of people newly named (always, or by these new timeline events), and of named people
	 * whose event changed; `whole` when the people no longer named were forgotten and these are all.
	 */
	take(always: ReadonlyArray<string | undefined>, events: Iterable<RawEvent>, store: MemberEventStore, held: readonly RawEvent[]): {members: RawEvent[]; whole: boolean} {
		const candidates = new Set<string>();
		const name = (userId: unknown) => {
			if (typeof userId !== 'string' || this.named.has(userId)) return;
			this.named.set(userId, undefined);
			candidates.add(userId);
		};
		for (const userId of always) name(userId);
		for (const event of events) {
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
		if (this.named.size > NAMED_PRUNE_AT) {
			const pruned = this.pruned(always, held);
			if (pruned) return {members: pruned, whole: true};
		}
		return {members: out, whole: false};
	}

	/** Only the people the held events (and `always`) name, if that forgets at least half: their events, all of them. */
	private pruned(always: ReadonlyArray<string | undefined>, held: readonly RawEvent[]): RawEvent[] | undefined {
		const needed = new Set<string>();
		for (const userId of always) if (typeof userId === 'string') needed.add(userId);
		for (const event of held) {
			if (typeof event.sender === 'string') needed.add(event.sender);
			if (event.type === 'm.room.member' && typeof event.state_key === 'string') needed.add(event.state_key);
		}
		if (needed.size > this.named.size / 2) return undefined;
		const kept = new Map<string, RawEvent | undefined>();
		for (const userId of needed) if (this.named.has(userId)) kept.set(userId, this.named.get(userId));
		this.named = kept;
		return [...kept.values()].filter((event): event is RawEvent => event !== undefined);
	}
}

/** Past this many members, a freshly fetched list goes out as a head first. */
const HEAD_THRESHOLD = 2_000;
/** Rows in a head: more than any terminal shows. */
const HEAD_ROWS = 300;

/**
 * A sync that changes more than this share of the list (a storm of 60,000 member changes) sends it
 * whole: two rows per change would outweigh the list.
 */
const WHOLE_LIST_SHARE = 1 / 4;

/** The whole list last sent: what it was built with, and what the app holds of it. */
interface SentList {
	options: ListOptions;
	bulkRevision: number;
	hiddenCount: number;
}

/**
 * The member list: sent whole once (after a fetch, a reset, or when what it is built with changes),
 * then only the rows a sync changed. A big list just fetched goes out as its first screen (a head)
 * first and whole on the next flush: building 50,000 rows takes ~150 ms.
 */
export class MemberListDiff {
	private sent: SentList | undefined;
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

	take(store: MemberEventStore, options: ListOptions): {memberList?: MemberList; memberChanges?: MemberListChanges; flushAgain: boolean} {
		const sent = this.sent;
		const current = sent !== undefined && sent.bulkRevision === store.bulkRevision;
		if (store.size > HEAD_THRESHOLD && store.generation !== this.headSentForFetch && !current) {
			this.headSentForFetch = store.generation;
			this.sent = undefined;
			return {memberList: store.headList(options, HEAD_ROWS), flushAgain: true};
		}
		if (this.headSentForFetch === store.generation && store.fetching) return {flushAgain: false};
		const stale = !current || sent.options.powerLevels !== options.powerLevels || sent.options.reasonMaxWidth !== options.reasonMaxWidth;
		if (stale || store.listChangeCount > Math.max(HEAD_ROWS, store.size * WHOLE_LIST_SHARE)) {
			const memberList = store.memberList(options);
			this.sent = {options: {...options}, bulkRevision: store.bulkRevision, hiddenCount: memberList.hiddenCount};
			return {memberList, flushAgain: false};
		}
		const memberChanges = this.changes(store, sent, options);
		return memberChanges ? {memberChanges, flushAgain: false} : {flushAgain: false};
	}

	/** Each changed user's row as the app has it and as it is now; the Left group whole when /show-deleted flipped. */
	private changes(store: MemberEventStore, sent: SentList, options: ListOptions): MemberListChanges | undefined {
		const revealed = sent.options.showDeleted !== options.showDeleted;
		const changes: MemberListChanges = {rows: [], hiddenCount: sent.hiddenCount};
		const hiddenDeactivated: string[] = [];
		for (const [userId, before] of store.takeListChanges()) {
			const was = placeMember(before, userId, sent.options.powerLevels, sent.options);
			const now = placeMember(store.get(userId), userId, options.powerLevels, options);
			if (was && 'hidden' in was) changes.hiddenCount--;
			if (now && 'hidden' in now) {
				changes.hiddenCount++;
				if (now.hidden.deactivated) hiddenDeactivated.push(userId);
			}
			const row = {before: rowIn(was, revealed), after: rowIn(now, revealed)};
			if (!sameRow(row.before, row.after)) changes.rows.push(row.before ? (row.after ? row : {before: row.before}) : {after: row.after!});
		}
		if (hiddenDeactivated.length > 0) changes.hiddenDeactivated = hiddenDeactivated;
		if (revealed) {
			// The departed go or come as one group, as they are now.
			changes.left = options.showDeleted ? store.departedRows(options) : [];
			const departed = options.showDeleted ? {count: 0, deactivated: []} : store.departed();
			changes.hiddenCount = departed.count;
			changes.hiddenDeactivated = departed.deactivated;
		}
		const unchanged = !revealed && changes.rows.length === 0 && hiddenDeactivated.length === 0 && changes.hiddenCount === sent.hiddenCount;
		this.sent = {...sent, options: {...options}, hiddenCount: changes.hiddenCount};
		return unchanged ? undefined : changes;
	}
}

/** A place's row, unless the Left group goes whole (then rows in it need no change of their own). */
function rowIn(place: MemberPlace, leftGoesWhole: boolean): MemberRow | undefined {
	if (!place || !('row' in place)) return undefined;
	return leftGoesWhole && groupOf(place.row.membership) === 'left' ? undefined : place.row;
}

function sameRow(a: MemberRow | undefined, b: MemberRow | undefined): boolean {
	if (a === undefined || b === undefined) return a === b;
	return a.userId === b.userId && a.name === b.name && a.membership === b.membership && a.powerLevel === b.powerLevel && a.reason === b.reason && a.deactivated === b.deactivated && a.kickedBy === b.kickedBy && a.deleted === b.deleted;
}
