/**
 * /devices on screen: the account's devices in a panel, this one first and marked, verified or not,
 * server text sanitized; /devices delete <id> asks the password (masked, gone from the store once
 * sent) and refreshes the list; this device, an unknown one, a wrong password and a network
 * failure each end in one line.
 */
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import type {DeviceInfo} from '../../src/matrix/protocol.js';
import {FakeSession} from '../support/fake-session.js';
import {composerLine, renderChat, statusNotice, type ChatScreen} from '../support/screen.js';
import {member} from '../support/events.js';

afterEach(() => cleanup());

const ME = '@me:example.org';
const PASSWORD = 'hunter2 ?secret';
const THIS: DeviceInfo = {deviceId: 'THISONE', displayName: 'matrix-tui', lastSeenTs: Date.UTC(2026, 11, 1, 9, 30), lastSeenIp: '10.0.0.1', verified: true, current: true};
const PHONE: DeviceInfo = {deviceId: 'PHONE', displayName: 'Phone \u001b[31mred\u0007', lastSeenTs: Date.UTC(2026, 10, 30, 8), verified: false, current: false};
const OLD: DeviceInfo = {deviceId: 'OLDLAPTOP', current: false};

function setUp(devices: DeviceInfo[][] = [[PHONE, THIS, OLD]]) {
	const session = new FakeSession(ME);
	for (const list of devices) session.answer((action) => action.type === 'list-devices', {ok: true, value: list});
	const app = renderChat({session, columns: 130, rows: 20});
	session.pushRoom({roomId: '!a:example.org', name: 'Alpha', events: [member(ME, {membership: 'join'})]});
	return {app, session};
}

const deletions = (session: FakeSession) => session.actions.filter((action) => action.type === 'delete-device');

async function waitNotice(app: ChatScreen, text: string): Promise<string> {
	return app.waitFor((screen) => statusNotice(screen).includes(text));
}

describe('/devices', () => {
	test('lists every device: this one first and marked, verified or not, last seen with the IP; Esc closes', async () => {
		const {app} = setUp();
		await app.waitFor('# Alpha');
		app.submit('/devices');
		const screen = await app.waitFor('Your devices (3)');
		const rows = screen.split('\n').filter((line) => /THISONE|PHONE|OLDLAPTOP/.test(line));
		expect(rows).toHaveLength(3);
		expect(rows[0]).toMatch(/▸ THISONE\s+matrix-tui\s+verified\s+last seen 2026-12-01 \d\d:30 from 10\.0\.0\.1\s+\(this device\)/);
		// Control characters from the server are drawn as visible symbols, never sent to the terminal.
		expect(rows[1]).toMatch(/ PHONE\s+Phone ␛red␇\s+not verified\s+last seen 2026-11-30/);
		expect(rows[2]).toMatch(/ OLDLAPTOP\s+\(no name\)\s+unknown\s+never seen/);
		expect(app.rawFrame()).not.toMatch(/\u0007|\u001b\[31m/);
		app.type('\u001b');
		await app.waitFor((s) => !s.includes('Your devices'));
	});

	test('a failure to list is one line', async () => {
		const session = new FakeSession(ME);
		session.answer((action) => action.type === 'list-devices', {ok: false, error: {kind: 'network', message: 'cannot reach the homeserver'}});
		const app = renderChat({session, columns: 130, rows: 20});
		app.submit('/devices');
		const screen = await waitNotice(app, 'Cannot list your devices');
		expect(statusNotice(screen)).toBe('Cannot list your devices: the homeserver cannot be reached — check the connection and try again');
	});
});

describe('/devices delete <id>', () => {
	test('asks the password, masked; deletes through it; the list refreshes without the device; the password is gone', async () => {
		// Listed for the panel, again before asking the password, and once more after the deletion.
		const {app, session} = setUp([[PHONE, THIS], [PHONE, THIS], [THIS]]);
		await app.waitFor('# Alpha');
		app.submit('/devices');
		await app.waitFor('Your devices (2)');
		app.submit('/devices delete PHONE');
		await waitNotice(app, 'Your password to delete device PHONE (hidden, Esc cancels)');
		app.type(PASSWORD);
		const masked = await app.waitFor((s) => composerLine(s).includes('•'));
		expect(masked).not.toContain(PASSWORD);
		app.enter();
		await waitNotice(app, 'Deleted device PHONE');
		expect(deletions(session)).toEqual([{type: 'delete-device', deviceId: 'PHONE', password: PASSWORD}]);
		const screen = await app.waitFor('Your devices (1)');
		expect(screen).not.toContain('PHONE ');
		expect(JSON.stringify(app.store.getState())).not.toContain(PASSWORD);
	});

	test('this device is refused at once, without asking the password', async () => {
		const {app, session} = setUp();
		app.submit('/devices delete THISONE');
		const screen = await waitNotice(app, 'THISONE is this device');
		expect(statusNotice(screen)).toBe('THISONE is this device — matrix-tui cannot delete the device it runs as (--logout ends it)');
		expect(app.store.getState().prompt).toBeUndefined();
		expect(deletions(session)).toEqual([]);
	});

	test('an unknown device is one line', async () => {
		const {app} = setUp();
		app.submit('/devices delete NOPE');
		const screen = await waitNotice(app, 'No device NOPE');
		expect(statusNotice(screen)).toBe('No device NOPE on your account — /devices lists them');
		expect(app.store.getState().prompt).toBeUndefined();
	});

	test('a wrong password is one line, and nothing is deleted', async () => {
		const {app, session} = setUp();
		session.answer((action) => action.type === 'delete-device', {ok: false, error: {kind: 'forbidden', status: 401, errcode: 'M_FORBIDDEN', message: 'Invalid username or password'}});
		app.submit('/devices delete PHONE');
		await waitNotice(app, 'Your password to delete device PHONE');
		app.submit('wrong');
		const screen = await waitNotice(app, 'not deleted');
		expect(statusNotice(screen)).toBe('Device PHONE not deleted: wrong password');
		expect(app.store.getState().prompt).toBeUndefined();
	});

	test('a network failure is one line', async () => {
		const {app, session} = setUp();
		session.answer((action) => action.type === 'delete-device', {ok: false, error: {kind: 'network', message: 'cannot reach the homeserver'}});
		app.submit('/devices delete PHONE');
		await waitNotice(app, 'Your password to delete device PHONE');
		app.submit(PASSWORD);
		const screen = await waitNotice(app, 'Cannot delete device PHONE');
		expect(statusNotice(screen)).toBe('Cannot delete device PHONE: the homeserver cannot be reached — check the connection and try again');
	});

	test('Esc at the password cancels: nothing is deleted', async () => {
		const {app, session} = setUp();
		app.submit('/devices delete PHONE');
		await waitNotice(app, 'Your password to delete device PHONE');
		app.type('\u001b');
		await waitNotice(app, 'Device PHONE not deleted');
		expect(deletions(session)).toEqual([]);
	});
});
