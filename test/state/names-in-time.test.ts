import {describe, expect, test} from 'vitest';
import {namesInTime} from '../../src/state/names-in-time.js';
import type {RawEvent} from '../../src/domain/events.js';

const C = '@carol:x';
const msg = (sender: string, body: string): RawEvent => ({type: 'm.room.message', sender, content: {body}});
const mem = (content: Record<string, unknown>, prev?: Record<string, unknown>): RawEvent => ({type: 'm.room.member', sender: C, state_key: C, content, ...(prev ? {unsigned: {prev_content: prev}} : {})});

describe('namesInTime', () => {
	test('messages before a rename keep the old name; after it, the new one', () => {
		const events = [mem({membership: 'join', displayname: 'Carol'}), msg(C, 'hi'), mem({membership: 'join', displayname: 'Caroline'}, {membership: 'join', displayname: 'Carol'}), msg(C, 'new me')];
		const names = namesInTime(events, () => 'Caroline');
		expect(names.map((nameOf) => nameOf(C))).toEqual(['Carol', 'Carol', 'Caroline', 'Caroline']);
	});

	test('a leave is named by the name before it; other users use the current name', () => {
		const events = [msg(C, 'bye'), mem({membership: 'leave'}, {membership: 'join', displayname: 'Carol'})];
		const names = namesInTime(events, (userId) => (userId === C ? '@carol:x' : 'Alice'));
		expect(names[1]!(C)).toBe('Carol');
		expect(names[0]!(C)).toBe('Carol');
		expect(names[0]!('@alice:x')).toBe('Alice');
	});

	test('hostile names stay sanitized', () => {
		const events = [msg(C, 'x'), mem({membership: 'join', displayname: 'ok'}, {membership: 'join', displayname: 'e\u001b]0;t\u0007'})];
		expect(namesInTime(events, () => 'ok')[0]!(C)).not.toMatch(/[\u0000-\u001f]/);
	});
});
