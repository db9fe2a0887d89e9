/** Read receipts from sync bodies, and who has read which of the newest events, malformed ones included. */
import {describe, expect, test} from 'vitest';
import {readersAt, readersText, receiptsInSync} from '../../src/domain/receipts.js';

const body = (ephemeral: unknown) => ({rooms: {join: {'!r:x': {ephemeral}}}});
const receipt = (content: unknown) => body({events: [{type: 'm.receipt', content}]});

describe('receiptsInSync', () => {
	test.each([
		[receipt({$e1: {'m.read': {'@bob:x': {ts: 1}}}}), [{userId: '@bob:x', eventId: '$e1', private: false}]],
		[receipt({$e1: {'m.read.private': {'@me:x': {ts: 1}}}}), [{userId: '@me:x', eventId: '$e1', private: true}]],
		[receipt({$e1: {'m.read': {'@bob:x': {ts: 1, thread_id: 'main'}}}}), [{userId: '@bob:x', eventId: '$e1', private: false}]],
		[receipt({$e1: {'m.read': {'@bob:x': {ts: 1, thread_id: '$root'}}}}), []],
		[receipt({$e1: {'m.something': {'@bob:x': {}}}}), []],
		[receipt({notanid: {'m.read': {'@bob:x': {}}}}), []],
		[receipt({$e1: {'m.read': {bob: {}}}}), []],
		[receipt({$e1: {'m.read': 'garbage'}}), []],
		[receipt(null), []],
		[receipt('true'), []],
		[body({events: 'nope'}), []],
		[body(undefined), []],
		[{rooms: null}, []],
		[null, []],
	])('%j → %j', (sync, expected) => {
		const rooms = receiptsInSync(sync);
		expect(rooms.flatMap((room) => room.receipts)).toEqual(expected);
	});
});

describe('readersAt', () => {
	test('each user at their latest event among the newest, not us, a few names each and a count', () => {
		const positions = new Map([
			['@me:x', '$3'],
			['@bob:x', '$3'],
			['@carol:x', '$2'],
			['@old:x', '$0'],
			['@d:x', '$3'],
			['@e:x', '$3'],
			['@f:x', '$3'],
		]);
		expect(readersAt(positions, ['$1', '$2', '$3'], '@me:x')).toEqual([
			{eventId: '$2', userIds: ['@carol:x'], more: 0},
			{eventId: '$3', userIds: ['@bob:x', '@d:x', '@e:x'], more: 1},
		]);
		expect(readersAt(new Map(), ['$1'], '@me:x')).toEqual([]);
	});

	test('the text', () => {
		expect(readersText(['Bob', 'Carol'], 2)).toBe('✓ Bob, Carol +2');
		expect(readersText(['Bob'], 0)).toBe('✓ Bob');
		expect(readersText([], 3)).toBe('');
	});
});
