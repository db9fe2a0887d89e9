/**
 * /deactivate on screen: asked twice (your user ID), then every joined room is left with both
 * MSC3759 flags, with progress on the status line, then the password — masked, and gone from the
 * store and history once used. Wrong answers refuse, Esc cancels, a partial failure asks again.
 */
import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {MatrixAction} from '../../src/matrix/protocol.js';
import type {AppState} from '../../src/state/app-state.js';
import {member, message, state} from '../support/events.js';
import {FakeSession} from '../support/fake-session.js';
import {composerLine, renderChat, statusNotice, type ChatScreen} from '../support/screen.js';

afterEach(() => cleanup());

const ME = '@me:example.org';
const ALICE = '@alice:example.org';
const PASSWORD = 'correct horse ?battery';

function room(name: string) {
	return [state('m.room.create', '', {creator: ALICE}), state('m.room.name', '', {name}), member(ALICE, {membership: 'join', displayname: 'Alice'}), member(ME, {membership: 'join', displayname: 'Me'}), message(ALICE, `welcome to ${name}`)];
}

/** A FakeSession whose room leaves wait until the test lets them through, to see the progress. */
class GatedSession extends FakeSession {
	private release: (() => void) | undefined;
	gated = false;
	override async perform<Action extends MatrixAction>(action: Action) {
		if (this.gated && action.type === 'put-state') await new Promise<void>((resolve) => (this.release = resolve));
		return super.perform(action);
	}
	letOneThrough() {
		const release = this.release;
		this.release = undefined;
		release?.();
	}
}

function setUp(session = new GatedSession(ME)) {
	const app = renderChat({session, columns: 220, rows: 30});
	session.pushRoom({roomId: '!alpha:example.org', name: 'Alpha', events: room('Alpha')});
	session.pushRoom({roomId: '!beta:example.org', name: 'Beta', events: room('Beta')});
	session.pushRoom({roomId: '!gamma:example.org', name: 'Gamma', membership: 'invite', inviter: ALICE, events: [state('m.room.name', '', {name: 'Gamma'})]});
	return {app, session};
}

const leaves = (session: FakeSession) => session.actions.filter((action) => action.type === 'put-state');
const deactivations = (session: FakeSession) => session.actions.filter((action) => action.type === 'deactivate-account');

/** Everything in the store, Maps and Sets included, as one string to search. */
function dump(state: AppState): string {
	return JSON.stringify(state, (_key, value: unknown) => (value instanceof Map ? [...value.entries()] : value instanceof Set ? [...value] : value));
}

/** Answers the prompt and waits for the status bar to say `next`; returns that screen. */
async function answer(app: ChatScreen, text: string, next: string): Promise<string> {
	app.submit(text);
	return app.waitFor((screen) => statusNotice(screen).includes(next));
}

/** Presses Esc and waits for the status bar to say `next` (a lone Esc is read after a pause). */
async function escape(app: ChatScreen, next: string): Promise<string> {
	app.type('\u001b');
	return app.waitFor((screen) => statusNotice(screen).includes(next));
}

const FIRST = 'Deactivate your account for good? Type your user ID to confirm (1 of 2, Esc cancels) — you leave 2 rooms, marked deactivated';
const SECOND = 'Type your user ID once more (2 of 2, Esc cancels)';
const PASSWORD_PROMPT = `Your password to deactivate ${ME} (hidden, Esc cancels)`;
const CANCELLED = 'Deactivation cancelled — your account is still active';

describe('/deactivate', () => {
	test('a wrong user ID is refused: nothing is left, nothing deactivated', async () => {
		const {app, session} = setUp();
		await app.waitFor('# Alpha');
		let screen = await answer(app, '/deactivate', FIRST);
		expect(statusNotice(screen)).toBe(FIRST);
		expect(composerLine(screen)).toBe('confirm>  type your user ID');

		screen = await answer(app, '@me:example.com', 'Not deactivated');
		expect(statusNotice(screen)).toBe(`Not deactivated: that is not your user ID (${ME}) — your account is still active`);
		expect(app.store.getState().prompt).toBeUndefined();
		expect(leaves(session)).toEqual([]);

		// The second confirmation is checked just as strictly.
		await answer(app, '/deactivate', FIRST);
		expect(statusNotice(await answer(app, ME, SECOND))).toMatch(new RegExp(`^${escapeRegExp(SECOND)}`));
		screen = await answer(app, 'yes', 'Not deactivated');
		expect(statusNotice(screen)).toBe(`Not deactivated: that is not your user ID (${ME}) — your account is still active`);
		expect(leaves(session)).toEqual([]);
		expect(deactivations(session)).toEqual([]);
	});

	test('Esc cancels at the first question and at the password', async () => {
		const {app, session} = setUp();
		await app.waitFor('# Alpha');
		await answer(app, '/deactivate', FIRST);
		app.type(ME);
		let screen = await escape(app, 'Deactivation cancelled');
		expect(statusNotice(screen)).toBe(CANCELLED);
		expect(app.store.getState().prompt).toBeUndefined();
		expect(app.store.getState().composer.text).toBe('');

		await answer(app, '/deactivate', FIRST);
		await answer(app, ME, SECOND);
		screen = await answer(app, ME, PASSWORD_PROMPT);
		expect(statusNotice(screen)).toBe(`${PASSWORD_PROMPT} — left 2 rooms`);
		app.type('half a pass');
		await app.waitFor(`password> ${'•'.repeat('half a pass'.length)}`);
		screen = await escape(app, 'Deactivation cancelled');
		expect(statusNotice(screen)).toBe(CANCELLED);
		expect(deactivations(session)).toEqual([]);
		expect(dump(app.store.getState())).not.toContain('half a pass');
	});

	test('leaves every joined room with both flags and the reason, showing progress, then deactivates with a masked password', async () => {
		const {app, session} = setUp();
		await app.waitFor('# Alpha');
		await answer(app, '/deactivate moving to another server', FIRST);
		await answer(app, ME, SECOND);
		session.gated = true;
		expect(statusNotice(await answer(app, ME, 'Leaving rooms 1/2'))).toMatch(/^Leaving rooms 1\/2… \((Alpha|Beta)\)$/);
		session.letOneThrough();
		expect(statusNotice(await app.waitFor('Leaving rooms 2/2'))).toMatch(/^Leaving rooms 2\/2… \((Alpha|Beta)\)$/);
		session.letOneThrough();
		await app.waitFor(PASSWORD_PROMPT);

		const content = {membership: 'leave', 'm.deactivated': true, 'org.matrix.msc3759.deactivated': true, reason: 'moving to another server'};
		expect(leaves(session)).toEqual(
			expect.arrayContaining([
				{type: 'put-state', roomId: '!alpha:example.org', eventType: 'm.room.member', stateKey: ME, content},
				{type: 'put-state', roomId: '!beta:example.org', eventType: 'm.room.member', stateKey: ME, content},
			]),
		);
		expect(leaves(session)).toHaveLength(2); // not the invite
		expect(deactivations(session)).toEqual([]); // not before the password

		// The password: masked on screen, "?" typed into it rather than opening help, no history, no completion.
		app.type(PASSWORD);
		app.type('\u001b[A'); // ↑
		app.type('\t');
		app.type('!'); // typed after ↑ and Tab: they changed nothing if it lands at the end
		let screen = await app.waitFor('password> ' + '•'.repeat(PASSWORD.length + 1));
		expect(composerLine(screen)).toBe(`password> ${'•'.repeat(PASSWORD.length + 1)} `);
		expect(screen).not.toContain('horse');
		expect(screen).not.toContain('battery');
		expect(app.store.getState().helpOpen).toBe(false);
		expect(app.store.getState().composer.text).toBe(`${PASSWORD}!`);
		app.type('\u007f'); // Backspace: the password as it was
		await app.waitFor('password> ' + '•'.repeat(PASSWORD.length) + ' ');

		screen = await answer(app, '', `Account ${ME} deactivated`);
		expect(deactivations(session)).toEqual([{type: 'deactivate-account', password: PASSWORD}]);
		expect(statusNotice(screen)).toMatch(new RegExp(`^Account ${escapeRegExp(ME)} deactivated`));
		expect(screen).not.toContain('horse');
		const stored = dump(app.store.getState());
		expect(stored).not.toContain('horse');
		expect(stored).not.toContain('battery');
		expect(app.store.getState().history.get('!alpha:example.org') ?? []).toEqual(['/deactivate moving to another server']);
		expect(app.store.getState().prompt).toBeUndefined();
	});

	test('a wrong password asks again without starting over; the wrong one is gone too', async () => {
		const {app, session} = setUp();
		session.answer((action) => action.type === 'deactivate-account', {ok: false, error: {kind: 'forbidden', status: 401, errcode: 'M_FORBIDDEN', message: 'Invalid username or password'}});
		await app.waitFor('# Alpha');
		await answer(app, '/deactivate', FIRST);
		await answer(app, ME, SECOND);
		await answer(app, ME, PASSWORD_PROMPT);
		const screen = await answer(app, '?wrong-pass', 'Cannot deactivate'); // "?" on an empty composer is a letter here, not help
		expect(app.store.getState().helpOpen).toBe(false);
		expect(statusNotice(screen)).toBe(`${PASSWORD_PROMPT} — Cannot deactivate the account: Invalid username or password (M_FORBIDDEN)`);
		expect(app.store.getState().prompt?.step).toBe('password');
		expect(dump(app.store.getState())).not.toContain('wrong-pass');
		await answer(app, 'right-pass', `Account ${ME} deactivated`);
		expect(deactivations(session).map((action) => (action as {password: string}).password)).toEqual(['?wrong-pass', 'right-pass']);
		expect(leaves(session)).toHaveLength(2); // the rooms were left once
	});

	test('a partial failure names the rooms and waits for one more confirmation (or Esc)', async () => {
		const {app, session} = setUp();
		session.answer((action) => action.type === 'put-state' && action.roomId === '!beta:example.org', {ok: false, error: {kind: 'forbidden', status: 403, message: 'You are not allowed'}});
		await app.waitFor('# Alpha');
		await answer(app, '/deactivate', FIRST);
		await answer(app, ME, SECOND);
		let screen = await answer(app, ME, 'could not leave');
		expect(statusNotice(screen)).toBe('Type your user ID to deactivate anyway (Esc cancels) — could not leave 1 of 2 rooms: Beta (not allowed)');
		expect(deactivations(session)).toEqual([]);

		app.type(ME);
		expect(statusNotice(await escape(app, 'Deactivation cancelled'))).toBe(CANCELLED);
		expect(deactivations(session)).toEqual([]);

		// Again: this time a wrong answer to the extra question is refused, then the right one goes on.
		session.answer((action) => action.type === 'put-state' && action.roomId === '!beta:example.org', {ok: false, error: {kind: 'network', message: 'cannot reach the homeserver'}});
		await answer(app, '/deactivate', FIRST);
		await answer(app, ME, SECOND);
		screen = await answer(app, ME, 'could not leave');
		expect(statusNotice(screen)).toBe('Type your user ID to deactivate anyway (Esc cancels) — could not leave 1 of 2 rooms: Beta (homeserver unreachable)');
		screen = await answer(app, ME, PASSWORD_PROMPT);
		expect(statusNotice(screen)).toMatch(new RegExp(`^${escapeRegExp(PASSWORD_PROMPT)}`));
		await answer(app, 'pw', `Account ${ME} deactivated`);
		expect(deactivations(session)).toHaveLength(1);
	});

	test('Esc while leaving stops after the current room; the account stays', async () => {
		const {app, session} = setUp();
		await app.waitFor('# Alpha');
		await answer(app, '/deactivate', FIRST);
		await answer(app, ME, SECOND);
		session.gated = true;
		await answer(app, ME, 'Leaving rooms 1/2');
		expect(statusNotice(await escape(app, 'Stopping'))).toMatch(/^Stopping after the current step…/);
		session.letOneThrough();
		const screen = await app.waitFor('Deactivation stopped');
		expect(statusNotice(screen)).toBe('Deactivation stopped after 1 of 2 rooms — your account is still active');
		expect(leaves(session)).toHaveLength(1);
		expect(deactivations(session)).toEqual([]);
	});
});

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
