import {afterEach, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {renderChat, timelineLines} from '../support/screen.js';
import {waitFor} from '../support/wait.js';
import {member, message} from '../support/events.js';
import {cellWidth} from '../../src/domain/text-width.js';

afterEach(() => cleanup());

/** The composer is the line above the status line. */
function composerLine(screen: string): string {
	const lines = screen.split('\n');
	return lines[lines.length - 2] ?? '';
}

async function composerShows(text: string, cursor: number, columns: number, rowCount: number): Promise<string[]> {
	const app = renderChat({columns, rows: 12});
	app.store.dispatch({type: 'set-composer', composer: {text, cursor}});
	// The empty composer's placeholder goes as soon as the text is drawn.
	await waitFor(() => !composerLine(app.screen()).includes('/join'), {describe: app.screen});
	return composerRows(app.screen(), rowCount);
}

test.each([
	// 20 columns: "> " and a cell for the cursor after the text leave 17 cells for text.
	['fits as it is', 'short', 5, ['> short']],
	['long input continues on the next row, broken after a space', 'the quick brown fox jumps', 25, ['> the quick brown', '  fox jumps']],
	['a word longer than the row is broken inside', 'abcdefghijklmnopqrstuvwxyz', 3, ['> abcdefghijklmnopq', '  rstuvwxyz']],
	['a wide character that does not fit whole goes to the next row', '漢字漢字漢字漢字漢字', 10, ['> 漢字漢字漢字漢字', '  漢字']],
])('%s', async (_name, text, cursor, expected) => {
	expect(await composerShows(text, cursor, 20, expected.length)).toEqual(expected);
});

const PASTE_START = '\u001b[200~';
const PASTE_END = '\u001b[201~';
const paste = (text: string) => `${PASTE_START}${text}${PASTE_END}`;

/** The composer's rows: from the first starting with its prompt (or a scroll mark) down to the status line. */
function composerRows(screen: string, count: number): string[] {
	const lines = screen.split('\n');
	return lines.slice(-1 - count, -1).map((line) => line.trimEnd());
}

/** A chat in a joined room, 40×14 (no side panes), ready for keys. */
async function chatInRoom() {
	const app = renderChat({columns: 40, rows: 14});
	app.session.pushRoom({roomId: '!r:example.org', name: 'Room', events: [member('@me:example.org', {membership: 'join'})]});
	app.store.dispatch({type: 'select-room', roomId: '!r:example.org'});
	await app.waitFor('message Room');
	return app;
}

const sent = (app: Awaited<ReturnType<typeof chatInRoom>>) => app.session.actions.filter((action) => action.type === 'send-text');

test('a paste of several lines goes into the composer whole, line breaks and all, and sends nothing', async () => {
	const app = await chatInRoom();
	// As a terminal pastes: its lines end in \r, which typed would be Enter.
	app.type(paste('first line\rsecond line\r\nthird'));
	const screen = await app.waitFor('third');
	expect(composerRows(screen, 3)).toEqual(['> first line', '  second line', '  third']);
	expect(app.store.getState().composer).toEqual({text: 'first line\nsecond line\nthird', cursor: 28});
	expect(sent(app)).toEqual([]);
});

test('Enter sends the lines as one message, its body holding the line breaks', async () => {
	const app = await chatInRoom();
	app.type(paste('one\rtwo'));
	app.type('\u001b\r'); // Alt+Enter: a line break typed
	app.type('three');
	expect(composerRows(await app.waitFor('three'), 3)).toEqual(['> one', '  two', '  three']);
	app.enter();
	await app.until(() => sent(app).length > 0);
	expect(sent(app)).toEqual([{type: 'send-text', roomId: '!r:example.org', body: 'one\ntwo\nthree'}]);
	expect(composerLine(await app.waitFor('message Room'))).toBe('>  message Room, or /help');
});

test('a pasted escape sequence or control character is drawn as a mark, never reaches the terminal', async () => {
	const app = await chatInRoom();
	app.type(paste('red \u001b]52;c;aGk=\u0007 bell\u0007 end'));
	const screen = await app.waitFor('end');
	expect(composerLine(screen).trimEnd()).toBe('> red ␛]52;c;aGk=␇ bell␇ end');
	expect(app.rawFrame()).not.toMatch(/\u0007|\u001b\]/);
});

test('the composer grows to five rows, then scrolls to keep the cursor in view', async () => {
	const app = await chatInRoom();
	app.type(paste(['l1', 'l2', 'l3', 'l4'].join('\r')));
	expect(composerRows(await app.waitFor('l4'), 4)).toEqual(['> l1', '  l2', '  l3', '  l4']);
	app.type(paste('\rl5\rl6\rl7'));
	// Seven lines, five rows: the last five, the one above marked as scrolled off.
	expect(composerRows(await app.waitFor('l7'), 5)).toEqual(['⋮ l3', '  l4', '  l5', '  l6', '  l7']);
	// The timeline gave up the rows: the room's title is still on screen, the screen still 14 rows.
	expect(app.screen().split('\n')).toHaveLength(14);
	// Up one: the cursor moves to l6, the rows stay where they are.
	app.type('\u001b[A');
	await app.until(() => app.store.getState().composer.cursor === 17);
	expect(composerRows(app.screen(), 5)).toEqual(['⋮ l3', '  l4', '  l5', '  l6', '  l7']);
	// Up to the first line: the rows follow the cursor, the last ones marked as below.
	app.type('\u001b[A'.repeat(5));
	expect(composerRows(await app.waitFor('> l1'), 5)).toEqual(['> l1', '  l2', '  l3', '  l4', '⋮ l5']);
	expect(app.store.getState().composer.cursor).toBe(2);
});

test('a line wider than the pane continues on the next row, wide characters whole', async () => {
	const app = await chatInRoom();
	// 40 columns: "> " and the cursor's cell leave 37 cells for text.
	const line = `${'a'.repeat(36)}漢字`;
	app.type(paste(line));
	const screen = await app.waitFor('字');
	expect(composerRows(screen, 2)).toEqual([`> ${'a'.repeat(36)}`, '  漢字']);
	for (const row of composerRows(screen, 2)) expect(cellWidth(row)).toBeLessThanOrEqual(40);
});

test('a message of several lines, from someone else or from you, is several lines in the timeline', async () => {
	const app = renderChat({columns: 60, rows: 14});
	const events = [member('@me:example.org', {membership: 'join'}), message('@alice:example.org', 'first\nsecond'), message('@me:example.org', 'mine one\nmine two')];
	app.session.pushRoom({roomId: '!r:example.org', name: 'Room', events});
	app.store.dispatch({type: 'select-room', roomId: '!r:example.org'});
	const lines = timelineLines(await app.waitFor('mine two'));
	expect(lines.slice(-4)).toEqual([expect.stringMatching(/^hh:mm \S+: first$/), expect.stringMatching(/^ +second$/), expect.stringMatching(/^hh:mm \S+: mine one$/), expect.stringMatching(/^ +mine two$/)]);
});

test('a paste into a prompt is one line: an answer (a user ID, a password) has no line breaks, and nothing is answered', async () => {
	const app = await chatInRoom();
	app.store.dispatch({type: 'open-prompt', prompt: {flow: 'deactivate', step: 'confirm', id: 1, text: 'Type your user ID', placeholder: 'type your user ID', secret: false}});
	app.type(paste('@me:example.org\r'));
	await app.until(() => app.store.getState().composer.text === '@me:example.org ');
	expect(app.store.getState().prompt?.id).toBe(1);
});

test('a paste into the room switcher is its query, on one line; with help open it goes nowhere', async () => {
	const app = await chatInRoom();
	app.store.dispatch({type: 'open-switcher'});
	app.type(paste('Ro\rom'));
	await app.until(() => app.store.getState().switcher?.query === 'Ro om');
	app.store.dispatch({type: 'close-switcher'});
	app.store.dispatch({type: 'set-help-open', open: true});
	app.type(paste('ignored'));
	// Then a key help reads: once it has, the paste before it was handled, and left nothing anywhere.
	app.type('q');
	await app.until(() => !app.store.getState().helpOpen);
	expect(app.store.getState().composer).toEqual({text: '', cursor: 0});
	expect(sent(app)).toEqual([]);
});
