/**
 * Issue 5, "untrusted input cannot hurt the terminal": hostile events through the rules AND the
 * rendering. Rooms built from generated events (every field of any JSON type, escape sequences,
 * controls, bidi, lone surrogates, wide and zero-width text everywhere) are drawn by the real app
 * into virtual terminals of several sizes, with the member list, the state panel, deleted state,
 * the room switcher and the invite pane all shown, scrolled through end to end. Every frame Ink
 * writes must hold no control, escape (but the app's own SGR), bidi control or lone surrogate, and
 * no row wider or frame taller than the terminal.
 *
 * SECURITY_RUNS=n changes the number of rooms; fast-check prints the seed of a failure (replay it
 * with fc.assert's `seed` and `path`); SECURITY_SHRINK=1 shrinks a failure (slow: each try renders).
 */
import fc from 'fast-check';
import {afterAll, describe, expect, test} from 'vitest';
import {FakeSession} from '../support/fake-session.js';
import {heldContext} from '../../src/state/jump.js';
import {newSearch} from '../../src/state/search.js';
import {BIDI, CONTROLS, ESCAPE_SEQUENCES, ME, WIDE, ZERO_WIDTH, hostileRooms} from './arbitraries.js';
import {badFrames, mountApp, type Frame, type Size, type VirtualApp} from './virtual-terminal.js';

const RUNS = Number(process.env.SECURITY_RUNS ?? 250);
const EVENTS_PER_ROOM = 40;
/**
 * 120×40 has the room list and the side panel; 80×24 no side panel (it needs 90 columns); 45×12
 * neither. Every room is drawn at 45×12, the narrowest, and at one of the other two (a 120×40 frame
 * costs ~6 ms, three sizes for every room would not fit the time budget).
 */
const NARROW: Size = {columns: 45, rows: 12};
const WIDER: readonly Size[] = [
	{columns: 120, rows: 40},
	{columns: 80, rows: 24},
];
const SIZES: readonly Size[] = [...WIDER, NARROW];
const MAX_PAGES = 40;

const MAIN = '!hostile:example.org';
const OTHER = '!other:example.org';
const INVITE = '!invite:example.org';

const counts = {rooms: 0, events: 0, frames: 0, bySize: {} as Record<string, {rooms: number; frames: number}>};

afterAll(() => {
	console.info(
		`security/rendering: ${counts.rooms} rooms, ${counts.events} generated events, ${counts.frames} frames checked ` +
			`(${Object.entries(counts.bySize).map(([size, seen]) => `${size}: ${seen.rooms} rooms, ${seen.frames} frames`).join('; ')})`,
	);
});

/** Repeats `change` until the screen stops changing (or MAX_PAGES): scrolling to the end. */
function untilStill(app: VirtualApp, change: () => void): void {
	for (let page = 0; page < MAX_PAGES; page++) {
		const count = app.screen.frames.length;
		const last = app.screen.frames.at(-1)?.text;
		app.step(change);
		if (app.screen.frames.length === count || app.screen.frames.at(-1)?.text === last) return;
	}
}

/** Everything the app shows about the rooms at this size, scrolled through. */
function tour(app: VirtualApp, size: Size): void {
	const {store} = app.chat;
	const dispatch = store.dispatch;
	// A page is what the timeline and the side panel show below their title (App.tsx, Timeline.tsx): every row once.
	const pageRows = Math.max(1, size.rows - 3);
	app.step(() => dispatch({type: 'select-room', roomId: MAIN}));
	// The side panel, from 90 columns on (App.tsx). The member list is on screen from the start;
	// with deleted state shown, the two panels hold every name, reason and piece of state.
	if (size.columns >= 90) {
		app.step(() => dispatch({type: 'set-show-deleted', value: true}));
		untilStill(app, () => dispatch({type: 'scroll-side', delta: pageRows}));
		app.step(() => dispatch({type: 'set-side-panel', panel: 'state'}));
		untilStill(app, () => dispatch({type: 'scroll-side', delta: pageRows}));
		app.step(() => dispatch({type: 'set-show-deleted', value: false}));
	}
	// The whole timeline, newest to oldest, then back to following new messages.
	untilStill(app, () => dispatch({type: 'scroll-timeline', delta: pageRows}));
	app.step(() => dispatch({type: 'scroll-timeline', delta: -store.getState().timelineScroll}));
	// The switcher lists every room by name and alias; the invite pane shows the inviter and the topic.
	app.step(() => dispatch({type: 'open-switcher'}));
	app.step(() => dispatch({type: 'switcher-query', query: 'e'}));
	app.step(() => dispatch({type: 'close-switcher'}));
	searchTour(app);
	app.step(() => dispatch({type: 'select-room', roomId: INVITE}));
}

/** /search's pane over every message of the room with a text body (the term cut from the first), through its list, then a jump to one. */
function searchTour(app: VirtualApp): void {
	const {store} = app.chat;
	const room = store.getState().rooms.get(MAIN)!;
	const hits = room.events.flatMap((event) => (typeof event.content?.body === 'string' && typeof event.event_id === 'string' ? [{roomId: MAIN, eventId: event.event_id, sender: String(event.sender), ts: Number(event.origin_server_ts) || 0, body: event.content.body}] : []));
	const term = hits[0]?.body.slice(0, 3) ?? 'e';
	app.step(() => store.dispatch({type: 'show-search', view: newSearch({term, all: true, serverRooms: [MAIN], encryptedRooms: 1, local: []}, {hits})}));
	untilStill(app, () => store.dispatch({type: 'search-move', delta: 5}));
	app.step(() => store.dispatch({type: 'close-search'}));
	const target = hits[Math.floor(hits.length / 2)];
	if (target) app.step(() => store.dispatch({type: 'show-jump', jump: {roomId: MAIN, eventId: target.eventId, events: heldContext(room.events, target.eventId) ?? [], members: []}}));
	app.step(() => store.dispatch({type: 'close-jump'}));
}

type Generated = ReturnType<typeof hostileRooms> extends fc.Arbitrary<infer T> ? T : never;

/** Mounts the app at `size`, feeds it the rooms as the session would, tours it; returns every frame. */
function renderAt(size: Size, generated: Generated): {frames: Frame[]; errors: unknown[]} {
	const session = new FakeSession(ME);
	const app = mountApp(session, size);
	try {
		// Synced, as after the first sync (the status bar's spinner would otherwise tick on a timer).
		app.step(() => session.push({kind: 'sync', status: 'syncing'}));
		app.step(() => session.pushRoom({roomId: MAIN, name: generated.name, events: generated.events, unread: generated.unread, highlights: generated.highlights}));
		app.step(() => session.pushRoom({roomId: OTHER, name: generated.otherName, unread: 1}));
		app.step(() => session.pushRoom({roomId: INVITE, name: generated.inviteName, events: generated.inviteEvents, membership: 'invite', inviter: generated.inviter}));
		tour(app, size);
	} finally {
		app.unmount();
	}
	return {frames: app.screen.frames, errors: app.errors};
}

describe('hostile events, rendered', () => {
	test(`${RUNS} rooms × ${EVENTS_PER_ROOM} generated events at ${SIZES.map((s) => `${s.columns}×${s.rows}`).join(', ')}: every frame is terminal-safe`, () => {
		fc.assert(
			fc.property(hostileRooms(EVENTS_PER_ROOM), fc.constantFrom(...WIDER), (generated, wider) => {
				for (const size of [wider, NARROW]) {
					const {frames, errors} = renderAt(size, generated);
					const seen = (counts.bySize[`${size.columns}×${size.rows}`] ??= {rooms: 0, frames: 0});
					seen.rooms++;
					seen.frames += frames.length;
					counts.frames += frames.length;
					expect(errors.map((error) => (error instanceof Error ? error.stack : String(error)))).toEqual([]);
					const bad = badFrames(frames);
					expect(bad.slice(0, 2), `${bad.length} of ${frames.length} frames at ${size.columns}×${size.rows} are unsafe`).toEqual([]);
				}
				counts.rooms++;
				counts.events += generated.events.length;
			}),
			{numRuns: RUNS, endOnFailure: process.env.SECURITY_SHRINK !== '1'},
		);
		expect(counts.events).toBe(RUNS * EVENTS_PER_ROOM);
	}, 180_000);

	test('1 MB reasons and state, 64 KiB room names, display names, topics and bodies: every frame is terminal-safe', () => {
		// Cut anywhere: through an escape sequence, between the halves of a surrogate pair.
		const big = (length: number, seed: string) => {
			const unit = [seed, ...ESCAPE_SEQUENCES, ...CONTROLS, ...BIDI, ...ZERO_WIDTH, ...WIDE, ' lorem ipsum '].join('');
			return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
		};
		const MB = 1_000_000;
		// Reasons are trimmed before anything lays them out; names and topics are wrapped whole in
		// timeline lines (a 1 MB one costs ~0.5 s per layout), and a homeserver caps an event at
		// 64 KiB: that is their realistic worst case.
		const KB64 = 64 * 1024;
		const alice = '@alice:example.org';
		const events = [
			{type: 'm.room.name', state_key: '', sender: alice, content: {name: big(KB64, 'name')}},
			{type: 'm.room.topic', state_key: '', sender: alice, content: {topic: big(KB64, 'topic')}},
			{type: 'm.room.member', state_key: alice, sender: alice, content: {membership: 'join', displayname: big(KB64, 'alice')}},
			{type: 'm.room.member', state_key: '@bob:example.org', sender: '@bob:example.org', content: {membership: 'leave', reason: big(MB, 'bob'), 'm.deactivated': true}},
			{type: 'm.room.member', state_key: '@erin:example.org', sender: alice, content: {membership: 'leave', reason: big(MB, 'erin'), 'm.deactivated': true}},
			{type: 'm.room.member', state_key: '@carol:example.org', sender: alice, content: {membership: 'ban', reason: big(MB, 'carol')}},
			{type: 'm.room.message', sender: alice, content: {msgtype: 'm.text', body: big(KB64, 'body')}},
			{type: big(MB, 'type'), state_key: big(MB, 'key'), sender: alice, content: {[big(MB, 'field')]: big(MB, 'value')}},
			{type: 'org.example.deleted', state_key: '', sender: alice, content: {deleted: true, note: big(MB, 'note')}},
		].map((event, index) => ({event_id: `$big${index}`, origin_server_ts: 1_700_000_000_000 + index * 60_000, ...event}));
		for (const size of SIZES) {
			const {frames, errors} = renderAt(size, {name: big(KB64, 'room'), events, unread: 0, highlights: 0, otherName: big(KB64, 'other'), inviteName: big(KB64, 'invite'), inviter: alice, inviteEvents: []});
			counts.frames += frames.length;
			expect(errors.map((error) => (error instanceof Error ? error.stack : String(error)))).toEqual([]);
			expect(badFrames(frames).slice(0, 2)).toEqual([]);
		}
	}, 60_000);
});
