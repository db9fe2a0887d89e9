/**
 * One room as the app has been sent it. The SDK's changes come in through one method per kind of
 * input; update() turns the SDK's Room into a RoomUpdate carrying only what changed (room-diffs.ts),
 * and the member events and state the SDK never holds (lean-sync.ts, our /members fetch) are kept
 * here, as plain JSON.
 */
import {NotificationCountType, type MatrixEvent, type Room} from 'matrix-js-sdk';
import type {RawEvent} from '../domain/events.js';
import {roomNotifyLevel} from '../domain/notify-level.js';
import {readersAt, type ReadReceipt} from '../domain/receipts.js';
import {HeldTimeline, type SyncedTimeline} from './held-timeline.js';
import type {HistoryTarget} from './history-loader.js';
import {MemberEventStore, type ListOptions} from './member-store.js';
import type {MemberFetchTarget} from './members-fetch.js';
import type {LocalEcho, RoomMembership, RoomUpdate} from './protocol.js';
import {liveState} from './live-state.js';
import {rawEventOf} from './raw-event.js';
import {MemberListDiff, NamedMembersDiff, StateDiff, TimelineDiff} from './room-diffs.js';
import {SideState} from './side-state.js';
import {isSpaceCreation, SPACE_CHILD, SPACE_PARENT, spaceChildIds, spaceParentClaims} from '../domain/spaces.js';

/** Receipts are shown for this many of the newest events; readers further back are not sent. */
const RECEIPT_WINDOW = 50;

/** What the built member list and state panel depend on besides the room. */
type ViewOptions = Omit<ListOptions, 'powerLevels'>;

export class RoomTracker implements HistoryTarget {
	/** The confirmed events the app is sent, read from sync bodies and /messages, not from the SDK. */
	readonly held = new HeldTimeline();
	private readonly members = new MemberEventStore();
	/** State the SDK never saw (lean-sync.ts). */
	private readonly side = new SideState();
	private readonly timeline = new TimelineDiff();
	private readonly state = new StateDiff();
	private readonly names = new NamedMembersDiff();
	private readonly memberList = new MemberListDiff();
	private lastMembership: string | undefined;
	private typingNow: readonly string[] = [];
	/** The typing list last sent, as one string: undefined when it must go again. */
	private typingSent: string | undefined;
	/** Each user's latest read receipt: the event they have read up to. */
	private readonly readPositions = new Map<string, string>();
	/** The readers last sent, as one string: undefined when they must go again. */
	private receiptsSent: string | undefined;
	private markerSent: string | undefined;

	/** A state event the SDK applied (from a sync's timeline, or the state it reads itself). */
	stateEvent(event: MatrixEvent): void {
		const raw = rawEventOf(event);
		if (raw.type === 'm.room.member') this.members.upsert(raw);
		else {
			// The SDK's event is newer than any of ours for its type and key.
			this.side.supersede(raw.type, raw.state_key ?? '');
			this.state.changedNow();
		}
	}

	/** A redaction in the timeline: it may target state the SDK never saw (it only prunes what it holds). */
	timelineRedaction(redaction: MatrixEvent): void {
		this.redactUnseen(rawEventOf(redaction));
	}

	/** The SDK pruned an event it holds, in place: the state goes again if it was state (the held timeline prunes its own copy). */
	redactedBySdk(target: MatrixEvent | undefined): void {
		if (!target?.isState()) return;
		if (target.getType() === 'm.room.member') this.members.upsert(rawEventOf(target));
		else this.state.changedNow();
	}

	/** State a sync carried that the SDK does not read (lean-sync.ts): ours to keep. */
	divertedState(events: readonly RawEvent[]): void {
		for (const event of events) {
			if (event.type === 'm.room.member') this.members.upsert(event);
			else {
				this.side.set(event);
				this.state.changedNow();
			}
		}
	}

	/** Who types now (not us); whether that changed. */
	typing(userIds: readonly string[]): boolean {
		if (userIds.join('\n') === this.typingNow.join('\n')) return false;
		this.typingNow = userIds;
		return true;
	}

	/** Receipts a sync brought: each moves its user's position. */
	receipts(receipts: readonly ReadReceipt[]): void {
		for (const {userId, eventId} of receipts) this.readPositions.set(userId, eventId);
	}

	/** One of the room's encrypted events, decrypted (session-crypto.ts): drawn in the clear from now on. */
	decrypted(eventId: string, clear: RawEvent): boolean {
		return this.held.replaceDecrypted(eventId, clear);
	}

	/** Where our /members fetch puts what it reads (members-fetch.ts). */
	get memberFetch(): MemberFetchTarget {
		return this.members;
	}

	/** A sync's timeline section for this room, as the server sent it; `cap`: how many events to keep at most. */
	syncedTimeline(section: SyncedTimeline, cap: number): void {
		this.held.appendSynced(section, cap);
	}

	/** Lazy-loaded members of a /messages page: the state then, so only for people we have no event of. */
	historyMembers(events: readonly RawEvent[]): void {
		for (const event of events) {
			if (event.type === 'm.room.member' && typeof event.state_key === 'string' && !this.members.get(event.state_key)) this.members.upsert(event);
		}
	}

	/** The app shows the room's state panel: from now on its view goes out with the room's updates. */
	wantStateView(): void {
		this.state.wantView();
	}

	/** What changed since the last update; `flushAgain` when only a head of the member list went out. */
	/** `echoes`: our messages not confirmed yet, from the outbox. */
	update(room: Room, myUserId: string, version: number, view: ViewOptions, echoes: readonly LocalEcho[] = []): {update: RoomUpdate; flushAgain: boolean} {
		const membership = room.getMyMembership() || 'join';
		if (membership !== this.lastMembership) this.reset(membership);
		const current = liveState(room);
		if (!this.members.loaded && this.members.size === 0) {
			for (const event of current.getStateEvents('m.room.member')) this.members.upsert(rawEventOf(event));
		}
		const myMember = current.getStateEvents('m.room.member', myUserId);
		const inviter = membership === 'invite' ? (myMember?.getSender() ?? undefined) : undefined;
		const update: RoomUpdate = {
			roomId: room.roomId,
			version,
			meta: {
				name: room.name || room.roomId,
				membership: membership as RoomMembership,
				unread: room.getUnreadNotificationCount(NotificationCountType.Total) ?? 0,
				highlights: room.getUnreadNotificationCount(NotificationCountType.Highlight) ?? 0,
				inviter,
				canPaginateBack: this.held.canPaginateBack,
				membersLoaded: this.members.loaded,
				notifyLevel: roomNotifyLevel(room.client.pushRules, room.roomId),
				oneToOne: room.getJoinedMemberCount() <= 2,
			},
		};
		const space = this.spaceOf(room);
		if (space) update.meta.space = space;
		const parents = spaceParentClaims(this.sdkAndOurs(room, SPACE_PARENT));
		if (parents.length > 0) update.meta.spaceParents = parents;
		const events = this.timeline.events(this.held);
		if (events) update.events = events;
		const gaps = this.timeline.gaps(this.held);
		if (gaps) update.gaps = gaps;
		const pending = this.timeline.pending(echoes);
		if (pending) update.pending = pending;
		const state = this.state.take(() => this.nonMemberState(room), view.showDeleted);
		if (state) Object.assign(update, state);
		const typing = this.typingNow.join('\n');
		if (typing !== this.typingSent) {
			update.typing = [...this.typingNow];
			this.typingSent = typing;
		}
		const readers = this.readersUpdate(update, myUserId);
		this.markerUpdate(update, room, myUserId);
		const named = this.names.take([myUserId, inviter, ...this.typingNow, ...readers], newEvents(events), this.members, this.held.events);
		if (named.members.length > 0 || named.whole) update.members = named.members;
		if (named.whole) update.membersWhole = true;
		const powerLevels: unknown = current.getStateEvents('m.room.power_levels', '')?.getContent();
		const {memberList, memberChanges, flushAgain} = this.memberList.take(this.members, {...view, powerLevels});
		if (memberList) update.memberList = memberList;
		if (memberChanges) update.memberChanges = memberChanges;
		return {update, flushAgain};
	}

	/** The readers of the newest events, when they changed; the user IDs shown, to be named. */
	private readersUpdate(update: RoomUpdate, myUserId: string): string[] {
		const newest = this.held.events.slice(-RECEIPT_WINDOW).flatMap((event) => (event.event_id ? [event.event_id] : []));
		const receipts = readersAt(this.readPositions, newest, myUserId);
		const sent = JSON.stringify(receipts);
		if (sent !== this.receiptsSent) {
			update.receipts = receipts;
			this.receiptsSent = sent;
		}
		return receipts.flatMap((at) => at.userIds);
	}

	private markerUpdate(update: RoomUpdate, room: Room, myUserId: string): void {
		const fullyRead: unknown = room.getAccountData('m.fully_read')?.getContent()?.event_id;
		const marker = typeof fullyRead === 'string' ? fullyRead : this.readPositions.get(myUserId);
		if (marker !== undefined && marker !== this.markerSent) {
			update.readMarker = marker;
			this.markerSent = marker;
		}
	}

	/** A space's children: its m.space.child events, the SDK's (from timelines) and ours where the SDK has none newer. */
	private spaceOf(room: Room): {children: string[]} | undefined {
		const current = liveState(room);
		if (!isSpaceCreation(current.getStateEvents('m.room.create', '')?.getContent())) return undefined;
		return {children: spaceChildIds(this.sdkAndOurs(room, SPACE_CHILD))};
	}

	/** The room's state events of one type: the SDK's, and ours where the SDK has none newer. */
	private sdkAndOurs(room: Room, type: string): RawEvent[] {
		const fromSdk = liveState(room).getStateEvents(type).filter((event) => !this.side.has(type, event.getStateKey() ?? ''));
		return [...fromSdk.map(rawEventOf), ...this.side.ofType(type)];
	}

	/** The room's current state but its members: the SDK's, and ours where the SDK has none newer. */
	private nonMemberState(room: Room): RawEvent[] {
		const state: RawEvent[] = [];
		for (const [type, byKey] of liveState(room).events) {
			if (type === 'm.room.member') continue;
			for (const [stateKey, event] of byKey) if (!this.side.has(type, stateKey)) state.push(rawEventOf(event));
		}
		for (const event of this.side.events()) state.push(event);
		return state;
	}

	private redactUnseen(redaction: RawEvent): void {
		const targetId = typeof redaction.redacts === 'string' ? redaction.redacts : redaction.content?.['redacts'];
		if (typeof targetId !== 'string') return;
		if (this.side.redact(redaction, targetId)) this.state.changedNow();
		else this.members.redact(redaction, targetId);
	}

	/** Our membership changed (an invite accepted, a room left): every part goes again, whole. */
	private reset(membership: string): void {
		this.lastMembership = membership;
		this.typingSent = undefined;
		this.receiptsSent = undefined;
		this.markerSent = undefined;
		this.timeline.reset();
		this.state.reset();
		this.names.reset();
		this.memberList.reset();
	}
}

/** The events an update brings that the app has not had: appended, and inserted into gaps. */
function* newEvents(events: RoomUpdate['events']): Generator<RawEvent> {
	if (!events) return;
	yield* events.events;
	if (events.mode === 'append') for (const {events: inserted} of events.inserted ?? []) yield* inserted;
}
