/**
 * Issue 16 on screen: /threads lists the room's threads (newest activity first, reply counts,
 * unread marker), Enter opens one in the pane in place of the timeline, what is typed there is
 * sent in the thread, a live reply appears in it, Esc closes it with the draft kept; /thread n
 * opens the nth marker's thread, a bad n is one line.
 */
import {afterEach, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {RawEvent} from '../../src/domain/events.js';
import type {ThreadEntry} from '../../src/domain/threads.js';
import type {MatrixAction} from '../../src/matrix/protocol.js';
import {member, message, threadReply} from '../support/events.js';
import {composerLine, renderChat, statusNotice, timelineLines} from '../support/screen.js';

afterEach(() => cleanup());

const ROOM = '!r:example.org';
const ALICE = '@alice:example.org';
const BOB = '@bob:example.org';
const ME = '@me:example.org';

const plan = message(BOB, 'the plan for Friday');
const first = threadReply(ALICE, plan, 'I bring the slides');
const lunch = message(ALICE, 'lunch?');
const lunchReply = threadReply(BOB, lunch, 'yes, at noon');

function entry(root: RawEvent, count: number, latest: RawEvent): ThreadEntry {
	return {rootId: root.event_id!, root, count, latestTs: latest.origin_server_ts!, latestSender: latest.sender, latestId: latest.event_id};
}

async function threadsRoom() {
	const app = renderChat({columns: 120, rows: 24});
	const update = app.session.pushRoom({
		roomId: ROOM,
		name: 'Plans',
		events: [member(ALICE, {membership: 'join', displayname: 'Alice'}), member(BOB, {membership: 'join', displayname: 'Bob'}), member(ME, {membership: 'join', displayname: 'Me'}), plan, first, lunch, lunchReply, message(BOB, 'last in the room')],
	});
	await app.waitFor('Bob: last in the room');
	return {app, update};
}

const sent = (app: ReturnType<typeof renderChat>) => app.session.actions.filter((action): action is Extract<MatrixAction, {type: 'send-text'}> => action.type === 'send-text');

test('/threads lists them, Enter opens one, a reply typed there goes in the thread, a live one appears, Esc closes it with the draft', async () => {
	const {app, update} = await threadsRoom();
	app.session.answer((action) => action.type === 'thread-list', {ok: true, value: {threads: [entry(lunch, 1, lunchReply), entry(plan, 1, first)]}});
	app.submit('/threads');
	const list = await app.waitFor('Threads in Plans (2)');
	expect(list).toContain('● Alice: lunch?  — 1 reply, last');
	expect(list).toContain('● Bob: the plan for Friday  — 1 reply, last');
	expect(app.session.actions).toContainEqual({type: 'thread-list', roomId: ROOM});

	app.session.answer((action) => action.type === 'thread-page', {ok: true, value: {root: plan, replies: [first]}});
	app.type('\u001b[B'); // ↓ to the plan
	await app.until(() => app.store.getState().threadList?.index === 1);
	app.enter();
	const pane = await app.waitFor('Thread: the plan for Friday');
	expect(app.session.actions).toContainEqual({type: 'thread-page', roomId: ROOM, rootId: plan.event_id});
	expect(timelineLines(pane).filter((line) => line.startsWith('hh:mm'))).toEqual(['hh:mm Bob: the plan for Friday', 'hh:mm Alice: I bring the slides']);
	expect(pane).not.toContain('last in the room');
	expect(composerLine(pane)).toContain('reply in the thread');
	// The newest reply was on screen: read, with a threaded receipt.
	await app.until(() => app.session.actions.some((action) => action.type === 'read-thread'));
	expect(app.session.actions).toContainEqual({type: 'read-thread', roomId: ROOM, rootId: plan.event_id, eventId: first.event_id});

	app.submit('count me in');
	await app.until(() => sent(app).length === 1);
	expect(sent(app)[0]).toEqual({type: 'send-text', roomId: ROOM, body: 'count me in', thread: {rootId: plan.event_id, latestId: first.event_id}});

	const live = threadReply(ALICE, plan, 'see you there');
	app.session.push({kind: 'rooms', rooms: [{roomId: ROOM, version: update.version + 1, meta: update.meta, events: {mode: 'append', events: [live]}}]});
	const withLive = await app.waitFor('Alice: see you there');
	expect(timelineLines(withLive).filter((line) => line.startsWith('hh:mm')).at(-1)).toBe('hh:mm Alice: see you there');
	// A slash command still works in the pane; the next reply follows the live one.
	app.submit('/me nods');
	await app.until(() => app.session.actions.some((action) => action.type === 'send-emote'));
	expect(app.session.actions.find((action) => action.type === 'send-emote')).toMatchObject({body: 'nods', thread: {rootId: plan.event_id, latestId: live.event_id}});

	app.type('half typed');
	await app.waitFor('half typed');
	app.type('\u001b');
	const back = await app.waitFor('Bob: last in the room');
	expect(back).not.toContain('Thread:');
	expect(composerLine(back)).toContain('half typed');
	// Outside the pane, a message goes to the room.
	app.type('\u0015'); // Ctrl+U
	app.submit('to the room');
	await app.until(() => sent(app).length === 2);
	expect(sent(app)[1]).toEqual({type: 'send-text', roomId: ROOM, body: 'to the room'});

	// Read: the list shows the plan without its marker now.
	app.session.answer((action) => action.type === 'thread-list', {ok: true, value: {threads: [entry(plan, 2, live), entry(lunch, 1, lunchReply)]}});
	app.submit('/threads');
	const again = await app.waitFor('Threads in Plans (2)');
	expect(again).toContain('  Bob: the plan for Friday  — 2 replies');
	expect(again).toContain('● Alice: lunch?');
});

test('the thread markers are numbered; /thread n opens that one, a bad n is one line', async () => {
	const {app} = await threadsRoom();
	const lines = timelineLines(app.screen());
	expect(lines).toContain('        🧵 #2 1 reply in thread (last: Alice)');
	expect(lines).toContain('        🧵 #1 1 reply in thread (last: Bob)');

	app.submit('/thread 3');
	expect(statusNotice(await app.waitFor('No thread #3'))).toBe('No thread #3 here — the threads are numbered on their 🧵 lines, #1 the newest');
	app.submit('/thread x');
	await app.waitFor('needs a number like 1');

	app.session.answer((action) => action.type === 'thread-page', {ok: false, error: {kind: 'network', message: 'offline'}});
	app.type('\u0015');
	app.submit('/thread 2');
	const pane = await app.waitFor('Thread: the plan for Friday');
	// The fetch failed: one line, and the pane shows what the timeline holds of the thread.
	await app.waitFor((frame) => statusNotice(frame).startsWith('Cannot load the thread: the homeserver cannot be reached'));
	expect(timelineLines(app.screen())).toContain('hh:mm Alice: I bring the slides');
	expect(pane).toContain('Thread:');
	app.type('\u0015');
	app.submit('/thread');
	await app.waitFor('Thread: lunch?');
});

test('scrolled to the top of a long thread, the older replies are fetched; the list asks for its next page at the end', async () => {
	const {app} = await threadsRoom();
	const replies = Array.from({length: 30}, (_, index) => threadReply(ALICE, plan, `reply ${index}`));
	app.session.answer((action) => action.type === 'thread-page' && action.from === undefined, {ok: true, value: {root: plan, replies: replies.slice(15), older: 'before'}});
	app.session.answer((action) => action.type === 'thread-page' && action.from === 'before', {ok: true, value: {replies: replies.slice(0, 15)}});
	app.submit('/thread 2');
	await app.waitFor('Alice: reply 29');
	for (let press = 0; press < 4; press++) app.type('\u001b[5~'); // PgUp
	await app.until(() => app.session.actions.some((action) => action.type === 'thread-page' && action.from === 'before'));
	await app.until(() => app.store.getState().thread?.history.length === 30);

	app.type('\u001b');
	await app.until(() => app.store.getState().thread === undefined);
	const many = Array.from({length: 12}, (_, index) => entry(message(BOB, `root ${index}`), 1, message(BOB, 'r')));
	app.session.answer((action) => action.type === 'thread-list' && action.from === undefined, {ok: true, value: {threads: many.slice(0, 8), next: 'more'}});
	app.session.answer((action) => action.type === 'thread-list' && action.from === 'more', {ok: true, value: {threads: many.slice(8)}});
	app.submit('/threads');
	await app.waitFor('Threads in Plans (8+)');
	app.type('\u001b[F'); // End
	await app.waitFor('Threads in Plans (12)');
	expect(app.session.actions.filter((action) => action.type === 'thread-list')).toEqual([
		{type: 'thread-list', roomId: ROOM},
		{type: 'thread-list', roomId: ROOM, from: 'more'},
	]);
});

test('a list of 5,000 threads draws only the rows that fit; End reaches the last, Home the first', async () => {
	const {app} = await threadsRoom();
	const many = Array.from({length: 5000}, (_, index) => entry({...message(BOB, `root ${index}`), event_id: `$many${index}`}, 1, message(BOB, 'r')));
	app.session.answer((action) => action.type === 'thread-list', {ok: true, value: {threads: many}});
	app.submit('/threads');
	const screen = await app.waitFor('Threads in Plans (5000)');
	expect(screen.split('\n').filter((line) => line.includes('Bob: root ')).length).toBeLessThanOrEqual(24);
	app.type('\u001b[F'); // End
	const end = await app.waitFor('Bob: root 4999');
	expect(end).not.toContain('Bob: root 0 ');
	app.type('\u001b[H'); // Home
	await app.waitFor((frame) => frame.includes('Bob: root 0 ') && !frame.includes('root 4999'));
});
