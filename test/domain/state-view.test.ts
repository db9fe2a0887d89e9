import {describe, expect, test} from 'vitest';
import type {RawEvent} from '../../src/domain/events.js';
import {isDeletedState} from '../../src/domain/deleted-state.js';
import {previewJson} from '../../src/domain/json-preview.js';
import {buildStateView, deleteStateContent, undeleteStateContent} from '../../src/domain/state-view.js';
import {cellWidth} from '../../src/domain/text-width.js';
import {ALICE, BOB, REDACTED_BECAUSE, isTerminalSafe, member} from './fixtures.js';

function state(type: string, stateKey: string, content: unknown, extra: Partial<RawEvent> = {}): RawEvent {
	return {type, state_key: stateKey, sender: ALICE, content: content as Record<string, unknown>, ...extra};
}

const events = [
	state('m.room.topic', '', {topic: 'hi'}),
	state('m.beacon_info', `${BOB}_2`, {live: true}),
	state('m.beacon_info', `${ALICE}_1`, {live: false, deleted: true}),
	member(ALICE, ALICE, {membership: 'join', displayname: 'Alice'}),
	member(BOB, BOB, {membership: 'leave'}),
	state('m.room.create', '', {creator: ALICE}),
	state('com.example.old', 'x', {'m.obsolete': true}),
	state('m.room.name', '', {}, REDACTED_BECAUSE),
];

describe('buildStateView', () => {
	test('deleted state hidden by default, counted', () => {
		const view = buildStateView(events, {showDeleted: false});
		expect(view.rows.map((row) => [row.type, row.stateKey])).toEqual([
			['m.beacon_info', `${BOB}_2`],
			['m.room.create', ''],
			['m.room.member', ALICE],
			['m.room.topic', ''],
		]);
		expect(view.rows.every((row) => !row.deleted)).toBe(true);
		expect(view.hiddenCount).toBe(4);
		expect(view.total).toBe(8);
	});

	test('showDeleted lists them too, sorted by type then state key, flagged', () => {
		const view = buildStateView(events, {showDeleted: true});
		expect(view.rows.map((row) => [row.type, row.stateKey, row.deleted])).toEqual([
			['com.example.old', 'x', true],
			['m.beacon_info', `${ALICE}_1`, true],
			['m.beacon_info', `${BOB}_2`, false],
			['m.room.create', '', false],
			['m.room.member', ALICE, false],
			['m.room.member', BOB, true],
			['m.room.name', '', true],
			['m.room.topic', '', false],
		]);
		expect(view.hiddenCount).toBe(4);
		expect(view.total).toBe(8);
	});

	test('summary is a short JSON-ish preview of the content', () => {
		const view = buildStateView([state('m.room.topic', '', {topic: 'hi'})], {showDeleted: false});
		expect(view.rows[0]?.summary).toBe('{"topic": "hi"}');
		expect(view.rows[0]?.sender).toBe(ALICE);
	});

	test('summary of hostile content: one line, sanitized, at most 60 cells', () => {
		const content = {topic: `\u001B]52;c;eA==\u0007 \u202E ${'漢'.repeat(100)}`, nested: {a: [1, {b: '\n\u009B2J'}]}};
		const [row] = buildStateView([state('m.room.topic', '', content, {sender: '@x\u001B[1m:y'})], {showDeleted: false}).rows;
		expect(row).toBeDefined();
		expect(cellWidth(row?.summary ?? '')).toBeLessThanOrEqual(60);
		expect(row?.summary.endsWith('…')).toBe(true);
		expect(isTerminalSafe(row?.summary ?? '')).toBe(true);
		expect(row?.sender).toBe('@x\u241B:y');
	});

	test('the last event per (type, state key) wins; non-state events are skipped', () => {
		const view = buildStateView(
			[
				state('m.room.topic', '', {topic: 'old'}),
				state('m.room.topic', '', {topic: 'new'}),
				{type: 'm.room.message', sender: ALICE, content: {body: 'x'}},
				{type: 5, state_key: '', content: {}} as unknown as RawEvent,
				null as unknown as RawEvent,
			],
			{showDeleted: true},
		);
		expect(view.rows.map((row) => row.summary)).toEqual(['{"topic": "new"}']);
		expect(view.total).toBe(1);
	});

	test('no events', () => {
		expect(buildStateView([], {showDeleted: false})).toEqual({rows: [], hiddenCount: 0, total: 0});
	});
});

describe('deleteStateContent / undeleteStateContent', () => {
	test('delete adds deleted: true and keeps the rest', () => {
		const current = {live: false, 'm.ts': 1};
		expect(deleteStateContent(current)).toEqual({live: false, 'm.ts': 1, deleted: true});
		expect(current).toEqual({live: false, 'm.ts': 1}); // not mutated
	});

	test('delete overrides a malformed deleted value', () => {
		expect(deleteStateContent({deleted: 'yes'})).toEqual({deleted: true});
	});

	test.each([[undefined], [null], ['x'], [[1, 2]], [5]])('delete of non-object %j', (current) => {
		expect(deleteStateContent(current)).toEqual({deleted: true});
	});

	test('undelete removes both markers and keeps the rest', () => {
		const current = {live: false, deleted: true, 'm.obsolete': true};
		expect(undeleteStateContent(current)).toEqual({live: false});
		expect(current).toEqual({live: false, deleted: true, 'm.obsolete': true});
	});

	test.each([[undefined], [null], ['x'], [[1, 2]]])('undelete of non-object %j', (current) => {
		expect(undeleteStateContent(current)).toEqual({});
	});

	test('round trip through isDeletedState', () => {
		const original = state('m.beacon_info', `${ALICE}_1`, {live: false});
		const deleted = {...original, content: deleteStateContent(original.content)};
		expect(isDeletedState(deleted)).toBe(true);
		const restored = {...original, content: undeleteStateContent(deleted.content)};
		expect(isDeletedState(restored)).toBe(false);
		expect(restored.content).toEqual(original.content);
	});
});

describe('previewJson', () => {
	test.each([
		[{}, '{}'],
		[[], '[]'],
		[null, 'null'],
		[{a: 1, b: [true, null, 'x']}, '{"a": 1, "b": [true, null, "x"]}'],
		[{'k"ey': 'line\nbreak'}, '{"k\\"ey": "line\\nbreak"}'],
		[{a: {b: {c: {d: {e: 1}}}}}, '{"a": {"b": {"c": {"d": {…}}}}}'],
	])('%j', (value, expected) => {
		expect(previewJson(value)).toBe(expected);
	});

	test('stays short for huge content', () => {
		const huge = {text: 'x'.repeat(100_000), list: Array.from({length: 10_000}, (_, i) => i)};
		expect(previewJson(huge).length).toBeLessThan(260);
	});

	test('does not recurse into very deep content', () => {
		let deep: unknown = 1;
		for (let i = 0; i < 100_000; i++) deep = [deep];
		expect(previewJson(deep)).toBe('[[[[[…]]]]]');
	});

	test('never cuts a surrogate pair', () => {
		const preview = previewJson({e: '😀'.repeat(200)});
		expect(preview).not.toMatch(/\\ud[89ab]/i);
		expect(preview).toMatch(/😀…"}$/);
	});
});
