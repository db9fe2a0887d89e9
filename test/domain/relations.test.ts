import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import type {RawEvent} from '../../src/domain/events.js';
import {
	REACTION_KEY_MAX_WIDTH,
	REPLY_PREVIEW_MAX_WIDTH,
	indexRelations,
	isThreadReply,
	reactionOf,
	replyQuote,
	replyTargetId,
	stripReplyFallback,
	threadRootId,
	threadSummary,
	threadSummaryText,
} from '../../src/domain/relations.js';
import {cellWidth} from '../../src/domain/text-width.js';
import {timelineLine} from '../../src/domain/timeline-text.js';
import {ALICE, BOB, CAROL, REDACTED_BECAUSE, isTerminalSafe} from './fixtures.js';

const ME = '@me:example.org';
const NAMES: Record<string, string> = {[ALICE]: 'Alice', [BOB]: 'Bob', [CAROL]: 'Caro\u001B[31ml\u202E'};
const nameOf = (userId: string): string => NAMES[userId] ?? userId;

function text(id: string, sender: string, body: string, extra: Record<string, unknown> = {}): RawEvent {
	return {type: 'm.room.message', event_id: id, sender, content: {msgtype: 'm.text', body, ...extra}};
}

function reaction(id: string, sender: string, target: string, key: unknown, extra: Partial<RawEvent> = {}): RawEvent {
	return {type: 'm.reaction', event_id: id, sender, content: {'m.relates_to': {rel_type: 'm.annotation', event_id: target, key}}, ...extra};
}

function inThread(id: string, sender: string, root: string, body = 'in the thread', extra: Partial<RawEvent> = {}): RawEvent {
	return text(id, sender, body, {'m.relates_to': {rel_type: 'm.thread', event_id: root, is_falling_back: true, 'm.in_reply_to': {event_id: root}}, ...extra});
}

function replyTo(id: string, sender: string, target: string, body: string): RawEvent {
	return text(id, sender, body, {'m.relates_to': {'m.in_reply_to': {event_id: target}}});
}

describe('stripReplyFallback', () => {
	const cases: Array<[string, string, string]> = [
		['one quoted line', '> <@alice:example.org> hello\n\nhi back', 'hi back'],
		['several quoted lines', '> <@alice:example.org> line one\n> line two\n>\n> line four\n\nanswer', 'answer'],
		['an emote quoted', '> * <@alice:example.org> waves\n\n👋', '👋'],
		['only the first blank line goes', '> <@alice:example.org> hi\n\n\nspaced out', '\nspaced out'],
		['the answer keeps its own lines', '> <@alice:example.org> hi\n\none\n> two', 'one\n> two'],
		['nothing after the fallback', '> <@alice:example.org> hi\n', ''],
		['no blank line after the quote: not a fallback', '> <@alice:example.org> hi\nanswer', '> <@alice:example.org> hi\nanswer'],
		['a quote without a sender is the user’s own', '> to be or not to be\n\nthat is the question', '> to be or not to be\n\nthat is the question'],
		['a quote further down is kept', 'look:\n> <@alice:example.org> hi\n\nok', 'look:\n> <@alice:example.org> hi\n\nok'],
		['quote only, no newline', '> <@alice:example.org> hi', '> <@alice:example.org> hi'],
		['plain text', 'hello', 'hello'],
		['empty', '', ''],
	];
	test.each(cases)('%s', (_name, body, expected) => {
		expect(stripReplyFallback(body)).toBe(expected);
	});

	test('non-strings come back untouched', () => {
		expect(stripReplyFallback(42 as unknown as string)).toBe(42);
	});
});

describe('relation readers', () => {
	const cases: Array<[string, unknown, {reply?: string; thread?: string; reaction?: boolean}]> = [
		['a reply', replyTo('$r', BOB, '$a', 'hi'), {reply: '$a'}],
		['a thread reply (its in_reply_to is a fallback, but still a reply target)', inThread('$t', BOB, '$root'), {reply: '$root', thread: '$root'}],
		['a reaction', reaction('$x', BOB, '$a', '👍'), {reaction: true}],
		['plain message', text('$m', BOB, 'hi'), {}],
		['in_reply_to without event_id', text('$m', BOB, 'hi', {'m.relates_to': {'m.in_reply_to': {}}}), {}],
		['in_reply_to with a numeric id', text('$m', BOB, 'hi', {'m.relates_to': {'m.in_reply_to': {event_id: 7}}}), {}],
		['in_reply_to as a string', text('$m', BOB, 'hi', {'m.relates_to': {'m.in_reply_to': '$a'}}), {}],
		['m.relates_to as an array', text('$m', BOB, 'hi', {'m.relates_to': ['$a']}), {}],
		['thread without a root id', text('$m', BOB, 'hi', {'m.relates_to': {rel_type: 'm.thread', event_id: ''}}), {}],
		['thread relation on a state event', {type: 'org.example.x', state_key: '', sender: BOB, content: {'m.relates_to': {rel_type: 'm.thread', event_id: '$root'}}}, {}],
		['reaction with a numeric key', reaction('$x', BOB, '$a', 1), {}],
		['reaction with an empty key', reaction('$x', BOB, '$a', ''), {}],
		['reaction without a sender', {type: 'm.reaction', content: {'m.relates_to': {rel_type: 'm.annotation', event_id: '$a', key: '👍'}}}, {}],
		['redacted reaction', reaction('$x', BOB, '$a', '👍', REDACTED_BECAUSE), {}],
		['annotation on a message type', {type: 'm.room.message', sender: BOB, content: {'m.relates_to': {rel_type: 'm.annotation', event_id: '$a', key: '👍'}}}, {}],
		['null', null, {}],
		['a string', 'event', {}],
		['content null', {type: 'm.room.message', content: null}, {}],
	];
	test.each(cases)('%s', (_name, event, expected) => {
		expect(replyTargetId(event)).toBe(expected.reply);
		expect(threadRootId(event)).toBe(expected.thread);
		expect(isThreadReply(event)).toBe(expected.thread !== undefined);
		expect(reactionOf(event) !== undefined).toBe(expected.reaction === true);
	});
});

describe('replyQuote', () => {
	const target = text('$a', ALICE, 'first line\nsecond line');
	const events: RawEvent[] = [
		target,
		{type: 'm.room.message', event_id: '$emote', sender: ALICE, content: {msgtype: 'm.emote', body: 'waves'}},
		{...text('$gone', ALICE, ''), content: {}, ...REDACTED_BECAUSE},
		{type: 'm.room.encrypted', event_id: '$enc', sender: ALICE, content: {ciphertext: 'x'}},
		{type: 'm.room.topic', event_id: '$topic', sender: ALICE, state_key: '', content: {topic: 't'}},
		replyTo('$nested', ALICE, '$x', '> <@bob:example.org> older\n\nthe answer itself'),
		text('$evil', CAROL, 'bye\u001B[2J\u202Eevil\ttabs   and   spaces'),
		text('$long', ALICE, 'word '.repeat(100)),
		{type: 'm.room.message', event_id: '$nobody', sender: ALICE, content: {msgtype: 'm.text', body: 42}},
	];
	const {byId} = indexRelations(events, ME);
	const lookup = (id: string) => byId.get(id);

	const cases: Array<[string, string, {sender: string; preview: string}]> = [
		['a message: its first lines joined into one', '$a', {sender: 'Alice', preview: 'first line second line'}],
		['an emote', '$emote', {sender: 'Alice', preview: '* Alice waves'}],
		['a deleted message', '$gone', {sender: 'Alice', preview: 'message deleted'}],
		['an encrypted one', '$enc', {sender: 'Alice', preview: 'encrypted message'}],
		['a state event', '$topic', {sender: 'Alice', preview: 'an event'}],
		['a reply: without its own fallback', '$nested', {sender: 'Alice', preview: 'the answer itself'}],
		['hostile text and name: sanitized', '$evil', {sender: 'Caro␛l\uFFFD', preview: 'bye␛\uFFFDevil tabs and spaces'}],
		['a body that is not text', '$nobody', {sender: 'Alice', preview: 'a message'}],
		['not loaded', '$elsewhere', {sender: '', preview: 'in reply to an earlier message'}],
	];
	test.each(cases)('%s', (_name, targetId, expected) => {
		expect(replyQuote(replyTo('$r', BOB, targetId, 'answer'), lookup, nameOf)).toEqual(expected);
	});

	test('a long preview is trimmed to a short line', () => {
		const quote = replyQuote(replyTo('$r', BOB, '$long', 'answer'), lookup, nameOf)!;
		expect(cellWidth(quote.preview)).toBeLessThanOrEqual(REPLY_PREVIEW_MAX_WIDTH);
		expect(quote.preview.endsWith('…')).toBe(true);
	});

	test('no quote for a message that is not a reply; a throwing lookup is "not loaded"', () => {
		expect(replyQuote(text('$m', BOB, 'hi'), lookup, nameOf)).toBeUndefined();
		const throwing = () => {
			throw new Error('boom');
		};
		expect(replyQuote(replyTo('$r', BOB, '$a', 'hi'), throwing, nameOf)).toEqual({sender: '', preview: 'in reply to an earlier message'});
	});

	test('timelineLine shows a reply without the fallback (only on replies)', () => {
		const reply = replyTo('$r', BOB, '$a', '> <@alice:example.org> first line\n> second line\n\nsure');
		expect(timelineLine(reply, nameOf)?.text).toBe('sure');
		const notReply = text('$q', BOB, '> <@alice:example.org> quoted by hand\n\nsure');
		expect(timelineLine(notReply, nameOf)?.text).toBe('> <@alice:example.org> quoted by hand\n\nsure');
		const emote = {...reply, content: {...reply.content, msgtype: 'm.emote', body: '> <@alice:example.org> hi\n\nnods'}};
		expect(timelineLine(emote, nameOf)?.text).toBe('* Bob nods');
	});
});

describe('reactions', () => {
	const groups = (events: RawEvent[], target = '$a', me = ME) => indexRelations(events, me).reactions.get(target);

	const cases: Array<[string, RawEvent[], Array<{key: string; count: number; includesMe: boolean}> | undefined]> = [
		['none', [text('$a', ALICE, 'hi')], undefined],
		[
			'grouped by key, in first-use order',
			[reaction('$1', BOB, '$a', '🎉'), reaction('$2', ALICE, '$a', '👍'), reaction('$3', CAROL, '$a', '🎉')],
			[
				{key: '🎉', count: 2, includesMe: false},
				{key: '👍', count: 1, includesMe: false},
			],
		],
		['ours', [reaction('$1', BOB, '$a', '👍'), reaction('$2', ME, '$a', '👍')], [{key: '👍', count: 2, includesMe: true}]],
		['the same sender and key twice counts once', [reaction('$1', BOB, '$a', '👍'), reaction('$2', BOB, '$a', '👍')], [{key: '👍', count: 1, includesMe: false}]],
		[
			'one sender, two keys: one each',
			[reaction('$1', BOB, '$a', '👍'), reaction('$2', BOB, '$a', '🎉')],
			[
				{key: '👍', count: 1, includesMe: false},
				{key: '🎉', count: 1, includesMe: false},
			],
		],
		['a redacted reaction does not count', [reaction('$1', BOB, '$a', '👍'), reaction('$2', ME, '$a', '👍', REDACTED_BECAUSE)], [{key: '👍', count: 1, includesMe: false}]],
		['all redacted: no groups', [reaction('$1', BOB, '$a', '👍', REDACTED_BECAUSE)], undefined],
		['keys are exact: 👍 and 👍️ (VS16) differ', [reaction('$1', BOB, '$a', '👍'), reaction('$2', ALICE, '$a', '👍\uFE0F')], [
			{key: '👍', count: 1, includesMe: false},
			{key: '👍\uFE0F', count: 1, includesMe: false},
		]],
		['a hostile key is sanitized', [reaction('$1', BOB, '$a', '\u001B]0;x\u0007ok')], [{key: '␛ok', count: 1, includesMe: false}]],
		['a long key is trimmed', [reaction('$1', BOB, '$a', 'this is not an emoji')], [{key: 'this is…', count: 1, includesMe: false}]],
		['a ZWJ family is never cut', [reaction('$1', BOB, '$a', '👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧')], [{key: '👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧…', count: 1, includesMe: false}]],
		['other targets are apart', [reaction('$1', BOB, '$b', '👍')], undefined],
	];
	test.each(cases)('%s', (_name, events, expected) => {
		expect(groups(events)).toEqual(expected);
	});

	test('with no user ID nothing is ours', () => {
		expect(groups([reaction('$1', '', '$a', '👍'), reaction('$2', BOB, '$a', '👍')], '$a', '')).toEqual([{key: '👍', count: 1, includesMe: false}]);
	});

	test('keys fit in REACTION_KEY_MAX_WIDTH cells', () => {
		const [group] = groups([reaction('$1', BOB, '$a', '漢字漢字漢字漢字')])!;
		expect(cellWidth(group!.key)).toBeLessThanOrEqual(REACTION_KEY_MAX_WIDTH);
	});
});

describe('threads', () => {
	const root = text('$root', ALICE, 'shall we?');
	const summary = (events: RawEvent[], theRoot: RawEvent = root) => threadSummary(theRoot, indexRelations(events, ME));

	const cases: Array<[string, RawEvent[], ReturnType<typeof threadSummary>, RawEvent?]> = [
		['no replies', [root], undefined],
		['replies counted, the newest sender named', [root, inThread('$1', BOB, '$root'), inThread('$2', CAROL, '$root'), inThread('$3', BOB, '$root')], {count: 3, latestSender: BOB}],
		['a reply seen twice counts once', [root, inThread('$1', BOB, '$root'), inThread('$1', BOB, '$root')], {count: 1, latestSender: BOB}],
		['replies to another root do not count', [root, inThread('$1', BOB, '$other')], undefined],
		[
			'server bundle: replies older than the window are counted',
			[inThread('$9', BOB, '$root')],
			{count: 9, latestSender: BOB},
			{...root, unsigned: {'m.relations': {'m.thread': {count: 9, latest_event: {event_id: '$9', sender: BOB, origin_server_ts: 9}}}}},
		],
		[
			'server bundle plus replies that came after it',
			[inThread('$9', BOB, '$root'), inThread('$10', CAROL, '$root')],
			{count: 10, latestSender: CAROL},
			{...root, unsigned: {'m.relations': {'m.thread': {count: 9, latest_event: {event_id: '$9', sender: BOB, origin_server_ts: 9}}}}},
		],
		[
			'server bundle only',
			[],
			{count: 4, latestSender: CAROL},
			{...root, unsigned: {'m.relations': {'m.thread': {count: 4, latest_event: {event_id: '$4', sender: CAROL}}}}},
		],
		[
			'a bogus bundle count is ignored',
			[inThread('$1', BOB, '$root')],
			{count: 1, latestSender: BOB},
			{...root, unsigned: {'m.relations': {'m.thread': {count: 1e300, latest_event: {sender: CAROL}}}}},
		],
		['a root that is itself in a thread has no summary', [inThread('$1', BOB, '$root')], undefined, inThread('$root', ALICE, '$elsewhere')],
		[
			'a bundle whose latest is not loaded and newer than the loaded replies names its sender',
			[{...inThread('$1', BOB, '$root'), origin_server_ts: 5}, {...inThread('$2', BOB, '$root'), origin_server_ts: 6}],
			{count: 3, latestSender: CAROL},
			{...root, unsigned: {'m.relations': {'m.thread': {count: 3, latest_event: {event_id: '$x', sender: CAROL, origin_server_ts: 7}}}}},
		],
		[
			'a bundle whose latest is older than the loaded replies: the newest loaded is named, the larger count kept',
			[{...inThread('$1', BOB, '$root'), origin_server_ts: 5}, {...inThread('$2', BOB, '$root'), origin_server_ts: 8}],
			{count: 2, latestSender: BOB},
			{...root, unsigned: {'m.relations': {'m.thread': {count: 1, latest_event: {event_id: '$x', sender: CAROL, origin_server_ts: 8}}}}},
		],
		[
			'a bundle latest without a usable time is older than any loaded reply',
			[{...inThread('$1', BOB, '$root'), origin_server_ts: -5}],
			{count: 4, latestSender: BOB},
			{...root, unsigned: {'m.relations': {'m.thread': {count: 4, latest_event: {event_id: '$x', sender: CAROL, origin_server_ts: Number.NaN}}}}},
		],
		[
			'a loaded reply without a usable time is older than the bundle latest',
			[{...inThread('$1', BOB, '$root'), origin_server_ts: '5' as unknown as number}],
			{count: 4, latestSender: CAROL},
			{...root, unsigned: {'m.relations': {'m.thread': {count: 4, latest_event: {event_id: '$x', sender: CAROL, origin_server_ts: -1e15}}}}},
		],
		[
			'a bundle latest without an ID is never matched against a loaded reply',
			[{...inThread('$1', BOB, '$root'), origin_server_ts: 1}],
			{count: 5, latestSender: CAROL},
			{...root, unsigned: {'m.relations': {'m.thread': {count: 5, latest_event: {sender: CAROL, origin_server_ts: 2}}}}},
		],
		['a bundle of none and no replies: no summary', [], undefined, {...root, unsigned: {'m.relations': {'m.thread': {count: 0}}}}],
		['a negative bundle count is ignored', [inThread('$1', BOB, '$root')], {count: 1, latestSender: BOB}, {...root, unsigned: {'m.relations': {'m.thread': {count: -3}}}}],
		['a bundle with a count only: no sender', [], {count: 2}, {...root, unsigned: {'m.relations': {'m.thread': {count: 2, latest_event: 'x'}}}}],
		['a root without an ID has no summary', [inThread('$1', BOB, '$root')], undefined, {...root, event_id: ''}],
	];
	test.each(cases)('%s', (_name, events, expected, theRoot) => {
		expect(summary(events, theRoot)).toEqual(expected);
	});

	const texts: Array<[string, Parameters<typeof threadSummaryText>[0], string]> = [
		['one', {count: 1, latestSender: BOB}, '1 reply in thread (last: Bob)'],
		['many', {count: 3, latestSender: ALICE}, '3 replies in thread (last: Alice)'],
		['no sender known', {count: 2}, '2 replies in thread'],
		['hostile name sanitized', {count: 2, latestSender: CAROL}, '2 replies in thread (last: Caro␛l\uFFFD)'],
	];
	test.each(texts)('text: %s', (_name, value, expected) => {
		expect(threadSummaryText(value, nameOf)).toBe(expected);
	});
});

describe('hostile input', () => {
	const anyValue = fc.oneof(
		fc.string({maxLength: 12}),
		fc.constantFrom('$a', '$root', '@me:example.org', 'm.annotation', 'm.thread', 'm.reaction', 'm.room.message', '\u001B[2J', '\u202E', '\uD800'),
		fc.jsonValue({maxDepth: 2}),
	);
	const relation = fc.record(
		{rel_type: fc.oneof(fc.constantFrom('m.annotation', 'm.thread', 'm.replace'), anyValue), event_id: fc.oneof(fc.constantFrom('$a', '$root'), anyValue), key: anyValue, 'm.in_reply_to': fc.oneof(fc.record({event_id: fc.oneof(fc.constantFrom('$a', '$root', '$missing'), anyValue)}), anyValue)},
		{requiredKeys: []},
	);
	const event = fc.oneof(
		{weight: 10, arbitrary: fc.record({type: fc.oneof(fc.constantFrom('m.reaction', 'm.room.message'), anyValue), event_id: fc.oneof(fc.constantFrom('$a', '$root'), anyValue), sender: fc.oneof(fc.constantFrom(ME, BOB), anyValue), content: fc.oneof(fc.record({body: anyValue, msgtype: anyValue, 'm.relates_to': fc.oneof(relation, anyValue)}, {requiredKeys: []}), anyValue), unsigned: anyValue}, {requiredKeys: ['type']})},
		{weight: 1, arbitrary: anyValue},
	);
	const hostileName = (id: string) => `${id}\u001B[31m\u202E\n`;

	test('indexing, quotes and summaries never throw and show only safe, short text', () => {
		fc.assert(
			fc.property(fc.array(event, {maxLength: 12}), fc.oneof(fc.constant(ME), anyValue), (events, me) => {
				const index = indexRelations(events, me as string);
				for (const groups of index.reactions.values()) {
					for (const group of groups) {
						expect(isTerminalSafe(group.key)).toBe(true);
						expect(cellWidth(group.key)).toBeLessThanOrEqual(REACTION_KEY_MAX_WIDTH);
						expect(group.count).toBeGreaterThan(0);
					}
				}
				for (const untrusted of events) {
					const quote = replyQuote(untrusted, (id) => index.byId.get(id), hostileName);
					if (quote) {
						expect(isTerminalSafe(quote.sender) && isTerminalSafe(quote.preview)).toBe(true);
						expect(cellWidth(quote.preview)).toBeLessThanOrEqual(REPLY_PREVIEW_MAX_WIDTH);
					}
					const thread = threadSummary(untrusted, index);
					if (thread) expect(isTerminalSafe(threadSummaryText(thread, hostileName))).toBe(true);
				}
			}),
			{numRuns: 1000},
		);
	});
});
