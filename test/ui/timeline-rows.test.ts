import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {cellWidth} from '../../src/domain/text-width.js';
import type {TimelineItem} from '../../src/state/selectors.js';
import {newestRows, reactionChips, rowsForItem} from '../../src/ui/timeline-rows.js';

const TIME_WIDTH = 6;

function item(extra: Partial<TimelineItem>): TimelineItem {
	return {key: '$a', timestamp: Date.UTC(2024, 0, 1, 9, 30), line: {kind: 'message', sender: 'Bob', text: 'sure'}, ...extra};
}

describe('timeline rows for relations', () => {
	test('the quote above, then the message, reactions and the thread marker below', () => {
		const rows = rowsForItem(
			item({
				replyTo: {sender: 'Alice', preview: 'coming on Friday?'},
				reactions: [
					{key: '👍', count: 2, mine: true},
					{key: '🎉', count: 1, mine: false},
				],
				threadSummary: '3 replies in thread (last: Bob)',
			}),
			60,
		);
		expect(rows.map((row) => [row.time, row.text, row.part])).toEqual([
			['', '↳ Alice: coming on Friday?', 'reply'],
			['09:30', 'Bob: sure', undefined],
			['', '  👍 2  🎉 1', 'reactions'],
			['', '  🧵 3 replies in thread (last: Bob)', 'thread'],
		]);
		expect(rows[1]!.sender).toBe('Bob');
		expect(rows[2]!.chips).toEqual([
			{text: '  ', mine: false},
			{text: '👍 2', mine: true},
			{text: '  ', mine: false},
			{text: '🎉 1', mine: false},
		]);
		expect(new Set(rows.map((row) => row.key)).size).toBe(rows.length);
	});

	test('reactions that do not fit end in +N', () => {
		const reactions = ['👍', '🎉', '🚀', '👀'].map((key) => ({key, count: 1, mine: false}));
		expect(reactionChips(reactions, 100).map((chip) => chip.text).join('')).toBe('  👍 1  🎉 1  🚀 1  👀 1');
		expect(reactionChips(reactions, 20).map((chip) => chip.text).join('')).toBe('  👍 1  🎉 1  +2');
		expect(reactionChips(reactions, 6).map((chip) => chip.text).join('')).toBe('  +4');
		expect(cellWidth(reactionChips(reactions, 2).map((chip) => chip.text).join(''))).toBeLessThanOrEqual(2);
	});

	test('every row fits the width, whatever the relations hold', () => {
		const text = fc.string({unit: fc.constantFrom('a', ' ', '漢', '👨‍👩‍👧', 'é', '🇫🇷', '\u0301', 'word '), maxLength: 60});
		fc.assert(
			fc.property(
				fc.integer({min: TIME_WIDTH + 1, max: 160}),
				fc.option(fc.record({sender: text, preview: text}), {nil: undefined}),
				fc.array(fc.record({key: text.map((key) => key.slice(0, 8)), count: fc.integer({min: 1, max: 100_000}), mine: fc.boolean()}), {maxLength: 30}),
				fc.option(text, {nil: undefined}),
				(width, replyTo, reactions, threadSummary) => {
					const rows = rowsForItem(item({replyTo, reactions, threadSummary}), width);
					for (const row of rows) expect(TIME_WIDTH + cellWidth(row.text)).toBeLessThanOrEqual(width);
				},
			),
			{numRuns: 500},
		);
	});
});

describe('timeline rows for our messages not out yet', () => {
	test('sending, and refused with the reason: the status after the text, on a row of its own when it does not fit, never wider than the pane', () => {
		expect(rowsForItem(item({pending: 'sending'}), 60).map((row) => [row.text, row.status])).toEqual([['Bob: sure', ' (sending…)']]);
		expect(rowsForItem(item({pending: 'failed', pendingReason: 'not allowed'}), 60).map((row) => [row.text, row.status])).toEqual([['Bob: sure', ' (not sent: not allowed)']]);
		expect(rowsForItem(item({pending: 'failed'}), 60).map((row) => row.status)).toEqual([' (not sent)']);
		const long = rowsForItem(item({pending: 'failed', pendingReason: 'not allowed: You do not have permission to post that to the room (M_FORBIDDEN)'}), 40);
		expect(long.map((row) => row.text)).toEqual(['Bob: sure', '']);
		expect(cellWidth(long[1]!.status!)).toBeLessThanOrEqual(40 - TIME_WIDTH);
		expect(long[1]!.status).toMatch(/^ \(not sent: not allowed.*…$/);
	});
});

describe('timeline rows for pictures', () => {
	const image = (key: string) => item({key, line: {kind: 'message', sender: 'Bob', text: '#1 [image] rb.png'}, image: {eventType: 'm.room.message', content: {msgtype: 'm.image'}}, reactions: [{key: '👍', count: 1, mine: false}]});

	test('the picture rows go under the media line and above the reactions; a failure is a note on the line', () => {
		const rows = rowsForItem(image('$p'), 60, {lines: ['A', 'B']});
		expect(rows.map((row) => [row.part, row.text, row.picture])).toEqual([
			[undefined, 'Bob: #1 [image] rb.png', undefined],
			['picture', '', '  A'],
			['picture', '', '  B'],
			['reactions', '  👍 1', undefined],
		]);
		expect(rowsForItem(image('$q'), 80, {note: 'no preview: the image is damaged'})[0]!.text).toBe('Bob: #1 [image] rb.png (no preview: the image is damaged)');
	});

	test('the cache is per picture: rows laid out before it came are not reused after', () => {
		const withPicture = image('$r');
		expect(rowsForItem(withPicture, 60)).toHaveLength(2);
		expect(rowsForItem(withPicture, 60, {lines: ['A', 'B', 'C']})).toHaveLength(5);
	});

	test('newestRows counts picture rows towards what fills the pane', () => {
		const items = [item({key: '$old'}), image('$img')];
		const picture = {lines: ['1', '2', '3', '4']};
		expect(newestRows(items, 60, 6, new Map(), undefined, () => picture)).toMatchObject({complete: false, rows: {length: 6}});
		expect(newestRows(items, 60, 6).complete).toBe(true);
	});
});
