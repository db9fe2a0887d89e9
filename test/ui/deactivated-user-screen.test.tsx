/**
 * MSC3759 clean-up on screen: a direct chat with a user seen deactivating is marked "account
 * deactivated" in the room list and named by their user ID; Tab no longer offers them; the
 * timeline still reads as it did. A forged flag (a kick) marks nothing.
 */
import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {RawEvent} from '../../src/domain/events.js';
import {member, message, state} from '../support/events.js';
import {pane, renderChat, tick} from '../support/screen.js';

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
const group = (extra: RawEvent[] = []): RawEvent[] => [
	state('m.room.create', '', {creator: MOD}, MOD),
	state('m.room.name', '', {name: 'Group'}, MOD),
	member(MOD, {membership: 'join', displayname: 'Mod'}),
	member(ME, {membership: 'join', displayname: 'Me'}),
	member(DAVE, {membership: 'join', displayname: 'Dave'}),
	message(DAVE, 'hello group'),
	...extra,
];

describe('after a deactivation is seen', () => {
	test('the direct chat is marked in the room list and named by user ID; Tab skips them; history stays', async () => {
		const app = renderChat({columns: 160, rows: 30});
		app.session.pushRoom({roomId: '!group:example.org', name: 'Group', events: group()});
		app.session.pushRoom({roomId: '!dm:example.org', name: 'Dave', events: dm()});
		await tick();
		app.store.dispatch({type: 'select-room', roomId: '!dm:example.org'});
		await tick();
		const before = pane(app.screen(), 1);
		expect(before).toContain('Dave: hi there');

		const leave = member(DAVE, {membership: 'leave', 'm.deactivated': true, 'org.matrix.msc3759.deactivated': true}, {prev: {membership: 'join', displayname: 'Dave'}});
		app.session.pushRoom({roomId: '!dm:example.org', name: 'Empty room (was Dave)', events: dm([leave])});
		await tick();
		let screen = app.screen();
		const rooms = pane(screen, 0);
		expect(rooms).toContain(DAVE);
		expect(rooms).toContain('account deactivated');
		expect(rooms).not.toContain('Empty room (was Dave)');
		expect(rooms).toContain('Group');
		expect(rooms.match(/account deactivated/g)).toHaveLength(1);
		const timeline = pane(screen, 1);
		expect(timeline).toContain(`# ${DAVE} — account deactivated`);
		expect(timeline).toContain('Dave: hi there');
		expect(timeline).toContain('Dave deactivated their account');

		// In the group his leave has not arrived yet, but Tab no longer offers him.
		app.store.dispatch({type: 'select-room', roomId: '!group:example.org'});
		await app.type('Da');
		await app.type('\t');
		expect(app.store.getState().composer.text).toBe('Da');
		await app.type('\u0015');
		await app.type('@da');
		await app.type('\t');
		expect(app.store.getState().composer.text).toBe('@da');
		await app.type('\u0015');
		await app.type('Mo');
		await app.type('\t');
		expect(app.store.getState().composer.text).toBe('Mod: ');
		screen = app.screen();
		expect(pane(screen, 1)).toContain('Dave: hello group');
	});

	test('an invite from them names them by user ID, not by their cached profile', async () => {
		const app = renderChat({columns: 160, rows: 30});
		const invite = [state('m.room.name', '', {name: 'Party'}, DAVE), member(DAVE, {membership: 'join', displayname: 'Dave'}), member(ME, {membership: 'invite'}, {sender: DAVE})];
		app.session.pushRoom({roomId: '!party:example.org', name: 'Party', membership: 'invite', inviter: DAVE, events: invite});
		await tick();
		expect(pane(app.screen(), 1)).toContain('Dave invited you.');
		app.session.pushRoom({roomId: '!dm:example.org', events: dm([member(DAVE, {membership: 'leave', 'm.deactivated': true})])});
		app.store.dispatch({type: 'select-room', roomId: '!party:example.org'});
		await tick();
		expect(pane(app.screen(), 1)).toContain(`${DAVE} invited you.`);
	});

	test('a kick with the flag is not a deactivation: no mark, still completed', async () => {
		const app = renderChat({columns: 160, rows: 30});
		const kick = member(DAVE, {membership: 'leave', 'm.deactivated': true}, {sender: MOD, prev: {membership: 'join', displayname: 'Dave'}});
		app.session.pushRoom({roomId: '!dm:example.org', name: 'Empty room (was Dave)', events: dm([kick])});
		app.session.pushRoom({roomId: '!group:example.org', name: 'Group', events: group()});
		await tick();
		expect(app.screen()).not.toContain('account deactivated');
		app.store.dispatch({type: 'select-room', roomId: '!group:example.org'});
		await app.type('Da');
		await app.type('\t');
		expect(app.store.getState().composer.text).toBe('Dave: ');
	});
});
