/** /deactivate through Enter: asked twice, every joined room left with both MSC3759 flags, the password, and every way out. */
import {describe, expect, test} from 'vitest';
import type {ActionError} from '../../src/matrix/protocol.js';
import {state} from '../support/events.js';
import {error, info, ME, setUp} from './composer-run.js';

const FLAGS = {membership: 'leave', 'm.deactivated': true, 'org.matrix.msc3759.deactivated': true};

function deactivating(rooms: Array<{roomId: string; name: string; membership?: 'join' | 'invite'}> = [{roomId: '!a:x', name: 'Alpha'}, {roomId: '!b:x', name: 'Beta'}]) {
	const run = setUp();
	for (const room of rooms) run.session.pushRoom({...room, events: [state('m.room.name', '', {name: room.name})]});
	const notices: string[] = [];
	run.store.subscribe(() => {
		const text = run.store.getState().notice?.text;
		if (text !== undefined && notices.at(-1) !== text) notices.push(text);
	});
	const prompt = () => run.store.getState().prompt;
	return {...run, notices, prompt};
}

const leave = (roomId: string, content: Record<string, unknown> = FLAGS) => ({type: 'put-state', roomId, eventType: 'm.room.member', stateKey: ME, content});

describe('/deactivate: confirming', () => {
	test('asks for the user ID, twice, then leaves every joined room and asks for the password', async () => {
		const run = deactivating([{roomId: '!a:x', name: 'Alpha'}, {roomId: '!b:x', name: ''}, {roomId: '!i:x', name: 'Invite', membership: 'invite'}]);
		await run.enter('/deactivate');
		expect(run.prompt()).toMatchObject({
			flow: 'deactivate',
			step: 'confirm',
			text: 'Deactivate your account for good? Type your user ID to confirm (1 of 2, Esc cancels) — you leave 2 rooms, marked deactivated',
			placeholder: 'type your user ID',
			secret: false,
		});
		expect(run.prompt()).not.toHaveProperty('reason');
		const id = run.prompt()!.id;
		await run.enter(` ${ME} `);
		expect(run.prompt()).toMatchObject({id, step: 'confirm-again', text: 'Type your user ID once more (2 of 2, Esc cancels) — then every room is left and your password asked', secret: false});
		let during: unknown;
		run.session.onPerform = () => (during ??= {prompt: run.prompt(), notice: run.notice()});
		await run.enter(ME);
		expect(run.sent()).toEqual([leave('!a:x'), leave('!b:x')]);
		expect(run.notices).toEqual(['Leaving rooms 1/2… (Alpha)', 'Leaving rooms 2/2… (!b:x)']);
		expect(during).toMatchObject({prompt: {id, step: 'working', text: 'Leaving your rooms… Esc stops after the current one', placeholder: 'working… (Esc stops)', secret: false}, notice: info('Leaving rooms 1/2… (Alpha)')});
		expect(run.prompt()).toMatchObject({id, step: 'password', text: `Your password to deactivate ${ME} (hidden, Esc cancels) — left 2 rooms`, placeholder: 'password (hidden)', secret: true});
		expect(run.notice()).toBeUndefined();
	});

	test('the reason goes with every leave; one room is "1 room"', async () => {
		const run = deactivating([{roomId: '!a:x', name: 'Alpha'}]);
		await run.enter('/deactivate moving on');
		expect(run.prompt()?.text).toContain('you leave 1 room, marked');
		expect(run.prompt()).toMatchObject({reason: 'moving on'});
		await run.enter(ME);
		expect(run.prompt()).toMatchObject({reason: 'moving on'});
		await run.enter(ME);
		expect(run.sent()).toEqual([leave('!a:x', {...FLAGS, reason: 'moving on'})]);
		expect(run.prompt()).toMatchObject({step: 'password', reason: 'moving on', text: `Your password to deactivate ${ME} (hidden, Esc cancels) — left 1 room`});
	});

	test('no rooms: straight to the password, without a lead', async () => {
		const run = deactivating([]);
		await run.enter('/deactivate');
		expect(run.prompt()?.text).toContain('you leave 0 rooms');
		await run.enter(ME);
		await run.enter(ME);
		expect(run.sent()).toEqual([]);
		expect(run.prompt()?.text).toBe(`Your password to deactivate ${ME} (hidden, Esc cancels)`);
	});

	test.each([['confirm', 0], ['confirm-again', 1]] as const)('a wrong user ID at %s ends it, without echoing the answer', async (_step, rightAnswers) => {
		const run = deactivating();
		await run.enter('/deactivate');
		for (let index = 0; index < rightAnswers; index++) await run.enter(ME);
		await run.enter('hunter2');
		expect(run.notice()).toEqual(error(`Not deactivated: that is not your user ID (${ME}) — your account is still active`));
		expect(run.prompt()).toBeUndefined();
		expect(run.composer()).toBe('');
		expect(run.sent()).toEqual([]);
		expect([...run.store.getState().history.values()]).toEqual([['/deactivate']]);
	});
});

describe('/deactivate: leaving rooms fails', () => {
	const failing = (kind: ActionError['kind'], message = '') => ({ok: false as const, error: {kind, message}});

	test.each([
		['forbidden', '', 'not allowed'],
		['not-found', '', 'not found'],
		['rate-limited', '', 'rate-limited'],
		['network', '', 'homeserver unreachable'],
		['unknown-token', '', 'session ended'],
		['other', `odd\u001B[2J ${'x'.repeat(80)}`, `odd\u241B ${'x'.repeat(55)}`],
		['bad-request', '', 'failed'],
	] as const)('a %s failure is named shortly, and the user may go on anyway', async (kind, message, short) => {
		const run = deactivating();
		run.session.answer((action) => action.type === 'put-state' && action.roomId === '!b:x', failing(kind, message));
		await run.enter('/deactivate');
		await run.enter(ME);
		await run.enter(ME);
		expect(run.prompt()).toMatchObject({step: 'after-failure', text: `Type your user ID to deactivate anyway (Esc cancels) — could not leave 1 of 2 rooms: Beta (${short})`, placeholder: 'type your user ID', secret: false});
		await run.enter(ME);
		expect(run.prompt()).toMatchObject({step: 'password', text: `Your password to deactivate ${ME} (hidden, Esc cancels)`});
	});

	test('after a failure, a wrong user ID ends it', async () => {
		const run = deactivating();
		run.session.answer((action) => action.type === 'put-state', failing('forbidden'));
		run.session.answer((action) => action.type === 'put-state', failing('network'));
		await run.enter('/deactivate');
		await run.enter(ME);
		await run.enter(ME);
		expect(run.prompt()?.text).toContain('could not leave 2 of 2 rooms: Alpha (not allowed), Beta (homeserver unreachable)');
		await run.enter('nope');
		expect(run.prompt()).toBeUndefined();
		expect(run.notice()).toEqual(error(`Not deactivated: that is not your user ID (${ME}) — your account is still active`));
	});
});

describe('/deactivate: the password', () => {
	async function atPassword() {
		const run = deactivating([{roomId: '!a:x', name: 'Alpha'}]);
		await run.enter('/deactivate');
		await run.enter(ME);
		await run.enter(ME);
		return run;
	}

	test('deactivates with it, then says the homeserver ends the session; the password is gone from the store', async () => {
		const run = await atPassword();
		let working: unknown;
		run.session.onPerform = (action) => {
			if (action.type === 'deactivate-account') working = {prompt: run.prompt(), notice: run.notice(), composer: run.composer()};
		};
		await run.enter('s3cret pass');
		expect(run.sent('deactivate-account')).toEqual([{type: 'deactivate-account', password: 's3cret pass'}]);
		expect(working).toMatchObject({prompt: {step: 'working', text: 'Deactivating your account…', placeholder: 'working… (Esc stops)', secret: false}, notice: info('Deactivating your account…'), composer: ''});
		expect(run.notice()).toEqual(info(`Account ${ME} deactivated — the homeserver ends this session`));
		expect(run.prompt()).toBeUndefined();
		expect(JSON.stringify(run.store.getState())).not.toContain('s3cret');
	});

	test('a wrong password asks again with the reason', async () => {
		const run = await atPassword();
		run.session.answer((action) => action.type === 'deactivate-account', {ok: false, error: {kind: 'forbidden', message: 'Invalid password', errcode: 'M_FORBIDDEN'}});
		await run.enter('wrong');
		expect(run.prompt()).toMatchObject({step: 'password', secret: true, text: `Your password to deactivate ${ME} (hidden, Esc cancels) — Cannot deactivate the account: Invalid password (M_FORBIDDEN)`});
		expect(run.notice()).toBeUndefined();
		expect(run.composer()).toBe('');
		await run.enter('right');
		expect(run.sent('deactivate-account')).toHaveLength(2);
		expect(run.prompt()).toBeUndefined();
	});

	test('an ended session ends the flow', async () => {
		const run = await atPassword();
		run.session.answer((action) => action.type === 'deactivate-account', {ok: false, error: {kind: 'unknown-token', message: 'gone'}});
		await run.enter('pw');
		expect(run.prompt()).toBeUndefined();
		expect(run.notice()).toEqual(error('Cannot deactivate the account: your session has ended (logged out) — start matrix-tui again to log in'));
	});

	test('Esc while deactivating: a failure then ends the flow instead of asking again', async () => {
		const run = await atPassword();
		run.session.answer((action) => action.type === 'deactivate-account', {ok: false, error: {kind: 'network', message: 'x'}});
		run.session.onPerform = (action) => {
			if (action.type === 'deactivate-account') run.store.dispatch({type: 'cancel-prompt'});
		};
		await run.enter('pw');
		expect(run.prompt()).toBeUndefined();
		expect(run.notice()).toEqual(error('Cannot deactivate the account: the homeserver cannot be reached — check the connection and try again'));
	});
});

describe('/deactivate: Esc while leaving', () => {
	test('stops before the next room and says how far it got', async () => {
		const run = deactivating();
		await run.enter('/deactivate');
		await run.enter(ME);
		run.session.onPerform = () => run.store.dispatch({type: 'cancel-prompt'});
		await run.enter(ME);
		expect(run.sent()).toEqual([leave('!a:x')]);
		expect(run.notice()).toEqual(error('Deactivation stopped after 1 of 2 rooms — your account is still active'));
		expect(run.prompt()).toBeUndefined();
	});

	test('during the last room: the rooms are left but the account stays', async () => {
		const run = deactivating([{roomId: '!a:x', name: 'Alpha'}]);
		await run.enter('/deactivate');
		await run.enter(ME);
		run.session.onPerform = () => run.store.dispatch({type: 'cancel-prompt'});
		await run.enter(ME);
		expect(run.notice()).toEqual(error('Deactivation stopped: rooms left, but your account is still active'));
		expect(run.sent('deactivate-account')).toEqual([]);
	});

	test('while working, Enter says so and the answer is not taken', async () => {
		const run = deactivating();
		await run.enter('/deactivate');
		await run.enter(ME);
		let said: unknown;
		run.session.onPerform = (action) => {
			if (action.type === 'put-state' && said === undefined) {
				void run.enter(ME);
				said = run.notice();
			}
		};
		await run.enter(ME);
		expect(said).toEqual(info('Still working — Esc stops after the current step'));
		expect(run.sent()).toEqual([leave('!a:x'), leave('!b:x')]);
		expect(run.prompt()?.step).toBe('password');
	});
});
