import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {member, message, redacted, state} from '../support/events.js';
import {pane, renderChat, tick} from '../support/screen.js';
import type {RawEvent} from '../../src/domain/events.js';
import {stateCensus} from '../../src/domain/state-census.js';

afterEach(() => cleanup());

const ALICE = '@alice:example.org';
const ME = '@me:example.org';
const LONG_REASON = `${'so long and thanks for all the fish 🐟 '.repeat(6)}中文字符的理由👨‍👩‍👧 end`;

function proposalsRoom(): RawEvent[] {
	return [
		state('m.room.create', '', {creator: ALICE}),
		state('m.room.power_levels', '', {users: {[ALICE]: 100, [ME]: 50}, state_default: 50, events: {'org.example.admin_only': 100}}),
		state('m.room.name', '', {name: 'Proposals'}),
		state('m.room.topic', '', {topic: 'testing leave reasons'}),
		member(ALICE, {membership: 'join', displayname: 'Alice'}),
		member(ME, {membership: 'join', displayname: 'Me'}),
		member('@bob:example.org', {membership: 'join', displayname: 'Bob'}),
		message(ALICE, 'hello there'),
		member('@carol:example.org', {membership: 'join', displayname: 'Carol'}),
		member('@carol:example.org', {membership: 'leave', reason: LONG_REASON}, {prev: {membership: 'join', displayname: 'Carol'}}),
		member('@dave:example.org', {membership: 'join', displayname: 'Dave'}),
		member('@dave:example.org', {membership: 'leave', 'm.deactivated': true}, {prev: {membership: 'join', displayname: 'Dave'}}),
		member('@erin:example.org', {membership: 'join', displayname: 'Erin'}),
		member('@erin:example.org', {membership: 'leave', reason: 'spam', 'm.deactivated': true}, {sender: ALICE, prev: {membership: 'join', displayname: 'Erin'}}),
		member('@grace:example.org', {membership: 'invite', displayname: 'Grace'}, {sender: ALICE}),
		state('org.example.poll', '', {question: 'lunch?', deleted: true}),
		state('org.example.widget', 'w1', {url: 'https://example.org', 'm.obsolete': true}),
		state('org.example.flag', '', {colour: 'red', deleted: 'true'}),
		state('org.example.note', '', {text: 'keep me'}),
		redacted(state('org.example.old_note', '', {text: 'secret'})),
	];
}

describe('the chat screen', () => {
	test('timeline shows leave reasons trimmed, the deactivation label only on self-leaves', async () => {
		const app = renderChat({columns: 160});
		app.session.pushRoom({roomId: '!p:example.org', name: 'Proposals', events: proposalsRoom()});
		await tick();
		const screen = app.screen();
		expect(screen).toContain('# Proposals — testing leave reasons');
		expect(screen).toContain('Alice: hello there');
		expect(screen).toContain('Carol left: so long and thanks');
		expect(screen).toContain('…');
		expect(screen).not.toContain(' end');
		expect(screen).toContain('Dave deactivated their account');
		expect(screen).toContain('Alice kicked Erin: spam');
		expect(screen).not.toMatch(/Erin deactivated/);
	});

	test('member list hides departed members until /show-deleted, then lists them with reasons and labels', async () => {
		const app = renderChat({columns: 160, rows: 40});
		app.session.pushRoom({roomId: '!p:example.org', name: 'Proposals', events: proposalsRoom()});
		await tick();
		let screen = pane(app.screen(), 2);
		expect(screen).toMatch(/Joined \(3\)/);
		expect(screen).toMatch(/Invited \(1\)/);
		expect(screen).toContain('3 departed hidden');
		expect(screen).not.toContain('Left (');
		// Power order: Alice (100) before Me (50) before Bob (0).
		expect(screen.indexOf('@Alice')).toBeLessThan(screen.indexOf('+Me'));
		expect(screen.indexOf('+Me')).toBeLessThan(screen.indexOf(' Bob'));

		await app.type('/show-deleted');
		await app.enter();
		screen = pane(app.screen(), 2);
		expect(screen).toMatch(/Left \(3\)/);
		expect(screen).toMatch(/Dave \[deactivated\]/);
		expect(screen).not.toMatch(/Erin \[deactivated\]/);
		expect(screen).toContain('kicked by');
		expect(screen).toContain('“so long and thanks');
	});

	test('state panel hides deleted state with a count, and reveals it marked', async () => {
		const app = renderChat({columns: 160, rows: 40});
		app.session.pushRoom({roomId: '!p:example.org', name: 'Proposals', events: proposalsRoom()});
		await tick();
		await app.type('/state');
		await app.enter();
		let screen = pane(app.screen(), 2);
		expect(screen).toContain('Room state');
		expect(screen).toContain('(3 deleted hidden)');
		expect(screen).toContain('org.example.note');
		expect(screen).toContain('org.example.flag');
		expect(screen).not.toContain('org.example.poll');
		expect(screen).not.toContain('org.example.widget');
		expect(screen).not.toContain('org.example.old_note');

		await app.type('/show-deleted');
		await app.enter();
		screen = pane(app.screen(), 2);
		expect(screen).toContain('org.example.poll [deleted]');
		expect(screen).toContain('org.example.widget w1 [deleted]');
		expect(screen).toContain('org.example.old_note [deleted]');
		expect(screen).not.toContain('org.example.flag [deleted]');
	});

	test('typing a message sends m.text and clears the composer', async () => {
		const app = renderChat();
		app.session.pushRoom({roomId: '!p:example.org', name: 'Proposals', events: proposalsRoom()});
		await tick();
		await app.type('hi all');
		expect(app.screen()).toContain('> hi all');
		await app.enter();
		expect(app.session.actions).toContainEqual({type: 'send-text', roomId: '!p:example.org', body: 'hi all'});
		expect(app.store.getState().composer.text).toBe('');
	});

	test('/leave with a reason sends it; an unknown command keeps the text and says so on one line', async () => {
		const app = renderChat();
		app.session.pushRoom({roomId: '!p:example.org', name: 'Proposals', events: proposalsRoom()});
		await tick();
		await app.type('/leave see you');
		await app.enter();
		expect(app.session.actions).toContainEqual({type: 'leave', roomId: '!p:example.org', reason: 'see you'});

		await app.type('/frobnicate now');
		await app.enter();
		expect(app.screen()).toContain('Unknown command /frobnicate');
		expect(app.screen()).toContain('> /frobnicate now');
	});

	test('/delete-state re-sends the current content plus deleted: true', async () => {
		const app = renderChat();
		app.session.pushRoom({roomId: '!p:example.org', name: 'Proposals', events: proposalsRoom()});
		app.session.answer((action) => action.type === 'get-state', {ok: true, value: {text: 'keep me'}});
		await tick();
		await app.type('/delete-state org.example.note');
		await app.enter();
		expect(app.session.actions).toContainEqual({type: 'put-state', roomId: '!p:example.org', eventType: 'org.example.note', stateKey: '', content: {text: 'keep me', deleted: true}});
		expect(app.screen()).toContain('Deleted org.example.note');
	});

	test('a 403 names the power level needed and keeps the command in the composer', async () => {
		const app = renderChat({columns: 140});
		app.session.pushRoom({roomId: '!p:example.org', name: 'Proposals', events: [...proposalsRoom(), state('org.example.admin_only', '', {x: 1})]});
		app.session.answer((action) => action.type === 'get-state', {ok: true, value: {x: 1}});
		app.session.answer((action) => action.type === 'put-state', {ok: false, error: {kind: 'forbidden', status: 403, errcode: 'M_FORBIDDEN', message: 'no'}});
		await tick();
		await app.type('/delete-state org.example.admin_only');
		await app.enter();
		expect(app.screen()).toContain('Cannot delete org.example.admin_only: needs power level 100, you have 50');
		expect(app.screen()).toContain('> /delete-state org.example.admin_only');
	});

	test('absent state gets the 404 line', async () => {
		const app = renderChat({columns: 140});
		app.session.pushRoom({roomId: '!p:example.org', name: 'Proposals', events: proposalsRoom()});
		app.session.answer((action) => action.type === 'get-state', {ok: false, error: {kind: 'not-found', status: 404, errcode: 'M_NOT_FOUND', message: 'Event not found.'}});
		await tick();
		await app.type('/undelete-state org.example.nothing key1');
		await app.enter();
		expect(app.screen()).toContain('No org.example.nothing "key1" state in this room');
	});

	test('hostile names never reach the terminal as control sequences', async () => {
		const app = renderChat();
		const hostile = '\u001b]0;pwned\u0007Mal\u001b[2J\u202Eory';
		app.session.pushRoom({
			roomId: '!p:example.org',
			name: `Evil\u001b]8;;http://x\u0007room`,
			events: [...proposalsRoom(), member('@mal:example.org', {membership: 'join', displayname: hostile}), message('@mal:example.org', 'bell\u0007 and \r return')],
		});
		await tick();
		const frame = app.rawFrame();
		expect(frame).not.toContain('\u001b]');
		expect(frame).not.toContain('\u0007');
		expect(frame).not.toContain('\u001b[2J');
		expect(frame).not.toContain('\u202E');
		expect(frame).not.toContain('\r');
	});

	test('/state-stats counts live and deleted state per type', async () => {
		const app = renderChat({columns: 160, rows: 50});
		const events = proposalsRoom();
		app.session.pushRoom({roomId: '!p:example.org', name: 'Proposals', events});
		// The census is the matrix layer's answer (it holds every member); here, the same rule over the fixture.
		const current = new Map(events.filter((event) => event.state_key !== undefined).map((event) => [`${event.type}|${event.state_key}`, event]));
		app.session.answer((action) => action.type === 'state-census', {ok: true, value: stateCensus(current.values())});
		await tick();
		await app.type('/state-stats');
		await app.enter();
		const side = pane(app.screen(), 2);
		expect(side).toContain('State census');
		// Members: 3 joined + 1 invited live, 3 left deleted; other state: 6 live, 3 deleted (poll, widget, old_note).
		expect(side).toMatch(/10 live [\d.]+ (B|KiB) · 6 deleted/);
		expect(side).toMatch(/org\.example\.poll\s*\n\s*0 live 0 B · 1 deleted/);
	});

	test('typing in a room we are only invited to says how to join, and keeps the text', async () => {
		const app = renderChat();
		app.session.pushRoom({roomId: '!i:example.org', name: 'Invite', membership: 'invite', inviter: ALICE, events: [member(ME, {membership: 'invite'}, {sender: ALICE})]});
		await tick();
		await app.type('hello?');
		await app.enter();
		expect(app.screen()).toContain('You are invited to this room but not in it yet');
		expect(app.screen()).toContain('> hello?');
		expect(app.session.actions.filter((action) => action.type === 'send-text')).toEqual([]);
	});
});
