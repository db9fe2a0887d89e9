/** redactedEvent: the spec's redaction algorithm (room version 11) for state the SDK never saw. */
import {describe, expect, test} from 'vitest';
import type {RawEvent} from '../../src/domain/events.js';
import {redactedEvent} from '../../src/domain/redaction.js';
import {isDeletedState} from '../../src/domain/deleted-state.js';

const redaction: RawEvent = {type: 'm.room.redaction', sender: '@mod:x', event_id: '$r', redacts: '$e'};
const envelope = {event_id: '$e', sender: '@a:x', state_key: '', origin_server_ts: 7, room_id: '!r:x'};

describe('redactedEvent', () => {
	test.each([
		['m.room.member', {membership: 'join', join_authorised_via_users_server: '@s:x', displayname: 'A', reason: 'r'}, {membership: 'join', join_authorised_via_users_server: '@s:x'}],
		['m.room.join_rules', {join_rule: 'restricted', allow: [{type: 'm.room_membership'}], other: 1}, {join_rule: 'restricted', allow: [{type: 'm.room_membership'}]}],
		[
			'm.room.power_levels',
			{ban: 1, events: {}, events_default: 2, invite: 3, kick: 4, redact: 5, state_default: 6, users: {}, users_default: 7, notifications: {room: 50}},
			{ban: 1, events: {}, events_default: 2, invite: 3, kick: 4, redact: 5, state_default: 6, users: {}, users_default: 7},
		],
		['m.room.history_visibility', {history_visibility: 'shared', x: 1}, {history_visibility: 'shared'}],
		['m.room.create', {room_version: '11', creator: '@a:x', 'm.federate': false}, {room_version: '11', creator: '@a:x', 'm.federate': false}],
		['m.room.topic', {topic: 'secret'}, {}],
		['org.example', {membership: 'join', join_rule: 'public'}, {}],
	])('%s keeps %j', (type, content, kept) => {
		const pruned = redactedEvent({type, ...envelope, content, unsigned: {age: 3}}, redaction);
		expect(pruned).toStrictEqual({type, content: kept, unsigned: {redacted_because: redaction}, ...envelope});
	});

	test('fields the event does not have stay absent; create content is a copy', () => {
		const content = {room_version: '10'};
		const pruned = redactedEvent({type: 'm.room.create', content}, redaction);
		expect(pruned).toStrictEqual({type: 'm.room.create', content: {room_version: '10'}, unsigned: {redacted_because: redaction}});
		expect(pruned.content).not.toBe(content);
		expect(redactedEvent({type: 'm.room.create', content: null as unknown as RawEvent['content']}, redaction).content).toStrictEqual({});
	});

	test('redacted state is deleted state', () => {
		expect(isDeletedState(redactedEvent({type: 'org.example', state_key: '', content: {live: true}}, redaction))).toBe(true);
	});
});
