/** Composer text → Command, for every command and its usage errors. */
import {describe, expect, test} from 'vitest';
import {parseInput} from '../../src/commands/parse.js';

describe('parseInput: messages', () => {
	test.each([
		['hello', 'hello'],
		['  padded  ', 'padded'],
		['//me is not a command', '/me is not a command'],
		['///', '//'],
		['a /leave', 'a /leave'],
	])('%j sends %j', (input, body) => {
		expect(parseInput(input)).toEqual({ok: true, command: {name: 'send', body}});
	});

	test.each(['', '   ', '\n\t'])('%j is nothing to send', (input) => {
		expect(parseInput(input)).toEqual({ok: false, error: 'Nothing to send'});
	});
});

describe('parseInput: commands', () => {
	test.each([
		['/leave', {name: 'leave'}],
		['/leave  see you  ', {name: 'leave', reason: 'see you'}],
		['/LEAVE bye', {name: 'leave', reason: 'bye'}],
		['/delete-state m.room.topic', {name: 'delete-state', eventType: 'm.room.topic', stateKey: ''}],
		['/delete-state org.x  @a:x', {name: 'delete-state', eventType: 'org.x', stateKey: '@a:x'}],
		['/undelete-state org.x key', {name: 'undelete-state', eventType: 'org.x', stateKey: 'key'}],
		['/state', {name: 'state'}],
		['/state-stats', {name: 'state-stats'}],
		['/members', {name: 'members'}],
		['/show-deleted', {name: 'show-deleted'}],
		['/hide-deleted', {name: 'hide-deleted'}],
		['/room #lobby:x', {name: 'room', query: '#lobby:x'}],
		['/room Two words', {name: 'room', query: 'Two words'}],
		['/join', {name: 'join'}],
		['/join #a:x', {name: 'join', target: '#a:x'}],
		['/dm @bob:x', {name: 'dm', userId: '@bob:x'}],
		['/dm @bob:example.org:8448', {name: 'dm', userId: '@bob:example.org:8448'}],
		['/invite @bob:x', {name: 'invite', user: '@bob:x'}],
		['/kick @bob:x', {name: 'kick', user: '@bob:x'}],
		['/kick @bob:x  spam, twice ', {name: 'kick', user: '@bob:x', reason: 'spam, twice'}],
		['/ban @bob:x', {name: 'ban', user: '@bob:x'}],
		['/ban Bob multi\nline', {name: 'ban', user: 'Bob', reason: 'multi\nline'}],
		['/topic A new topic', {name: 'topic', text: 'A new topic'}],
		['/nick Bobby', {name: 'nick', displayName: 'Bobby'}],
		['/me waves', {name: 'me', text: 'waves'}],
		['/optimise-room', {name: 'optimise-room'}],
		['/deactivate', {name: 'deactivate'}],
		['/deactivate moving on', {name: 'deactivate', reason: 'moving on'}],
		['/help', {name: 'help'}],
		['/quit', {name: 'quit'}],
	])('%j → %j', (input, command) => {
		expect(parseInput(input)).toEqual({ok: true, command});
	});

	test.each([
		['/state x', '/state takes no arguments — usage: /state'],
		['/state-stats x', '/state-stats takes no arguments — usage: /state-stats'],
		['/members x', '/members takes no arguments — usage: /members'],
		['/show-deleted x', '/show-deleted takes no arguments — usage: /show-deleted'],
		['/hide-deleted x', '/hide-deleted takes no arguments — usage: /hide-deleted'],
		['/optimise-room now', '/optimise-room takes no arguments — usage: /optimise-room'],
		['/help me', '/help takes no arguments — usage: /help'],
		['/quit now', '/quit takes no arguments — usage: /quit'],
		['/room', '/room needs a room — usage: /room <id|alias|name>'],
		['/dm', '/dm needs a user ID — usage: /dm <@user:server>'],
		['/dm Bob', '/dm needs a full user ID like @name:server, not "Bob" — usage: /dm <@user:server>'],
		['/dm @bob', '/dm needs a full user ID like @name:server, not "@bob" — usage: /dm <@user:server>'],
		['/dm @bob:x and more', '/dm needs a full user ID like @name:server, not "@bob:x and more" — usage: /dm <@user:server>'],
		['/invite', '/invite needs a user ID — usage: /invite <user>'],
		['/kick', '/kick needs a user — usage: /kick <user> [reason]'],
		['/ban', '/ban needs a user — usage: /ban <user> [reason]'],
		['/topic', '/topic needs a topic — usage: /topic <text>'],
		['/nick', '/nick needs a name — usage: /nick <name>'],
		['/me', '/me needs some text — usage: /me <text>'],
		['/delete-state', '/delete-state needs an event type — usage: /delete-state <type> [state_key]'],
		['/delete-state a b c', '/delete-state takes an event type and at most one state key — usage: /delete-state <type> [state_key]'],
		['/undelete-state', '/undelete-state needs an event type — usage: /undelete-state <type> [state_key]'],
		['/undelete-state a b c', '/undelete-state takes an event type and at most one state key — usage: /undelete-state <type> [state_key]'],
	])('%j → %j', (input, error) => {
		expect(parseInput(input)).toEqual({ok: false, error});
	});

	test.each([
		['/nope', '/nope'],
		['/NoPe x', '/nope'],
		['/', '/'],
		['/ leave', '/'],
	])('%j is an unknown command', (input, shown) => {
		expect(parseInput(input)).toEqual({ok: false, error: `Unknown command ${shown} — /help lists the commands (start with // to send a message beginning with /)`});
	});
});
