/** Issue 16: a /threads line: unread mark, sender, root text (sanitized, one line), reply count, last reply time. */
import {expect, test} from 'vitest';
import type {ThreadEntry} from '../../src/domain/threads.js';
import {cellWidth} from '../../src/domain/text-width.js';
import {threadListLine, when} from '../../src/ui/thread-list-rows.js';

const NOW = new Date(2026, 11, 3, 15, 30).getTime();
const names: Record<string, string> = {'@bob:x': 'Bob'};
const nameOf = (userId: string) => names[userId] ?? userId;

function thread(body: unknown, extra: Partial<ThreadEntry> = {}): ThreadEntry {
	return {rootId: '$r', root: {type: 'm.room.message', event_id: '$r', sender: '@bob:x', content: {msgtype: 'm.text', body}}, count: 3, latestTs: new Date(2026, 11, 3, 9, 5).getTime(), ...extra};
}

test('the parts, in order; unread marked', () => {
	expect(threadListLine(thread('Where do we start?'), {nameOf, unread: true, width: 80, now: NOW})).toBe('● Bob: Where do we start?  — 3 replies, last 09:05');
	expect(threadListLine(thread('x', {count: 1}), {nameOf, unread: false, width: 80, now: NOW})).toBe('  Bob: x  — 1 reply, last 09:05');
	expect(threadListLine(thread('x', {count: 0}), {nameOf, unread: false, width: 80, now: NOW})).toBe('  Bob: x  — 0 replies');
});

test('the root text is one sanitized line, cut before the count and time are', () => {
	const line = threadListLine(thread('evil\u001b]0;title\u0007 text\nsecond line ' + 'long '.repeat(40)), {nameOf, unread: false, width: 60, now: NOW});
	expect(line).not.toMatch(/[\u001b\u0007\n]/);
	expect(line.endsWith('— 3 replies, last 09:05')).toBe(true);
	expect(cellWidth(line)).toBeLessThanOrEqual(60);
	expect(line).toContain('…');
});

test('an encrypted root says so; a name from the server is sanitized', () => {
	const encrypted = {...thread('x'), root: {type: 'm.room.encrypted', event_id: '$r', sender: '@evil\u001b[2J:x', content: {}}};
	const line = threadListLine(encrypted, {nameOf, unread: false, width: 80, now: NOW});
	expect(line).toContain('encrypted message');
	expect(line).not.toContain('\u001b');
});

test('the time is hh:mm today, with the date on another day', () => {
	expect(when(new Date(2026, 11, 3, 0, 1).getTime(), NOW)).toBe('00:01');
	expect(when(new Date(2026, 10, 28, 23, 59).getTime(), NOW)).toBe('2026-11-28 23:59');
});
