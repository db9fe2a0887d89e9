/**
 * MSC3759 clean-up on screen: a direct chat with a user seen deactivating is marked "account
 * deactivated" in the room list and named by their user ID; Tab no longer offers them; the
 * timeline still reads as it did. A forged flag (a kick) marks nothing.
 */
import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {RawEvent} from '../../src/domain/events.js';
import {member, message, state} from '../support/events.js';
import {composerLine, paneLines, renderChat, timelineLines, type ChatScreen} from '../support/screen.js';

afterEach(() => cleanup());

const ME = '@me:example.org';
const DAVE = '@dave:example.org';
const MOD = '@mod:example.org';

const dm = (extra: RawEvent[] = []): RawEvent[] => [
	state('m.room.create', '', {creator: ME}, ME),
	member(ME, {membership: 'join', displayname: 'Me'}),
	member(DAVE, {membership: 'join', displayname: 'Dave'}),
	message(DAVE, 'hi there'),
	...extra,
];
/** The direct chat's timeline before the leave. */
const DM_HISTORY = ['── start of the room ──', 'hh:mm ── Me set m.room.create', 'hh:mm ── Me joined', 'hh:mm ── Dave joined', 'hh:mm Dave: hi there'];
const ROOMS_AFTER = ['Rooms', DAVE, '  account deactivated', 'Group'];

const group = (extra: RawEvent[] = []): RawEvent[] => [
	state('m.room.create', '', {creator: MOD}, MOD),
	state('m.room.name', '', {name: 'Group'}, MOD),
	member(MOD, {membership: 'join', displayname: 'Mod'}),
	member(ME, {membership: 'join', displayname: 'Me'}),
	member(DAVE, {membership: 'join', displayname: 'Dave'}),
	message(DAVE, 'hello group'),
	...extra,
];

/** Types `keys`, then Tab, then a marker: the composer shows what Tab made of them. */
async function tabAfter(app: ChatScreen, keys: string): Promise<string> {
	app.type('\u0015'); // Ctrl+U: an empty composer
	await app.waitFor((frame) => composerLine(frame).startsWith('>  message '));
	app.type(keys);
	app.type('\t');
	app.type('x');
	const screen = await app.waitFor(/^> .*x $/m);
	return composerLine(screen).slice(2, -1); // "> " and the cursor cell
}

describe('after a deactivation is seen', () => {
	test('the direct chat is marked in the room list and named by user ID; Tab skips them; history stays', async () => {
		const app = renderChat({columns: 160, rows: 30});
		app.session.pushRoom({roomId: '!group:example.org', name: 'Group', events: group()});
		app.session.pushRoom({roomId: '!dm:example.org', name: 'Dave', events: dm()});
		await app.waitFor('Dave: hello group');
		app.store.dispatch({type: 'select-room', roomId: '!dm:example.org'});
		expect(timelineLines(await app.waitFor('Dave: hi there')).slice(-1)).toEqual(['hh:mm Dave: hi there']);

		const leave = member(DAVE, {membership: 'leave', 'm.deactivated': true, 'org.matrix.msc3759.deactivated': true}, {prev: {membership: 'join', displayname: 'Dave'}});
		app.session.pushRoom({roomId: '!dm:example.org', name: 'Empty room (was Dave)', events: dm([leave])});
		const screen = await app.waitFor('Dave deactivated their account');
		expect(paneLines(screen, 0)).toEqual(ROOMS_AFTER);
		expect(timelineLines(screen)).toEqual([`# ${DAVE} — account deactivated`, ...DM_HISTORY, 'hh:mm ── Dave deactivated their account']);

		// In the group his leave has not arrived yet, but Tab no longer offers him.
		app.store.dispatch({type: 'select-room', roomId: '!group:example.org'});
		await app.waitFor('# Group');
		expect(await tabAfter(app, 'Da')).toBe('Dax');
		expect(await tabAfter(app, '@da')).toBe('@dax');
		expect(await tabAfter(app, 'Mo')).toBe('Mod: x');
		expect(timelineLines(app.screen()).at(-1)).toBe('hh:mm Dave: hello group');
	});

	test('an invite from them names them by user ID, not by their cached profile', async () => {
		const app = renderChat({columns: 160, rows: 30});
		const invite = [state('m.room.name', '', {name: 'Party'}, DAVE), member(DAVE, {membership: 'join', displayname: 'Dave'}), member(ME, {membership: 'invite'}, {sender: DAVE})];
		app.session.pushRoom({roomId: '!party:example.org', name: 'Party', membership: 'invite', inviter: DAVE, events: invite});
		expect(paneLines(await app.waitFor('invited you.'), 1)).toEqual([' # Party', ' Dave invited you.', ' /join accepts · /leave [reason] declines']);
		app.session.pushRoom({roomId: '!dm:example.org', events: dm([member(DAVE, {membership: 'leave', 'm.deactivated': true})])});
		app.store.dispatch({type: 'select-room', roomId: '!party:example.org'});
		expect(paneLines(await app.waitFor(`${DAVE} invited you.`), 1)).toEqual([' # Party', ` ${DAVE} invited you.`, ' /join accepts · /leave [reason] declines']);
	});

	test('a kick with the flag is not a deactivation: no mark, still completed', async () => {
		const app = renderChat({columns: 160, rows: 30});
		const kick = member(DAVE, {membership: 'leave', 'm.deactivated': true}, {sender: MOD, prev: {membership: 'join', displayname: 'Dave'}});
		app.session.pushRoom({roomId: '!dm:example.org', name: 'Empty room (was Dave)', events: dm([kick])});
		app.session.pushRoom({roomId: '!group:example.org', name: 'Group', events: group()});
		const screen = await app.waitFor(`${MOD} kicked Dave`);
		expect(paneLines(screen, 0)).toEqual(['Rooms', 'Empty room (was Dave)', 'Group']);
		expect(screen).not.toContain('account deactivated');
		app.store.dispatch({type: 'select-room', roomId: '!group:example.org'});
		await app.waitFor('# Group');
		expect(await tabAfter(app, 'Da')).toBe('Dave: x');
	});
});
