/** Issue 16: the /threads answer read from untrusted JSON, the unread rule, and a thread reply's relation. */
import {describe, expect, test} from 'vitest';
import {isThreadUnread, threadEntry, threadListPage, threadPage, threadRelation} from '../../src/domain/threads.js';

const ME = '@me:x';

function root(id: string, bundle: unknown, ts = 1000) {
	return {type: 'm.room.message', event_id: id, sender: '@bob:x', origin_server_ts: ts, content: {body: id}, unsigned: {'m.relations': {'m.thread': bundle}}};
}

describe('threadListPage', () => {
	test('entries with their count and latest reply, newest activity first, and the next token', () => {
		const page = threadListPage({
			chunk: [
				root('$old', {count: 1, latest_event: {event_id: '$r1', sender: '@alice:x', origin_server_ts: 2000}}),
				root('$new', {count: 3, latest_event: {event_id: '$r2', sender: '@carol:x', origin_server_ts: 5000}}),
			],
			next_batch: 'page2',
		});
		expect(page.next).toBe('page2');
		expect(page.threads.map(({rootId, count, latestTs, latestSender, latestId}) => ({rootId, count, latestTs, latestSender, latestId}))).toEqual([
			{rootId: '$new', count: 3, latestTs: 5000, latestSender: '@carol:x', latestId: '$r2'},
			{rootId: '$old', count: 1, latestTs: 2000, latestSender: '@alice:x', latestId: '$r1'},
		]);
	});

	test.each([
		['no chunk', {}, []],
		['a chunk that is not a list', {chunk: 'x'}, []],
		['entries that are not objects', {chunk: [null, 1, 'x']}, []],
		['a root without an event ID', {chunk: [{type: 'm.room.message', content: {}}]}, []],
		['a root that is itself a thread reply', {chunk: [{...root('$r', {count: 1}), content: {'m.relates_to': {rel_type: 'm.thread', event_id: '$x'}}}]}, []],
	])('%s: dropped', (_name, body, expected) => {
		expect(threadListPage(body).threads).toEqual(expected);
	});

	test.each([
		['"3"', '3'],
		['-1', -1],
		['1.5', 1.5],
		['null', null],
	])('a count of %s is 0, and the root time stands for the latest', (_name, count) => {
		expect(threadEntry(root('$r', {count, latest_event: 'nope'}, 777))).toMatchObject({count: 0, latestTs: 777});
	});

	test('an empty next_batch is the end', () => {
		expect(threadListPage({chunk: [], next_batch: ''})).toEqual({threads: []});
	});
});

describe('isThreadUnread', () => {
	const thread = {count: 2, latestTs: 5000, latestSender: '@bob:x'};
	test.each([
		['never opened', undefined, true],
		['seen before its latest reply', 4999, true],
		['seen up to its latest reply', 5000, false],
		['seen after', 6000, false],
	])('%s', (_name, seen, unread) => {
		expect(isThreadUnread(thread, seen, ME)).toBe(unread);
	});
	test('our own latest reply is never news, nor a thread without replies', () => {
		expect(isThreadUnread({...thread, latestSender: ME}, undefined, ME)).toBe(false);
		expect(isThreadUnread({...thread, count: 0}, undefined, ME)).toBe(false);
	});
});

test('a thread reply relates to the root, with the fallback reply to the latest event', () => {
	expect(threadRelation({rootId: '$root', latestId: '$latest'})).toEqual({rel_type: 'm.thread', event_id: '$root', is_falling_back: true, 'm.in_reply_to': {event_id: '$latest'}});
});

test('threadPage: replies oldest first, others and malformed ones dropped, the older token kept', () => {
	const reply = (id: string, rootId = '$root') => ({type: 'm.room.message', event_id: id, content: {body: id, 'm.relates_to': {rel_type: 'm.thread', event_id: rootId}}});
	const page = threadPage({chunk: [reply('$3'), reply('$x', '$other'), {content: {}}, reply('$2'), reply('$1')], next_batch: 'older'}, '$root', {type: 'm.room.message', event_id: '$root'});
	expect(page.replies.map((event) => event.event_id)).toEqual(['$1', '$2', '$3']);
	expect(page.older).toBe('older');
	expect(page.root?.event_id).toBe('$root');
	expect(threadPage({chunk: 'x'}, '$root')).toEqual({replies: []});
});
