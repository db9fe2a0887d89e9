/**
 * The local cache on sliding sync: a response folds in as a classic body (state after the timeline,
 * a left room gone, no event twice, no hole in a kept timeline), and the saved account goes back
 * to the SDK as one sliding response.
 */
import {expect, test} from 'vitest';
import {savedAsSliding, slidingForTheCache, type KeptTimeline} from '../../src/matrix/sliding-cache-shape.js';

const ME = '@alice:example.org';
const ROOM = '!r:example.org';
const message = (n: number) => ({type: 'm.room.message', sender: '@bob:example.org', event_id: `$e${n}`, origin_server_ts: n, content: {msgtype: 'm.text', body: `message ${n}`}});
const state = (type: string, stateKey: string, content: object, id = `$${type}-${stateKey}`) => ({type, state_key: stateKey, sender: ME, event_id: id, origin_server_ts: 1, content});
const nothingKept: KeptTimeline = () => undefined;
const keptHere =
	(...ids: string[]): KeptTimeline =>
	(roomId) =>
		roomId === ROOM ? ids : undefined;

function joined(response: object, kept: KeptTimeline = nothingKept): Record<string, any> {
	return (slidingForTheCache(response, ME, kept).rooms as any).join[ROOM];
}

test('a room: its required state with the timeline’s state on top as the state after, its counts and heroes as the summary, pos as the token', () => {
	const body = slidingForTheCache(
		{
			pos: '42',
			rooms: {
				[ROOM]: {
					initial: true,
					required_state: [state('m.room.name', '', {name: 'Old'}), state('m.room.member', ME, {membership: 'join'})],
					timeline: [message(1), state('m.room.name', '', {name: 'New'}, '$rename')],
					joined_count: 2,
					invited_count: 0,
					heroes: [{user_id: '@bob:example.org', displayname: 'Bob'}],
					prev_batch: 'p1',
				},
			},
		},
		ME,
		nothingKept,
	);
	expect(body.next_batch).toBe('42');
	const room = (body.rooms as any).join[ROOM];
	expect(room['org.matrix.msc4222.state_after'].events.map((event: any) => event.content.name ?? event.content.membership)).toEqual(['join', 'New']);
	expect(room.summary).toEqual({'m.heroes': ['@bob:example.org'], 'm.joined_member_count': 2, 'm.invited_member_count': 0});
	expect(room.timeline).toEqual({events: [message(1), state('m.room.name', '', {name: 'New'}, '$rename')], limited: true, prev_batch: 'p1'});
});

test('a room we left (or were banned from) goes to leave; an invite keeps its invite state', () => {
	const body = slidingForTheCache(
		{
			pos: '1',
			rooms: {
				[ROOM]: {timeline: [state('m.room.member', ME, {membership: 'leave', reason: 'bye'})], required_state: []},
				'!banned:example.org': {required_state: [state('m.room.member', ME, {membership: 'ban'})], timeline: []},
				'!invited:example.org': {invite_state: [state('m.room.member', ME, {membership: 'invite'})]},
			},
		},
		ME,
		nothingKept,
	);
	expect(Object.keys((body.rooms as any).leave).sort()).toEqual(['!banned:example.org', ROOM]);
	expect((body.rooms as any).join).toEqual({});
	expect((body.rooms as any).invite['!invited:example.org'].invite_state.events).toHaveLength(1);
});

test('a fresh connection’s newest event, which the cache holds: nothing folded in twice', () => {
	expect(joined({pos: '2', rooms: {[ROOM]: {initial: true, timeline: [message(3)]}}}, keptHere('$e1', '$e2', '$e3')).timeline).toEqual({events: [], limited: false});
});

test('a window that reaches the newest kept event but not the oldest: only what follows it is added', () => {
	expect(joined({pos: '2', rooms: {[ROOM]: {initial: true, timeline: [message(3), message(4), message(5)]}}}, keptHere('$e1', '$e2', '$e3')).timeline).toEqual({events: [message(4), message(5)], limited: false});
});

test('a window that reaches back as far as the kept timeline, or not to it at all (a gap): it replaces what is kept', () => {
	const expanded = joined({pos: '2', rooms: {[ROOM]: {unstable_expanded_timeline: true, timeline: [1, 2, 3, 4].map(message)}}}, keptHere('$e2', '$e3'));
	expect(expanded.timeline.limited).toBe(true);
	expect(expanded.timeline.events).toHaveLength(4);
	const gap = joined({pos: '2', rooms: {[ROOM]: {initial: true, limited: true, timeline: [message(9)], prev_batch: 'p8'}}}, keptHere('$e1', '$e2'));
	expect(gap.timeline).toEqual({events: [message(9)], limited: true, prev_batch: 'p8'});
});

test('what follows on a connection is added as it comes', () => {
	expect(joined({pos: '3', rooms: {[ROOM]: {timeline: [message(4)]}}}, keptHere('$e3')).timeline).toEqual({events: [message(4)], limited: false});
});

test('account data and receipts: global kept; a room’s only for a room the cache holds', () => {
	const receipt = {type: 'm.receipt', content: {$e1: {'m.read': {[ME]: {ts: 1}}}}};
	const body = slidingForTheCache(
		{pos: '5', rooms: {}, extensions: {account_data: {global: [{type: 'm.direct', content: {}}], rooms: {[ROOM]: [{type: 'm.tag', content: {}}], '!other:example.org': [{type: 'm.tag', content: {}}]}}, receipts: {rooms: {[ROOM]: receipt, '!other:example.org': receipt}}}},
		ME,
		keptHere('$e1'),
	);
	expect(body.account_data.events.map((event) => event.type)).toEqual(['m.direct']);
	expect(Object.keys((body.rooms as any).join)).toEqual([ROOM]);
	expect((body.rooms as any).join[ROOM]).toEqual({account_data: {events: [{type: 'm.tag', content: {}}]}, ephemeral: {events: [receipt]}});
});

test('the saved account back as one sliding response: every room initial, with its state, timeline, counts, heroes, account data and receipt', () => {
	const receipt = {type: 'm.receipt', content: {}};
	const saved = {
		next_batch: 's1',
		rooms: {
			join: {
				[ROOM]: {
					'org.matrix.msc4222.state_after': {events: [state('m.room.name', '', {name: 'Kept'})]},
					timeline: {events: [message(1)], prev_batch: 'p0'},
					summary: {'m.heroes': ['@bob:example.org'], 'm.joined_member_count': 2},
					account_data: {events: [{type: 'm.tag', content: {}}]},
					ephemeral: {events: [receipt]},
				},
			},
			invite: {'!invited:example.org': {invite_state: {events: [state('m.room.member', ME, {membership: 'invite'})]}}},
		},
		account_data: {events: [{type: 'm.direct', content: {}}]},
	};
	const response = savedAsSliding(saved as never);
	expect(response.rooms[ROOM]).toEqual({
		name: '',
		initial: true,
		required_state: [state('m.room.name', '', {name: 'Kept'})],
		timeline: [message(1)],
		heroes: [{user_id: '@bob:example.org'}],
		joined_count: 2,
		prev_batch: 'p0',
		limited: true,
	});
	expect(response.rooms['!invited:example.org']!.invite_state).toHaveLength(1);
	expect(response.extensions).toEqual({account_data: {global: [{type: 'm.direct', content: {}}], rooms: {[ROOM]: [{type: 'm.tag', content: {}}]}}, receipts: {rooms: {[ROOM]: receipt}}});
});
