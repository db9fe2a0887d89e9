import {afterEach, describe, expect, test} from 'vitest';
import type {MatrixEvent} from 'matrix-js-sdk';
import {HistoryLoader} from '../../src/matrix/history-loader.js';
import {TIMELINE_CAP} from '../../src/matrix/held-timeline.js';
import {fetchMembers} from '../../src/matrix/members-fetch.js';
import {RoomTracker} from '../../src/matrix/room-tracker.js';
import {liveState} from '../../src/matrix/live-state.js';
import {waitFor} from '../support/wait.js';
import {RoomBuilder} from '../../src/demo/scenario/builder.js';
import {ALICE, FLAG_ID, GHOST, GHOST_JOIN_ID, ME, ROOM, syncedClient, trackedScenario, type SyncedClient} from './scenario-session.js';

const view = {reasonMaxWidth: 80, showDeleted: false};
let synced: SyncedClient | undefined;
afterEach(async () => {
	await synced?.close();
	synced = undefined;
});

/** How many of the client's sync sections each tracker was fed. */
const fedSections = new WeakMap<RoomTracker, number>();

/** The sync sections the tracker has not been fed yet, as SdkSession feeds them. */
function feedTimelines(tracker: RoomTracker, client: SyncedClient): void {
	for (const section of client.timelines.slice(fedSections.get(tracker) ?? 0)) if (section.roomId === ROOM) tracker.syncedTimeline(section, TIMELINE_CAP);
	fedSections.set(tracker, client.timelines.length);
}

/** A tracker fed what SdkSession feeds it on the first sync: the diverted state, then the SDK's. */
function trackerFor(client: SyncedClient): RoomTracker {
	const tracker = new RoomTracker();
	for (const {roomId, events} of client.diverted) if (roomId === ROOM) tracker.divertedState(events);
	for (const byKey of liveState(client.room()).events.values()) for (const event of byKey.values()) tracker.stateEvent(event);
	return tracker;
}

let version = 0;
const update = (tracker: RoomTracker, client: SyncedClient, options = view) => {
	feedTimelines(tracker, client);
	return tracker.update(client.room(), ME, ++version, options);
};

/** Waits until the SDK holds the event the server was just given. */
const sdkEvent = (client: SyncedClient, eventId: string): Promise<MatrixEvent> => waitFor(() => client.room().findEventById(eventId));

const flagRows = (stateView: {rows: Array<{type: string; summary: string; deleted: boolean}>} | undefined) => stateView?.rows.filter((row) => row.type === 'org.example.flag');

describe('RoomTracker', () => {
	test('the typing list goes out in the first update, then only when it changes', async () => {
		synced = await syncedClient();
		const tracker = trackerFor(synced);
		expect(update(tracker, synced).update.typing).toEqual([]);
		expect(tracker.typing([ALICE])).toBe(true);
		const typing = update(tracker, synced).update;
		expect(typing.typing).toEqual([ALICE]);
		expect(tracker.typing([ALICE])).toBe(false);
		expect(update(tracker, synced).update.typing).toBeUndefined();
		expect(tracker.typing([])).toBe(true);
		expect(update(tracker, synced).update.typing).toEqual([]);
	});

	test('the first update carries every part whole; an update with nothing new only the meta', async () => {
		synced = await syncedClient();
		const tracker = trackerFor(synced);
		const {update: first, flushAgain} = update(tracker, synced);
		expect(flushAgain).toBe(false);
		expect(first.meta).toMatchObject({name: 'Tracked', membership: 'join', canPaginateBack: true, membersLoaded: false});
		expect(first.events?.mode).toBe('replace');
		expect(first.events?.events.map((event) => event.content?.['body'])).toEqual(Array.from({length: 30}, (_, serial) => `message ${serial + 5}`));
		expect(first.pending).toEqual([]);
		// The settings as events; the diverted custom state reaches the app only as state-view rows.
		expect(first.state?.map((event) => event.type).sort()).toEqual(['m.room.create', 'm.room.join_rules', 'm.room.name', 'm.room.power_levels']);
		expect(first.stateView).toBeUndefined();
		// Names for us and the timeline's one sender: all a lazy-loading sync brings.
		expect(first.members?.map((event) => event.state_key).sort()).toEqual([ALICE, ME].sort());
		expect(first.memberList?.joined.map((row) => row.name)).toEqual(['Alice', 'Me']);

		const second = update(tracker, synced).update;
		expect(Object.keys(second)).toEqual(['roomId', 'version', 'meta']);
	});

	test('new timeline events are appended; scrollback inserts what it brought before the oldest', async () => {
		synced = await syncedClient();
		const tracker = trackerFor(synced);
		update(tracker, synced);
		const id = synced.server.injectEvent(ROOM, {type: 'm.room.message', sender: ALICE, content: {msgtype: 'm.text', body: 'new'}});
		await sdkEvent(synced, id);
		expect(update(tracker, synced).update.events).toMatchObject({mode: 'append', events: [{event_id: id}]});
		await new HistoryLoader(synced.client, () => tracker, () => {}).pageBack(ROOM);
		const older = update(tracker, synced).update.events;
		expect(older).toMatchObject({mode: 'append', events: [], inserted: [{before: tracker.held.events.find((event) => event.content?.['body'] === 'message 5')?.event_id}]});
		expect(older?.mode === 'append' && older.inserted?.[0]?.events.length).toBeGreaterThan(0);
	});

	test('a state event the SDK applies supersedes the diverted one of the same type and key', async () => {
		synced = await syncedClient();
		const tracker = trackerFor(synced);
		tracker.wantStateView();
		expect(flagRows(update(tracker, synced).update.stateView)).toMatchObject([{summary: '{"value": 1}', deleted: false}]);
		const id = synced.server.injectEvent(ROOM, {type: 'org.example.flag', state_key: 'a', sender: ALICE, content: {value: 2}});
		tracker.stateEvent(await sdkEvent(synced, id));
		expect(flagRows(update(tracker, synced).update.stateView)).toMatchObject([{summary: '{"value": 2}', deleted: false}]);
	});

	test('a redaction in the timeline prunes the state and member events the SDK never saw', async () => {
		synced = await syncedClient();
		const tracker = trackerFor(synced);
		tracker.wantStateView();
		// The member who never spoke comes only with our /members fetch.
		await fetchMembers(synced.client, ROOM, tracker.memberFetch, () => {});
		expect(update(tracker, synced).update.memberList?.joined.find((row) => row.userId === GHOST)?.name).toBe('Ghost');
		for (const target of [FLAG_ID, GHOST_JOIN_ID]) {
			const redaction = {type: 'm.room.redaction', sender: ALICE, content: {}, redacts: target};
			tracker.timelineRedaction(await sdkEvent(synced, synced.server.injectEvent(ROOM, redaction)));
		}
		const {update: after} = update(tracker, synced);
		// Redacted state counts as deleted: hidden, and counted.
		expect(flagRows(after.stateView)).toEqual([]);
		expect(after.stateView?.hiddenCount).toBe(1);
		expect(update(tracker, synced, {...view, showDeleted: true}).update.stateView?.rows.find((row) => row.type === 'org.example.flag')).toMatchObject({summary: '{}', deleted: true});
		// The pruned join keeps its membership, not its display name: only that row goes out again.
		expect(after.memberList).toBeUndefined();
		expect(after.memberChanges?.rows.map(({before, after}) => [before?.name, after?.name])).toEqual([['Ghost', GHOST]]);
	});

	test('the state view goes out again when only the visibility of deleted rows changes', async () => {
		synced = await syncedClient();
		const tracker = trackerFor(synced);
		tracker.wantStateView();
		update(tracker, synced);
		expect(update(tracker, synced).update.stateView).toBeUndefined();
		expect(update(tracker, synced, {...view, showDeleted: true}).update.stateView).toBeDefined();
		expect(update(tracker, synced, {...view, showDeleted: true}).update.stateView).toBeUndefined();
	});

	test('when our membership changes, every part goes out whole again', async () => {
		synced = await syncedClient();
		const tracker = trackerFor(synced);
		tracker.wantStateView();
		update(tracker, synced);
		const id = synced.server.injectEvent(ROOM, {type: 'm.room.member', state_key: ME, sender: ALICE, content: {membership: 'ban', reason: 'test'}});
		tracker.stateEvent(await sdkEvent(synced, id));
		await waitFor(() => synced!.room().getMyMembership() === 'ban');
		const {update: after} = update(tracker, synced);
		expect(after.meta.membership).toBe('ban');
		expect(after.events?.mode).toBe('replace');
		expect(after.pending).toEqual([]);
		expect(after.state).toBeDefined();
		expect(after.stateView).toBeDefined();
		expect(after.members?.map((event) => event.state_key).sort()).toEqual([ALICE, ME].sort());
		expect(after.memberList?.banned.map((row) => row.userId)).toEqual([ME]);
	});

	test('a big fetched list goes out as a head, then whole once the fetch ends — and only once', async () => {
		synced = await syncedClient(trackedScenario({extraMembers: 2100}));
		const tracker = trackerFor(synced);
		update(tracker, synced);
		const duringFetch: Array<ReturnType<RoomTracker['update']>> = [];
		await fetchMembers(synced.client, ROOM, tracker.memberFetch, () => {
			duringFetch.push(update(tracker, synced!), update(tracker, synced!));
		});
		const [head, waiting] = duringFetch;
		expect(head?.flushAgain).toBe(true);
		expect(head?.update.meta.membersLoaded).toBe(true);
		expect(head?.update.memberList?.joined).toHaveLength(300);
		expect(head?.update.memberList?.totals).toEqual({joined: 2103, invited: 0, banned: 0, left: 0});
		// The whole list waits for the fetch's second part, to be built once.
		expect(waiting?.update.memberList).toBeUndefined();
		expect(waiting?.flushAgain).toBe(false);
		const whole = update(tracker, synced);
		expect(whole.flushAgain).toBe(false);
		expect(whole.update.memberList?.totals).toBeUndefined();
		expect(whole.update.memberList?.joined).toHaveLength(2103);
		expect(whole.update.memberList?.hiddenCount).toBe(1);
		expect(update(tracker, synced).update.memberList).toBeUndefined();

		// Our membership changes: the whole list goes again, not a second head of the same fetch.
		const id = synced.server.injectEvent(ROOM, {type: 'm.room.member', state_key: ME, sender: ALICE, content: {membership: 'ban'}});
		tracker.stateEvent(await sdkEvent(synced, id));
		await waitFor(() => synced!.room().getMyMembership() === 'ban');
		const again = update(tracker, synced);
		expect(again.flushAgain).toBe(false);
		expect(again.update.memberList?.totals).toBeUndefined();
		expect(again.update.memberList?.joined).toHaveLength(2102);
	});
});

describe('RoomTracker: a space', () => {
	/** The tracked room made a space, its first children in the state the first sync diverts. */
	function spaceScenario() {
		const space = new RoomBuilder(ROOM)
			.state(ALICE, 'm.room.create', {creator: ALICE, room_version: '11', type: 'm.space'})
			.member(ALICE, {membership: 'join', displayname: 'Alice'})
			.state(ALICE, 'm.room.power_levels', {users: {[ALICE]: 100}, users_default: 0})
			.state(ALICE, 'm.room.name', {name: 'Space'})
			.state(ALICE, 'm.space.child', {via: ['demo.local']}, '!one:demo.local')
			.state(ALICE, 'm.space.child', {via: 'demo.local'}, '!hostile:demo.local')
			.state(ALICE, 'm.space.child', {via: ['demo.local']}, '!two:demo.local')
			.member(ME, {membership: 'join', displayname: 'Me'});
		for (let serial = 0; serial < 35; serial++) space.text(ALICE, `message ${serial}`);
		return {...trackedScenario(), rooms: [space.build(undefined, 1000)]};
	}

	test('the meta says it is a space and lists its children; a child added or emptied in a timeline moves them', async () => {
		synced = await syncedClient(spaceScenario());
		expect(synced.diverted.flatMap(({events}) => events).filter((event) => event.type === 'm.space.child')).toHaveLength(3);
		const tracker = trackerFor(synced);
		expect(update(tracker, synced).update.meta.space).toEqual({children: ['!one:demo.local', '!two:demo.local']});
		const added = synced.server.injectEvent(ROOM, {type: 'm.space.child', state_key: '!three:demo.local', sender: ALICE, content: {via: ['demo.local']}});
		tracker.stateEvent(await sdkEvent(synced, added));
		const removed = synced.server.injectEvent(ROOM, {type: 'm.space.child', state_key: '!one:demo.local', sender: ALICE, content: {}});
		tracker.stateEvent(await sdkEvent(synced, removed));
		expect(update(tracker, synced).update.meta.space?.children.sort()).toEqual(['!three:demo.local', '!two:demo.local']);
	});

	test('an ordinary room has no space in its meta; its m.space.parent claims go with their senders', async () => {
		synced = await syncedClient();
		const tracker = trackerFor(synced);
		expect(update(tracker, synced).update.meta.space).toBeUndefined();
		expect(update(tracker, synced).update.meta.spaceParents).toBeUndefined();
		const claim = synced.server.injectEvent(ROOM, {type: 'm.space.parent', state_key: '!space:demo.local', sender: ALICE, content: {via: ['demo.local']}});
		tracker.stateEvent(await sdkEvent(synced, claim));
		expect(update(tracker, synced).update.meta.spaceParents).toEqual([{spaceId: '!space:demo.local', sender: ALICE}]);
	});
});
