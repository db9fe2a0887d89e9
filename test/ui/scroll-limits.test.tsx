/** Scrolling past what a pane can show is not counted, and the loading line never covers the header. */
import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {member, message} from '../support/events.js';
import {pane, renderChat} from '../support/screen.js';

afterEach(() => cleanup());

const ROOM = '!long:example.org';
const ALICE = '@alice:example.org';
const PAGE_UP = '\u001b[5~';
const PAGE_DOWN = '\u001b[6~';
const SHIFT_UP = '\u001b[1;2A';
const SHIFT_DOWN = '\u001b[1;2B';

const history = Array.from({length: 60}, (_, serial) => message(ALICE, `line ${serial}`));
const rowsUp = (screen: string) => Number(/\[(\d+) rows up\]/.exec(screen)?.[1] ?? 0);

describe('scroll limits', () => {
	test('PgUp past the start of the room is not counted: PgDn moves at once', async () => {
		const app = renderChat({rows: 20});
		app.session.pushRoom({roomId: ROOM, name: 'Long', events: [member(ALICE, {membership: 'join', displayname: 'Alice'}), ...history], canPaginateBack: false});
		await app.waitFor('line 59');
		for (let press = 0; press < 12; press++) app.type(PAGE_UP);
		const top = await app.waitFor('line 0');
		await app.until(() => app.store.getState().timelineScroll === rowsUp(top) || undefined);
		app.type(PAGE_DOWN);
		const down = await app.waitFor((screen) => rowsUp(screen) < rowsUp(top));
		expect(down).not.toContain('line 0');
	});

	test('the loading line takes a row of the timeline: the header stays', async () => {
		const app = renderChat({rows: 20});
		app.session.pushRoom({roomId: ROOM, name: 'Long', events: [member(ALICE, {membership: 'join', displayname: 'Alice'}), ...history], canPaginateBack: true});
		await app.waitFor('line 59');
		for (let press = 0; press < 12; press++) app.type(PAGE_UP);
		const loading = await app.waitFor('loading older messages');
		const timeline = pane(loading, 1).split('\n');
		expect(timeline[0]).toMatch(/^# Long/);
		expect(timeline[1]).toContain('── loading older messages… ──');
	});

	test('Shift+↓ past the end of the side panel is not counted: Shift+↑ moves at once', async () => {
		const app = renderChat({rows: 20});
		const people = Array.from({length: 40}, (_, serial) => member(`@p${serial}:example.org`, {membership: 'join', displayname: `Person ${String(serial).padStart(2, '0')}`}));
		app.session.pushRoom({roomId: ROOM, name: 'Long', events: people});
		await app.waitFor('Person 00');
		for (let press = 0; press < 30; press++) app.type(SHIFT_DOWN);
		await app.waitFor('Person 39');
		// 30 presses of 3 rows asked for 90; the panel has 41 rows (a heading and 40 people).
		await app.until(() => app.store.getState().sideScroll < 30 * 3 || undefined);
		const max = app.store.getState().sideScroll;
		expect(max).toBeLessThan(41);
		app.type(SHIFT_UP);
		await app.until(() => app.store.getState().sideScroll === max - 3 || undefined);
	});
});
