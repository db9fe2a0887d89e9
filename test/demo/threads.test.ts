/**
 * Issue 16: the demo server answers /threads and /relations as Synapse does, so /threads and the
 * thread pane work in --demo: the main room's thread (under Bob's "$typo") with its two replies.
 */
import {afterEach, beforeEach, expect, test} from 'vitest';
import {MAIN_ROOM_ID} from '../../src/demo/scenario.js';
import {startScenarioServer, type ScenarioServer} from '../../src/demo/server.js';
import {api} from './helpers.js';

let server: ScenarioServer;
beforeEach(async () => {
	server = await startScenarioServer();
});
afterEach(async () => {
	await server.close();
});

const v1 = (rest: string) => `/_matrix/client/v1/rooms/${encodeURIComponent(MAIN_ROOM_ID)}${rest}`;

test('/threads: the root with its bundled count and latest reply', async () => {
	const {status, json} = await api(server, 'GET', v1('/threads?include=all'));
	expect(status).toBe(200);
	expect(json.chunk.map((root: {event_id: string}) => root.event_id)).toEqual(['$typo']);
	const bundle = json.chunk[0].unsigned['m.relations']['m.thread'];
	expect(bundle).toMatchObject({count: 2, current_user_participated: false, latest_event: {content: {body: 'With the departures at the bottom, I think.'}}});
	expect(json.next_batch).toBeUndefined();
});

test('/relations: the replies newest first, paged by next_batch; a bad token is a 400', async () => {
	const first = await api(server, 'GET', v1('/relations/%24typo/m.thread?limit=1&dir=b'));
	expect(first.json.chunk.map((event: {content: {body: string}}) => event.content.body)).toEqual(['With the departures at the bottom, I think.']);
	expect(first.json.next_batch).toBe('1');
	const second = await api(server, 'GET', v1(`/relations/%24typo/m.thread?limit=1&dir=b&from=${first.json.next_batch}`));
	expect(second.json.chunk.map((event: {event_id: string}) => event.event_id)).toEqual(['$thread_start']);
	expect(second.json.next_batch).toBeUndefined();
	expect((await api(server, 'GET', v1('/relations/%24typo/m.thread?from=x'))).status).toBe(400);
});

test('a reply sent in the thread is counted and listed first', async () => {
	const content = {msgtype: 'm.text', body: 'mine', 'm.relates_to': {rel_type: 'm.thread', event_id: '$typo', is_falling_back: true, 'm.in_reply_to': {event_id: '$thread_start'}}};
	await api(server, 'PUT', `/_matrix/client/v3/rooms/${encodeURIComponent(MAIN_ROOM_ID)}/send/m.room.message/t1`, content);
	const {json} = await api(server, 'GET', v1('/threads'));
	expect(json.chunk[0].unsigned['m.relations']['m.thread']).toMatchObject({count: 3, current_user_participated: true, latest_event: {content: {body: 'mine'}}});
	const replies = await api(server, 'GET', v1('/relations/%24typo/m.thread'));
	expect(replies.json.chunk[0].content.body).toBe('mine');
});
