/** The readers every rule uses on untrusted JSON. */
import {describe, expect, test} from 'vitest';
import {asEvent, asObject, contentOf, isRedacted, isRoomSetting, isStateEvent, pickKeys, prevContentOf, type RawEvent} from '../../src/domain/events.js';

describe('events', () => {
	test.each([
		[{a: 1}, {a: 1}],
		[null, {}],
		[[1], {}],
		['x', {}],
		[undefined, {}],
	])('asObject(%j) → %j', (value, object) => {
		expect(asObject(value)).toEqual(object);
	});

	test.each([null, 'x', [1], 3])('asEvent(%j) is an event of no type', (value) => {
		expect(asEvent(value)).toStrictEqual({type: ''});
	});

	test('asEvent keeps an object as it is', () => {
		const event = {type: 'm.room.message'};
		expect(asEvent(event)).toBe(event);
	});

	test.each([
		['m.room.name', true],
		['m.room.', true],
		['m.reaction', false],
		['org.m.room.name', false],
		['', false],
		[7, false],
	])('isRoomSetting(%j) = %s', (type, setting) => {
		expect(isRoomSetting({type} as RawEvent)).toBe(setting);
	});

	test('content, previous content (unsigned first, then top level), state and redaction', () => {
		expect(contentOf({type: 'x', content: 'no' as unknown as RawEvent['content']})).toEqual({});
		expect(prevContentOf({type: 'x', prev_content: {a: 1}})).toEqual({a: 1});
		expect(prevContentOf({type: 'x', prev_content: {a: 1}, unsigned: {prev_content: {b: 2}}})).toEqual({b: 2});
		expect(prevContentOf({type: 'x'})).toEqual({});
		expect(isStateEvent({type: 'x', state_key: ''})).toBe(true);
		expect(isStateEvent({type: 'x', state_key: 1 as unknown as string})).toBe(false);
		expect(isRedacted({type: 'x', unsigned: {redacted_because: {}}})).toBe(true);
		expect(isRedacted({type: 'x', unsigned: {redacted_because: null}})).toBe(false);
		expect(isRedacted({type: 'x', unsigned: {}})).toBe(false);
		expect(isRedacted({type: 'x', unsigned: null as unknown as RawEvent['unsigned']})).toBe(false);
		expect(isRedacted({type: 'x'})).toBe(false);
	});

	test('pickKeys copies the keys the object has, and only own values that are set', () => {
		const from = {a: 1, b: undefined, c: null, d: 'x'};
		const picked = pickKeys(from, ['a', 'b', 'c', 'e']);
		expect(picked).toStrictEqual({a: 1, c: null});
		expect(picked).not.toBe(from);
		expect(pickKeys('x', ['length'])).toStrictEqual({});
	});
});
