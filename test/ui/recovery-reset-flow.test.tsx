/**
 * /recovery on an account that has a recovery key already. Setup keeps it and says, on one line,
 * how to go on; /recovery reset asks first (y or yes confirms, anything else or Esc cancels) and
 * only then asks the matrix layer to replace the key, showing the new one once in its panel. On
 * an account with no key, reset is the plain setup: nothing to lose, nothing asked.
 */
import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {MatrixAction} from '../../src/matrix/protocol.js';
import {member, message, state} from '../support/events.js';
import {FakeSession} from '../support/fake-session.js';
import {composerLine, renderChat, statusNotice, type ChatScreen} from '../support/screen.js';

afterEach(() => cleanup());

const ME = '@me:example.org';
const NEW_KEY = 'EsTj 3yST y93F SLpB jJsz eAXc 2XzA ygD3 w69H fGaN TKBj jXEd';
const ALREADY = 'Recovery is already set up — /recovery <key> uses your key here; /recovery reset makes a new one (the old key stops working)';
const CONFIRM = 'Replace your recovery key? Type y to confirm, anything else cancels — the old key stops working, a new key backup is made';
const CANCELLED = 'Recovery reset cancelled — your recovery key is unchanged';

type SetUp = Extract<MatrixAction, {type: 'set-up-recovery'}>;
const isSetUp = (action: MatrixAction): action is SetUp => action.type === 'set-up-recovery';
const asked = (session: FakeSession) => session.actions.filter(isSetUp);

/** A session whose account has a key: only a `replace` makes a new one. */
function withKey() {
	const session = new FakeSession(ME);
	session.answer((action) => isSetUp(action) && action.replace === true, {ok: true, value: {kind: 'created', recoveryKey: NEW_KEY}});
	session.answer(isSetUp, {ok: true, value: {kind: 'exists'}});
	return session;
}

async function render(session: FakeSession): Promise<ChatScreen> {
	const app = renderChat({session, columns: 160, rows: 24});
	session.pushRoom({roomId: '!alpha:example.org', name: 'Alpha', events: [state('m.room.create', '', {creator: ME}), state('m.room.name', '', {name: 'Alpha'}), member(ME, {membership: 'join', displayname: 'Me'}), message(ME, 'hello')]});
	await app.waitFor('# Alpha');
	return app;
}

async function askReset(app: ChatScreen): Promise<void> {
	app.submit('/recovery reset');
	const screen = await app.waitFor((s) => statusNotice(s) === CONFIRM);
	expect(composerLine(screen)).toBe('confirm>  y to replace the key');
}

describe('/recovery setup on an account with a key', () => {
	test('keeps the key: one line that says how to go on, no panel, nothing replaced', async () => {
		const session = withKey();
		const app = await render(session);
		app.submit('/recovery setup');
		const screen = await app.waitFor((s) => statusNotice(s).startsWith('Recovery is already'));
		expect(statusNotice(screen)).toBe(ALREADY);
		expect(screen).not.toContain('Your recovery key');
		expect(asked(session)).toEqual([{type: 'set-up-recovery'}]);
		expect(app.store.getState().prompt).toBeUndefined();
	});
});

describe('/recovery reset', () => {
	test.each(['y', 'yes', ' YES ', 'Y'])('%j confirms: the key is replaced and the new one shown once', async (yes) => {
		const session = withKey();
		const app = await render(session);
		await askReset(app);
		expect(asked(session)).toEqual([{type: 'set-up-recovery'}]);
		app.submit(yes);
		let screen = await app.waitFor('Your recovery key — Esc or Enter closes');
		expect(screen).toContain(`  ${NEW_KEY}`);
		expect(statusNotice(screen)).toBe('Recovery key replaced: your keys are backed up under the new key shown — the old key no longer works');
		expect(asked(session)).toEqual([{type: 'set-up-recovery'}, {type: 'set-up-recovery', replace: true}]);
		expect(app.store.getState().prompt).toBeUndefined();
		app.type('\u001b');
		screen = await app.waitFor((s) => !s.includes('Your recovery key'));
		expect(screen).not.toContain(NEW_KEY);
		expect(app.store.getState().recoveryKey).toBeUndefined();
		// The answer is no message and no history entry.
		expect(app.store.getState().history.get('!alpha:example.org')).toEqual(['/recovery reset']);
	});

	test.each(['n', 'no', 'yess', 'sure', 'ja'])('%j cancels: nothing replaced', async (answer) => {
		const session = withKey();
		const app = await render(session);
		await askReset(app);
		app.submit(answer);
		const screen = await app.waitFor((s) => statusNotice(s) === CANCELLED);
		expect(screen).not.toContain('Your recovery key');
		expect(asked(session)).toEqual([{type: 'set-up-recovery'}]);
		expect(app.store.getState().prompt).toBeUndefined();
	});

	test('Esc at the question cancels: nothing replaced', async () => {
		const session = withKey();
		const app = await render(session);
		await askReset(app);
		app.type('\u001b');
		await app.waitFor((s) => statusNotice(s) === CANCELLED);
		expect(asked(session)).toEqual([{type: 'set-up-recovery'}]);
	});

	test('on an account with no key it is the plain setup: nothing asked', async () => {
		const session = new FakeSession(ME);
		session.answer(isSetUp, {ok: true, value: {kind: 'created', recoveryKey: NEW_KEY}});
		const app = await render(session);
		app.submit('/recovery reset');
		const screen = await app.waitFor(NEW_KEY);
		expect(statusNotice(screen)).toBe('Recovery is set up: your keys are backed up on the server under the key shown');
		expect(asked(session)).toEqual([{type: 'set-up-recovery'}]);
	});

	test('a password the cross-signing upload needs is asked after the yes, and goes with the replace', async () => {
		const session = new FakeSession(ME);
		session.answer((action) => isSetUp(action) && action.replace === true && action.password === 'pw', {ok: true, value: {kind: 'created', recoveryKey: NEW_KEY}});
		session.answer((action) => isSetUp(action) && action.replace === true, {ok: true, value: {kind: 'needs-password'}});
		session.answer(isSetUp, {ok: true, value: {kind: 'exists'}});
		const app = await render(session);
		await askReset(app);
		app.submit('y');
		await app.waitFor((s) => statusNotice(s).startsWith('Your password, to set up cross-signing'));
		app.submit('pw');
		await app.waitFor(NEW_KEY);
		expect(asked(session)).toEqual([{type: 'set-up-recovery'}, {type: 'set-up-recovery', replace: true}, {type: 'set-up-recovery', replace: true, password: 'pw'}]);
	});

	test('Esc at that password: the reset is cancelled', async () => {
		const session = new FakeSession(ME);
		session.answer((action) => isSetUp(action) && action.replace === true, {ok: true, value: {kind: 'needs-password'}});
		session.answer(isSetUp, {ok: true, value: {kind: 'exists'}});
		const app = await render(session);
		await askReset(app);
		app.submit('yes');
		await app.waitFor((s) => statusNotice(s).startsWith('Your password'));
		app.type('\u001b');
		await app.waitFor((s) => statusNotice(s) === CANCELLED);
		expect(asked(session)).toHaveLength(2);
	});

	test.each([
		[{ok: true, value: {kind: 'unverified-device'}}, 'This device does not hold your cross-signing keys — verify it first: /recovery <key> or /verify'],
		[{ok: false, error: {kind: 'network', message: 'cannot reach the homeserver'}}, 'Cannot reset recovery: the homeserver cannot be reached — check the connection and try again'],
	] as const)('a failure after the yes is one line: %j', async (result, line) => {
		const session = new FakeSession(ME);
		session.answer((action) => isSetUp(action) && action.replace === true, result);
		session.answer(isSetUp, {ok: true, value: {kind: 'exists'}});
		const app = await render(session);
		await askReset(app);
		app.submit('y');
		const screen = await app.waitFor((s) => statusNotice(s) === line);
		expect(screen).not.toContain('Your recovery key');
		expect(app.store.getState().prompt).toBeUndefined();
	});
});
