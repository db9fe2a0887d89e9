import {describe, expect, test} from 'vitest';
import {lastEditable} from '../../src/domain/editable.js';
import type {RawEvent} from '../../src/domain/events.js';

const ME = '@me:x';
const text = (id: string, body: string, sender = ME, extra: Record<string, unknown> = {}): RawEvent => ({type: 'm.room.message', event_id: id, sender, content: {msgtype: 'm.text', body, ...extra}});
const replace = (id: string, target: string, body: string): RawEvent => ({
	type: 'm.room.message',
	event_id: id,
	sender: ME,
	content: {msgtype: 'm.text', body: `* ${body}`, 'm.new_content': {msgtype: 'm.text', body}, 'm.relates_to': {rel_type: 'm.replace', event_id: target}},
});

describe('lastEditable: the message /edit takes', () => {
	test.each<[string, RawEvent[], ReturnType<typeof lastEditable>]>([
		['my newest message, not an older one', [text('$a', 'older'), text('$b', 'newer')], {eventId: '$b', body: 'newer', emote: false}],
		["someone else's later message is passed over", [text('$a', 'mine'), text('$b', 'theirs', '@alice:x')], {eventId: '$a', body: 'mine', emote: false}],
		['as its newest edit reads, the edit event itself not a message to edit', [text('$a', 'helo'), replace('$e', '$a', 'hello')], {eventId: '$a', body: 'hello', emote: false}],
		['its line breaks kept', [text('$a', 'one\ntwo')], {eventId: '$a', body: 'one\ntwo', emote: false}],
		['an emote stays one', [{type: 'm.room.message', event_id: '$a', sender: ME, content: {msgtype: 'm.emote', body: 'waves'}}], {eventId: '$a', body: 'waves', emote: true}],
		['a reply without its quote of the message it answers', [text('$a', '> <@alice:x> question\n\nanswer', ME, {'m.relates_to': {'m.in_reply_to': {event_id: '$q'}}})], {eventId: '$a', body: 'answer', emote: false}],
		['a redacted message is passed over', [text('$a', 'kept'), {type: 'm.room.message', event_id: '$b', sender: ME, content: {}}], {eventId: '$a', body: 'kept', emote: false}],
		['an image is passed over', [text('$a', 'kept'), {type: 'm.room.message', event_id: '$b', sender: ME, content: {msgtype: 'm.image', body: 'cat.png'}}], {eventId: '$a', body: 'kept', emote: false}],
		['a body that is not a string is passed over', [text('$a', 'kept'), {type: 'm.room.message', event_id: '$b', sender: ME, content: {msgtype: 'm.text', body: 5}}], {eventId: '$a', body: 'kept', emote: false}],
		[
			'whom it mentions: user links its m.mentions names, whose text the body holds',
			[text('$a', 'Bob and Eve: hi', ME, {format: 'org.matrix.custom.html', formatted_body: '<a href="https://matrix.to/#/@bob:x">Bob</a> and <a href="https://matrix.to/#/%40eve%3Ax">Eve</a>: hi <a href="https://matrix.to/#/@mallory:x">x</a>', 'm.mentions': {user_ids: ['@bob:x', '@eve:x']}})],
			{eventId: '$a', body: 'Bob and Eve: hi', emote: false, mentions: [{userId: '@bob:x', text: 'Bob'}, {userId: '@eve:x', text: 'Eve'}]},
		],
		[
			'no m.mentions, a link not in the body, a bad escape, a room link: nobody',
			[text('$a', 'hi', ME, {format: 'org.matrix.custom.html', formatted_body: '<a href="https://matrix.to/#/@bob:x">Robert</a> <a href="https://matrix.to/#/%E0%A4%A">x</a> <a href="https://matrix.to/#/!room:x">hi</a>', 'm.mentions': {user_ids: ['@bob:x', 5]}})],
			{eventId: '$a', body: 'hi', emote: false},
		],
		['nothing of mine', [text('$a', 'theirs', '@alice:x')], undefined],
		['no events', [], undefined],
	])('%s', (_name, events, expected) => {
		expect(lastEditable(events, ME)).toEqual(expected);
	});
});
