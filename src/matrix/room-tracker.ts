/**
 * Per room, remembers what the app has already been sent, and turns the SDK's Room into a
 * RoomUpdate carrying only what changed: new timeline events are appended, state and the member
 * list go out only after they change, and only the member events the app needs names from.
 */
import {EventStatus, EventTimeline, NotificationCountType, type MatrixEvent, type Room} from 'matrix-js-sdk';
import {isRoomSetting, type RawEvent} from '../domain/events.js';
import type {MemberList} from '../domain/member-list.js';
import {RoomMembers, type ListOptions} from './member-store.js';
import {SideState} from './side-state.js';
import {buildStateView} from '../domain/state-view.js';
import type {RoomSnapshot, RoomUpdate, TimelineEntry} from './protocol.js';

const redactedCopies = new WeakMap<MatrixEvent, RawEvent>();

/**
 * The event's wire JSON, as the SDK holds it: no copy, since a big room has tens of thousands of
 * state events (we never decrypt, so there is no clear event to merge). The SDK prunes a redacted
 * event in place, so a redacted one is copied once: a new object tells the app it changed.
 */
export function rawEventOf(event: MatrixEvent): RawEvent {
	if (!event.isRedacted()) return event.event as RawEvent;
	let copy = redactedCopies.get(event);
	if (!copy) redactedCopies.set(event, (copy = structuredClone(event.event) as RawEvent));
	return copy;
}

/** Past this many members, a freshly fetched list goes out as a head first. */
const HEAD_THRESHOLD = 2_000;
/** Rows in a head: more than any terminal shows. */
const HEAD_ROWS = 300;

export class RoomTracker {
	readonly members = new RoomMembers();
	/** State the SDK never saw (lean-sync.ts). */
	readonly side = new SideState();
	/** The last update sent only a head: flush again soon for the rest. */
	wantsAnotherFlush = false;
	private headSentFor = 0;
	private sentEvents: {count: number; firstId?: string; lastId?: string} | undefined;
	private stateChanged = true;
	/** The app shows this room's state panel: its view goes out with every state change. */
	private stateViewWanted = false;
	/** Whether the state view last sent showed deleted rows. */
	private stateViewShowsDeleted: boolean | undefined;
	private pendingSignature: string | undefined;
	private sentList: MemberList | undefined;
	private lastMembership: string | undefined;
	/** People the app needs names for, and the member event last sent for each. */
	private readonly named = new Map<string, RawEvent | undefined>();

	/** Scrollback, a redaction or a timeline reset: send the whole timeline again. */
	resetEvents(): void {
		this.sentEvents = undefined;
	}

	stateChangedNow(): void {
		this.stateChanged = true;
	}

	/** From now on the room's state view goes out with its updates (built once per change, not per room on sync). */
	wantStateView(): void {
		this.stateViewWanted = true;
		this.stateChanged = true;
	}

	update(room: Room, myUserId: string, version: number, view: Omit<ListOptions, 'powerLevels'>): RoomUpdate {
		this.wantsAnotherFlush = false;
		const membership = room.getMyMembership() || 'join';
		if (membership !== this.lastMembership) this.resetAll(membership);
		if (!this.members.loaded && this.members.size === 0) {
			for (const event of room.currentState.getStateEvents('m.room.member')) this.members.upsert(rawEventOf(event));
		}
		const myMember = room.currentState.getStateEvents('m.room.member', myUserId);
		const inviter = membership === 'invite' ? (myMember?.getSender() ?? undefined) : undefined;
		const update: RoomUpdate = {
			roomId: room.roomId,
			version,
			meta: {
				name: room.name || room.roomId,
				membership: membership as RoomSnapshot['membership'],
				unread: room.getUnreadNotificationCount(NotificationCountType.Total) ?? 0,
				highlights: room.getUnreadNotificationCount(NotificationCountType.Highlight) ?? 0,
				inviter,
				canPaginateBack: room.getLiveTimeline().getPaginationToken(EventTimeline.BACKWARDS) !== null,
				membersLoaded: this.members.loaded,
			},
		};
		const events = this.eventsPart(room);
		if (events) update.events = events;
		const pending = this.pendingPart(room);
		if (pending) update.pending = pending;
		// The view is also rebuilt when only the deleted rows' visibility changed.
		if (this.stateChanged || (this.stateViewWanted && this.stateViewShowsDeleted !== view.showDeleted)) {
			const state = this.nonMemberState(room);
			update.state = state.filter(isRoomSetting);
			if (this.stateViewWanted) {
				update.stateView = buildStateView(state, {showDeleted: view.showDeleted});
				this.stateViewShowsDeleted = view.showDeleted;
			}
			this.stateChanged = false;
		}
		const members = this.namedMembersPart([myUserId, inviter], events?.events);
		if (members.length > 0) update.members = {mode: 'upsert', events: members};
		const listOptions: ListOptions = {...view, powerLevels: room.currentState.getStateEvents('m.room.power_levels', '')?.getContent()};
		const store = this.members;
		if (store.size > HEAD_THRESHOLD && store.generation !== this.headSentFor && store.listIsStale(listOptions)) {
			// A big list just arrived: its first screen now, the whole list on the next flush.
			update.memberList = store.headList(listOptions, HEAD_ROWS);
			this.headSentFor = store.generation;
			this.sentList = undefined;
			this.wantsAnotherFlush = true;
			return update;
		}
		// After a head, the whole list waits for the fetch's second part: built and sent once, not twice.
		if (this.headSentFor === store.generation && store.fetching) return update;
		const {list} = store.memberList(listOptions);
		if (list !== this.sentList) {
			update.memberList = list;
			this.sentList = list;
		}
		return update;
	}

	/** The room's current state but its members: the SDK's, and ours where the SDK has none newer. */
	nonMemberState(room: Room): RawEvent[] {
		const state: RawEvent[] = [];
		for (const [type, byKey] of room.currentState.events) {
			if (type === 'm.room.member') continue;
			for (const [stateKey, event] of byKey) if (!this.side.has(type, stateKey)) state.push(rawEventOf(event));
		}
		for (const event of this.side.events()) state.push(event);
		return state;
	}

	/** A redaction of state the SDK never saw (it only prunes what it holds). */
	redactUnseen(redaction: RawEvent): void {
		const targetId = typeof redaction.redacts === 'string' ? redaction.redacts : redaction.content?.['redacts'];
		if (typeof targetId !== 'string') return;
		if (this.side.redact(redaction, targetId)) this.stateChanged = true;
		else this.members.redact(redaction, targetId);
	}

	private resetAll(membership: string): void {
		this.lastMembership = membership;
		this.sentEvents = undefined;
		this.stateChanged = true;
		this.pendingSignature = undefined;
		this.sentList = undefined;
		this.named.clear();
	}

	private eventsPart(room: Room): RoomUpdate['events'] {
		const live = room.getLiveTimeline().getEvents();
		const sent = this.sentEvents;
		this.sentEvents = {count: live.length, firstId: live[0]?.getId(), lastId: live.at(-1)?.getId()};
		const stillPrefix = sent !== undefined && live.length >= sent.count && (sent.count === 0 || (live[0]?.getId() === sent.firstId && live[sent.count - 1]?.getId() === sent.lastId));
		if (!stillPrefix) return {mode: 'replace', events: live.map(rawEventOf)};
		if (live.length > sent.count) return {mode: 'append', events: live.slice(sent.count).map(rawEventOf)};
		return undefined;
	}

	private pendingPart(room: Room): TimelineEntry[] | undefined {
		const pending = room.getPendingEvents();
		const signature = pending.map((event) => `${event.getId()}:${event.status}`).join(',');
		if (signature === this.pendingSignature) return undefined;
		this.pendingSignature = signature;
		return pending.map((event) => {
			const status = pendingStatus(event);
			return status ? {event: rawEventOf(event), pending: status} : {event: rawEventOf(event)};
		});
	}

	/** Member events of people newly named by these events, and of named people whose event changed. */
	private namedMembersPart(always: Array<string | undefined>, events: RawEvent[] | undefined): RawEvent[] {
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
		for (const userId of this.members.takeChanged()) if (this.named.has(userId)) candidates.add(userId);
		const out: RawEvent[] = [];
		for (const userId of candidates) {
			const event = this.members.get(userId);
			if (event && event !== this.named.get(userId)) {
				out.push(event);
				this.named.set(userId, event);
			}
		}
		return out;
	}
}

function pendingStatus(event: MatrixEvent): TimelineEntry['pending'] {
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
