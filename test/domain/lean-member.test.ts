/** leanMemberEvent: what a member event keeps for the member rules, and nothing of the envelope. */
import {describe, expect, test} from 'vitest';
import type {RawEvent} from '../../src/domain/events.js';
import {leanMemberEvent} from '../../src/domain/lean-member.js';

const U = '@u:x';

describe('leanMemberEvent', () => {
	test.each<[string, RawEvent, RawEvent]>([
		[
			'the content keys the rules read, previous membership and name, the redaction',
			{
				type: 'm.room.member',
				state_key: U,
				sender: '@mod:x',
				event_id: '$m',
				room_id: '!r:x',
				origin_server_ts: 9,
				content: {membership: 'ban', displayname: 'U', avatar_url: 'mxc://a', reason: 'spam', 'm.deactivated': false, 'org.matrix.msc3759.deactivated': 1, deleted: 'x', 'm.obsolete': true},
				unsigned: {prev_content: {membership: 'join', displayname: 'Old', avatar_url: 'mxc://b'}, redacted_because: {type: 'm.room.redaction'}, age: 4},
			},
			{
				type: 'm.room.member',
				state_key: U,
				sender: '@mod:x',
				event_id: '$m',
				content: {membership: 'ban', displayname: 'U', reason: 'spam', 'm.deactivated': false, 'org.matrix.msc3759.deactivated': 1, deleted: 'x', 'm.obsolete': true},
				unsigned: {prev_content: {membership: 'join', displayname: 'Old'}, redacted_because: {type: 'm.room.redaction'}},
			},
		],
		['a self-made change: the sender is the state key', {type: 'm.room.member', state_key: U, sender: U, content: {membership: 'join'}}, {type: 'm.room.member', state_key: U, sender: U, content: {membership: 'join'}}],
		['top-level prev_content is read too', {type: 'm.room.member', state_key: U, content: {membership: 'leave'}, prev_content: {membership: 'invite', reason: 'x'}}, {type: 'm.room.member', state_key: U, content: {membership: 'leave'}, unsigned: {prev_content: {membership: 'invite'}}}],
		['unsigned.prev_content comes first', {type: 'm.room.member', state_key: U, content: {}, prev_content: {membership: 'invite'}, unsigned: {prev_content: {membership: 'join'}}}, {type: 'm.room.member', state_key: U, content: {}, unsigned: {prev_content: {membership: 'join'}}}],
		['only a redaction', {type: 'm.room.member', state_key: U, content: {}, unsigned: {redacted_because: null}}, {type: 'm.room.member', state_key: U, content: {}, unsigned: {redacted_because: null}}],
		['no sender, id or unsigned: none invented', {type: 'm.room.member', state_key: U, content: {membership: 'join'}, unsigned: {age: 3}}, {type: 'm.room.member', state_key: U, content: {membership: 'join'}}],
		['malformed content is no content', {type: 'm.room.member', state_key: U, content: 'join' as unknown as RawEvent['content']}, {type: 'm.room.member', state_key: U, content: {}}],
	])('%s', (_what, event, lean) => {
		expect(leanMemberEvent(event)).toStrictEqual({...lean, state_key: lean.state_key});
	});

	test('the copy shares nothing mutable with the event', () => {
		const event: RawEvent = {type: 'm.room.member', state_key: U, content: {membership: 'join'}, unsigned: {prev_content: {membership: 'invite'}}};
		const lean = leanMemberEvent(event);
		expect(lean.content).not.toBe(event.content);
		expect(lean.unsigned).not.toBe(event.unsigned);
		expect(lean.unsigned?.prev_content).not.toBe(event.unsigned?.prev_content);
	});
});
