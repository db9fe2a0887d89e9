/**
 * Issue 16, the matrix layer against the scenario server: /threads and the thread's pages as the
 * actions answer them, a reply in a thread through the outbox with its relation, and the threaded
 * read receipt.
 */
import {afterEach, expect, test} from 'vitest';
import {waitFor} from '../support/wait.js';
import {ALICE, ROOM, watchedSession, type WatchedSession} from './scenario-session.js';

let watched: WatchedSession | undefined;
afterEach(async () => {
	await watched?.close();
	watched = undefined;
});

const threadReply = (rootId: string, body: string, latestId = rootId) => ({
	type: 'm.room.message',
	sender: ALICE,
	content: {msgtype: 'm.text', body, 'm.relates_to': {rel_type: 'm.thread', event_id: rootId, is_falling_back: true, 'm.in_reply_to': {event_id: latestId}}},
});

test('list, pages, a reply in the thread with its relation, a threaded receipt', async () => {
	watched = await watchedSession();
	const {server, session} = watched;
	const rootId = server.injectEvent(ROOM, {type: 'm.room.message', sender: ALICE, content: {msgtype: 'm.text', body: 'a root'}});
	const firstId = server.injectEvent(ROOM, threadReply(rootId, 'first'));
	server.injectEvent(ROOM, threadReply(rootId, 'second', firstId));

	const list = await session.perform({type: 'thread-list', roomId: ROOM});
	expect(list.ok && list.value.threads.map(({rootId: id, count, latestSender}) => ({id, count, latestSender}))).toEqual([{id: rootId, count: 2, latestSender: ALICE}]);

	const page = await session.perform({type: 'thread-page', roomId: ROOM, rootId});
	if (!page.ok) throw new Error(page.error.message);
	expect(page.value.root?.content?.['body']).toBe('a root');
	expect(page.value.replies.map((event) => event.content?.['body'])).toEqual(['first', 'second']);
	const secondId = page.value.replies[1]!.event_id!;

	const sent = await session.perform({type: 'send-text', roomId: ROOM, body: 'mine', thread: {rootId, latestId: secondId}});
	expect(sent.ok).toBe(true);
	const mine = await waitFor(() => watched!.room().events.find((event) => event.content?.['body'] === 'mine'));
	expect(mine.content?.['m.relates_to']).toEqual({rel_type: 'm.thread', event_id: rootId, is_falling_back: true, 'm.in_reply_to': {event_id: secondId}});
	expect(mine.content?.['m.mentions']).toEqual({});

	expect(await session.perform({type: 'read-thread', roomId: ROOM, rootId, eventId: mine.event_id!})).toEqual({ok: true, value: undefined});
	// With private receipts on: m.read.private, still threaded.
	expect(await session.perform({type: 'read-thread', roomId: ROOM, rootId, eventId: mine.event_id!, private: true})).toEqual({ok: true, value: undefined});
	const receipts = server.requests.filter((request) => request.method === 'POST' && request.path.includes('/receipt/'));
	expect(receipts.map((request) => [request.path.split('/receipt/')[1]!.split('/')[0], request.body])).toEqual([
		['m.read', {thread_id: rootId}],
		['m.read.private', {thread_id: rootId}],
	]);
	const refused = await session.perform({type: 'thread-list', roomId: '!nowhere:demo.local'});
	expect(refused.ok).toBe(false);
});
