import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {member, message, state} from '../support/events.js';
import {pane, renderChat, tick} from '../support/screen.js';

afterEach(() => cleanup());

const ME = '@me:example.org';
const KEY = {up: '\u001b[A', down: '\u001b[B', tab: '\t', ctrlK: '\u000b', esc: '\u001b', enter: '\r', pageUp: '\u001b[5~'};

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

async function press(app: ReturnType<typeof renderChat>, key: string) {
	await app.type(key);
	await tick(2);
}

describe('keys', () => {
	test('Ctrl+K opens the switcher; typing filters; Enter opens the room', async () => {
		const app = twoRooms();
		await tick();
		expect(pane(app.screen(), 1)).toContain('in alpha');
		await press(app, KEY.ctrlK);
		expect(app.screen()).toContain('Switch room');
		await press(app, 'bcr');
		expect(app.screen()).toContain('Beta crew');
		expect(app.screen()).not.toContain('Alpha team  #alpha:x');
		await press(app, KEY.enter);
		expect(app.screen()).not.toContain('Switch room');
		expect(pane(app.screen(), 1)).toContain('in beta');
	});

	test('Esc closes the switcher without switching', async () => {
		const app = twoRooms();
		await tick();
		await press(app, KEY.ctrlK);
		await press(app, 'beta');
		await press(app, KEY.esc);
		await tick(10);
		expect(app.screen()).not.toContain('Switch room');
		expect(pane(app.screen(), 1)).toContain('in alpha');
	});

	test('Tab completes a display name at the start of a message', async () => {
		const app = twoRooms();
		await tick();
		await press(app, 'Al');
		await press(app, KEY.tab);
		expect(app.store.getState().composer).toEqual({text: 'Alice: ', cursor: 7});
		expect(app.screen()).toContain('> Alice:');
	});

	test('↑ recalls what was sent in this room', async () => {
		const app = twoRooms();
		await tick();
		await app.type('first message');
		await app.enter();
		expect(app.store.getState().composer.text).toBe('');
		await press(app, KEY.up);
		expect(app.screen()).toContain('> first message');
		await press(app, KEY.down);
		expect(app.store.getState().composer.text).toBe('');
	});

	test('Tab on an empty composer moves focus; ↓ in the room list switches room; typing returns to the composer', async () => {
		const app = twoRooms();
		await tick();
		await press(app, KEY.tab);
		expect(app.screen()).toContain('▸ Rooms');
		await press(app, KEY.down);
		expect(pane(app.screen(), 1)).toContain('in beta');
		await press(app, 'x');
		expect(app.screen()).not.toContain('▸ Rooms');
		expect(app.screen()).toContain('> x');
	});

	test('? on an empty composer opens help listing every command; Esc closes it', async () => {
		const app = twoRooms();
		await tick();
		await press(app, '?');
		const help = app.screen();
		for (const usage of ['/leave [reason]', '/delete-state <type> [state_key]', '/undelete-state', '/show-deleted', '/kick <user> [reason]', 'Ctrl+K']) expect(help).toContain(usage);
		await press(app, KEY.esc);
		await tick(10);
		expect(app.screen()).not.toContain('matrix-tui help');
	});
});

describe('mentions and colour', () => {
	test('a rising highlight count rings once per mention, not for the first sync', async () => {
		const {FakeSession} = await import('../support/fake-session.js');
		const {createChat} = await import('../../src/chat.js');
		const session = new FakeSession();
		const rung: string[] = [];
		createChat(session, {coalesceMs: 0, onQuit: () => {}, onMention: (roomId) => rung.push(roomId)});
		session.pushRoom({roomId: '!a:x', highlights: 2});
		expect(rung).toEqual([]);
		session.pushRoom({roomId: '!a:x', highlights: 3});
		session.pushRoom({roomId: '!a:x', highlights: 3, unread: 5});
		session.pushRoom({roomId: '!a:x', highlights: 0});
		expect(rung).toEqual(['!a:x']);
	});

	test('NO_COLOR removes colours but keeps the cursor and selection', async () => {
		process.env.NO_COLOR = '1';
		try {
			const app = twoRooms();
			await tick();
			await press(app, 'hello');
			const frame = app.rawFrame();
			expect(frame).not.toMatch(/\u001b\[(3[0-7]|9[0-7]|4[0-7]|10[0-7]|38;|48;)/);
			expect(frame).toMatch(/\u001b\[7m/);
		} finally {
			delete process.env.NO_COLOR;
		}
	});

	test('without NO_COLOR the screen is coloured', async () => {
		const app = twoRooms();
		await tick();
		expect(app.rawFrame()).toMatch(/\u001b\[(3[0-7]|9[0-7])m/);
	});
});

describe('coalescing room updates', () => {
	test('room updates close together make one store change; status updates flush them first', async () => {
		const {FakeSession} = await import('../support/fake-session.js');
		const {createChat} = await import('../../src/chat.js');
		const session = new FakeSession();
		const chat = createChat(session, {coalesceMs: 40, onQuit: () => {}});
		let notifications = 0;
		chat.store.subscribe(() => notifications++);
		session.pushRoom({roomId: '!a:x', unread: 1});
		await new Promise((resolve) => setTimeout(resolve, 60));
		expect(notifications).toBe(1);
		session.pushRoom({roomId: '!a:x', unread: 2});
		session.pushRoom({roomId: '!a:x', unread: 3});
		session.pushRoom({roomId: '!b:x'});
		expect(chat.store.getState().rooms.get('!a:x')?.unread).toBe(1);
		await new Promise((resolve) => setTimeout(resolve, 60));
		expect(notifications).toBe(2);
		expect(chat.store.getState().rooms.get('!a:x')?.unread).toBe(3);
		session.pushRoom({roomId: '!a:x', unread: 4});
		session.push({kind: 'sync', status: 'reconnecting'});
		expect(chat.store.getState().rooms.get('!a:x')?.unread).toBe(4);
		expect(chat.store.getState().sync.status).toBe('reconnecting');
		chat.detach();
	});
});
