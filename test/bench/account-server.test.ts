/**
 * The start benchmark's homeserver: classic sync (initial, incremental) and simplified sliding
 * sync (a window by activity, what a connection was sent not sent again, a new subscription's
 * expanded timeline, lazy members, an unknown position refused) as Synapse serves them.
 */
import {afterEach, beforeEach, expect, test} from 'vitest';
import {ACCESS_TOKEN, BenchAccount, ME} from '../../bench/start/account.ts';
import {startAccountServer, type AccountServer} from '../../bench/start/account-server.ts';

let account: BenchAccount;
let server: AccountServer;

beforeEach(async () => {
	account = new BenchAccount({rooms: 6, bigRooms: 1, bigMembers: 50, encrypted: 2, eventsPerRoom: 40}, 3);
	server = await startAccountServer(account);
});
afterEach(() => server.close());

async function call(method: string, path: string, body?: unknown): Promise<{status: number; json: Record<string, any>}> {
	const response = await fetch(`${server.url}/_matrix/client/${path}`, {method, headers: {authorization: `Bearer ${ACCESS_TOKEN}`, 'content-type': 'application/json'}, ...(body ? {body: JSON.stringify(body)} : {})});
	return {status: response.status, json: (await response.json()) as Record<string, any>};
}

const sliding = (body: unknown) => call('POST', 'unstable/org.matrix.simplified_msc3575/sync?timeout=50', body);
const LIST_STATE = [['m.room.name', ''], ['m.room.member', '$LAZY']];

test('classic: the initial sync has every room, its newest 30 events and only their senders’ members; an incremental one only what is new', async () => {
	const {json: initial} = await call('GET', 'v3/sync');
	expect(Object.keys(initial.rooms.join)).toHaveLength(6);
	const big = initial.rooms.join[account.rooms[0]!.id];
	expect(big.timeline.events).toHaveLength(30);
	expect(big.timeline.limited).toBe(true);
	const senders = new Set([...big.timeline.events.map((event: {sender: string}) => event.sender), ME]);
	const members = big.state.events.filter((event: {type: string}) => event.type === 'm.room.member');
	expect(members.every((event: {state_key: string}) => senders.has(event.state_key))).toBe(true);
	expect(members.length).toBeLessThan(account.rooms[0]!.memberCount);
	server.addMessages(3);
	const {json: next} = await call('GET', `v3/sync?since=${initial.next_batch}&timeout=1000`);
	const fresh = Object.values(next.rooms.join).flatMap((room: any) => room.timeline.events);
	expect(fresh).toHaveLength(3);
});

test('sliding: a window by activity, rooms not sent twice, a larger window sends only the new rooms; a subscription expands its timeline', async () => {
	const {json: first} = await sliding({lists: {rooms: {ranges: [[0, 1]], timeline_limit: 1, required_state: LIST_STATE}}});
	expect(first.lists.rooms.count).toBe(6);
	expect(Object.keys(first.rooms)).toEqual([account.rooms[0]!.id, account.rooms[1]!.id]);
	const room0 = first.rooms[account.rooms[0]!.id];
	expect(room0).toMatchObject({initial: true, limited: true, joined_count: account.rooms[0]!.memberCount});
	expect(room0.timeline).toHaveLength(1);
	expect(room0.required_state.map((event: {type: string}) => event.type).sort()).toEqual(['m.room.member', 'm.room.name']); // the sender of its one event

	const {json: second} = await sliding({pos: first.pos, lists: {rooms: {ranges: [[0, 3]], timeline_limit: 1, required_state: LIST_STATE}}, room_subscriptions: {[account.rooms[0]!.id]: {timeline_limit: 10, required_state: [['*', '*']]}}});
	expect(Object.keys(second.rooms).sort()).toEqual([account.rooms[0]!.id, account.rooms[2]!.id, account.rooms[3]!.id].sort());
	expect(second.rooms[account.rooms[0]!.id]).toMatchObject({unstable_expanded_timeline: true});
	expect(second.rooms[account.rooms[0]!.id].timeline).toHaveLength(10);
	expect(second.rooms[account.rooms[0]!.id].required_state).toHaveLength(account.rooms[0]!.state.length);

	server.addMessages(1); // into room 0
	const {json: third} = await sliding({pos: second.pos, lists: {rooms: {ranges: [[0, 3]], timeline_limit: 1, required_state: LIST_STATE}}});
	expect(Object.keys(third.rooms)).toEqual([account.rooms[0]!.id]);
	expect(third.rooms[account.rooms[0]!.id].initial).toBeUndefined();
	expect(third.rooms[account.rooms[0]!.id].timeline).toHaveLength(1);

	expect((await sliding({pos: 'nowhere', lists: {}})).json.errcode).toBe('M_UNKNOWN_POS');
});
