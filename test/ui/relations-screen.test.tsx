import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {cellWidth} from '../../src/domain/text-width.js';
import {member, message, reaction, redacted, reply, state, threadReply} from '../support/events.js';
import {paneLines, renderChat} from '../support/screen.js';
import type {RawEvent} from '../../src/domain/events.js';

afterEach(() => cleanup());

const ALICE = '@alice:example.org';
const BOB = '@bob:example.org';
const CAROL = '@carol:example.org';
const ME = '@me:example.org';

function relationsRoom(): RawEvent[] {
	const hello = message(ALICE, 'hello there, who is coming on Friday?');
	const plan = message(BOB, 'the plan for Friday');
	const answer = reply(BOB, hello, 'me, and I will bring the slides');
	return [
		state('m.room.create', '', {creator: ALICE}),
		state('m.room.name', '', {name: 'Relations'}),
		member(ALICE, {membership: 'join', displayname: 'Alice'}),
		member(BOB, {membership: 'join', displayname: 'Bob'}),
		member(CAROL, {membership: 'join', displayname: 'Carol'}),
		member(ME, {membership: 'join', displayname: 'Me'}),
		hello,
		answer,
		reaction(ALICE, answer, '👍'),
		reaction(ME, answer, '👍'),
		reaction(ALICE, answer, '👍'), // the same sender and key again: still 2
		reaction(CAROL, answer, '🎉'),
		redacted(reaction(BOB, answer, '🎉')), // taken back: still 1
		plan,
		threadReply(ALICE, plan, 'secret thread reply one'),
		threadReply(CAROL, plan, 'secret thread reply two'),
		message(ALICE, 'after the thread'),
	];
}

const timelineLines = (screen: string) => paneLines(screen, 1);

/** The relations room on a 120×30 screen, once its last message is drawn. */
async function openRelations() {
	const app = renderChat({columns: 120, rows: 30});
	app.session.pushRoom({roomId: '!r:example.org', name: 'Relations', events: relationsRoom()});
	await app.waitFor('Alice: after the thread');
	return app;
}

describe('replies, reactions and threads on screen', () => {
	test('the quoted sender above a reply, the reaction summary and the thread marker below their messages', async () => {
		const app = await openRelations();
		const lines = timelineLines(app.screen());
		const at = (text: string) => lines.findIndex((line) => line.includes(text));

		expect(lines[at('↳ Alice:')]).toMatch(/^ {6}↳ Alice: hello there, who is coming on Friday\?$/);
		expect(lines[at('↳ Alice:') + 1]).toMatch(/^\d\d:\d\d Bob: me, and I will bring the slides$/);
		expect(lines[at('Bob: me, and I will') + 1]).toBe('        👍 2  🎉 1');
		expect(lines[at('Bob: the plan for Friday') + 1]).toBe('        🧵 #1 2 replies in thread (last: Carol)');
		expect(lines[at('🧵') + 1]).toMatch(/Alice: after the thread$/);
	});

	test('thread replies, reactions and the reply fallback are not timeline lines of their own', async () => {
		const app = await openRelations();
		const screen = app.screen();
		expect(screen).not.toContain('secret thread reply');
		expect(screen).not.toContain('> <@alice');
		expect(screen).not.toContain('m.reaction');
		expect(screen).not.toContain('message deleted'); // the redacted reaction
		const lines = timelineLines(screen);
		expect(lines.filter((line) => line.includes('👍'))).toHaveLength(1);
		const messages = lines.filter((line) => /^\d\d:\d\d (?!──)/.test(line));
		expect(messages.map((line) => line.slice(6))).toEqual([
			'Alice: hello there, who is coming on Friday?',
			'Bob: me, and I will bring the slides',
			'Bob: the plan for Friday',
			'Alice: after the thread',
		]);
	});

	test('our reaction is highlighted, the others are not', async () => {
		const app = await openRelations();
		const row = app.rawFrame().split('\n').find((line) => line.includes('👍 2'))!;
		// Bold + colour right before ours; plain text before the other.
		expect(row).toMatch(/\u001b\[1m(\u001b\[\d+m)*👍 2/);
		expect(row).toMatch(/ {2}🎉 1/);
		expect(row).not.toMatch(/\u001b\[[\d;]*m🎉 1/);
	});

	test('every row fits the pane, even narrow and with many reactions and a long quote', async () => {
		const app = renderChat({columns: 70, rows: 30});
		const long = message(ALICE, `a very long message ${'that goes on and on '.repeat(8)}`);
		const answer = reply(BOB, long, 'ok');
		const keys = ['👍', '🎉', '❤️', '😂', '🚀', '👀', '🙏🏽', '漢字', 'way too long a key', '👨‍👩‍👧'];
		const events = [
			member(ALICE, {membership: 'join', displayname: 'Alice'}),
			member(BOB, {membership: 'join', displayname: 'Bob'}),
			long,
			answer,
			...keys.map((key) => reaction(ALICE, answer, key)),
		];
		app.session.pushRoom({roomId: '!r:example.org', name: 'Narrow', events});
		const screen = await app.waitFor(function replyWithReactions(frame) {
			return frame.includes('Bob: ok') && frame.includes('👍 1');
		});
		for (const line of screen.split('\n')) expect(cellWidth(line)).toBeLessThanOrEqual(70);
		const lines = timelineLines(screen);
		const quote = lines.find((line) => line.includes('↳ Alice:'))!;
		expect(quote.endsWith('…')).toBe(true);
		const summary = lines[lines.findIndex((line) => line.includes('Bob: ok')) + 1]!;
		expect(summary).toMatch(/^ {8}👍 1 {2}🎉 1 .*\+\d+$/);
		expect(summary).toContain('  +');
	});

	test('a reply to a message that is not loaded says so', async () => {
		const app = renderChat({columns: 120, rows: 30});
		const gone = {...message(ALICE, 'older'), event_id: '$not-loaded'};
		app.session.pushRoom({roomId: '!r:example.org', name: 'Relations', events: [member(BOB, {membership: 'join', displayname: 'Bob'}), reply(BOB, gone, 'as I said')]});
		const lines = timelineLines(await app.waitFor('Bob: as I said'));
		expect(lines).toContainEqual('      ↳ in reply to an earlier message');
		expect(lines.at(-1)).toMatch(/Bob: as I said$/);
	});

	test('a reaction that arrives after its message is drawn under it', async () => {
		const app = renderChat({columns: 120, rows: 30});
		const hello = message(ALICE, 'hello there');
		const first = app.session.pushRoom({roomId: '!r:example.org', name: 'Relations', events: [member(ALICE, {membership: 'join', displayname: 'Alice'}), member(BOB, {membership: 'join', displayname: 'Bob'}), hello]});
		expect(timelineLines(await app.waitFor('Alice: hello there')).at(-1)).toMatch(/^\d\d:\d\d Alice: hello there$/);

		// As a sync brings them: appended to the events already sent, the message itself unchanged.
		const later = {roomId: first.roomId, version: first.version + 1, meta: first.meta, events: {mode: 'append' as const, events: [reaction(BOB, hello, '👍'), message(BOB, 'after the reaction')]}};
		app.session.push({kind: 'rooms', rooms: [later]});
		const lines = timelineLines(await app.waitFor('Bob: after the reaction'));
		expect(lines.slice(-3)).toEqual([expect.stringMatching(/^\d\d:\d\d Alice: hello there$/), '        👍 1', expect.stringMatching(/^\d\d:\d\d Bob: after the reaction$/)]);
	});
});
