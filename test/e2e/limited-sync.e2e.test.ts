/**
 * A busy room on the real Synapse: another client sends a few hundred messages as fast as the
 * server takes them, and for part of the burst our syncs wait at the fault proxy (as on a slow
 * link), so a sync comes back limited (more than the timeline limit, with a prev_batch) on either
 * sync path; our timeline still ends with every message exactly once, in the server's order.
 * Synapse's rc_message is raised for tests (scripts/synapse.sh), so the burst is never throttled.
 */
import {afterEach, beforeAll, expect, test} from 'vitest';
import {startClient, stopClients} from './support/client.js';
import {FaultProxy, type Hold} from './support/fault-proxy.js';
import {SYNC} from './support/faults.js';
import {Api, homeserverUrl, registerNamed, type Json, type RegisteredUser} from './support/homeserver.js';

let alice: RegisteredUser;
let bob: RegisteredUser;

beforeAll(async () => {
	[alice, bob] = await registerNamed('Alice', 'Bob');
});

let proxy: FaultProxy | undefined;

afterEach(async () => {
	stopClients();
	await proxy?.stop();
});

const TOTAL = 400;
/** Sends in flight at once: on classic sync, often more new events than a sync's timeline holds. */
const IN_FLIGHT = 40;
/**
 * The sends made while syncs wait: more than either path's timeline limit (sliding sync's room on
 * screen takes 30 events, and there a sync rarely finds 40 new ones), so a limited sync is certain.
 */
const HELD_FROM = 160;
const HELD_TO = 240;

const bodyOf = (event: Json | {content?: unknown}) => {
	const body = (event.content as Json | undefined)?.['body'];
	return typeof body === 'string' ? body : '';
};
const isBurst = (body: string) => body.startsWith('burst ');

test('a few hundred messages sent fast by another client all reach our timeline, once each, in order', async () => {
	const roomId = await Api.for(alice).createRoom({preset: 'public_chat', name: 'Busy room'});
	await Api.for(bob).join(roomId);
	proxy = await FaultProxy.start(homeserverUrl());
	const me = await startClient(alice, {columns: 160, rows: 40, homeserver: proxy.url});
	await me.waitForText('# Busy room');
	const gapsSeen: string[] = [];
	me.session.subscribe((update) => {
		if (update.kind !== 'rooms') return;
		for (const room of update.rooms) if (room.roomId === roomId) gapsSeen.push(...(room.gaps ?? []));
	});

	const sender = Api.for(bob);
	let held: Hold | undefined;
	for (let from = 0; from < TOTAL; from += IN_FLIGHT) {
		if (from === HELD_FROM) held = proxy.hold(SYNC);
		if (from === HELD_TO) held?.release();
		await Promise.all(Array.from({length: IN_FLIGHT}, (_, index) => sender.sendMessage(roomId, `burst ${from + index}`)));
	}
	// The server's order (parallel sends may be stored in any order): the truth to compare with.
	const stored = (await sender.messages(roomId, 1000)).map(bodyOf).filter(isBurst);
	expect(stored).toHaveLength(TOTAL);

	const ours = () => (me.chat.store.getState().rooms.get(roomId)?.events ?? []).map(bodyOf).filter(isBurst);
	await me.waitForScreen(() => ours().length >= TOTAL && me.chat.store.getState().rooms.get(roomId)?.gaps.length === 0, `all ${TOTAL} messages (have ${ours().length})`, 30_000);
	expect(ours()).toEqual(stored);
	// Limited syncs did happen, and were filled: otherwise this test proves nothing.
	expect(gapsSeen.length).toBeGreaterThan(0);
	await me.waitForText(`Bob: ${stored.at(-1)}`);
});
