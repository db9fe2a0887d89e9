import {describe, expect, test} from 'vitest';
import {parseInput} from '../../src/commands/parse.js';
import type {SearchHit} from '../../src/domain/message-search.js';
import {heldContext, HELD_CONTEXT} from '../../src/state/jump.js';
import {moved, newSearch, wantsNextPage, withServerPage} from '../../src/state/search.js';
import {message} from '../support/events.js';

const hit = (eventId: string, ts: number): SearchHit => ({roomId: '!r', eventId, sender: '@b', ts, body: 'x'});
const start = {term: 'fox', all: true, serverRooms: ['!r'], encryptedRooms: 1, local: [hit('l1', 25), hit('l2', 5)]};

describe('the search pane as data', () => {
	test('pages come in order, a local hit waits until the server passed its time', () => {
		const first = newSearch(start, {hits: [hit('s1', 30), hit('s2', 20)], next: 'p2', count: 3});
		expect(first.results.map((found) => found.eventId)).toEqual(['s1', 'l1', 's2']);
		const second = withServerPage(first, {term: 'fox', all: true, from: 'p2'}, {hits: [hit('s3', 10), hit('s2', 20)]})!;
		expect(second.results.map((found) => found.eventId)).toEqual(['s1', 'l1', 's2', 's3', 'l2']);
		expect(second.next).toBeUndefined();
		// s2 came again (an edit's time moved it): listed once. A page for another search, or from another token, arriving late, is dropped.
		expect(withServerPage(first, {term: 'other', all: true, from: 'p2'}, {hits: [hit('x', 1)]})).toBe(first);
		expect(withServerPage(first, {term: 'fox', all: false, from: 'p2'}, {hits: [hit('x', 1)]})).toBe(first);
		expect(withServerPage(first, {term: 'fox', all: true, from: 'p1'}, {hits: [hit('x', 1)]})).toBe(first);
	});

	test('moves clamp to the list: Home and End are infinite steps', () => {
		const view = newSearch(start, {hits: [hit('s1', 30), hit('s2', 20)]});
		expect(moved(view, Number.POSITIVE_INFINITY).index).toBe(3);
		expect(moved(moved(view, 2), Number.NEGATIVE_INFINITY).index).toBe(0);
		expect(moved(view, -1)).toBe(view);
	});

	test('the next page once near the end, never while one is loading or when there is none', () => {
		const view = newSearch(start, {hits: [hit('s1', 30), hit('s2', 20)], next: 'p2'});
		expect(wantsNextPage(view, 10)).toBe(true);
		expect(wantsNextPage({...view, loading: true}, 10)).toBe(false);
		expect(wantsNextPage(newSearch(start, {hits: []}), 10)).toBe(false);
		expect(wantsNextPage(view, 1)).toBe(false);
	});
});

test('heldContext: the message with its neighbours from the loaded timeline, or nothing if not loaded', () => {
	const events = Array.from({length: 100}, (_, index) => message('@b', `m${index}`));
	const around = heldContext(events, events[50]!.event_id!)!;
	expect(around).toHaveLength(2 * HELD_CONTEXT + 1);
	expect(around[HELD_CONTEXT]).toBe(events[50]);
	expect(heldContext(events, events[0]!.event_id!)![0]).toBe(events[0]);
	expect(heldContext(events, '$elsewhere')).toBeUndefined();
});

test.each([
	['/search the quick fox', {name: 'search', term: 'the quick fox', all: false}],
	['/search --all secret word', {name: 'search', term: 'secret word', all: true}],
	['/search --allx', {name: 'search', term: '--allx', all: false}],
])('%j parses', (input, command) => {
	expect(parseInput(input)).toEqual({ok: true, command});
});

test('/search without text is a usage line', () => {
	expect(parseInput('/search --all')).toEqual({ok: false, error: '/search needs some text to look for — usage: /search [--all] <text>'});
	expect(parseInput('/search')).toEqual({ok: false, error: '/search needs some text to look for — usage: /search [--all] <text>'});
});
