/** Missing messages (a limited sync not filled yet) as the timeline shows them, and PgUp filling them. */
import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {RawEvent} from '../../src/domain/events.js';
import type {MatrixAction, RoomUpdate} from '../../src/matrix/protocol.js';
import {GAP_TEXT} from '../../src/ui/timeline-rows.js';
import {member, message, reaction} from '../support/events.js';
import {renderChat, timelineLines} from '../support/screen.js';

afterEach(() => cleanup());

const ROOM = '!busy:example.org';
const ALICE = '@alice:example.org';
const PAGE_UP = '\u001b[5~';
const GAP_LINE = `      ${GAP_TEXT}`;

const says = (body: string) => `hh:mm Alice: ${body}`;
const older = [member(ALICE, {membership: 'join', displayname: 'Alice'}), message(ALICE, 'before 1'), message(ALICE, 'before 2')];
const missing = [message(ALICE, 'missed 1'), message(ALICE, 'missed 2')];
const newer = [message(ALICE, 'after 1'), message(ALICE, 'after 2')];

function openBusyRoom(options: {columns?: number} = {}) {
	const app = renderChat({columns: options.columns ?? 160, rows: 20});
	const first = app.session.pushRoom({roomId: ROOM, name: 'Busy', events: [...older, ...newer]});
	let version = first.version;
	const update = (parts: Omit<RoomUpdate, 'roomId' | 'version' | 'meta'>) => app.session.push({kind: 'rooms', rooms: [{roomId: ROOM, version: (version += 1000), meta: first.meta, ...parts}]});
	return {...app, update};
}

const gapActions = (actions: MatrixAction[]) => actions.filter((action) => action.type === 'paginate-back');

describe('timeline gaps', () => {
	test('a gap is a line where the messages are missing; at the end it waits, PgUp fills it', async () => {
		const app = openBusyRoom();
		app.update({gaps: [newer[0]!.event_id!]});
		const screen = await app.waitFor(GAP_TEXT);
		const lines = timelineLines(screen);
		expect(lines.slice(lines.indexOf(says('before 2')))).toEqual([says('before 2'), GAP_LINE, says('after 1'), says('after 2')]);
		// The app told the matrix layer the user reads this room at its end, and asks nothing of the gap.
		expect(app.session.views.at(-1)).toEqual({type: 'view-timeline', roomId: ROOM, atEnd: true});
		expect(gapActions(app.session.actions)).toEqual([]);

		app.type(PAGE_UP);
		await app.until(() => gapActions(app.session.actions).length > 0);
		expect(gapActions(app.session.actions)).toEqual([{type: 'paginate-back', roomId: ROOM, gap: newer[0]!.event_id}]);
		expect(app.session.views.at(-1)).toEqual({type: 'view-timeline', roomId: ROOM, atEnd: false});

		// The layer answers with the filled timeline and no gap left.
		app.update({events: {mode: 'replace', events: [...older, ...missing, ...newer]}, gaps: []});
		const filled = timelineLines(await app.waitFor('missed 2'));
		expect(filled).not.toContain(GAP_LINE);
		expect(filled.slice(filled.indexOf(says('before 2')))).toEqual([says('before 2'), says('missed 1'), says('missed 2'), says('after 1'), says('after 2')]);
	});

	test('a gap before a hidden event (a reaction) shows above the next message; the line fits a narrow pane', async () => {
		const app = openBusyRoom({columns: 60});
		const hidden: RawEvent = reaction(ALICE, older[1]!, '👍');
		app.update({events: {mode: 'replace', events: [...older, hidden, ...newer]}, gaps: [hidden.event_id!]});
		const lines = timelineLines(await app.waitFor('┄ more'));
		const at = lines.findIndex((line) => line.includes('┄ more'));
		expect(lines[at + 1]).toBe(says('after 1'));
		// Cut to the pane, never wrapped onto a second row.
		expect(lines[at]!.startsWith('      ┄ more messages')).toBe(true);
		expect(lines[at]!.length).toBeLessThan(GAP_LINE.length);
	});

	test('appends after dropping the oldest (the cap) keep the rest in order', async () => {
		const app = openBusyRoom();
		const next = message(ALICE, 'after 3');
		app.update({events: {mode: 'append', events: [next], dropped: 2}});
		const lines = timelineLines(await app.waitFor('after 3'));
		expect(lines).not.toContain(says('before 1'));
		expect(lines.slice(-4)).toEqual([says('before 2'), says('after 1'), says('after 2'), says('after 3')]);
	});
});
