/** /optimise-room through Enter: the plan asked about, then upgrade → copy → invite, each step's line, failures and Esc. */
import {describe, expect, test} from 'vitest';
import type {RawEvent} from '../../src/domain/events.js';
import type {MatrixAction} from '../../src/matrix/protocol.js';
import {member, redacted, state} from '../support/events.js';
import {error, info, ME, setUp} from './composer-run.js';

const ALICE = '@alice:example.org';
const BOB = '@bob:example.org';
const OLD = '!old:x';
const NEW = '!new:x';

function oldRoom(myLevel = 100): RawEvent[] {
	return [
		state('m.room.create', '', {creator: ALICE, room_version: '10'}, ALICE),
		state('m.room.power_levels', '', {users: {[ALICE]: 100, [ME]: myLevel}, events: {'m.room.tombstone': 100, 'org.b': 150}}),
		state('org.a', '', {a: 1}),
		state('org.b', 'k', {b: 2}),
		state('org.c', '', {c: 3}),
		state('org.gone', '', {deleted: true}),
		redacted(state('org.old', '', {x: 1})),
		member(ALICE, {membership: 'join', displayname: 'Alice'}),
		member(ME, {membership: 'join', displayname: 'Me'}),
		member(BOB, {membership: 'join', displayname: 'Bob'}),
	];
}

/** The new room as the server made it: it copied the power levels and org.c itself. */
const newRoom: RawEvent[] = [state('m.room.create', '', {room_version: '10'}, ME), state('m.room.power_levels', '', {users: {[ME]: 100}}, ME), state('org.c', '', {c: 3}, ME)];

function optimising(myLevel = 100) {
	const run = setUp();
	run.session.pushRoom({roomId: OLD, name: 'Busy', events: oldRoom(myLevel)});
	const answer = (match: (action: MatrixAction) => boolean, value: unknown) => run.session.answer(match, {ok: true, value});
	const fails = (match: (action: MatrixAction) => boolean, message = 'nope') => run.session.answer(match, {ok: false, error: {kind: 'other', message}});
	const isAction = (type: MatrixAction['type'], roomId?: string) => (action: MatrixAction) => action.type === type && (roomId === undefined || ('roomId' in action && action.roomId === roomId));
	/** Both reads of the old room (the plan shown, the plan done), the upgrade and the new room's state. */
	const scripted = () => {
		answer(isAction('room-state', OLD), oldRoom(myLevel));
		answer(isAction('room-state', OLD), oldRoom(myLevel));
		answer(isAction('upgrade-room'), NEW);
		answer(isAction('room-state', NEW), newRoom);
	};
	/** The notices shown along the way, in order, and their kinds. */
	const notices: string[] = [];
	const kinds: string[] = [];
	run.store.subscribe(() => {
		const notice = run.store.getState().notice;
		if (notice !== undefined && notices.at(-1) !== notice.text) {
			notices.push(notice.text);
			kinds.push(notice.kind);
		}
	});
	return {...run, answer, fails, isAction, scripted, notices, kinds};
}

describe('/optimise-room: asking', () => {
	test('without the power to upgrade: one line naming the level, nothing read', async () => {
		const run = optimising(50);
		await run.enter('/optimise-room');
		expect(run.notice()).toEqual(error('Cannot optimise the room: needs power level 100, you have 50'));
		expect(run.sent()).toEqual([]);
	});

	test('reads the state, then asks with the plan', async () => {
		const run = optimising();
		run.answer(run.isAction('room-state', OLD), oldRoom());
		await run.enter('/optimise-room');
		expect(run.sent()).toEqual([{type: 'room-state', roomId: OLD}]);
		expect(run.notices).toEqual(['Reading the room state…']);
		expect(run.kinds).toEqual(['info']);
		expect(run.store.getState().prompt).toMatchObject({
			flow: 'optimise-room',
			step: 'confirm',
			roomId: OLD,
			plan: {roomVersion: '10', live: 8, deleted: 2, carried: 4, userScoped: 3, invited: 2},
			text: 'Type optimise to confirm (Esc cancels): Busy → a new room (version 10) with 4 of 8 live state events, 2 members invited, 2 deleted left behind',
			placeholder: 'type optimise to confirm',
			secret: false,
		});
		expect(run.notice()).toBeUndefined();
	});

	test('a room without a usable name is named by its ID; a state read that is not a list plans nothing', async () => {
		const run = setUp();
		run.session.pushRoom({roomId: OLD, name: '', events: [state('m.room.create', '', {creator: ME}, ME)]});
		run.session.answer((action) => action.type === 'room-state', {ok: true, value: {not: 'a list'}});
		await run.enter('/optimise-room');
		expect(run.store.getState().prompt?.text).toBe(`Type optimise to confirm (Esc cancels): ${OLD} → a new room (version 1) with 0 of 0 live state events, 0 members invited, 0 deleted left behind`);
	});

	test('a failed read says why and asks nothing', async () => {
		const run = optimising();
		run.session.answer(run.isAction('room-state'), {ok: false, error: {kind: 'network', message: 'x'}});
		await run.enter('/optimise-room');
		expect(run.notice()).toEqual(error('Cannot read the room state: the homeserver cannot be reached — check the connection and try again'));
		expect(run.store.getState().prompt).toBeUndefined();
	});

	test.each(['yes', 'optimise now', 'reoptimise', ''])('answering %j does not optimise', async (answer) => {
		const run = optimising();
		run.answer(run.isAction('room-state', OLD), oldRoom());
		await run.enter('/optimise-room');
		await run.enter(answer || ' ');
		if (answer === '') {
			// An empty answer is no answer: the question stays.
			expect(run.store.getState().prompt?.step).toBe('confirm');
			return;
		}
		expect(run.notice()).toEqual(error('Not optimised: type optimise to confirm — the room is unchanged'));
		expect(run.store.getState().prompt).toBeUndefined();
		expect(run.sent().map((action) => action.type)).toEqual(['room-state']);
	});
});

describe('/optimise-room: doing', () => {
	test.each(['optimise', ' OPTIMIZE '])('on %j: upgrade to the same version, copy what the server did not, invite the joined, follow the tombstone', async (answer) => {
		const run = optimising();
		run.scripted();
		let working: unknown;
		run.session.onPerform = (action) => {
			if (action.type === 'upgrade-room') working = run.store.getState().prompt;
		};
		await run.enter('/optimise-room');
		await run.enter(answer);
		expect(run.sent()).toEqual([
			{type: 'room-state', roomId: OLD},
			{type: 'room-state', roomId: OLD},
			{type: 'upgrade-room', roomId: OLD, newVersion: '10'},
			{type: 'room-state', roomId: NEW},
			{type: 'put-state', roomId: NEW, eventType: 'org.a', stateKey: '', content: {a: 1}},
			{type: 'put-state', roomId: NEW, eventType: 'org.b', stateKey: 'k', content: {b: 2}},
			{type: 'invite', roomId: NEW, userId: ALICE},
			{type: 'invite', roomId: NEW, userId: BOB},
		]);
		expect(working).toMatchObject({step: 'working', text: 'Optimising… Esc stops after the current step', placeholder: 'working… (Esc stops)'});
		expect(run.notices).toEqual([
			'Reading the room state…',
			'Upgrading to a new room (version 10)…',
			'Copying state 1/2… (org.a)',
			'Copying state 2/2… (org.b)',
			'Inviting members 1/2…',
			'Inviting members 2/2…',
			'Room optimised: 4 state events carried over (2 by matrix-tui), 2 members invited, 2 deleted left behind',
		]);
		expect(run.kinds).toEqual(Array(7).fill('info'));
		expect(run.store.getState().prompt).toBeUndefined();
		expect(run.store.getState().requestedRoom).toBe(NEW);
		run.session.pushRoom({roomId: NEW, name: 'Busy', events: newRoom});
		expect(run.store.getState().selectedRoomId).toBe(NEW);
	});

	test('copies and invites that fail are named on one line', async () => {
		const run = optimising();
		run.scripted();
		run.session.answer(run.isAction('put-state'), {ok: false, error: {kind: 'forbidden', message: 'no', errcode: 'M_FORBIDDEN'}});
		run.session.answer(run.isAction('put-state'), {ok: false, error: {kind: 'other', message: 'odd'}});
		run.fails(run.isAction('invite'), 'full');
		await run.enter('/optimise-room');
		await run.enter('optimise');
		expect(run.notice()).toEqual(
			error('Room optimised, but 2 state events not copied (org.a: no (M_FORBIDDEN); org.b k: odd) and 1 invite failed (@alice:example.org (full))'),
		);
		expect(run.store.getState().prompt).toBeUndefined();
	});

	test('one failure of each kind is named in the singular; a power shortfall names the level', async () => {
		const run = optimising();
		run.scripted();
		run.session.answer((action) => action.type === 'put-state' && action.eventType === 'org.b', {ok: false, error: {kind: 'forbidden', message: 'no'}});
		await run.enter('/optimise-room');
		await run.enter('optimise');
		expect(run.notice()).toEqual(error('Room optimised, but 1 state event not copied (org.b k: needs power level 150, you have 100)'));
	});

	test('only invites failing', async () => {
		const run = optimising();
		run.scripted();
		run.fails(run.isAction('invite'));
		run.fails(run.isAction('invite'));
		await run.enter('/optimise-room');
		await run.enter('optimise');
		expect(run.notice()).toEqual(error('Room optimised, but 2 invites failed (@alice:example.org (nope); @bob:example.org (nope))'));
	});

	test.each([
		['the second read', (run: ReturnType<typeof optimising>) => {
			run.answer(run.isAction('room-state', OLD), oldRoom());
			run.fails(run.isAction('room-state', OLD), 'gone');
		}, 'Cannot read the room state: gone', []],
		['the upgrade', (run: ReturnType<typeof optimising>) => {
			run.answer(run.isAction('room-state', OLD), oldRoom());
			run.answer(run.isAction('room-state', OLD), oldRoom());
			run.session.answer(run.isAction('upgrade-room'), {ok: false, error: {kind: 'forbidden', message: 'no'}});
		}, 'Cannot optimise the room: no', ['upgrade-room']],
		['reading the new room', (run: ReturnType<typeof optimising>) => {
			run.answer(run.isAction('room-state', OLD), oldRoom());
			run.answer(run.isAction('room-state', OLD), oldRoom());
			run.answer(run.isAction('upgrade-room'), NEW);
			run.session.answer(run.isAction('room-state', NEW), {ok: false, error: {kind: 'forbidden', message: 'private'}});
		}, `Upgraded to ${NEW}, but could not read its state to copy the rest: private`, ['upgrade-room']],
	] as const)('a failure at %s stops there', async (_step, script, line, after) => {
		const run = optimising();
		script(run);
		await run.enter('/optimise-room');
		await run.enter('optimise');
		expect(run.notice()).toEqual(error(line));
		expect(run.sent().map((action) => action.type).filter((type) => type !== 'room-state')).toEqual(after);
		expect(run.store.getState().prompt).toBeUndefined();
	});

	test('the room gone from the list before the answer', async () => {
		const run = optimising();
		run.answer(run.isAction('room-state', OLD), oldRoom());
		await run.enter('/optimise-room');
		run.session.push({kind: 'room-removed', roomId: OLD});
		await run.enter('optimise');
		expect(run.notice()).toEqual(error('Not optimised: the room is gone from the list'));
		expect(run.store.getState().prompt).toBeUndefined();
	});
});

describe('/optimise-room: Esc while working', () => {
	async function escAt(when: (action: MatrixAction, count: number) => boolean) {
		const run = optimising();
		run.scripted();
		await run.enter('/optimise-room');
		let count = 0;
		run.session.onPerform = (action) => {
			count++;
			if (when(action, count)) run.store.dispatch({type: 'cancel-prompt'});
		};
		await run.enter('optimise');
		return run;
	}

	test('during the second read: nothing is upgraded', async () => {
		const run = await escAt((action) => action.type === 'room-state');
		expect(run.notice()).toEqual(error('Optimise cancelled — the room is unchanged'));
		expect(run.sent('upgrade-room')).toEqual([]);
	});

	test('during a copy: stops before the next one, invites nobody', async () => {
		const run = await escAt((action) => action.type === 'put-state');
		expect(run.notice()).toEqual(error(`Optimise stopped in the new room ${NEW}: copied 1 of 2 state events, invited nobody`));
		expect(run.sent('put-state')).toHaveLength(1);
		expect(run.sent('invite')).toEqual([]);
	});

	test('during a failed copy: the failure is not counted as copied', async () => {
		const run = optimising();
		run.scripted();
		run.fails(run.isAction('put-state'));
		await run.enter('/optimise-room');
		run.session.onPerform = (action) => {
			if (action.type === 'put-state') run.store.dispatch({type: 'cancel-prompt'});
		};
		await run.enter('optimise');
		expect(run.notice()).toEqual(error(`Optimise stopped in the new room ${NEW}: copied 0 of 2 state events, invited nobody`));
	});

	test('during an invite: stops before the next one', async () => {
		const run = await escAt((action) => action.type === 'invite');
		expect(run.notice()).toEqual(error(`Optimise stopped in the new room ${NEW}: state copied, invited 1 of 2 members`));
		expect(run.sent('invite')).toHaveLength(1);
	});

	test('during an invite after a failed one: the failure is not counted as invited', async () => {
		const run = optimising();
		run.scripted();
		run.fails(run.isAction('invite'));
		await run.enter('/optimise-room');
		run.session.onPerform = (action) => {
			if (action.type === 'invite' && action.userId === ALICE) run.store.dispatch({type: 'cancel-prompt'});
		};
		await run.enter('optimise');
		expect(run.notice()).toEqual(error(`Optimise stopped in the new room ${NEW}: state copied, invited 0 of 2 members`));
	});

	test('Enter while working says so and changes nothing', async () => {
		const run = optimising();
		run.scripted();
		await run.enter('/optimise-room');
		let said: unknown;
		run.session.onPerform = (action) => {
			if (action.type === 'upgrade-room') {
				run.store.dispatch({type: 'set-composer', composer: {text: 'again', cursor: 5}});
				void run.enter('again');
				said = run.store.getState().notice;
			}
		};
		await run.enter('optimise');
		expect(said).toEqual(info('Still working — Esc stops after the current step'));
		expect(run.sent('upgrade-room')).toHaveLength(1);
	});
});
