/**
 * Issue 16: a 5,000-result /search pane costs a frame what a screenful costs. The row builder is
 * counted: a frame builds only the rows in view, wherever the highlight is (Home, End, PgDn), and
 * the server's next page is asked for once, as the highlight nears the end of what is held.
 */
import {afterEach, expect, test, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {SearchHit} from '../../src/domain/message-search.js';
import * as rows from '../../src/ui/search-rows.js';
import {renderChat} from '../support/screen.js';

vi.mock('../../src/ui/search-rows.js', async (original) => {
	const real = await original<typeof import('../../src/ui/search-rows.js')>();
	return {...real, searchRow: vi.fn(real.searchRow)};
});

afterEach(() => cleanup());

const ROOM = '!big:example.org';
const hit = (index: number): SearchHit => ({roomId: ROOM, eventId: `$e${index}`, sender: '@bob:example.org', ts: 1_700_000_000_000 - index * 1000, body: `message number ${index} with the fox`});

test('5,000 results: each frame builds O(visible) rows; Home, End, PgDn move; the next page at the end', async () => {
	const app = renderChat({columns: 100, rows: 16});
	app.session.pushRoom({roomId: ROOM, name: 'Big room'});
	app.store.dispatch({type: 'select-room', roomId: ROOM});
	app.session.answer((action) => action.type === 'search-messages' && action.next === undefined, {ok: true, value: {hits: Array.from({length: 5000}, (_, index) => hit(index)), next: 'p2', count: 5003}});
	app.session.answer((action) => action.type === 'search-messages' && action.next === 'p2', {ok: true, value: {hits: [5000, 5001, 5002].map(hit)}});
	const built = vi.mocked(rows.searchRow);

	app.submit('/search fox');
	await app.waitFor('Search "fox" in Big room (5000 of ~5003)');
	// The pane has 16 - 2 (composer, status) - 5 rows for results.
	const visible = 9;
	built.mockClear();
	app.type('\u001b[6~'); // PgDn
	// A page is the main area's height less three rows: 11 here.
	await app.until(() => app.store.getState().search?.index === 11);
	await app.waitFor('message number 15 with');
	expect(built.mock.calls.length).toBeGreaterThan(0);
	expect(built.mock.calls.length).toBeLessThanOrEqual(visible * 3);

	built.mockClear();
	app.type('\u001b[F'); // End
	await app.waitFor('message number 5002 with');
	expect(app.session.actions.filter((action) => action.type === 'search-messages')).toEqual([
		{type: 'search-messages', term: 'fox', roomIds: [ROOM]},
		{type: 'search-messages', term: 'fox', roomIds: [ROOM], next: 'p2'},
	]);
	// End went to the last row held; once the page came, End again reaches the new last one.
	app.type('\u001b[F');
	await app.until(() => app.store.getState().search?.index === 5002);
	const frames = built.mock.calls.map(([found]) => found.eventId);
	expect(new Set(frames).size).toBeLessThanOrEqual(visible * 2);
	expect(frames).not.toContain('$e0');

	built.mockClear();
	app.type('\u001b[H'); // Home
	await app.waitFor('message number 0 with');
	expect(app.store.getState().search?.index).toBe(0);
	expect(Math.max(...built.mock.calls.map(([found]) => Number(found.eventId.slice(2))))).toBeLessThan(visible * 2);
});
