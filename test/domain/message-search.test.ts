import {describe, expect, test} from 'vitest';
import {loadedHits, mergeHits, searchPage, searchRequestBody, type SearchHit} from '../../src/domain/message-search.js';
import {message, redacted, state} from '../support/events.js';

const hit = (eventId: string, ts: number, roomId = '!r:x'): SearchHit => ({roomId, eventId, sender: '@b:x', ts, body: eventId});

describe('the /search request and its answer', () => {
	test('room events, the term, the rooms, newest first, no context', () => {
		expect(searchRequestBody('brown fox', ['!a:x', '!b:x'])).toEqual({
			search_categories: {room_events: {search_term: 'brown fox', keys: ['content.body'], filter: {rooms: ['!a:x', '!b:x']}, order_by: 'recent'}},
		});
	});

	test('hits with room, event, sender, time and body; the next token and the count', () => {
		const page = searchPage({
			search_categories: {
				room_events: {
					results: [{rank: 1, result: {type: 'm.room.message', room_id: '!a:x', event_id: '$1', sender: '@b:x', origin_server_ts: 5, content: {body: 'the fox'}}}],
					next_batch: 'n2',
					count: 7,
				},
			},
		});
		expect(page).toEqual({hits: [{roomId: '!a:x', eventId: '$1', sender: '@b:x', ts: 5, body: 'the fox'}], next: 'n2', count: 7});
	});

	test.each([
		['no categories', {}],
		['results not a list', {search_categories: {room_events: {results: {}}}}],
		['entries without a result', {search_categories: {room_events: {results: [null, 'x', {rank: 1}]}}}],
		['no event ID', {search_categories: {room_events: {results: [{result: {type: 'm.room.message', room_id: '!a', content: {body: 'x'}}}]}}}],
		['no room', {search_categories: {room_events: {results: [{result: {type: 'm.room.message', event_id: '$1', content: {body: 'x'}}}]}}}],
		['a body that is not text', {search_categories: {room_events: {results: [{result: {type: 'm.room.message', room_id: '!a', event_id: '$1', content: {body: 5}}}]}}}],
		['not a message', {search_categories: {room_events: {results: [{result: {type: 'm.room.topic', room_id: '!a', event_id: '$1', content: {body: 'x'}}}]}}}],
	])('malformed: %s gives no hit', (_what, body) => {
		expect(searchPage(body).hits).toEqual([]);
	});

	test('an edit the index found is the message it replaces, as it reads now; the original is then no second hit', () => {
		const event = (eventId: string, ts: number, content: Record<string, unknown>) => ({result: {type: 'm.room.message', room_id: '!a', event_id: eventId, sender: '@b:x', origin_server_ts: ts, content}});
		const page = searchPage({
			search_categories: {
				room_events: {
					results: [
						event('$edit', 9, {body: '* hello demo', 'm.new_content': {body: 'hello demo'}, 'm.relates_to': {rel_type: 'm.replace', event_id: '$orig'}}),
						event('$orig', 5, {body: 'helo demo'}),
						event('$bad', 4, {body: '* odd', 'm.new_content': {body: 7}, 'm.relates_to': {rel_type: 'm.replace', event_id: '$x'}}),
					],
				},
			},
		});
		expect(page.hits).toEqual([
			{roomId: '!a', eventId: '$orig', sender: '@b:x', ts: 9, body: 'hello demo'},
			{roomId: '!a', eventId: '$bad', sender: '@b:x', ts: 4, body: '* odd'},
		]);
	});

	test("someone else's \"edit\" does not stand for the message: both are hits of their own", () => {
		const page = searchPage({
			search_categories: {
				room_events: {
					results: [
						{result: {type: 'm.room.message', room_id: '!a', event_id: '$fake', sender: '@mallory:x', origin_server_ts: 9, content: {body: '* lies', 'm.new_content': {body: 'lies'}, 'm.relates_to': {rel_type: 'm.replace', event_id: '$orig'}}}},
						{result: {type: 'm.room.message', room_id: '!a', event_id: '$orig', sender: '@alice:x', origin_server_ts: 5, content: {body: 'the truth'}}},
					],
				},
			},
		});
		expect(page.hits.map((hit) => [hit.eventId, hit.body])).toEqual([['$fake', '* lies'], ['$orig', 'the truth']]);
	});

	test('a bad time is 0, a bad sender empty; no empty next token, no bad count', () => {
		const page = searchPage({search_categories: {room_events: {results: [{result: {type: 'm.room.message', room_id: '!a', event_id: '$1', sender: 3, origin_server_ts: 'now', content: {body: 'x'}}}], next_batch: '', count: -1}}});
		expect(page).toEqual({hits: [{roomId: '!a', eventId: '$1', sender: '', ts: 0, body: 'x'}]});
	});
});

describe('the loaded messages of an encrypted room', () => {
	test('case-insensitive substring over the body, newest first; redactions and state left out', () => {
		const first = message('@b:x', 'A Secret word');
		const second = message('@c:x', 'SECRETS everywhere');
		const events = [first, message('@b:x', 'nothing here'), redacted(message('@b:x', 'secret gone')), state('m.room.topic', '', {body: 'secret'}), second];
		expect(loadedHits('!e:x', events, 'secret').map((found) => found.eventId)).toEqual([second.event_id, first.event_id]);
		expect(loadedHits('!e:x', events, 'secret')[0]).toMatchObject({roomId: '!e:x', sender: '@c:x', body: 'SECRETS everywhere'});
	});

	test('an edited message is searched as the timeline shows it, under its own ID; the edit event is no hit of its own', () => {
		const original = message('@b:x', 'a typo here');
		const edit = message('@b:x', '* a secret here', {content: {msgtype: 'm.text', body: '* a secret here', 'm.new_content': {msgtype: 'm.text', body: 'a secret here'}, 'm.relates_to': {rel_type: 'm.replace', event_id: original.event_id}}});
		expect(loadedHits('!e:x', [original, edit], 'secret')).toEqual([{roomId: '!e:x', eventId: original.event_id, sender: '@b:x', ts: original.origin_server_ts, body: 'a secret here'}]);
		expect(loadedHits('!e:x', [original, edit], 'typo')).toEqual([]);
	});

	test('the term is text, never a pattern; an empty one matches nothing', () => {
		const events = [message('@b:x', 'a.b'), message('@b:x', 'axb'), message('@b:x', 'x(y')];
		expect(loadedHits('!e:x', events, '.').map((found) => found.body)).toEqual(['a.b']);
		expect(loadedHits('!e:x', events, '(').map((found) => found.body)).toEqual(['x(y']);
		expect(loadedHits('!e:x', events, '')).toEqual([]);
	});
});

describe('mergeHits', () => {
	test('by time, newest first', () => {
		expect(mergeHits([hit('s1', 50), hit('s2', 20)], [hit('l1', 60), hit('l2', 30)], true).map((found) => found.eventId)).toEqual(['l1', 's1', 'l2', 's2']);
	});

	test('while the server has more, local hits older than its oldest wait for the next page', () => {
		const local = [hit('l1', 60), hit('l2', 10)];
		expect(mergeHits([hit('s1', 50), hit('s2', 20)], local, false).map((found) => found.eventId)).toEqual(['l1', 's1', 's2']);
		expect(mergeHits([hit('s1', 50), hit('s2', 20), hit('s3', 5)], local, true).map((found) => found.eventId)).toEqual(['l1', 's1', 's2', 'l2', 's3']);
	});

	test('no server hits (only encrypted rooms searched): the local ones, all', () => {
		expect(mergeHits([], [hit('l1', 60), hit('l2', 10)], false).map((found) => found.eventId)).toEqual(['l1', 'l2']);
	});
});
