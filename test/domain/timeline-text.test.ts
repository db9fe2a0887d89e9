import {describe, expect, test} from 'vitest';
import type {RawEvent} from '../../src/domain/events.js';
import {timelineLine, type TimelineLine} from '../../src/domain/timeline-text.js';
import {markUndecryptable, UNDECRYPTABLE_KEY, undecryptableReason} from '../../src/domain/undecryptable.js';
import {ALICE, BOB, REDACTED_BECAUSE, member} from './fixtures.js';

const EVIL = '@evil:example.org';
const NAMES: Record<string, string> = {[ALICE]: 'Alice', [BOB]: 'Bob', [EVIL]: 'Ev\u001B[31mil\u202E'};
const nameOf = (userId: string): string => NAMES[userId] ?? userId;

const join = {membership: 'join'};
const leave = {membership: 'leave'};

function message(content: unknown, extra: Partial<RawEvent> = {}): RawEvent {
	return {type: 'm.room.message', sender: ALICE, event_id: '$1', content: content as Record<string, unknown>, ...extra};
}

function state(type: string, content: unknown, extra: Partial<RawEvent> = {}): RawEvent {
	return {type, sender: ALICE, state_key: '', content: content as Record<string, unknown>, ...extra};
}

describe('timelineLine: membership', () => {
	const cases: Array<[string, RawEvent, string]> = [
		['join', member(ALICE, ALICE, join), 'Alice joined'],
		['join from invite', member(ALICE, ALICE, join, {membership: 'invite'}), 'Alice joined'],
		['leave', member(ALICE, ALICE, leave, join), 'Alice left'],
		['leave with reason', member(ALICE, ALICE, {...leave, reason: 'too many rooms'}, join), 'Alice left: too many rooms'],
		['leave with blank reason', member(ALICE, ALICE, {...leave, reason: ' \n '}, join), 'Alice left'],
		['leave with non-string reason', member(ALICE, ALICE, {...leave, reason: 42}, join), 'Alice left'],
		['leave with a multi-line reason', member(ALICE, ALICE, {...leave, reason: 'ping\n\ntimeout'}, join), 'Alice left: ping timeout'],
		['leave with escape codes in the reason', member(ALICE, ALICE, {...leave, reason: 'bye\u001B[2J\u001B]0;x\u0007!'}, join), 'Alice left: bye !'],
		['deactivated', member(ALICE, ALICE, {...leave, 'm.deactivated': true}, join), 'Alice deactivated their account'],
		['deactivated (unstable)', member(ALICE, ALICE, {...leave, 'org.matrix.msc3759.deactivated': true}, join), 'Alice deactivated their account'],
		['deactivated with reason', member(ALICE, ALICE, {...leave, 'm.deactivated': true, reason: 'gone'}, join), 'Alice deactivated their account: gone'],
		['flag "true" is a plain leave', member(ALICE, ALICE, {...leave, 'm.deactivated': 'true'}, join), 'Alice left'],
		['kick', member(BOB, ALICE, leave, join), 'Bob kicked Alice'],
		['kick with reason', member(BOB, ALICE, {...leave, reason: 'spam'}, join), 'Bob kicked Alice: spam'],
		['kick carrying both deactivation flags', member(BOB, ALICE, {...leave, reason: 'spam', 'm.deactivated': true, 'org.matrix.msc3759.deactivated': true}, join), 'Bob kicked Alice: spam'],
		['ban', member(BOB, ALICE, {membership: 'ban'}, join), 'Bob banned Alice'],
		['ban with reason', member(BOB, ALICE, {membership: 'ban', reason: 'spam'}, join), 'Bob banned Alice: spam'],
		['unban', member(BOB, ALICE, leave, {membership: 'ban'}), 'Bob unbanned Alice'],
		['invite', member(BOB, ALICE, {membership: 'invite'}), 'Bob invited Alice'],
		['invite rejected', member(ALICE, ALICE, leave, {membership: 'invite'}), 'Alice rejected the invite'],
		['invite withdrawn', member(BOB, ALICE, leave, {membership: 'invite'}), "Bob withdrew Alice's invite"],
		['knock', member(ALICE, ALICE, {membership: 'knock', reason: 'let me in'}), 'Alice asked to join: let me in'],
		['knock withdrawn', member(ALICE, ALICE, leave, {membership: 'knock'}), 'Alice withdrew their request to join'],
		['display name change', member(ALICE, ALICE, {...join, displayname: 'Ally'}, {...join, displayname: 'Alice A'}), 'Alice A changed their display name to Ally'],
		['first display name', member(ALICE, ALICE, {...join, displayname: 'Ally'}, join), `${ALICE} changed their display name to Ally`],
		['display name removed', member(ALICE, ALICE, join, {...join, displayname: 'Ally'}), 'Ally removed their display name'],
		['display name change, names sanitized', member(ALICE, ALICE, {...join, displayname: 'B\u202Eb'}, {...join, displayname: 'A\u0007'}), 'A\u2407 changed their display name to B\uFFFDb'],
		['avatar change', member(ALICE, ALICE, {...join, avatar_url: 'mxc://a/2'}, {...join, avatar_url: 'mxc://a/1'}), 'Alice changed their avatar'],
		['unknown user falls back to the id', member('@zed:x', '@zed:x', join), '@zed:x joined'],
		['evil name is sanitized', member(EVIL, EVIL, join), 'Ev\u241Bil\uFFFD joined'],
	];
	test.each(cases)('%s', (_name, event, text) => {
		const line = timelineLine(event, nameOf);
		expect(line).toBeDefined();
		expect(line?.kind).toBe('membership');
		expect(line?.text).toBe(text);
	});

	test('deactivated flag on the line only for a valid deactivation leave', () => {
		expect(timelineLine(member(ALICE, ALICE, {...leave, 'm.deactivated': true}), nameOf)?.deactivated).toBe(true);
		expect(timelineLine(member(BOB, ALICE, {...leave, 'm.deactivated': true}, join), nameOf)?.deactivated).toBe(false);
		expect(timelineLine(member(ALICE, ALICE, leave), nameOf)?.deactivated).toBe(false);
	});

	test('sender is the display name of whoever sent the event', () => {
		expect(timelineLine(member(BOB, ALICE, leave, join), nameOf)?.sender).toBe('Bob');
	});

	test('no-op membership changes are not shown', () => {
		expect(timelineLine(member(ALICE, ALICE, join, join), nameOf)).toBeUndefined();
		expect(timelineLine(member(BOB, ALICE, {membership: 'ban'}, {membership: 'ban'}), nameOf)).toBeUndefined();
	});

	test('invalid membership is an unknown line', () => {
		expect(timelineLine(member(ALICE, ALICE, {membership: 'party'}), nameOf)?.kind).toBe('unknown');
	});

	test('reasonMaxWidth truncates the reason only', () => {
		const line = timelineLine(member(BOB, ALICE, {...leave, reason: 'a very long reason indeed'}, join), nameOf, {reasonMaxWidth: 6});
		expect(line?.text).toBe('Bob kicked Alice: a ver…');
	});

	test('the default reason width is 80 cells', () => {
		const line = timelineLine(member(ALICE, ALICE, {...leave, reason: 'x'.repeat(500)}, join), nameOf);
		expect(line?.text).toBe(`Alice left: ${'x'.repeat(79)}…`);
	});
});

describe('timelineLine: messages', () => {
	test.each([
		['text', {msgtype: 'm.text', body: 'hello'}, {kind: 'message', sender: 'Alice', text: 'hello'}],
		['text keeps newlines', {msgtype: 'm.text', body: 'one\ntwo'}, {kind: 'message', sender: 'Alice', text: 'one\ntwo'}],
		['text sanitized', {msgtype: 'm.text', body: 'a\u001B]52;c;eA==\u0007b\rc'}, {kind: 'message', sender: 'Alice', text: 'a\u241Bb\u240Dc'}],
		['emote', {msgtype: 'm.emote', body: 'waves'}, {kind: 'emote', sender: 'Alice', text: '* Alice waves'}],
		['notice', {msgtype: 'm.notice', body: 'beep'}, {kind: 'notice', sender: 'Alice', text: 'beep'}],
		['an image shows what it is and its name', {msgtype: 'm.image', body: 'cat.png'}, {kind: 'message', sender: 'Alice', text: '[image] cat.png'}],
		['an unknown msgtype shows its body', {msgtype: 'org.example.poll', body: 'Lunch?'}, {kind: 'message', sender: 'Alice', text: 'Lunch?'}],
		['missing msgtype shows its body', {body: 'hi'}, {kind: 'message', sender: 'Alice', text: 'hi'}],
		['non-string body', {msgtype: 'm.text', body: 42}, {kind: 'unknown', sender: 'Alice', text: 'unsupported message'}],
		['non-string edited body', {msgtype: 'm.text', body: 41, 'm.new_content': {body: 42}}, {kind: 'unknown', sender: 'Alice', text: 'unsupported message', edited: true}],
	] as Array<[string, unknown, TimelineLine]>)('%s', (_name, content, expected) => {
		expect(timelineLine(message(content), nameOf)).toEqual(expected);
	});

	test('an emote from an evil name is sanitized in both places', () => {
		const line = timelineLine(message({msgtype: 'm.emote', body: 'hi'}, {sender: EVIL}), nameOf);
		expect(line).toEqual({kind: 'emote', sender: 'Ev\u241Bil\uFFFD', text: '* Ev\u241Bil\uFFFD hi'});
	});

	test('an edit event itself is not shown (the caller applies it)', () => {
		const edit = message({
			msgtype: 'm.text',
			body: '* fixed',
			'm.new_content': {msgtype: 'm.text', body: 'fixed'},
			'm.relates_to': {rel_type: 'm.replace', event_id: '$0'},
		});
		expect(timelineLine(edit, nameOf)).toBeUndefined();
	});

	test('content with m.new_content (no m.replace) is shown as edited, with the new body', () => {
		const line = timelineLine(message({msgtype: 'm.text', body: '* fixed', 'm.new_content': {msgtype: 'm.text', body: 'fixed'}}), nameOf);
		expect(line).toEqual({kind: 'message', sender: 'Alice', text: 'fixed', edited: true});
	});

	test('options.edited marks the line edited', () => {
		const line = timelineLine(message({msgtype: 'm.text', body: 'fixed'}), nameOf, {edited: true});
		expect(line).toEqual({kind: 'message', sender: 'Alice', text: 'fixed', edited: true});
	});

	test('options.edited on a replacement event shows its new content', () => {
		const edit = message({body: '* fixed', 'm.new_content': {msgtype: 'm.emote', body: 'fixed'}, 'm.relates_to': {rel_type: 'm.replace'}});
		expect(timelineLine(edit, nameOf, {edited: true})).toEqual({kind: 'emote', sender: 'Alice', text: '* Alice fixed', edited: true});
	});

	test('m.new_content of the wrong type: edited, old body', () => {
		expect(timelineLine(message({body: 'x', 'm.new_content': 'y'}), nameOf)).toEqual({kind: 'message', sender: 'Alice', text: 'x', edited: true});
	});

	test('no edited flag on an ordinary message', () => {
		expect(timelineLine(message({body: 'x'}), nameOf)).not.toHaveProperty('edited');
	});

	test('other relations are shown', () => {
		expect(timelineLine(message({body: 'reply', 'm.relates_to': {'m.in_reply_to': {event_id: '$0'}}}), nameOf)?.text).toBe('reply');
	});

	test('redacted message', () => {
		expect(timelineLine(message({}, REDACTED_BECAUSE), nameOf)).toEqual({kind: 'redacted', sender: 'Alice', text: 'message deleted'});
	});

	test('encrypted', () => {
		const event: RawEvent = {type: 'm.room.encrypted', sender: BOB, content: {algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'x'}};
		expect(timelineLine(event, nameOf)).toEqual({kind: 'encrypted', sender: 'Bob', text: '🔒 encrypted message'});
	});

	test('redacted encrypted event is a deleted message', () => {
		expect(timelineLine({type: 'm.room.encrypted', sender: BOB, content: {}, ...REDACTED_BECAUSE}, nameOf)?.kind).toBe('redacted');
	});
});

describe('timelineLine: state', () => {
	test.each([
		['topic', state('m.room.topic', {topic: 'Hello\nworld'}), 'Alice changed the topic to "Hello world"'],
		['topic removed', state('m.room.topic', {topic: ''}), 'Alice removed the topic'],
		['topic not a string', state('m.room.topic', {topic: 5}), 'Alice removed the topic'],
		['topic sanitized', state('m.room.topic', {topic: 'a\u001B[5mb'}), 'Alice changed the topic to "a\u241Bb"'],
		['room name', state('m.room.name', {name: 'Lobby'}), 'Alice changed the room name to "Lobby"'],
		['room name removed', state('m.room.name', {}), 'Alice removed the room name'],
		['other state', state('m.room.join_rules', {join_rule: 'public'}), 'Alice set m.room.join_rules'],
		['custom state type sanitized', state('com.evil\u001B[2J', {}), 'Alice set com.evil\u241B'],
		['deleted state', state('m.beacon_info', {deleted: true}), 'Alice deleted m.beacon_info state'],
		['obsolete state', state('m.beacon_info', {'m.obsolete': true}), 'Alice deleted m.beacon_info state'],
		['deleted "true" is not deleted', state('m.beacon_info', {deleted: 'true'}), 'Alice set m.beacon_info'],
		['deleted topic', state('m.room.topic', {topic: 'x', deleted: true}), 'Alice deleted m.room.topic state'],
		['redacted state', state('m.room.topic', {}, REDACTED_BECAUSE), 'Alice deleted m.room.topic state'],
	])('%s', (_name, event, text) => {
		expect(timelineLine(event, nameOf)).toEqual({kind: 'state', sender: 'Alice', text});
	});
});

describe('timelineLine: not shown / unknown', () => {
	test.each([
		['redaction', {type: 'm.room.redaction', sender: ALICE, redacts: '$1', content: {}}],
		['reaction', {type: 'm.reaction', sender: ALICE, content: {'m.relates_to': {rel_type: 'm.annotation', key: '👍'}}}],
		['receipt', {type: 'm.receipt', content: {}}],
		['typing', {type: 'm.typing', content: {user_ids: []}}],
		['no type', {content: {}}],
		['type not a string', {type: 5, content: {}}],
	] as Array<[string, RawEvent]>)('%s → undefined', (_name, event) => {
		expect(timelineLine(event, nameOf)).toBeUndefined();
	});

	test.each([[null], ['event'], [42], [[]]])('non-object event %j → undefined', (event) => {
		expect(timelineLine(event as unknown as RawEvent, nameOf)).toBeUndefined();
	});

	test('unknown message-like event type', () => {
		expect(timelineLine({type: 'com.example.poll', sender: ALICE, content: {}}, nameOf)).toEqual({
			kind: 'unknown',
			sender: 'Alice',
			text: 'sent an unsupported event (com.example.poll)',
		});
	});
});

describe('timelineLine: names', () => {
	const event = member(ALICE, ALICE, join);
	test.each([
		['nameOf throws', () => { throw new Error('boom'); }, `${ALICE} joined`],
		['nameOf returns empty', () => '', `${ALICE} joined`],
		['nameOf returns blank', () => '  ', `${ALICE} joined`],
		['nameOf returns a non-string', () => 42 as unknown as string, `${ALICE} joined`],
		['nameOf returns controls', () => 'A\u0000\u009B1m', 'A\u2400\u241B joined'],
	] as Array<[string, (id: string) => string, string]>)('%s', (_name, badNameOf, text) => {
		expect(timelineLine(event, badNameOf)?.text).toBe(text);
	});

	test('a user id with controls is sanitized when used as the name', () => {
		expect(timelineLine(member('@a\u001B[1m:x', '@a\u001B[1m:x', join), (id) => id)?.text).toBe('@a\u241B:x joined');
	});

	test('no sender', () => {
		expect(timelineLine({type: 'm.room.message', content: {body: 'hi'}}, nameOf)?.sender).toBe('someone');
	});
});

describe('encrypted events the crypto could not read', () => {
	const encrypted = (unsigned?: Record<string, unknown>): RawEvent => ({type: 'm.room.encrypted', event_id: '$e', sender: '@bob:x', content: {ciphertext: 'x'}, ...(unsigned ? {unsigned} : {})});
	const nameOf = () => 'Bob';

	test.each([
		['MEGOLM_UNKNOWN_INBOUND_SESSION_ID', 'waiting for the key'],
		['MEGOLM_KEY_WITHHELD', 'the sender withheld the key'],
		['MEGOLM_KEY_WITHHELD_FOR_UNVERIFIED_DEVICE', 'the sender withheld the key: this device is not verified'],
		['HISTORICAL_MESSAGE_NO_KEY_BACKUP', 'sent before this device joined'],
		['UNSIGNED_SENDER_DEVICE', "the sender's device is not verified"],
		['SOMETHING_NEW', 'an unknown error'],
	])('%s: shown, with the reason in words', (code, words) => {
		expect(timelineLine(markUndecryptable(encrypted(), code), nameOf)).toEqual({kind: 'encrypted', sender: 'Bob', text: `🔒 unable to decrypt: ${words}`});
	});

	test('the mark is a copy: the event it was made from, and its other unsigned fields, are kept', () => {
		const event = encrypted({age: 5});
		const marked = markUndecryptable(event, 'MEGOLM_KEY_WITHHELD');
		expect(event.unsigned).toEqual({age: 5});
		expect(marked.unsigned).toEqual({age: 5, [UNDECRYPTABLE_KEY]: 'MEGOLM_KEY_WITHHELD'});
		expect(undecryptableReason(event)).toBeUndefined();
	});
});
