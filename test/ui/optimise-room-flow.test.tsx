/**
 * /optimise-room on screen: without the power to upgrade, one line naming the level; otherwise a
 * plan in the side panel and on the status line, then, on "optimise", upgrade → copy what the
 * server did not → invite the joined → follow the tombstone into the new room.
 */
import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {RawEvent} from '../../src/domain/events.js';
import {member, message, redacted, state} from '../support/events.js';
import {FakeSession} from '../support/fake-session.js';
import {paneLines, renderChat, statusNotice, type ChatScreen} from '../support/screen.js';

afterEach(() => cleanup());

const ME = '@me:example.org';
const ALICE = '@alice:example.org';
const BOB = '@bob:example.org';
const OLD = '!old:example.org';
const NEW = '!new:example.org';

function oldRoom(myLevel = 100): RawEvent[] {
	return [
		state('m.room.create', '', {creator: ALICE, room_version: '10'}, ALICE),
		state('m.room.power_levels', '', {users: {[ALICE]: 100, [ME]: myLevel}, state_default: 50, events: {'m.room.tombstone': 100}}),
		state('m.room.name', '', {name: 'Busy'}),
		state('m.room.topic', '', {topic: 'lots of state'}),
		state('org.example.note', '', {text: 'keep me'}),
		state('org.example.flag', 'f1', {colour: 'red'}),
		state('org.example.poll', '', {question: 'lunch?', deleted: true}),
		redacted(state('org.example.old', '', {text: 'secret'})),
		state('m.beacon_info', `${BOB}_1`, {live: true}, BOB),
		member(ALICE, {membership: 'join', displayname: 'Alice'}),
		member(ME, {membership: 'join', displayname: 'Me'}),
		member(BOB, {membership: 'join', displayname: 'Bob'}),
		member('@carol:example.org', {membership: 'leave'}),
		message(ALICE, 'so much state'),
	];
}

/** What a Synapse-like upgrade put in the new room by itself. */
const serverCopied: RawEvent[] = [
	state('m.room.create', '', {room_version: '10', predecessor: {room_id: OLD}}, ME),
	state('m.room.power_levels', '', {users: {[ALICE]: 100, [ME]: 100}}, ME),
	state('m.room.name', '', {name: 'Busy'}, ME),
	state('m.room.topic', '', {topic: 'lots of state'}, ME),
	member(ME, {membership: 'join'}),
];

function setUp(myLevel = 100) {
	const session = new FakeSession(ME);
	const app = renderChat({session, columns: 220, rows: 40});
	session.pushRoom({roomId: OLD, name: 'Busy', events: oldRoom(myLevel)});
	return {app, session};
}

const kinds = (session: FakeSession) => session.actions.map((action) => action.type).filter((type) => type !== 'load-members' && type !== 'mark-read');

/** Submits `text` and waits for the status bar to say `next`; returns that screen. */
async function submit(app: ChatScreen, text: string, next: string): Promise<string> {
	app.submit(text);
	return app.waitFor((screen) => statusNotice(screen).includes(next));
}

/** The plan in the side panel, before "optimise". */
const PLAN_PANEL = [
	'Optimise room',
	'State now',
	'  10 live · 3 deleted',
	'New room (version 10)',
	'  5 state events carried over:',
	'  live and not user-scoped (the',
	'  server copies some, matrix-tui',
	'  the rest)',
	'  2 members invited: everyone',
	'  joined here',
	'Left behind',
	'  3 deleted state events',
	'  4 user-scoped (memberships and',
	'  per-user state)',
	'optimise + Enter · Esc cancels',
];

const PLAN = 'Type optimise to confirm (Esc cancels): Busy → a new room (version 10) with 5 of 10 live state events, 2 members invited, 3 deleted left behind';

describe('/optimise-room', () => {
	test('without the power to upgrade: one line naming the level, nothing asked or sent', async () => {
		const {app, session} = setUp(50);
		await app.waitFor('# Busy');
		const screen = await submit(app, '/optimise-room', 'Cannot optimise');
		expect(statusNotice(screen)).toBe('Cannot optimise the room: needs power level 100, you have 50');
		expect(app.store.getState().prompt).toBeUndefined();
		expect(kinds(session)).toEqual([]);
	});

	test('shows the plan, then Esc cancels without upgrading', async () => {
		const {app, session} = setUp();
		session.answer((action) => action.type === 'room-state', {ok: true, value: oldRoom()});
		await app.waitFor('# Busy');
		let screen = await submit(app, '/optimise-room', 'Type optimise to confirm');
		// 14 events minus the message: 13 state; deleted are the poll, the redacted note and carol's leave.
		expect(statusNotice(screen)).toBe(PLAN);
		expect(paneLines(screen, 2)).toEqual(PLAN_PANEL);
		app.type('\u001b');
		screen = await app.waitFor('Optimise cancelled');
		expect(statusNotice(screen)).toBe('Optimise cancelled — the room is unchanged');
		expect(paneLines(screen, 2)[0]).toBe('Members');
		expect(kinds(session)).toEqual(['room-state']);
	});

	test('a wrong word does not optimise', async () => {
		const {app, session} = setUp();
		session.answer((action) => action.type === 'room-state', {ok: true, value: oldRoom()});
		await app.waitFor('# Busy');
		await submit(app, '/optimise-room', 'Type optimise to confirm');
		const screen = await submit(app, 'yes', 'Not optimised');
		expect(statusNotice(screen)).toBe('Not optimised: type optimise to confirm — the room is unchanged');
		expect(kinds(session)).toEqual(['room-state']);
	});

	test('on "optimise": upgrade to the same version, copy only what the server did not, invite the joined, follow the tombstone', async () => {
		const {app, session} = setUp();
		session.answer((action) => action.type === 'room-state' && action.roomId === OLD, {ok: true, value: oldRoom()});
		session.answer((action) => action.type === 'room-state' && action.roomId === OLD, {ok: true, value: oldRoom()});
		session.answer((action) => action.type === 'upgrade-room', {ok: true, value: NEW});
		session.answer((action) => action.type === 'room-state' && action.roomId === NEW, {ok: true, value: serverCopied});
		await app.waitFor('# Busy');
		await submit(app, '/optimise-room', 'Type optimise to confirm');
		const screen = await submit(app, 'optimise', 'Room optimised');

		const actions = session.actions.filter((action) => action.type !== 'load-members' && action.type !== 'mark-read');
		expect(actions).toEqual([
			{type: 'room-state', roomId: OLD},
			{type: 'room-state', roomId: OLD},
			{type: 'upgrade-room', roomId: OLD, newVersion: '10'},
			{type: 'room-state', roomId: NEW},
			{type: 'put-state', roomId: NEW, eventType: 'org.example.note', stateKey: '', content: {text: 'keep me'}},
			{type: 'put-state', roomId: NEW, eventType: 'org.example.flag', stateKey: 'f1', content: {colour: 'red'}},
			{type: 'invite', roomId: NEW, userId: ALICE},
			{type: 'invite', roomId: NEW, userId: BOB},
		]);
		expect(statusNotice(screen)).toBe('Room optimised: 5 state events carried over (2 by matrix-tui), 2 members invited, 3 deleted left behind');
		expect(app.store.getState().prompt).toBeUndefined();

		// Following the tombstone: the new room is selected as soon as it arrives.
		session.pushRoom({roomId: NEW, name: 'Busy (new)', events: serverCopied});
		expect(paneLines(await app.waitFor('# Busy (new)'), 1)[0]).toBe('# Busy (new) — lots of state');
		expect(app.store.getState().selectedRoomId).toBe(NEW);
	});

	test('copies and invites that fail are named on one line; the new room is still followed', async () => {
		const {app, session} = setUp();
		for (let index = 0; index < 2; index++) session.answer((action) => action.type === 'room-state' && action.roomId === OLD, {ok: true, value: oldRoom()});
		session.answer((action) => action.type === 'upgrade-room', {ok: true, value: NEW});
		session.answer((action) => action.type === 'room-state' && action.roomId === NEW, {ok: true, value: serverCopied});
		session.answer((action) => action.type === 'put-state' && action.eventType === 'org.example.flag', {ok: false, error: {kind: 'forbidden', status: 403, errcode: 'M_FORBIDDEN', message: 'nope'}});
		session.answer((action) => action.type === 'invite' && action.userId === BOB, {ok: false, error: {kind: 'network', message: 'cannot reach the homeserver'}});
		await app.waitFor('# Busy');
		await submit(app, '/optimise-room', 'Type optimise to confirm');
		const screen = await submit(app, 'OPTIMISE', 'Room optimised');
		expect(statusNotice(screen)).toMatch(/^Room optimised, but 1 state event not copied \(org\.example\.flag f1: nope \(M_FORBIDDEN\)\) and 1 invite failed \(@bob:example\.org \(the homeserver cannot be reached/);
		expect(app.store.getState().requestedRoom ?? app.store.getState().selectedRoomId).toBe(NEW);
	});

	test('a 403 from the server on the upgrade names the level needed', async () => {
		const {app, session} = setUp();
		for (let index = 0; index < 2; index++) session.answer((action) => action.type === 'room-state', {ok: true, value: oldRoom()});
		session.answer((action) => action.type === 'upgrade-room', {ok: false, error: {kind: 'forbidden', status: 403, errcode: 'M_FORBIDDEN', message: "You don't have permission"}});
		// The room's power levels change under us between the plan and the answer.
		session.pushRoom({roomId: OLD, name: 'Busy', events: [...oldRoom(), state('m.room.power_levels', '', {users: {[ME]: 50}, events: {'m.room.tombstone': 100}})]});
		await app.waitFor('# Busy');
		const screen = await submit(app, '/optimise-room', 'Cannot optimise');
		expect(statusNotice(screen)).toBe('Cannot optimise the room: needs power level 100, you have 50');
	});
});
