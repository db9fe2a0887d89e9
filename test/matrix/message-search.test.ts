import {expect, test, vi} from 'vitest';
import type {MatrixClient} from 'matrix-js-sdk';
import {eventContext, searchMessages} from '../../src/matrix/message-search.js';

function clientAnswering(answer: unknown) {
	const authedRequest = vi.fn(async () => answer);
	return {client: {http: {authedRequest}, getCrypto: () => undefined} as unknown as MatrixClient, authedRequest};
}

test('a search page: POST /search with the body, next_batch as a query parameter', async () => {
	const {client, authedRequest} = clientAnswering({search_categories: {room_events: {results: [{result: {type: 'm.room.message', room_id: '!a', event_id: '$1', sender: '@b', origin_server_ts: 3, content: {body: 'fox'}}}], next_batch: 'n'}}});
	const page = await searchMessages(client, 'fox', ['!a'], 'p2');
	expect(authedRequest).toHaveBeenCalledWith('POST', '/search', {next_batch: 'p2'}, {search_categories: {room_events: {search_term: 'fox', keys: ['content.body'], filter: {rooms: ['!a']}, order_by: 'recent'}}});
	expect(page).toEqual({hits: [{roomId: '!a', eventId: '$1', sender: '@b', ts: 3, body: 'fox'}], next: 'n'});
	await searchMessages(client, 'fox', ['!a']);
	expect(authedRequest).toHaveBeenLastCalledWith('POST', '/search', undefined, expect.anything());
});

test('a context: oldest first around the event, its members; entries without an ID or type dropped', async () => {
	const event = (id: string) => ({type: 'm.room.message', event_id: id, sender: '@b', content: {body: id}});
	const {client, authedRequest} = clientAnswering({
		event: event('$hit'),
		events_before: [event('$b1'), event('$b2'), null, {type: 'x'}],
		events_after: [event('$a1')],
		state: [{type: 'm.room.member', event_id: '$m', state_key: '@b', content: {membership: 'join'}}, {type: 'm.room.topic', event_id: '$t', content: {}}],
	});
	const context = await eventContext(client, '!r:x', '$hit/odd');
	expect(authedRequest).toHaveBeenCalledWith('GET', '/rooms/!r%3Ax/context/%24hit%2Fodd', {limit: '20'});
	expect(context.events.map((found) => found.event_id)).toEqual(['$b2', '$b1', '$hit', '$a1']);
	expect(context.members.map((found) => found.event_id)).toEqual(['$m']);
});
