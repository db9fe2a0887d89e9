/** /retry, /discard and /edit-unsent through Enter, against scripted answers of the outbox's actions. */
import {describe, expect, test} from 'vitest';
import type {UnsentMessage} from '../../src/matrix/protocol.js';
import {member} from '../support/events.js';
import {error, info, ME, setUp} from './composer-run.js';

const ROOM = '!r:x';

function inRoom() {
	const run = setUp();
	run.session.pushRoom({roomId: ROOM, name: 'Lobby', events: [member(ME, {membership: 'join'})]});
	run.store.dispatch({type: 'select-room', roomId: ROOM});
	return run;
}

const unsent = (body: string, msgtype = 'm.text'): UnsentMessage => ({txnId: `txn-${body}`, eventType: 'm.room.message', content: {msgtype, body}});

describe('/plain', () => {
	test('sends the text as typed, marked plain; a plain Enter does not mark it', async () => {
		const run = inRoom();
		run.session.answer((action) => action.type === 'send-text', {ok: true, value: {txnId: 't1'}});
		await run.enter('/plain **not bold**');
		await run.enter('**bold**');
		expect(run.sent('send-text')).toEqual([
			{type: 'send-text', roomId: ROOM, body: '**not bold**', plain: true},
			{type: 'send-text', roomId: ROOM, body: '**bold**', plain: undefined},
		]);
	});
});

describe('/retry', () => {
	test('sends the room\'s refused messages again and says how many', async () => {
		const run = inRoom();
		run.session.answer((action) => action.type === 'retry-unsent', {ok: true, value: 2});
		await run.enter('/retry');
		expect(run.sent('retry-unsent')).toEqual([{type: 'retry-unsent', roomId: ROOM}]);
		expect(run.notice()).toEqual(info('Sending 2 messages again'));
	});

	test('nothing refused: says so', async () => {
		const run = inRoom();
		run.session.answer((action) => action.type === 'retry-unsent', {ok: true, value: 0});
		await run.enter('/retry');
		expect(run.notice()).toEqual(error('Nothing to retry: no message in this room was refused'));
	});
});

describe('/discard', () => {
	test('drops the newest refused message by its transaction ID', async () => {
		const run = inRoom();
		run.session.answer((action) => action.type === 'newest-unsent', {ok: true, value: unsent('oops')});
		run.session.answer((action) => action.type === 'drop-unsent', {ok: true, value: true});
		await run.enter('/discard');
		expect(run.sent('drop-unsent')).toEqual([{type: 'drop-unsent', txnId: 'txn-oops'}]);
		expect(run.notice()).toEqual(info('Discarded the message that was not sent'));
	});

	test('nothing refused: nothing dropped', async () => {
		const run = inRoom();
		run.session.answer((action) => action.type === 'newest-unsent', {ok: true, value: undefined});
		await run.enter('/discard');
		expect(run.sent('drop-unsent')).toEqual([]);
		expect(run.notice()).toEqual(error('Nothing to discard: no message in this room was refused'));
	});
});

describe('/edit-unsent', () => {
	test.each([
		['a text', unsent('fix the typo'), 'fix the typo'],
		['an emote', unsent('waves', 'm.emote'), '/me waves'],
		['a text that starts with a slash', unsent('/not a command'), '//not a command'],
		['a text sent with /plain (markdown in it, no formatted body)', unsent('**as typed**'), '/plain **as typed**'],
		['a formatted text', {...unsent('**bold**'), content: {msgtype: 'm.text', body: '**bold**', format: 'org.matrix.custom.html', formatted_body: '<p><strong>bold</strong></p>'}}, '**bold**'],
	])('puts %s back into the composer as it would be typed, and drops it from the outbox', async (_what, message, composer) => {
		const run = inRoom();
		run.session.answer((action) => action.type === 'newest-unsent', {ok: true, value: message});
		run.session.answer((action) => action.type === 'drop-unsent', {ok: true, value: true});
		await run.enter('/edit-unsent');
		expect(run.composer()).toBe(composer);
		expect(run.sent('drop-unsent')).toEqual([{type: 'drop-unsent', txnId: message.txnId}]);
	});

	test('never over what the user typed meanwhile: the composer keeps it, and the message stays in the outbox', async () => {
		const run = inRoom();
		run.session.answer((action) => action.type === 'newest-unsent', {ok: true, value: unsent('old')});
		run.session.onPerform = (action) => {
			// Typed while the outbox is asked.
			if (action.type === 'newest-unsent') run.store.dispatch({type: 'set-composer', composer: {text: 'new words', cursor: 9}});
		};
		await run.enter('/edit-unsent');
		expect(run.composer()).toBe('new words');
		expect(run.sent('drop-unsent')).toEqual([]);
		expect(run.notice()).toEqual(error('The composer is not empty: send or clear what is there, then /edit-unsent'));
	});
});
