/** /delete-state and /undelete-state, the line each kind of failure gives, and what Enter does around a command. */
import {describe, expect, test} from 'vitest';
import type {ActionError} from '../../src/matrix/protocol.js';
import {member, state} from '../support/events.js';
import {error, info, ME, setUp} from './composer-run.js';

function inRoom(levels?: Record<string, unknown>) {
	const run = setUp();
	run.session.pushRoom({roomId: '!r:x', name: 'Lobby', events: [...(levels ? [state('m.room.power_levels', '', levels)] : []), member(ME, {membership: 'join'})]});
	return run;
}

describe('/delete-state and /undelete-state', () => {
	test.each([
		['/delete-state m.room.topic', {topic: 'old'}, {topic: 'old', deleted: true}, 'Deleted m.room.topic'],
		['/delete-state org.x k', undefined, {deleted: true}, 'Deleted org.x "k"'],
		['/undelete-state org.x k', {a: 1, deleted: true}, {a: 1}, 'Restored org.x "k"'],
		['/undelete-state org.x', {a: 1, 'm.obsolete': true}, {a: 1}, 'Restored org.x'],
	])('%s re-sends what the server holds, changed', async (text, held, sent, line) => {
		const run = inRoom();
		run.session.answer((action) => action.type === 'get-state', {ok: true, value: held});
		await run.enter(text);
		const [, type, key = ''] = text.split(' ');
		expect(run.sent()).toEqual([
			{type: 'get-state', roomId: '!r:x', eventType: type, stateKey: key},
			{type: 'put-state', roomId: '!r:x', eventType: type, stateKey: key, content: sent},
		]);
		expect(run.notice()).toEqual(info(line));
	});

	test.each([
		['/delete-state org.x', {deleted: true}, info('org.x is already deleted')],
		['/delete-state m.room.member @a:x', {membership: 'leave'}, info('m.room.member "@a:x" is already deleted')],
		['/undelete-state org.x', {deleted: 'true'}, info('org.x is not deleted')],
		['/undelete-state m.room.member @a:x', {membership: 'leave'}, error('m.room.member "@a:x" cannot be undeleted: it is a leave or redacted event')],
	])('%s with %j sends nothing', async (text, held, notice) => {
		const run = inRoom();
		run.session.answer((action) => action.type === 'get-state', {ok: true, value: held});
		await run.enter(text);
		expect(run.sent('put-state')).toEqual([]);
		expect(run.notice()).toEqual(notice);
	});

	test('state that is not there, and a change we may not make', async () => {
		const run = inRoom({state_default: 60});
		run.session.answer((action) => action.type === 'get-state', {ok: false, error: {kind: 'not-found', message: 'M_NOT_FOUND'}});
		await run.enter('/delete-state org.x k');
		expect(run.notice()).toEqual(error('No org.x "k" state in this room'));
		run.session.answer((action) => action.type === 'put-state', {ok: false, error: {kind: 'forbidden', message: 'no'}});
		await run.enter('/undelete-state org.x');
		expect(run.notice()).toEqual(info('org.x is not deleted'));
		await run.enter('/delete-state org.x');
		expect(run.notice()).toEqual(error('Cannot delete org.x: needs power level 60, you have 0'));
		run.session.answer((action) => action.type === 'get-state', {ok: true, value: {deleted: true}});
		run.session.answer((action) => action.type === 'put-state', {ok: false, error: {kind: 'other', message: 'odd'}});
		await run.enter('/undelete-state org.x');
		expect(run.notice()).toEqual(error('Cannot undelete org.x: odd'));
	});
});

describe('failure lines', () => {
	test.each<[ActionError, string]>([
		[{kind: 'forbidden', message: 'Not in room', errcode: 'M_FORBIDDEN'}, 'Cannot send the message: Not in room (M_FORBIDDEN)'],
		[{kind: 'forbidden', message: ''}, 'Cannot send the message: unknown error'],
		[{kind: 'not-found', message: 'x'}, 'Cannot send the message: not found'],
		[{kind: 'rate-limited', message: 'x'}, 'Cannot send the message: the server is rate-limiting you'],
		[{kind: 'rate-limited', message: 'x', retryAfterMs: 0}, 'Cannot send the message: the server is rate-limiting you — try again in 0s'],
		[{kind: 'rate-limited', message: 'x', retryAfterMs: 2000}, 'Cannot send the message: the server is rate-limiting you — try again in 2s'],
		[{kind: 'unknown-token', message: 'x'}, 'Cannot send the message: your session has ended (logged out) — start matrix-tui again to log in'],
		[{kind: 'bad-request', message: 'Bad\u001B]0;t\u0007 JSON', errcode: 'M_BAD_JSON'}, 'Cannot send the message: Bad\u241B JSON (M_BAD_JSON)'],
		[{kind: 'other', message: 'y'.repeat(300)}, `Cannot send the message: ${'y'.repeat(200)}`],
	])('%j', async (failure, line) => {
		const run = inRoom();
		run.session.answer((action) => action.type === 'send-text', {ok: false, error: failure});
		await run.enter('hello');
		expect(run.notice()).toEqual(error(line));
	});

	test('a refusal while we have the level needed gives the server’s words', async () => {
		const run = inRoom({users: {[ME]: 50}, events_default: 50});
		run.session.answer((action) => action.type === 'send-text', {ok: false, error: {kind: 'forbidden', message: 'Server ACL'}});
		await run.enter('hello');
		expect(run.notice()).toEqual(error('Cannot send the message: Server ACL'));
	});
});

describe('Enter', () => {
	test('an empty composer does nothing', async () => {
		const run = inRoom();
		run.store.dispatch({type: 'show-notice', notice: info('kept')});
		await run.enter('   ');
		expect(run.notice()).toEqual(info('kept'));
		expect(run.sent()).toEqual([]);
		expect(run.composer()).toBe('   ');
	});

	test('without a room, nothing is remembered', async () => {
		const run = setUp();
		await run.enter('/nick Neo');
		expect(run.store.getState().history.size).toBe(0);
	});

	test('a usage error keeps the text and is not remembered', async () => {
		const run = inRoom();
		await run.enter('/kick');
		expect(run.notice()).toEqual(error('/kick needs a user — usage: /kick <user> [reason]'));
		expect(run.composer()).toBe('/kick');
		expect(run.store.getState().history.size).toBe(0);
	});

	test.each([
		[new Error('kaput'), 'Something went wrong: kaput'],
		['plain', 'Something went wrong: plain'],
	])('a command that throws %j reports it and gives the text back', async (thrown, line) => {
		const run = inRoom();
		run.session.onPerform = () => {
			// eslint-disable-next-line @typescript-eslint/only-throw-error -- libraries do throw strings: the line must still read well
			throw thrown;
		};
		await run.enter('hello');
		expect(run.notice()).toEqual(error(line));
		expect(run.composer()).toBe('hello');
	});

	test('a failed command does not overwrite what was typed meanwhile', async () => {
		const run = inRoom();
		run.session.answer((action) => action.type === 'send-text', {ok: false, error: {kind: 'network', message: 'x'}});
		run.session.onPerform = () => run.store.dispatch({type: 'set-composer', composer: {text: 'next', cursor: 4}});
		await run.enter('hello');
		expect(run.composer()).toBe('next');
	});

	test('a flow that throws while working does not leave its prompt open', async () => {
		const run = inRoom();
		await run.enter('/deactivate');
		await run.enter(ME);
		run.session.onPerform = () => {
			throw new Error('worker died');
		};
		await run.enter(ME);
		expect(run.store.getState().prompt).toBeUndefined();
		expect(run.notice()).toEqual(error('Something went wrong: worker died'));
		expect(run.store.getState()).toMatchObject({userId: ME, selectedRoomId: '!r:x'});
	});

	test('a failed answer of a flow that moved on to a newer prompt leaves that prompt alone', async () => {
		const run = inRoom();
		await run.enter('/deactivate');
		await run.enter(ME);
		run.session.onPerform = () => {
			run.store.dispatch({type: 'open-prompt', prompt: {flow: 'deactivate', step: 'working', id: -1, text: 'other', placeholder: '', secret: false}});
			throw new Error('x');
		};
		await run.enter(ME);
		expect(run.store.getState().prompt?.id).toBe(-1);
	});
});
