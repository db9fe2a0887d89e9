import {describe, expect, test} from 'vitest';
import type {RawEvent} from '../../src/domain/events.js';
import {mediaNumbers, nthMedia} from '../../src/domain/media-numbers.js';
import {timelineLine} from '../../src/domain/timeline-text.js';

const file = (id: string, extra: Record<string, unknown> = {}): RawEvent => ({type: 'm.room.message', event_id: id, sender: '@a:x', content: {msgtype: 'm.file', body: `${id}.bin`, url: `mxc://x/${id}`, ...extra}});
const text = (id: string): RawEvent => ({type: 'm.room.message', event_id: id, sender: '@a:x', content: {msgtype: 'm.text', body: 'hi'}});

describe('media numbers', () => {
	const events: RawEvent[] = [
		file('old'),
		text('t1'),
		{type: 'm.sticker', event_id: 'sticker', sender: '@a:x', content: {body: 'wave', url: 'mxc://x/s'}},
		file('redacted', {url: undefined}),
		file('edit', {'m.relates_to': {rel_type: 'm.replace', event_id: 'old'}}),
		file('new'),
		text('t2'),
	];

	test('1 is the newest media event; text, redacted files and edits are not counted', () => {
		expect([...mediaNumbers(events)]).toEqual([
			['new', 1],
			['sticker', 2],
			['old', 3],
		]);
		expect(nthMedia(events, 1)?.event_id).toBe('new');
		expect(nthMedia(events, 3)?.event_id).toBe('old');
		expect(nthMedia(events, 4)).toBeUndefined();
	});

	test('the timeline line shows its number', () => {
		expect(timelineLine(file('x'), (id) => id, {mediaNumber: 2})?.text).toBe('#2 [file] x.bin');
		expect(timelineLine(file('x'), (id) => id)?.text).toBe('[file] x.bin');
	});
});
