import {describe, expect, test} from 'vitest';
import {formatBytes, stateCensus} from '../../src/domain/state-census.js';
import type {RawEvent} from '../../src/domain/events.js';

const ev = (type: string, key: string, content: unknown, extra: Partial<RawEvent> = {}): RawEvent => ({type, state_key: key, sender: '@a:x', content, ...extra} as RawEvent);
const bytes = (event: RawEvent) => new TextEncoder().encode(JSON.stringify(event)).length;

describe('stateCensus', () => {
	test('counts live and deleted per type with byte sizes, and totals', () => {
		const events = [
			ev('m.room.member', '@a:x', {membership: 'join'}),
			ev('m.room.member', '@b:x', {membership: 'leave', reason: 'bye'}),
			ev('org.example.poll', '', {q: 'lunch?', deleted: true}),
			ev('org.example.poll', 'p2', {q: 'dinner?'}),
			ev('org.example.widget', 'w', {'m.obsolete': true}),
			ev('org.example.flag', '', {deleted: 'true'}),
			ev('org.example.old', '', {}, {unsigned: {redacted_because: {}}}),
		];
		const census = stateCensus(events);
		const row = (type: string) => census.rows.find((candidate) => candidate.type === type)!;
		expect(row('m.room.member')).toMatchObject({live: 1, deleted: 1, liveBytes: bytes(events[0]!), deletedBytes: bytes(events[1]!)});
		expect(row('org.example.poll')).toMatchObject({live: 1, deleted: 1});
		expect(row('org.example.widget')).toMatchObject({live: 0, deleted: 1});
		expect(row('org.example.flag')).toMatchObject({live: 1, deleted: 0});
		expect(row('org.example.old')).toMatchObject({live: 0, deleted: 1});
		expect(census.total).toMatchObject({live: 3, deleted: 4, liveBytes: bytes(events[0]!) + bytes(events[3]!) + bytes(events[5]!)});
		const sizes = census.rows.map((candidate) => candidate.liveBytes + candidate.deletedBytes);
		expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
	});

	test('types of the same size are in type order; an event that cannot be measured counts 0 bytes', () => {
		const census = stateCensus([ev('b.type', '', {}), ev('a.type', '', {}), ev('c.big', '', {n: 1n}), ev('c.big', 'k', {n: 1n})]);
		expect(census.rows.map((row) => row.type)).toEqual(['a.type', 'b.type', 'c.big']);
		expect(census.rows[2]).toEqual({type: 'c.big', live: 2, deleted: 0, liveBytes: 0, deletedBytes: 0});
		expect(stateCensus([ev('b', '', {}), ev('a', '', {})]).rows.map((row) => row.type)).toEqual(['a', 'b']);
		expect(stateCensus([ev('a', '', {}), ev('b', '', {})]).rows.map((row) => row.type)).toEqual(['a', 'b']);
	});

	test('hostile input does not throw', () => {
		expect(() => stateCensus([null as unknown as RawEvent, {type: 5} as unknown as RawEvent, ev('x', '', 'not an object')])).not.toThrow();
	});

	test.each([
		[0, '0 B'],
		[1023, '1023 B'],
		[1536, '1.5 KiB'],
		[3 * 1024 * 1024, '3.0 MiB'],
	])('formatBytes(%d) = %s', (value, expected) => {
		expect(formatBytes(value)).toBe(expected);
	});
});
