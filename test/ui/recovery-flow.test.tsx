/**
 * /recovery on screen. Setup shows the key once, in a panel that takes every key until Esc or
 * Enter closes it, and then the key is gone from the store; a password is asked (masked) only if
 * the server wants one for cross-signing. /recovery <key> sends the key to the matrix layer, is
 * never kept in the input history or given back to the composer, and every failure is one line.
 */
import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {RecoveryRestore} from '../../src/matrix/protocol.js';
import type {AppState} from '../../src/state/app-state.js';
import {member, message, state} from '../support/events.js';
import {FakeSession} from '../support/fake-session.js';
import {composerLine, renderChat, statusNotice, type ChatScreen} from '../support/screen.js';

afterEach(() => cleanup());

const ME = '@me:example.org';
const KEY = 'EsTj 3yST y93F SLpB jJsz eAXc 2XzA ygD3 w69H fGaN TKBj jXEd';
const PASSWORD = 'hunter2 ?right';

function setUp() {
	const session = new FakeSession(ME);
	const app = renderChat({session, columns: 140, rows: 24});
	session.pushRoom({roomId: '!alpha:example.org', name: 'Alpha', events: [state('m.room.create', '', {creator: ME}), state('m.room.name', '', {name: 'Alpha'}), member(ME, {membership: 'join', displayname: 'Me'}), message(ME, 'hello')]});
	return {app, session};
}

/** Everything in the store, Maps and Sets included, as one string to search. */
function dump(state: AppState): string {
	return JSON.stringify(state, (_key, value: unknown) => (value instanceof Map ? [...value.entries()] : value instanceof Set ? [...value] : value));
}

async function answer(app: ChatScreen, text: string, next: string): Promise<string> {
	app.submit(text);
	return app.waitFor((screen) => statusNotice(screen).includes(next));
}

const recoveryActions = (session: FakeSession) => session.actions.filter((action) => action.type === 'set-up-recovery' || action.type === 'restore-recovery');

describe('/recovery setup', () => {
	test('shows the key once in a panel that takes the keys; Esc closes it and the key leaves the store', async () => {
		const {app, session} = setUp();
		session.answer((action) => action.type === 'set-up-recovery', {ok: true, value: {kind: 'created', recoveryKey: KEY}});
		await app.waitFor('# Alpha');
		app.submit('/recovery setup');
		let screen = await app.waitFor('Your recovery key — Esc or Enter closes');
		expect(screen).toContain(`  ${KEY}`);
		expect(statusNotice(screen)).toBe('Recovery is set up: your keys are backed up on the server under the key shown');
		expect(recoveryActions(session)).toEqual([{type: 'set-up-recovery'}]);

		// Keys typed while it shows go nowhere (a "?" does not open help, text does not reach the composer).
		app.type('?abc');
		app.type('\u001b[A');
		await app.waitFor(KEY);
		expect(app.store.getState().composer.text).toBe('');
		expect(app.store.getState().helpOpen).toBe(false);

		app.type('\u001b');
		screen = await app.waitFor((s) => !s.includes('Your recovery key'));
		expect(screen).toContain('# Alpha');
		expect(screen).not.toContain(KEY);
		expect(dump(app.store.getState())).not.toContain(KEY.slice(0, 9));
		expect(app.store.getState().history.get('!alpha:example.org')).toEqual(['/recovery setup']);
	});

	test('Enter closes it too', async () => {
		const {app, session} = setUp();
		session.answer((action) => action.type === 'set-up-recovery', {ok: true, value: {kind: 'created', recoveryKey: KEY}});
		await app.waitFor('# Alpha');
		app.submit('/recovery setup');
		await app.waitFor(KEY);
		app.enter();
		await app.waitFor((s) => !s.includes(KEY));
		expect(app.store.getState().recoveryKey).toBeUndefined();
	});

	test('a narrow terminal shows the key in lines of four groups, none cut', async () => {
		const session = new FakeSession(ME);
		const app = renderChat({session, columns: 50, rows: 20});
		session.answer((action) => action.type === 'set-up-recovery', {ok: true, value: {kind: 'created', recoveryKey: KEY}});
		app.submit('/recovery setup');
		const screen = await app.waitFor('Your recovery key');
		expect(screen).toContain('EsTj 3yST y93F SLpB');
		expect(screen).toContain('jJsz eAXc 2XzA ygD3');
		expect(screen).toContain('w69H fGaN TKBj jXEd');
	});

	test('a password, when the server wants one for cross-signing: masked, asked again if wrong, gone after use', async () => {
		const {app, session} = setUp();
		session.answer((action) => action.type === 'set-up-recovery' && action.password === undefined, {ok: true, value: {kind: 'needs-password'}});
		session.answer((action) => action.type === 'set-up-recovery' && action.password === 'wrong', {ok: false, error: {kind: 'forbidden', status: 401, errcode: 'M_FORBIDDEN', message: 'Invalid password'}});
		session.answer((action) => action.type === 'set-up-recovery' && action.password === PASSWORD, {ok: true, value: {kind: 'created', recoveryKey: KEY}});
		await app.waitFor('# Alpha');
		const question = `Your password, to set up cross-signing for ${ME} (hidden, Esc cancels)`;
		let screen = await answer(app, '/recovery setup', question);
		expect(composerLine(screen)).toBe('password>  password (hidden)');
		screen = await answer(app, 'wrong', 'wrong password');
		expect(statusNotice(screen)).toBe(`${question} — wrong password`);
		app.type(PASSWORD);
		screen = await app.waitFor(`password> ${'•'.repeat(PASSWORD.length)}`);
		expect(screen).not.toContain('hunter2');
		app.enter();
		await app.waitFor(KEY);
		expect(recoveryActions(session)).toEqual([{type: 'set-up-recovery'}, {type: 'set-up-recovery', password: 'wrong'}, {type: 'set-up-recovery', password: PASSWORD}]);
		expect(app.store.getState().prompt).toBeUndefined();
		expect(dump(app.store.getState())).not.toContain('hunter2');
	});

	test('Esc at the password cancels: nothing set up', async () => {
		const {app, session} = setUp();
		session.answer((action) => action.type === 'set-up-recovery', {ok: true, value: {kind: 'needs-password'}});
		await app.waitFor('# Alpha');
		await answer(app, '/recovery setup', 'Your password');
		app.type('half');
		await app.waitFor('password> ••••');
		app.type('\u001b');
		const screen = await app.waitFor((s) => statusNotice(s).includes('cancelled'));
		expect(statusNotice(screen)).toBe('Recovery setup cancelled — nothing was changed');
		expect(recoveryActions(session)).toHaveLength(1);
		expect(dump(app.store.getState())).not.toContain('half');
	});

	test.each([
		[{ok: true, value: {kind: 'unverified-device'}}, 'This device does not hold your cross-signing keys — verify it first: /recovery <key> or /verify'],
		[{ok: false, error: {kind: 'other', message: 'encryption is off in this session'}}, 'Cannot set up recovery: encryption is off in this session'],
		[{ok: false, error: {kind: 'network', message: 'cannot reach the homeserver'}}, 'Cannot set up recovery: the homeserver cannot be reached — check the connection and try again'],
	] as const)('a failure is one line: %j', async (result, line) => {
		const {app, session} = setUp();
		session.answer((action) => action.type === 'set-up-recovery', result);
		await app.waitFor('# Alpha');
		const screen = await answer(app, '/recovery setup', line.slice(0, 20));
		expect(statusNotice(screen)).toBe(line);
		expect(screen).not.toContain('Your recovery key');
	});
});

describe('/recovery <key>', () => {
	test.each<[RecoveryRestore, string]>([
		[{kind: 'restored', imported: 12, total: 12}, 'This device is verified; 12 of 12 keys restored from the backup — older messages decrypt'],
		[{kind: 'verified-no-backup'}, 'This device is verified — the account has no key backup to restore'],
		[{kind: 'wrong-key'}, "That recovery key does not match this account's secret storage"],
		[{kind: 'not-a-key'}, 'That is not a recovery key — check it for typos (12 groups of 4 characters, as /recovery setup showed it)'],
		[{kind: 'no-secret-storage'}, 'This account has no secret storage — run /recovery setup on a device that has the keys'],
	])('%j: one line; the key is sent once and kept nowhere', async (value, line) => {
		const {app, session} = setUp();
		session.answer((action) => action.type === 'restore-recovery', {ok: true, value});
		await app.waitFor('# Alpha');
		app.submit('said before');
		await app.until(() => app.store.getState().history.get('!alpha:example.org')?.length === 1);
		const screen = await answer(app, `/recovery ${KEY}`, line.slice(0, 20));
		expect(statusNotice(screen)).toBe(line);
		expect(recoveryActions(session)).toEqual([{type: 'restore-recovery', recoveryKey: KEY}]);
		// Not given back to the composer on failure, not in the input history, nowhere in the store.
		expect(app.store.getState().composer.text).toBe('');
		expect(dump(app.store.getState())).not.toContain(KEY.slice(0, 9));
		app.type('\u001b[A'); // ↑ brings back what was said before, not the key
		await app.waitFor('> said before');
		expect(app.store.getState().history.get('!alpha:example.org')).toEqual(['said before']);
	});

	test('an unexpected failure is one line that does not repeat the key', async () => {
		const {app, session} = setUp();
		session.answer((action) => action.type === 'restore-recovery', {ok: false, error: {kind: 'other', message: 'importCrossSigningKeys failed to import the keys'}});
		await app.waitFor('# Alpha');
		const screen = await answer(app, `/recovery ${KEY}`, 'Cannot restore');
		expect(statusNotice(screen)).toBe('Cannot restore from the recovery key: importCrossSigningKeys failed to import the keys');
		expect(screen).not.toContain('EsTj');
	});
});
