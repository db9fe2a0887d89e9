/** Room notification levels in push rules, and when counts call for a notification, case by case. */
import {describe, expect, test} from 'vitest';
import {notificationFor, notifyRuleChange, roomNotifyLevel} from '../../src/domain/notify-level.js';

const ROOM = '!r:x';
const rules = (global: unknown) => ({global});

describe('roomNotifyLevel', () => {
	test.each([
		[rules({override: [{rule_id: ROOM, actions: [], enabled: true}]}), 'off'],
		[rules({override: [{rule_id: ROOM, actions: ['dont_notify']}]}), 'off'],
		[rules({override: [{rule_id: ROOM, actions: [], enabled: false}], room: [{rule_id: ROOM, actions: ['notify']}]}), 'all'],
		[rules({room: [{rule_id: ROOM, actions: []}]}), 'mentions'],
		[rules({room: [{rule_id: ROOM, actions: ['notify', {set_tweak: 'sound', value: 'default'}]}]}), 'all'],
		[rules({room: [{rule_id: '!other:x', actions: []}]}), 'default'],
		[rules({room: [{rule_id: ROOM, actions: 'notify'}]}), 'mentions'],
		[rules({room: 'garbage', override: {rule_id: ROOM}}), 'default'],
		[rules(null), 'default'],
		[undefined, 'default'],
		['true', 'default'],
		[rules({room: [null, 1, {rule_id: ROOM, actions: []}]}), 'mentions'],
	])('%j → %s', (pushRules, level) => {
		expect(roomNotifyLevel(pushRules, ROOM)).toBe(level);
	});
});

describe('notifyRuleChange', () => {
	test('off mutes with an override matching the room; mentions and all are room rules', () => {
		expect(notifyRuleChange(ROOM, 'off')).toEqual({put: {kind: 'override', actions: [], conditions: [{kind: 'event_match', key: 'room_id', pattern: ROOM}]}, remove: 'room'});
		expect(notifyRuleChange(ROOM, 'mentions')).toEqual({put: {kind: 'room', actions: []}, remove: 'override'});
		expect(notifyRuleChange(ROOM, 'all')).toEqual({put: {kind: 'room', actions: ['notify', {set_tweak: 'sound', value: 'default'}]}, remove: 'override'});
	});

	test('what it writes reads back as the level asked for', () => {
		for (const level of ['all', 'mentions', 'off'] as const) {
			const {put} = notifyRuleChange(ROOM, level);
			expect(roomNotifyLevel(rules({[put.kind]: [{rule_id: ROOM, ...put}]}), ROOM)).toBe(level);
		}
	});
});

describe('notificationFor', () => {
	const quiet = {unread: 1, highlights: 0};
	const message = {unread: 2, highlights: 0};
	const mention = {unread: 2, highlights: 1};
	const room = (level: 'all' | 'mentions' | 'off' | 'default', direct = false, onScreen = false) => ({level, direct, onScreen});
	test.each([
		[mention, room('default'), 'mention'],
		[mention, room('mentions'), 'mention'],
		[mention, room('off'), undefined],
		[mention, room('default', false, true), undefined],
		[message, room('default'), undefined],
		[message, room('default', true), 'message'],
		[message, room('all'), 'message'],
		[message, room('mentions', true), undefined],
		[message, room('all', false, true), undefined],
		[quiet, room('all'), undefined],
		[{unread: 0, highlights: 0}, room('all', true), undefined],
	])('%j in %j → %s', (after, options, expected) => {
		expect(notificationFor(quiet, after, options)).toBe(expected);
	});
});
