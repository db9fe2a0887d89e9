/** Mentions on screen: a Tab-completed member goes out as a mention; messages mentioning us stand out. */
import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {member, message, state} from '../support/events.js';
import {renderChat} from '../support/screen.js';
import type {RawEvent} from '../../src/domain/events.js';

afterEach(() => cleanup());

const BOB = '@bob:example.org';
const CAROL = '@carol:example.org';

function room(me: string): RawEvent[] {
	return [
		state('m.room.create', '', {creator: BOB}),
		member(BOB, {membership: 'join', displayname: 'Bob'}),
		member(CAROL, {membership: 'join', displayname: 'Carol'}),
		member(me, {membership: 'join', displayname: 'Me Myself'}),
		message(BOB, 'ping you', {content: {msgtype: 'm.text', body: 'ping you', 'm.mentions': {user_ids: [me]}}}),
		message(BOB, 'hello Me Myself, in the old way'),
		message(CAROL, 'talks of Me Myself but mentions nobody', {content: {msgtype: 'm.text', body: 'talks of Me Myself but mentions nobody', 'm.mentions': {}}}),
		message(CAROL, 'just chatting'),
	];
}

/** The raw frame's line that holds `text`, with its escape codes. */
function rawLine(frame: string, text: string): string {
	return frame.split('\n').find((line) => line.replace(/\u001B\[[0-9;]*m/g, '').includes(text)) ?? '';
}

const YELLOW = '\u001B[33m';

describe('mentions', () => {
	test('messages that mention us are drawn in the mention colour, bold; others are not', async () => {
		const app = renderChat();
		app.session.pushRoom({roomId: '!m:example.org', name: 'Mentions', events: room(app.session.userId)});
		await app.waitFor('Carol: just chatting');
		const frame = app.rawFrame();
		expect(rawLine(frame, 'ping you')).toContain(YELLOW);
		expect(rawLine(frame, 'in the old way')).toContain(YELLOW);
		expect(rawLine(frame, 'mentions nobody')).not.toContain(YELLOW);
		expect(rawLine(frame, 'just chatting')).not.toContain(YELLOW);
	});

	test('a member completed with Tab is sent with the mention', async () => {
		const app = renderChat();
		app.session.pushRoom({roomId: '!m:example.org', name: 'Mentions', events: room(app.session.userId)});
		await app.waitFor('Carol: just chatting');
		app.type('Bo');
		app.type('\t');
		await app.waitFor('Bob: ');
		app.submit('hi there');
		const sent = await app.until(() => app.session.actions.find((action) => action.type === 'send-text'));
		expect(sent).toMatchObject({type: 'send-text', body: 'Bob: hi there', mentions: [{userId: BOB, text: 'Bob'}]});
	});
});
