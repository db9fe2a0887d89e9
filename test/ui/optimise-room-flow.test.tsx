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
import {pane, renderChat, tick} from '../support/screen.js';

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

const statusLine = (screen: string) => screen.split('\n').at(-1) ?? '';
const kinds = (session: FakeSession) => session.actions.map((action) => action.type).filter((type) => type !== 'load-members' && type !== 'mark-read');

async function submit(app: ReturnType<typeof renderChat>, text: string) {
	await app.type(text);
	await app.enter();
	await tick(4);
}

describe('/optimise-room', () => {
	test('without the power to upgrade: one line naming the level, nothing asked or sent', async () => {
		const {app, session} = setUp(50);
		await submit(app, '/optimise-room');
		expect(statusLine(app.screen())).toContain('Cannot optimise the room: needs power level 100, you have 50');
		expect(app.store.getState().prompt).toBeUndefined();
		expect(kinds(session)).toEqual([]);
	});

	test('shows the plan, then Esc cancels without upgrading', async () => {
		const {app, session} = setUp();
		session.answer((action) => action.type === 'room-state', {ok: true, value: oldRoom()});
		await submit(app, '/optimise-room');
		const screen = app.screen();
		// 14 events minus the message: 13 state; deleted are the poll, the redacted note and carol's leave.
		expect(statusLine(screen)).toContain('Type optimise to confirm (Esc cancels): Busy → a new room (version 10) with 5 of 10 live state events, 2 members invited, 3 deleted left behind');
		const side = pane(screen, 2);
		expect(side).toContain('Optimise room');
		expect(side).toContain('10 live · 3 deleted');
		expect(side).toContain('5 state events carried over');
		expect(side).toContain('2 members invited');
		expect(side).toContain('3 deleted state events');
		await app.type('\u001b');
		await tick(4);
		expect(statusLine(app.screen())).toContain('Optimise cancelled — the room is unchanged');
		expect(pane(app.screen(), 2)).toContain('Members');
		expect(kinds(session)).toEqual(['room-state']);
	});

	test('a wrong word does not optimise', async () => {
		const {app, session} = setUp();
		session.answer((action) => action.type === 'room-state', {ok: true, value: oldRoom()});
		await submit(app, '/optimise-room');
		await submit(app, 'yes');
		expect(statusLine(app.screen())).toContain('Not optimised: type optimise to confirm — the room is unchanged');
		expect(kinds(session)).toEqual(['room-state']);
	});

	test('on "optimise": upgrade to the same version, copy only what the server did not, invite the joined, follow the tombstone', async () => {
		const {app, session} = setUp();
		session.answer((action) => action.type === 'room-state' && action.roomId === OLD, {ok: true, value: oldRoom()});
		session.answer((action) => action.type === 'room-state' && action.roomId === OLD, {ok: true, value: oldRoom()});
		session.answer((action) => action.type === 'upgrade-room', {ok: true, value: NEW});
		session.answer((action) => action.type === 'room-state' && action.roomId === NEW, {ok: true, value: serverCopied});
		await submit(app, '/optimise-room');
		await submit(app, 'optimise');

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
		expect(statusLine(app.screen())).toContain('Room optimised: 5 state events carried over (2 by matrix-tui), 2 members invited, 3 deleted left behind');
		expect(app.store.getState().prompt).toBeUndefined();

		// Following the tombstone: the new room is selected as soon as it arrives.
		session.pushRoom({roomId: NEW, name: 'Busy (new)', events: serverCopied});
		await tick(4);
		expect(app.store.getState().selectedRoomId).toBe(NEW);
		expect(app.screen()).toContain('# Busy (new)');
	});

	test('copies and invites that fail are named on one line; the new room is still followed', async () => {
		const {app, session} = setUp();
		for (let index = 0; index < 2; index++) session.answer((action) => action.type === 'room-state' && action.roomId === OLD, {ok: true, value: oldRoom()});
		session.answer((action) => action.type === 'upgrade-room', {ok: true, value: NEW});
		session.answer((action) => action.type === 'room-state' && action.roomId === NEW, {ok: true, value: serverCopied});
		session.answer((action) => action.type === 'put-state' && action.eventType === 'org.example.flag', {ok: false, error: {kind: 'forbidden', status: 403, errcode: 'M_FORBIDDEN', message: 'nope'}});
		session.answer((action) => action.type === 'invite' && action.userId === BOB, {ok: false, error: {kind: 'network', message: 'cannot reach the homeserver'}});
		await submit(app, '/optimise-room');
		await submit(app, 'OPTIMISE');
		const line = statusLine(app.screen());
		expect(line).toContain('Room optimised, but 1 state event not copied (org.example.flag f1: nope (M_FORBIDDEN)) and 1 invite failed (@bob:example.org (the homeserver cannot be reached');
		expect(app.store.getState().requestedRoom ?? app.store.getState().selectedRoomId).toBe(NEW);
	});

	test('a 403 from the server on the upgrade names the level needed', async () => {
		const {app, session} = setUp();
		for (let index = 0; index < 2; index++) session.answer((action) => action.type === 'room-state', {ok: true, value: oldRoom()});
		session.answer((action) => action.type === 'upgrade-room', {ok: false, error: {kind: 'forbidden', status: 403, errcode: 'M_FORBIDDEN', message: "You don't have permission"}});
		// The room's power levels change under us between the plan and the answer.
		session.pushRoom({roomId: OLD, name: 'Busy', events: [...oldRoom(), state('m.room.power_levels', '', {users: {[ME]: 50}, events: {'m.room.tombstone': 100}})]});
		await submit(app, '/optimise-room');
		expect(statusLine(app.screen())).toContain('Cannot optimise the room: needs power level 100, you have 50');
	});
});
