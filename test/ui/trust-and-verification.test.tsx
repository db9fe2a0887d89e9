/**
 * On screen: a message from an unverified device carries ⚠ and an unmarked one does not; users
 * we verified carry ✓ in the member list; the help overlay explains both. A verification's steps,
 * as the matrix layer sends them: the incoming prompt with its keys, the 7 emoji with their names
 * (sanitized), the wait, and its end as one line with the panel gone.
 */
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {markUntrusted} from '../../src/domain/trust.js';
import type {VerificationView} from '../../src/matrix/protocol.js';
import {member, message} from '../support/events.js';
import {pane, renderChat, statusNotice} from '../support/screen.js';

afterEach(() => cleanup());

const ME = '@me:example.org';
const BOB = '@bob:example.org';
const CAROL = '@carol:example.org';

function chat() {
	const app = renderChat({columns: 150, rows: 24});
	app.session.pushRoom({
		roomId: '!r:example.org',
		name: 'Room',
		events: [
			member(ME, {membership: 'join', displayname: 'Me'}),
			member(BOB, {membership: 'join', displayname: 'Bob'}),
			member(CAROL, {membership: 'join', displayname: 'Carol'}),
			markUntrusted(message(BOB, 'from a new laptop'), 'UNSIGNED_DEVICE'),
			message(CAROL, 'from a verified phone'),
		],
	});
	return app;
}

const EMOJI = [
	{symbol: '🐶', name: 'Dog'},
	{symbol: '🔑', name: 'Key'},
	{symbol: '🎅', name: 'Santa'},
	{symbol: '🔑', name: 'Key'},
	{symbol: '☂️', name: 'Umbrella'},
	{symbol: '⌛', name: 'Hourglass'},
	{symbol: '🐧', name: 'Pen\u001b[2Jguin'},
];

describe('trust marks', () => {
	test('⚠ after a message from an unverified device, none after the others', async () => {
		const app = chat();
		const screen = await app.waitFor('from a verified phone');
		const timeline = pane(screen, 1);
		expect(timeline).toMatch(/Bob: from a new laptop ⚠/);
		expect(timeline).not.toMatch(/Carol: from a verified phone ⚠/);
	});

	test('✓ after the users we verified in the member list, once the matrix layer says so', async () => {
		const app = chat();
		await app.waitFor('Carol');
		expect(pane(app.screen(), 2)).not.toContain('✓');
		app.session.push({kind: 'verified-users', userIds: [CAROL]});
		const screen = await app.waitFor((s) => pane(s, 2).includes('Carol ✓'));
		expect(pane(screen, 2)).not.toContain('Bob ✓');
	});

	test('the help overlay has the legend', async () => {
		const app = chat();
		await app.waitFor('# Room');
		app.type('?');
		const screen = await app.waitFor('matrix-tui help');
		expect(screen).toContain("Marks: ⚠ sender's device unverified · ✓ a user you verified");
	});
});

describe('the verification panel', () => {
	const step = (view: Partial<VerificationView>): VerificationView => ({id: 3, phase: 'waiting', userId: ME, deviceId: 'OTHERDEV', ...view});

	test('an incoming request: who, and the keys to accept or decline', async () => {
		const app = chat();
		await app.waitFor('# Room');
		app.session.push({kind: 'verification', verification: step({phase: 'incoming', userId: BOB, deviceId: 'BOBPHONE'})});
		const screen = await app.waitFor('Verify @bob:example.org (device BOBPHONE)');
		expect(screen).toContain('asks to verify with you');
		expect(screen).toContain('a: accept');
		expect(screen).toContain('d / Esc: decline');
	});

	test('the 7 emoji with their names, sanitized, and the keys that answer', async () => {
		const app = chat();
		await app.waitFor('# Room');
		app.session.push({kind: 'verification', verification: step({phase: 'emoji', emoji: EMOJI})});
		const screen = await app.waitFor('Verify your device OTHERDEV');
		const names = screen.split('\n').find((line) => line.includes('Dog'))!;
		expect(names).toMatch(/Dog\s+Key\s+Santa\s+Key\s+Umbrella\s+Hourglass\s+Pen␛guin/);
		expect(screen.split('\n').find((line) => line.includes('🐶'))).toMatch(/🐶\s+🔑\s+🎅\s+🔑/);
		expect(screen).toContain("y: they match   n: they don't match (cancel)");
		expect(app.rawFrame()).not.toContain('\u001b[2J');
	});

	test('its end is one line on the status bar, and the panel goes', async () => {
		const app = chat();
		await app.waitFor('# Room');
		app.session.push({kind: 'verification', verification: step({phase: 'confirmed'})});
		await app.waitFor('Waiting for the other side to confirm');
		app.session.push({kind: 'verification', verification: step({phase: 'failed', line: 'Verification cancelled by the other side (they cancelled) — nothing was verified'})});
		const screen = await app.waitFor((s) => !s.includes('Verify your device'));
		expect(statusNotice(screen)).toBe('Verification cancelled by the other side (they cancelled) — nothing was verified');
		expect(screen).toContain('# Room');
	});
});
