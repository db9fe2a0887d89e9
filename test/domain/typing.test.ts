import {describe, expect, it} from 'vitest';
import {typingInSync, typingLine} from '../../src/domain/typing.js';

const sync = (rooms: Record<string, unknown>) => ({rooms: {join: rooms}});
const typing = (userIds: unknown) => ({type: 'm.typing', content: {user_ids: userIds}});

describe('typingInSync', () => {
	it('gives the rooms whose typing list came, each with its last list', () => {
		const body = sync({
			'!a:x': {ephemeral: {events: [typing(['@old:x']), {type: 'm.receipt', content: {}}, typing(['@alice:x', '@bob:x'])]}},
			'!b:x': {ephemeral: {events: [typing([])]}},
			'!c:x': {ephemeral: {events: [{type: 'm.receipt', content: {}}]}},
			'!d:x': {timeline: {events: []}},
		});
		expect(typingInSync(body)).toEqual([
			{roomId: '!a:x', userIds: ['@alice:x', '@bob:x']},
			{roomId: '!b:x', userIds: []},
		]);
	});

	it('keeps only user IDs, once each, and at most 100 of a hostile list', () => {
		const many = Array.from({length: 500}, (_, index) => `@u${index}:x`);
		expect(typingInSync(sync({'!a:x': {ephemeral: {events: [typing(['@a:x', '@a:x', 7, null, 'not-a-user', {}])]}}}))).toEqual([{roomId: '!a:x', userIds: ['@a:x']}]);
		expect(typingInSync(sync({'!a:x': {ephemeral: {events: [typing(many)]}}}))[0]!.userIds).toHaveLength(100);
		expect(typingInSync(sync({'!a:x': {ephemeral: {events: [typing('nope')]}}}))).toEqual([{roomId: '!a:x', userIds: []}]);
		expect(typingInSync(null)).toEqual([]);
		expect(typingInSync({rooms: {join: {'!a:x': {ephemeral: {events: 'nope'}}}}})).toEqual([]);
	});
});

describe('typingLine', () => {
	it('names one or two, and counts the others', () => {
		expect(typingLine([])).toBeUndefined();
		expect(typingLine(['Alice'])).toBe('Alice is typing…');
		expect(typingLine(['Alice', 'Bob'])).toBe('Alice and Bob are typing…');
		expect(typingLine(['Alice', 'Bob', 'Carol', 'Dan'])).toBe('Alice and 3 others are typing…');
	});
});
