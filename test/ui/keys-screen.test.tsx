import {afterEach, describe, expect, onTestFinished, test, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {member, message, state} from '../support/events.js';
import {pane, renderChat} from '../support/screen.js';
import {waitFor} from '../support/wait.js';

afterEach(() => cleanup());

const ME = '@me:example.org';
const KEY = {up: '\u001b[A', down: '\u001b[B', tab: '\t', shiftTab: '\u001b[Z', ctrlK: '\u000b', esc: '\u001b', enter: '\r'};

function twoRooms() {
	const app = renderChat({columns: 140, rows: 30});
	app.session.pushRoom({
		roomId: '!a:x',
		name: 'Alpha team',
		events: [state('m.room.canonical_alias', '', {alias: '#alpha:x'}), member(ME, {membership: 'join'}), member('@alice:x', {membership: 'join', displayname: 'Alice'}), message('@alice:x', 'in alpha')],
	});
	app.session.pushRoom({roomId: '!b:x', name: 'Beta crew', events: [member(ME, {membership: 'join'}), message('@bob:x', 'in beta')]});
	return app;
}

type App = ReturnType<typeof renderChat>;

/** Waits until the screen passes `check`; on timeout the error shows the last screen. */
function screenWhere(app: App, check: (screen: string) => boolean): Promise<string> {
	return waitFor(() => (check(app.screen()) ? app.screen() : undefined), {describe: app.screen});
}

/** Types `key`, then waits for the frame that shows what it did. */
async function press(app: App, key: string, shows: (screen: string) => boolean): Promise<string> {
	app.type(key);
	return screenWhere(app, shows);
}

/** Two rooms, drawn, Alpha selected. */
async function twoRoomsShown(): Promise<App> {
	const app = twoRooms();
	await screenWhere(app, (screen) => pane(screen, 1).includes('in alpha'));
	return app;
}

describe('keys', () => {
	test('Ctrl keys typed in one chunk with text (fast typing, tmux send-keys C-u C-k) each do their job', async () => {
		const app = await twoRoomsShown();
		await press(app, 'hello there', (screen) => screen.includes('> hello there'));
		// Ctrl+U clears the composer, Ctrl+K opens the switcher: nothing lands in the composer as text.
		const screen = await press(app, 'more\u0015\u000b', (s) => s.includes('Switch room'));
		expect(app.store.getState().composer).toEqual({text: '', cursor: 0});
		expect(screen).not.toContain('␕');
	});

	test('text and Tab in one chunk (typed fast): the text goes in, then Tab completes it', async () => {
		const app = await twoRoomsShown();
		await press(app, '/hel\t', (screen) => screen.includes('> /help '));
		expect(app.store.getState().composer).toEqual({text: '/help ', cursor: 6});
	});

	test('Ctrl+K opens the switcher; typing filters; Enter opens the room', async () => {
		const app = await twoRoomsShown();
		await press(app, KEY.ctrlK, (screen) => screen.includes('Switch room'));
		const filtered = await press(app, 'bcr', (screen) => !screen.includes('Alpha team  #alpha:x'));
		expect(filtered).toContain('Beta crew');
		const after = await press(app, KEY.enter, (screen) => !screen.includes('Switch room'));
		expect(pane(after, 1)).toContain('in beta');
	});

	test('Esc closes the switcher without switching', async () => {
		const app = await twoRoomsShown();
		await press(app, KEY.ctrlK, (screen) => screen.includes('Switch room'));
		await press(app, 'beta', (screen) => !screen.includes('Alpha team  #alpha:x'));
		const after = await press(app, KEY.esc, (screen) => !screen.includes('Switch room'));
		expect(pane(after, 1)).toContain('in alpha');
		expect(app.store.getState().selectedRoomId).toBe('!a:x');
	});

	test('Tab completes a display name at the start of a message', async () => {
		const app = await twoRoomsShown();
		await press(app, 'Al', (screen) => screen.includes('> Al'));
		await press(app, KEY.tab, (screen) => screen.includes('> Alice:'));
		expect(app.store.getState().composer).toEqual({text: 'Alice: ', cursor: 7});
	});

	test('↑ recalls what was sent in this room', async () => {
		const app = await twoRoomsShown();
		await press(app, 'first message', (screen) => screen.includes('> first message'));
		app.enter();
		await waitFor(() => app.store.getState().composer.text === '' && app.session.actions.length > 0);
		await press(app, KEY.up, (screen) => screen.includes('> first message'));
		await press(app, KEY.down, (screen) => !screen.includes('> first message'));
		expect(app.store.getState().composer.text).toBe('');
	});

	test('Tab on an empty composer moves focus; ↓ in the room list switches room; Enter returns to the composer', async () => {
		const app = await twoRoomsShown();
		await press(app, KEY.tab, (screen) => screen.includes('▸ Rooms'));
		await press(app, KEY.down, (screen) => pane(screen, 1).includes('in beta'));
		await press(app, KEY.enter, (screen) => !screen.includes('▸ Rooms'));
		const typed = await press(app, 'x', (screen) => screen.includes('> x'));
		expect(typed).not.toContain('▸ Rooms');
	});

	test('typing in the room list filters it; Enter opens the room it shows, and the draft is kept', async () => {
		const app = await twoRoomsShown();
		await press(app, 'draft', (screen) => screen.includes('> draft'));
		app.store.dispatch({type: 'set-focus', focus: 'rooms'});
		const filtered = await press(app, 'BET', (screen) => screen.includes('▸ Rooms: BET'));
		expect(pane(filtered, 0)).toContain('Beta crew');
		expect(pane(filtered, 0)).not.toContain('Alpha team');
		const none = await press(app, 'x', (screen) => screen.includes('no room has that'));
		expect(pane(none, 0)).not.toContain('Beta crew');
		await press(app, '\u007f', (screen) => screen.includes('▸ Rooms: BET▏'));
		await press(app, KEY.enter, (screen) => pane(screen, 1).includes('in beta') && !screen.includes('▸ Rooms'));
		expect(app.store.getState().composer.text).toBe('draft');
		expect(app.store.getState().roomList.filter).toBe('');
	});

	test('← folds the section in the room list: its title counts its rooms and unread; → unfolds it', async () => {
		const app = await twoRoomsShown();
		app.session.pushRoom({roomId: '!c:x', name: 'Gamma', events: [member(ME, {membership: 'join'}), message('@bob:x', 'in gamma')], unread: 4});
		app.session.pushRoom({roomId: '!d:x', name: 'Invited', membership: 'invite', events: [member(ME, {membership: 'invite'})]});
		await screenWhere(app, (screen) => pane(screen, 0).includes('Gamma'));
		app.store.dispatch({type: 'set-focus', focus: 'rooms'});
		const folded = await press(app, '\u001b[D', (screen) => screen.includes('▸ Rooms (3)'));
		expect(folded).toMatch(/▸ Rooms \(3\)\s+4/);
		expect(pane(folded, 0)).toContain('Alpha team');
		expect(pane(folded, 0)).not.toContain('Gamma');
		await press(app, '\u001b[C', (screen) => pane(screen, 0).includes('Gamma'));
	});

	test('Shift+Tab on an empty composer moves focus back, to the side panel', async () => {
		const app = await twoRoomsShown();
		await press(app, KEY.shiftTab, () => app.store.getState().focus !== 'composer');
		expect(app.store.getState().focus).toBe('side');
	});

	test('? on an empty composer opens help listing every command; Esc closes it', async () => {
		const app = await twoRoomsShown();
		const help = await press(app, '?', (screen) => screen.includes('matrix-tui help'));
		for (const usage of ['/leave [reason]', '/delete-state <type> [state_key]', '/undelete-state', '/show-deleted', '/kick <user> [reason]', 'Ctrl+K']) expect(help).toContain(usage);
		// Side by side, a cut summary stops short of the keys column.
		const leaveLine = help.split('\n').find((line) => line.includes('/leave [reason]'))!;
		expect(leaveLine).toMatch(/…\s{2,}\S/);
		await press(app, KEY.esc, (screen) => !screen.includes('matrix-tui help'));
		expect(app.store.getState().helpOpen).toBe(false);
	});
});

describe('mentions and colour', () => {
	test('a rising highlight count notifies once per mention, not for the first sync, nor for the room on screen', async () => {
		const {FakeSession} = await import('../support/fake-session.js');
		const {createChat} = await import('../../src/chat.js');
		const session = new FakeSession();
		const notified: string[] = [];
		createChat(session, {coalesceMs: 0, onQuit: () => {}, onNotify: (notification) => notified.push(`${notification.roomId} ${notification.kind}`)});
		session.pushRoom({roomId: '!a:x', highlights: 1});
		session.pushRoom({roomId: '!b:x', highlights: 2});
		expect(notified).toEqual([]);
		session.pushRoom({roomId: '!b:x', highlights: 3});
		session.pushRoom({roomId: '!b:x', highlights: 3, unread: 5});
		session.pushRoom({roomId: '!b:x', highlights: 0});
		session.pushRoom({roomId: '!a:x', highlights: 4});
		expect(notified).toEqual(['!b:x mention']);
	});

	test('NO_COLOR removes colours but keeps the cursor and selection', async () => {
		process.env.NO_COLOR = '1';
		try {
			const app = await twoRoomsShown();
			await press(app, 'hello', (screen) => screen.includes('> hello'));
			const frame = app.rawFrame();
			expect(frame).not.toMatch(/\u001b\[(3[0-7]|9[0-7]|4[0-7]|10[0-7]|38;|48;)/);
			expect(frame).toMatch(/\u001b\[7m/);
		} finally {
			delete process.env.NO_COLOR;
		}
	});

	test('without NO_COLOR the screen is coloured', async () => {
		const app = await twoRoomsShown();
		expect(app.rawFrame()).toMatch(/\u001b\[(3[0-7]|9[0-7])m/);
	});
});

describe('coalescing room updates', () => {
	test('room updates close together make one store change; status updates flush them first', async () => {
		const {FakeSession} = await import('../support/fake-session.js');
		const {createChat} = await import('../../src/chat.js');
		// The coalescing window is time itself: a fake clock moves it exactly, with no sleeping.
		vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'performance']});
		onTestFinished(() => {
			vi.useRealTimers();
		});
		const session = new FakeSession();
		const chat = createChat(session, {coalesceMs: 40, onQuit: () => {}});
		let notifications = 0;
		chat.store.subscribe(() => notifications++);
		session.pushRoom({roomId: '!a:x', unread: 1});
		vi.advanceTimersByTime(60);
		expect(notifications).toBe(1);
		session.pushRoom({roomId: '!a:x', unread: 2});
		session.pushRoom({roomId: '!a:x', unread: 3});
		session.pushRoom({roomId: '!b:x'});
		expect(chat.store.getState().rooms.get('!a:x')?.unread).toBe(1);
		vi.advanceTimersByTime(60);
		expect(notifications).toBe(2);
		expect(chat.store.getState().rooms.get('!a:x')?.unread).toBe(3);
		session.pushRoom({roomId: '!a:x', unread: 4});
		session.push({kind: 'sync', status: 'reconnecting'});
		expect(chat.store.getState().rooms.get('!a:x')?.unread).toBe(4);
		expect(chat.store.getState().sync.status).toBe('reconnecting');
		chat.detach();
	});
});
