import {afterEach, beforeEach, expect, test} from 'vitest';
import {LOBBY_ROOM_ID, MAIN_ROOM_ID} from '../../src/demo/scenario.js';
import {startScenarioServer, type ScenarioServer} from '../../src/demo/server.js';
import {searchPage, searchRequestBody} from '../../src/domain/message-search.js';
import {api, roomPath} from './helpers.js';

let server: ScenarioServer;
beforeEach(async () => {
	server = await startScenarioServer();
});
afterEach(async () => {
	await server.close();
});

test('/search finds messages in the rooms asked for, newest first, case-insensitive; the jump\'s /context around one', async () => {
	const {status, json} = await api(server, 'POST', '/_matrix/client/v3/search', searchRequestBody('LUNCH', [LOBBY_ROOM_ID, MAIN_ROOM_ID]));
	expect(status).toBe(200);
	const page = searchPage(json);
	expect(page.hits.map((hit) => [hit.roomId, hit.body])).toEqual([[LOBBY_ROOM_ID, 'Lunch at noon?']]);

	const context = await api(server, 'GET', `${roomPath(LOBBY_ROOM_ID, `/context/${encodeURIComponent(page.hits[0]!.eventId)}`)}?limit=4`);
	expect(context.json.event.content.body).toBe('Lunch at noon?');
	expect(context.json.events_before.at(-1)).toBeDefined();
	expect(context.json.events_before[0].origin_server_ts).toBeLessThan(context.json.event.origin_server_ts);
	expect(context.json.state.some((event: {type: string}) => event.type === 'm.room.member')).toBe(true);
});

test('only the rooms in the filter; pages by next_batch; a missing event is 404, a bad term 400', async () => {
	const none = searchPage((await api(server, 'POST', '/_matrix/client/v3/search', searchRequestBody('lunch', [MAIN_ROOM_ID]))).json);
	expect(none.hits).toEqual([]);
	const firstAnswer = (await api(server, 'POST', '/_matrix/client/v3/search', searchRequestBody('e', [MAIN_ROOM_ID]))).json;
	// Pages of 10 results; the client's page may hold one fewer (an edit and the message it replaces are one hit).
	expect(firstAnswer.search_categories.room_events.results).toHaveLength(10);
	const first = searchPage(firstAnswer);
	expect(first.next).toBe('10');
	const second = searchPage((await api(server, 'POST', '/_matrix/client/v3/search?next_batch=10', searchRequestBody('e', [MAIN_ROOM_ID]))).json);
	expect(second.hits[0]!.ts).toBeLessThanOrEqual(first.hits.at(-1)!.ts);
	expect(second.hits.map((hit) => hit.eventId)).not.toContain(first.hits[0]!.eventId);
	expect((await api(server, 'GET', roomPath(LOBBY_ROOM_ID, '/context/%24nope'))).status).toBe(404);
	expect((await api(server, 'POST', '/_matrix/client/v3/search', {search_categories: {room_events: {search_term: 5}}})).status).toBe(400);
});
