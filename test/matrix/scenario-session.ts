/**
 * The matrix layer against the scenario server: one room whose state lies outside the first sync's
 * timeline window, so lean-sync diverts it (a custom state event and a member who never spoke), and
 * helpers to watch what the layer sends, merged the way the app merges it.
 */
import {ClientEvent, PendingEventOrdering, SyncState, type MatrixClient, type Room} from 'matrix-js-sdk';
import {RoomBuilder, userId} from '../../src/demo/scenario/builder.js';
import {startScenarioServer, type Scenario, type ScenarioServer} from '../../src/demo/server.js';
import {createQuietClient} from '../../src/matrix/client.js';
import type {RoomUpdate} from '../../src/matrix/protocol.js';
import {SdkSession} from '../../src/matrix/sdk-session.js';
import {leanSyncFetch} from '../../src/matrix/sync-fetch.js';
import type {DivertedState} from '../../src/matrix/lean-sync.js';
import type {RoomTimeline} from '../../src/matrix/sync-timelines.js';
import {mergeRoomUpdate} from '../../src/state/merge-room.js';
import type {RoomSnapshot} from '../../src/state/room-snapshot.js';
import {waitFor} from '../support/wait.js';

export const ROOM = '!tracked:demo.local';
export const ME = userId('you');
export const ALICE = userId('alice');
export const GHOST = userId('ghost');
export const LEAVER = userId('leaver');
/** The custom state event the first sync diverts (its ID is fixed so it can be redacted). */
export const FLAG_ID = '$flag';
export const GHOST_JOIN_ID = '$ghost-join';

/** `extraMembers` joined members more make a big room (the member list then goes out as a head first). */
export function trackedScenario(options: {extraMembers?: number} = {}): Scenario {
	const room = new RoomBuilder(ROOM)
		.state(ALICE, 'm.room.create', {creator: ALICE, room_version: '11'})
		.member(ALICE, {membership: 'join', displayname: 'Alice'})
		.state(ALICE, 'm.room.power_levels', {users: {[ALICE]: 100, [ME]: 100}, users_default: 0, events_default: 0, state_default: 50})
		.state(ALICE, 'm.room.join_rules', {join_rule: 'public'})
		.state(ALICE, 'm.room.name', {name: 'Tracked'})
		.state(ALICE, 'org.example.flag', {value: 1}, 'a', FLAG_ID)
		.member(ME, {membership: 'join', displayname: 'Me'})
		.add({type: 'm.room.member', sender: GHOST, state_key: GHOST, content: {membership: 'join', displayname: 'Ghost'}, event_id: GHOST_JOIN_ID})
		.member(LEAVER, {membership: 'join', displayname: 'Leaver'})
		.member(LEAVER, {membership: 'leave', displayname: 'Leaver'});
	for (let serial = 0; serial < (options.extraMembers ?? 0); serial++) room.member(userId(`m${serial}`), {membership: 'join', displayname: `Member ${serial}`});
	// More messages than the first sync's timeline holds (30): all the state above comes as state.
	for (let serial = 0; serial < 35; serial++) room.text(ALICE, `message ${serial}`);
	return {userId: ME, accessToken: 'tracked-token', deviceId: 'TRACKED', profiles: {}, rooms: [room.build(undefined, 1000)]};
}

export interface WatchedSession {
	server: ScenarioServer;
	session: SdkSession;
	updates: RoomUpdate[];
	/** The room as the app would hold it after every update so far. */
	room(): RoomSnapshot;
	close(): Promise<void>;
}

/** An SdkSession on the tracked room, started and past its first update of the room. */
export async function watchedSession(scenario = trackedScenario()): Promise<WatchedSession> {
	const server = await startScenarioServer({scenario});
	const session = new SdkSession({homeserver: server.url, userId: server.userId, accessToken: server.accessToken});
	const updates: RoomUpdate[] = [];
	let snapshot: RoomSnapshot | undefined;
	session.subscribe((update) => {
		if (update.kind !== 'rooms') return;
		for (const room of update.rooms) {
			if (room.roomId !== ROOM) continue;
			updates.push(room);
			snapshot = mergeRoomUpdate(snapshot, room);
		}
	});
	void session.start();
	await waitFor(() => snapshot && snapshot.events.length > 0);
	return {
		server,
		session,
		updates,
		room: () => snapshot!,
		async close() {
			session.stop();
			await server.close();
		},
	};
}

export interface SyncedClient {
	server: ScenarioServer;
	client: MatrixClient;
	/** What lean-sync took out of each sync so far, in order. */
	diverted: DivertedState[];
	/** Every sync's timeline sections so far, in order. */
	timelines: RoomTimeline[];
	room(): Room;
	close(): Promise<void>;
}

/** A bare SDK client made as SdkSession makes it (quiet, lean sync), synced once: for RoomTracker's tests. */
export async function syncedClient(scenario = trackedScenario()): Promise<SyncedClient> {
	const server = await startScenarioServer({scenario});
	const diverted: DivertedState[] = [];
	const timelines: RoomTimeline[] = [];
	const readers = {diverted: (taken: DivertedState[]) => diverted.push(...taken), timelines: (sections: RoomTimeline[]) => timelines.push(...sections)};
	const client = createQuietClient({baseUrl: server.url, userId: server.userId, accessToken: server.accessToken, fetchFn: leanSyncFetch(server.userId, readers)});
	const prepared = new Promise<void>((resolve) => client.on(ClientEvent.Sync, (state) => state === SyncState.Prepared && resolve()));
	await client.startClient({lazyLoadMembers: true, initialSyncLimit: 30, pendingEventOrdering: PendingEventOrdering.Detached});
	await prepared;
	return {
		server,
		client,
		diverted,
		timelines,
		room: () => client.getRoom(ROOM)!,
		async close() {
			client.stopClient();
			await server.close();
		},
	};
}
