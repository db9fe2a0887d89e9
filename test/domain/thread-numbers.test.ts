/** Issue 16: /thread n counts thread roots from the newest, as the 🧵 #n lines show them. */
import {expect, test} from 'vitest';
import {nthThreadRoot, threadNumbers} from '../../src/domain/thread-numbers.js';
import {message, threadReply} from '../support/events.js';

test('roots with a reply, or a bundled count, numbered from the newest; replies and plain messages are not', () => {
	const first = message('@a:x', 'first root');
	const plain = message('@a:x', 'no thread');
	const bundled = message('@a:x', 'older replies only', {unsigned: {'m.relations': {'m.thread': {count: 4}}}});
	const emptyBundle = message('@a:x', 'bundle of none', {unsigned: {'m.relations': {'m.thread': {count: 0}}}});
	const second = message('@a:x', 'second root');
	const events = [first, plain, bundled, emptyBundle, second, threadReply('@b:x', first, 'r1'), threadReply('@b:x', second, 'r2'), threadReply('@b:x', first, 'r3')];
	expect([...threadNumbers(events)]).toEqual([
		[second.event_id, 1],
		[bundled.event_id, 2],
		[first.event_id, 3],
	]);
	expect(nthThreadRoot(events, 1)).toBe(second);
	expect(nthThreadRoot(events, 3)).toBe(first);
	expect(nthThreadRoot(events, 4)).toBeUndefined();
});

test('a reply whose root is not held gives no number', () => {
	const root = message('@a:x', 'gone');
	expect(threadNumbers([threadReply('@b:x', root, 'orphan')]).size).toBe(0);
});
