/** A sliding sync response read as a classic /sync body: timelines, windows, typing, receipts, invites. */
import {expect, test} from 'vitest';
import {slidingForTheSdk, slidingAsClassic} from '../../src/matrix/sliding-body.js';
import {syncTimelines} from '../../src/matrix/sync-timelines.js';
import {typingInSync} from '../../src/domain/typing.js';
import {receiptsInSync} from '../../src/domain/receipts.js';

const message = (n: number) => ({type: 'm.room.message', sender: '@bob:x', event_id: `$e${n}`, origin_server_ts: n, content: {msgtype: 'm.text', body: `m${n}`}});

test('each room’s timeline is its section; a first window (initial) or a limited one is a gap, an update is not', () => {
	const body = slidingAsClassic({
		pos: '1',
		rooms: {
			'!first:x': {initial: true, timeline: [message(1), message(2)], prev_batch: 'p1', required_state: []},
			'!limited:x': {limited: true, timeline: [message(3)]},
			'!update:x': {timeline: [message(4)]},
			'!nameOnly:x': {name: 'No timeline'},
		},
	});
	expect(syncTimelines(body)).toEqual([
		{roomId: '!first:x', events: [message(1), message(2)], limited: true, prevBatch: 'p1'},
		{roomId: '!limited:x', events: [message(3)], limited: true},
		{roomId: '!update:x', events: [message(4)], limited: false},
	]);
});

test('the typing and receipts extensions become each room’s ephemeral events, for rooms without room data too', () => {
	const body = slidingAsClassic({
		rooms: {'!a:x': {timeline: [message(1)]}},
		extensions: {
			typing: {rooms: {'!a:x': {type: 'm.typing', content: {user_ids: ['@bob:x']}}, '!b:x': {type: 'm.typing', content: {user_ids: []}}}},
			receipts: {rooms: {'!b:x': {type: 'm.receipt', content: {$e1: {'m.read': {'@bob:x': {ts: 5}}}}}}},
		},
	});
	expect(typingInSync(body)).toEqual([
		{roomId: '!a:x', userIds: ['@bob:x']},
		{roomId: '!b:x', userIds: []},
	]);
	expect(receiptsInSync(body).map((room) => [room.roomId, room.receipts.map((receipt) => receipt.eventId)])).toEqual([['!b:x', ['$e1']]]);
});

test('a room with invite_state is an invite: no timeline section of ours', () => {
	const body = slidingAsClassic({rooms: {'!inv:x': {invite_state: [{type: 'm.room.name', state_key: '', content: {name: 'Come'}, sender: '@bob:x'}], timeline: [message(9)]}}});
	expect(syncTimelines(body)).toEqual([]);
	expect(body).toMatchObject({rooms: {invite: {'!inv:x': {invite_state: {events: [{type: 'm.room.name'}]}}}}});
});

test('garbage in is nothing out, never a throw', () => {
	for (const garbage of [null, 42, 'text', [], {rooms: 'x'}, {rooms: {'!a:x': null}}, {extensions: {typing: {rooms: []}}}]) {
		expect(syncTimelines(slidingAsClassic(garbage))).toEqual([]);
	}
});

test('Synapse’s expanded timeline (a larger timeline_limit for a room already sent) is a window of its own, and marked limited for the SDK', () => {
	const body = {rooms: {'!a:x': {unstable_expanded_timeline: true, timeline: [message(1), message(2)]}, '!b:x': {timeline: [message(3)]}}};
	expect(syncTimelines(slidingAsClassic(body)).map((section) => section.limited)).toEqual([true, false]);
	expect(slidingForTheSdk(body)).toBe(true);
	expect(body.rooms['!a:x']).toMatchObject({limited: true});
	expect(body.rooms['!b:x']).not.toHaveProperty('limited');
	expect(slidingForTheSdk(body)).toBe(false);
});

test('a state change in a room’s timeline is added to its required_state for the SDK (the last per type and key), the rest kept', () => {
	const note = (text: string, n: number) => ({type: 'e2e.note', state_key: 'k1', event_id: `$n${n}`, sender: '@a:x', origin_server_ts: n, content: {text}});
	const name = {type: 'm.room.name', state_key: '', event_id: '$name', sender: '@a:x', origin_server_ts: 1, content: {name: 'Old'}};
	const body = {rooms: {'!a:x': {required_state: [name, note('first', 1)], timeline: [message(1), note('second', 2), note('third', 3)]}}};
	expect(slidingForTheSdk(body)).toBe(true);
	expect(body.rooms['!a:x'].required_state).toEqual([name, note('third', 3)]);
	const quiet = {rooms: {'!b:x': {timeline: [message(2)]}}};
	expect(slidingForTheSdk(quiet)).toBe(false);
	expect(quiet.rooms['!b:x']).not.toHaveProperty('required_state');
});
