/** Mentions we send and mentions of us, case by case, the malformed ones included. */
import {describe, expect, test} from 'vitest';
import {editMentions, linkMentions, mentionsField, mentionsInText, mentionsMe, permalinkOf} from '../../src/domain/mentions.js';
import {HTML_FORMAT, messageText} from '../../src/domain/markdown.js';

const bob = {userId: '@bob:example.org', text: 'Bob'};
const bobId = {userId: '@bob:example.org', text: '@bob:example.org'};
const eve = {userId: '@eve:example.org', text: 'Eve [admin]'};

describe('mentionsInText', () => {
	test.each([
		['Bob: hi', [bob], [bob]],
		['hi Bob', [bob], [bob]],
		['hi Bobby', [bob], []],
		['hi bob@example.org', [bob], []],
		['deleted the name', [bob], []],
		['Bob and Bob', [bob, bob], [bob]],
		['@bob:example.org hi', [bobId], [bobId]],
		['Eve [admin]: look', [eve], [eve]],
		['x', [{userId: '@x:y', text: ''}], []],
	])('%j with %j → %j', (text, picks, expected) => {
		expect(mentionsInText(text, picks)).toEqual(expected);
	});
});

describe('mentionsField', () => {
	test.each([
		['Bob: hi', [bob], {user_ids: ['@bob:example.org']}],
		['Bob, @bob:example.org', [bob, bobId], {user_ids: ['@bob:example.org']}],
		['no one', [bob], {}],
		['@room look', [], {room: true}],
		['@roomy look', [], {}],
		['me@room.org', [], {}],
	])('%j → %j', (text, picks, expected) => {
		expect(mentionsField(text, picks)).toEqual(expected);
	});
});

describe('links', () => {
	test('a user ID in a matrix.to link keeps its sigil and colon, anything odd escaped', () => {
		expect(permalinkOf('@bob:example.org')).toBe('https://matrix.to/#/@bob:example.org');
		expect(permalinkOf('@a b>"<:x')).toBe('https://matrix.to/#/@a%20b%3E%22%3C:x');
	});

	test('a mention becomes a markdown link whose name is escaped text', () => {
		expect(linkMentions('Bob: hi', [bob])).toBe('[Bob](<https://matrix.to/#/@bob:example.org>): hi');
		expect(linkMentions('Eve [admin]: x', [eve])).toBe('[Eve \\[admin\\]](<https://matrix.to/#/@eve:example.org>): x');
		expect(linkMentions('nobody here', [bob])).toBe('nobody here');
	});

	test('a mention formats the message: the body stays as typed, the formatted body links the user', () => {
		expect(messageText('Bob: hi', [bob])).toEqual({body: 'Bob: hi', format: HTML_FORMAT, formatted_body: '<p><a href="https://matrix.to/#/@bob:example.org">Bob</a>: hi</p>'});
		expect(messageText('Eve [admin]: <b>', [eve]).formatted_body).toBe('<p><a href="https://matrix.to/#/@eve:example.org">Eve [admin]</a>: &lt;b&gt;</p>');
		expect(messageText('Bob: **hi**', [bob]).formatted_body).toBe('<p><a href="https://matrix.to/#/@bob:example.org">Bob</a>: <strong>hi</strong></p>');
		expect(messageText('no mention', [bob])).toEqual({body: 'no mention'});
	});
});

describe('editMentions', () => {
	test.each([
		[{user_ids: ['@a:x', '@b:x']}, {'m.mentions': {user_ids: ['@a:x']}}, {user_ids: ['@b:x']}],
		[{user_ids: ['@a:x']}, {'m.mentions': {user_ids: ['@a:x']}}, {}],
		[{user_ids: ['@a:x']}, undefined, {user_ids: ['@a:x']}],
		[{user_ids: ['@a:x']}, {'m.mentions': 'garbage'}, {user_ids: ['@a:x']}],
		[{user_ids: ['@a:x']}, {'m.mentions': {user_ids: [1, null, '@a:x']}}, {}],
		[{room: true as const}, {'m.mentions': {room: true}}, {}],
		[{room: true as const}, {'m.mentions': {room: 'true'}}, {room: true}],
	])('new %j over original %j → %j', (mentions, original, expected) => {
		expect(editMentions(mentions, original)).toEqual(expected);
	});
});

describe('mentionsMe', () => {
	const me = {userId: '@alice:example.org', displayName: 'Alice'};
	test.each([
		[{body: 'hi', 'm.mentions': {user_ids: ['@alice:example.org']}}, true],
		[{body: 'hi Alice', 'm.mentions': {}}, false],
		[{body: 'hi Alice', 'm.mentions': {user_ids: ['@bob:example.org']}}, false],
		[{body: 'hi', 'm.mentions': {user_ids: '@alice:example.org'}}, false],
		[{body: 'hi', 'm.mentions': {user_ids: [1, null, {}]}}, false],
		[{body: 'hi Alice', 'm.mentions': null}, false],
		[{body: 'hi Alice', 'm.mentions': 'true'}, false],
		[{body: 'hi', 'm.mentions': {room: true}}, false],
		[{body: 'hi alice!'}, true],
		[{body: 'ping @alice:example.org'}, true],
		[{body: 'Alicexyz'}, false],
		[{body: 'malice'}, false],
		[{body: 42}, false],
		[{}, false],
	])('%j → %j', (content, expected) => {
		expect(mentionsMe(content, me)).toBe(expected);
	});

	test('a blank display name matches nothing', () => {
		expect(mentionsMe({body: 'a b'}, {userId: '@a:x', displayName: ' '})).toBe(false);
	});
});
