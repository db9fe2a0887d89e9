/**
 * Issue 16: the thread list's pages and the open thread's replies as the reducer keeps them, and
 * the thread as the pane shows it: fetched and live replies once each, in order, ours pending last.
 */
import {describe, expect, test} from 'vitest';
import type {RawEvent} from '../../src/domain/events.js';
import type {ThreadEntry} from '../../src/domain/threads.js';
import {initialAppState, type AppState} from '../../src/state/app-state.js';
import {reduce} from '../../src/state/reducer.js';
import {newestReply, selectThreadItems, shownRoot, threadEntries, threadTarget} from '../../src/state/thread-selectors.js';
import {listWantsNextPage} from '../../src/state/threads.js';
import {member, message, threadReply} from '../support/events.js';
import {roomUpdate, withRooms} from './room-updates.js';

const entry = (rootId: string): ThreadEntry => ({rootId, root: {type: 'm.room.message', event_id: rootId}, count: 1, latestTs: 1});
const apply = (state: AppState, ...actions: Parameters<typeof reduce>[1][]) => actions.reduce(reduce, state);

describe('the thread list', () => {
	test('a page, the next appended (a thread met twice once), moves clamped, Home/End; another room opened closes it', () => {
		let state = apply(initialAppState({userId: '@me:x'}), {type: 'show-thread-list', roomId: '!a:x', page: {threads: [entry('$1'), entry('$2')], next: 'p2'}});
		expect(listWantsNextPage(state.threadList!, 1)).toBe(false);
		expect(listWantsNextPage(state.threadList!, 2)).toBe(true);
		state = apply(state, {type: 'thread-list-loading', loading: true});
		expect(listWantsNextPage(state.threadList!, 2)).toBe(false);
		state = apply(state, {type: 'show-thread-list', roomId: '!a:x', page: {threads: [entry('$2'), entry('$3')]}, append: true});
		expect(state.threadList!.threads.map((thread) => thread.rootId)).toEqual(['$1', '$2', '$3']);
		expect(state.threadList).not.toHaveProperty('next');
		expect(state.threadList).not.toHaveProperty('loading');
		expect(apply(state, {type: 'thread-list-move', delta: 10}).threadList!.index).toBe(2);
		expect(apply(state, {type: 'thread-list-move', delta: Infinity}, {type: 'thread-list-move', delta: -Infinity}).threadList!.index).toBe(0);
		// A page for another room (the list was reopened elsewhere meanwhile) is dropped.
		expect(apply(state, {type: 'show-thread-list', roomId: '!b:x', page: {threads: [entry('$9')]}, append: true}).threadList!.threads).toHaveLength(3);
		expect(apply(state, {type: 'close-thread-list'}).threadList).toBeUndefined();
	});

	test('opening a thread closes the list; Esc closes the pane; switching rooms closes both', () => {
		const base = apply(initialAppState({userId: '@me:x'}), {type: 'show-thread-list', roomId: '!a:x', page: {threads: [entry('$1')]}}, {type: 'scroll-timeline', delta: 5});
		const open = apply(base, {type: 'open-thread', roomId: '!a:x', rootId: '$1'});
		expect(open.threadList).toBeUndefined();
		expect(open.thread).toEqual({roomId: '!a:x', rootId: '$1', history: [], loaded: false});
		expect(open.timelineScroll).toBe(0);
		expect(apply(open, {type: 'close-thread'}).thread).toBeUndefined();
		let state = withRooms(open, roomUpdate('!a:x'), roomUpdate('!b:x'));
		state = reduce(state, {type: 'select-room', roomId: '!a:x'});
		state = apply(state, {type: 'open-thread', roomId: '!a:x', rootId: '$1'}, {type: 'select-room', roomId: '!b:x'});
		expect(state.thread).toBeUndefined();
	});

	test('the thread pane and a search result in its context take the timeline in turn, never both', () => {
		const jump = {roomId: '!a:x', eventId: '$h', events: [], members: []};
		const thread = apply(initialAppState({userId: '@me:x'}), {type: 'show-jump', jump}, {type: 'open-thread', roomId: '!a:x', rootId: '$1'});
		expect([thread.jump, thread.thread?.rootId]).toEqual([undefined, '$1']);
		const jumped = apply(thread, {type: 'show-jump', jump});
		expect([jumped.jump?.eventId, jumped.thread]).toEqual(['$h', undefined]);
	});

	test('seen: only ever forward', () => {
		const state = apply(initialAppState({userId: '@me:x'}), {type: 'thread-seen', rootId: '$1', ts: 50}, {type: 'thread-seen', rootId: '$1', ts: 20});
		expect(state.threadsSeen.get('$1')).toBe(50);
	});
});

describe('the open thread', () => {
	const root = message('@bob:x', 'the root');
	const older = threadReply('@alice:x', root, 'fetched older');
	const live = threadReply('@carol:x', root, 'live from sync');
	const other = message('@bob:x', 'not in the thread');

	function roomWith(events: RawEvent[], pending: RawEvent[] = []) {
		const update = {...roomUpdate('!a:x', {events: [member('@me:x', {membership: 'join'}), ...events]}), pending: pending.map((event) => ({event, pending: 'sending' as const}))};
		return withRooms(initialAppState({userId: '@me:x'}), update).rooms.get('!a:x')!;
	}

	test('root first, fetched and live replies once each by time, our pending one last; it replies after the newest confirmed', () => {
		const mine = {...threadReply('@me:x', root, 'typed here'), event_id: '~txn1'};
		const room = roomWith([root, older, other, live], [mine]);
		let state = apply(initialAppState({userId: '@me:x'}), {type: 'open-thread', roomId: '!a:x', rootId: root.event_id!});
		state = apply(state, {type: 'thread-replies', rootId: root.event_id!, page: {replies: [older, live], older: 'before'}});
		const view = state.thread!;
		expect(view).toMatchObject({loaded: true, older: 'before'});
		expect(threadEntries(room, view).map((entry) => [entry.event.content?.body, entry.pending])).toEqual([
			['the root', undefined],
			['fetched older', undefined],
			['live from sync', undefined],
			['typed here', 'sending'],
		]);
		expect(threadTarget(room, view)).toEqual({rootId: root.event_id, latestId: live.event_id});
		expect(newestReply(room, view)).toEqual({eventId: live.event_id, ts: live.origin_server_ts});
		expect(selectThreadItems(room, view, 80, '@me:x').map((item) => item.line.text)).toEqual(['the root', 'fetched older', 'live from sync', 'typed here']);
	});

	test('an older page goes before what is held; a page for another thread is dropped; no replies: it replies to the root', () => {
		const room = roomWith([root]);
		let state = apply(initialAppState({userId: '@me:x'}), {type: 'open-thread', roomId: '!a:x', rootId: root.event_id!});
		expect(threadTarget(room, state.thread!)).toEqual({rootId: root.event_id, latestId: root.event_id});
		expect(newestReply(room, state.thread!)).toBeUndefined();
		state = apply(state, {type: 'thread-replies', rootId: root.event_id!, page: {replies: [live]}}, {type: 'thread-replies', rootId: root.event_id!, page: {replies: [older]}}, {type: 'thread-replies', rootId: '$elsewhere', page: {replies: [other]}});
		expect(state.thread!.history.map((event) => event.content?.body)).toEqual(['fetched older', 'live from sync']);
	});
});

test('the list shows a root with its newest edit by its sender, when the room holds one', () => {
	const root = message('@bob:x', 'Helo');
	const edit = (sender: string, body: string) => message(sender, `* ${body}`, {content: {msgtype: 'm.text', body: `* ${body}`, 'm.new_content': {msgtype: 'm.text', body}, 'm.relates_to': {rel_type: 'm.replace', event_id: root.event_id}}});
	const room = withRooms(initialAppState({userId: '@me:x'}), roomUpdate('!a:x', {events: [root, edit('@bob:x', 'Hello')]})).rooms.get('!a:x')!;
	expect(shownRoot(room, root).content?.body).toBe('Hello');
	const forged = withRooms(initialAppState({userId: '@me:x'}), roomUpdate('!a:x', {events: [root, edit('@mallory:x', 'pwned')]})).rooms.get('!a:x')!;
	expect(shownRoot(forged, root).content?.body).toBe('Helo');
	expect(shownRoot(undefined, root)).toBe(root);
	expect(shownRoot(room, message('@bob:x', 'never edited')).content?.body).toBe('never edited');
});
