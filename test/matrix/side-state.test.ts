import {describe, expect, test} from 'vitest';
import {SideState} from '../../src/matrix/side-state.js';
import {leanMemberEvent} from '../../src/domain/lean-member.js';
import {redactedEvent} from '../../src/domain/redaction.js';
import {isDeletedState} from '../../src/domain/deleted-state.js';
import type {RawEvent} from '../../src/domain/events.js';

const event = (type: string, stateKey: string, id: string, content: Record<string, unknown> = {}): RawEvent => ({type, state_key: stateKey, event_id: id, sender: '@a:x', content});

describe('SideState', () => {
	test('one event per type and key; superseded keys go; a redaction prunes its target', () => {
		const side = new SideState();
		side.set(event('org.example.flag', 'a', '$1', {value: 1}));
		side.set(event('org.example.flag', 'a', '$2', {value: 2}));
		side.set(event('org.example.flag', 'b', '$3', {value: 3}));
		side.set(event('m.space.child', '!c:x', '$4', {via: ['x']}));
		side.set({type: 'org.example.not-state', event_id: '$5'});
		expect([...side.events()]).toHaveLength(3);
		expect([...side.events()].map((e) => e.event_id)).toEqual(['$2', '$3', '$4']);
		expect(side.supersede('org.example.flag', 'b')).toBe(true);
		expect(side.supersede('org.example.flag', 'b')).toBe(false);
		expect(side.has('org.example.flag', 'b')).toBe(false);
		expect([...side.events()]).toHaveLength(2);
		const redaction: RawEvent = {type: 'm.room.redaction', event_id: '$r', redacts: '$4', sender: '@mod:x', content: {}};
		expect(side.redact(redaction, '$1')).toBe(false); // replaced already: not current state
		expect(side.redact(redaction, '$4')).toBe(true);
		const pruned = [...side.events()].find((e) => e.event_id === '$4')!;
		expect(pruned.content).toEqual({});
		expect(isDeletedState(pruned)).toBe(true);
	});
});

describe('redactedEvent', () => {
	test('keeps the envelope and the content keys the spec keeps for the type', () => {
		const redaction: RawEvent = {type: 'm.room.redaction', event_id: '$r'};
		const member: RawEvent = {type: 'm.room.member', state_key: '@u:x', sender: '@u:x', event_id: '$m', origin_server_ts: 5, room_id: '!r:x', content: {membership: 'leave', reason: 'private', displayname: 'U'}, unsigned: {age: 1}};
		expect(redactedEvent(member, redaction)).toEqual({type: 'm.room.member', state_key: '@u:x', sender: '@u:x', event_id: '$m', origin_server_ts: 5, room_id: '!r:x', content: {membership: 'leave'}, unsigned: {redacted_because: redaction}});
		expect(redactedEvent({type: 'm.room.create', state_key: '', content: {room_version: '11', extra: 1}}, redaction).content).toEqual({room_version: '11', extra: 1});
		expect(redactedEvent({type: 'm.room.join_rules', state_key: '', content: {join_rule: 'restricted', allow: [], other: 1}}, redaction).content).toEqual({join_rule: 'restricted', allow: []});
	});
});

describe('leanMemberEvent', () => {
	test('keeps what the member rules read and drops the envelope', () => {
		const full: RawEvent = {
			type: 'm.room.member',
			state_key: '@u:x',
			sender: '@mod:x',
			event_id: '$m',
			room_id: '!r:x',
			origin_server_ts: 9,
			content: {membership: 'leave', reason: 'spam', displayname: 'U', avatar_url: 'mxc://x/y', 'm.deactivated': true, 'org.matrix.msc3759.deactivated': 'true', deleted: true, 'm.obsolete': false},
			unsigned: {age: 3, replaces_state: '$old', prev_content: {membership: 'join', displayname: 'U', avatar_url: 'mxc://x/y'}, prev_sender: '@u:x'},
		};
		expect(leanMemberEvent(full)).toEqual({
			type: 'm.room.member',
			state_key: '@u:x',
			sender: '@mod:x',
			event_id: '$m',
			content: {membership: 'leave', reason: 'spam', displayname: 'U', 'm.deactivated': true, 'org.matrix.msc3759.deactivated': 'true', deleted: true, 'm.obsolete': false},
			unsigned: {prev_content: {membership: 'join', displayname: 'U'}},
		});
		const self: RawEvent = {type: 'm.room.member', state_key: '@u:x', sender: '@u:x', content: {membership: 'join'}, prev_content: {membership: 'invite'}};
		expect(leanMemberEvent(self)).toEqual({type: 'm.room.member', state_key: '@u:x', sender: '@u:x', content: {membership: 'join'}, unsigned: {prev_content: {membership: 'invite'}}});
	});
});
