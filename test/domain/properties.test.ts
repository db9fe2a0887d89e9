/**
 * Random, hostile JSON through every rule: nothing throws, and nothing that reaches the terminal
 * carries a control character, an escape sequence, a bidi control or a lone surrogate.
 */
import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import type {RawEvent} from '../../src/domain/events.js';
import {isDeletedState} from '../../src/domain/deleted-state.js';
import {buildMemberList, displayNameOf} from '../../src/domain/member-list.js';
import {describeMembership, isDeactivationLeave} from '../../src/domain/membership.js';
import {displayReason} from '../../src/domain/reason.js';
import {buildStateView} from '../../src/domain/state-view.js';
import {cellWidth} from '../../src/domain/text-width.js';
import {timelineLine} from '../../src/domain/timeline-text.js';
import {isTerminalSafe} from './fixtures.js';

const RUNS = 2000;

// Characters that have caused trouble in terminals, mixed with anything at all.
const nastyUnit = fc.oneof(
	fc.constantFrom(
		'\u001B', '\u009B', '\u009D', '\u0090', '\u009C', '\u0085', '\u0007', '\n', '\r', '\t', '\b', '\u007F', '\u0000',
		'\u202E', '\u2066', '\u200F', '\u061C', '\uD800', '\uDC00', '[', ']', '\\', 'P', '_', ';', '0', 'm', ' ',
		'\u{1F468}\u200D\u{1F469}\u200D\u{1F467}', 'e\u0301', '漢', '@', ':',
	),
	fc.string({unit: 'binary', maxLength: 1}),
	fc.integer({min: 0, max: 0xffff}).map((code) => String.fromCharCode(code)),
);
const nastyString = fc.array(nastyUnit, {maxLength: 30}).map((units) => units.join(''));

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
	nastyString,
	fc.constantFrom(true, false, 'true', 1, 0, null, 'join', 'leave', 'ban', 'invite', 'knock', '@alice:x', 'm.replace', 'm.emote', 'm.notice'),
	fc.jsonValue({maxDepth: 3}),
);

const contentKey = fc.oneof(
	fc.constantFrom(
		'membership', 'reason', 'displayname', 'avatar_url', 'm.deactivated', 'org.matrix.msc3759.deactivated', 'deleted', 'm.obsolete',
		'body', 'msgtype', 'm.new_content', 'm.relates_to', 'topic', 'name', '__proto__', 'constructor',
	),
	fc.string({maxLength: 8}),
);
const objectContent = fc.dictionary(contentKey, fc.oneof(anyValue, fc.dictionary(contentKey, anyValue, {maxKeys: 4})), {maxKeys: 8});
const content = fc.oneof({weight: 5, arbitrary: objectContent}, {weight: 1, arbitrary: anyValue});

const userId = fc.oneof(fc.constantFrom('@alice:x', '@bob:x'), nastyString, anyValue);
const eventType = fc.oneof(
	fc.constantFrom('m.room.member', 'm.room.message', 'm.room.topic', 'm.room.name', 'm.room.encrypted', 'm.beacon_info', 'm.room.redaction', 'm.reaction'),
	nastyString,
	anyValue,
);

const event: fc.Arbitrary<RawEvent> = fc.oneof(
	{
		weight: 20,
		arbitrary: fc.record(
			{
				type: eventType,
				sender: userId,
				state_key: userId,
				content,
				prev_content: content,
				unsigned: fc.oneof(fc.record({prev_content: content, redacted_because: anyValue}, {requiredKeys: []}), anyValue),
			},
			{requiredKeys: ['type']},
		) as fc.Arbitrary<unknown> as fc.Arbitrary<RawEvent>,
	},
	{weight: 1, arbitrary: anyValue as fc.Arbitrary<RawEvent>},
);

/** Every string inside a result, with its path, so a failure says where it came from. */
function stringsIn(value: unknown, path = '$', found: Array<[string, string]> = []): Array<[string, string]> {
	if (typeof value === 'string') found.push([path, value]);
	else if (Array.isArray(value)) value.forEach((item, i) => stringsIn(item, `${path}[${i}]`, found));
	else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) stringsIn(item, `${path}.${key}`, found);
	return found;
}

function expectSafe(value: unknown, {allowNewlineAt}: {allowNewlineAt?: string} = {}): void {
	for (const [path, text] of stringsIn(value)) {
		expect({path, safe: isTerminalSafe(text, {allowNewline: path === allowNewlineAt})}).toEqual({path, safe: true});
	}
}

const nameOf = (id: string): string => (id.length % 3 === 0 ? id : `${id}\u001B[31m\u202E`);

describe('hostile input through the domain layer', () => {
	test('describeMembership / isDeactivationLeave / isDeletedState never throw; display fields are safe', () => {
		fc.assert(
			fc.property(event, (ev) => {
				const change = describeMembership(ev);
				expect(typeof isDeactivationLeave(ev)).toBe('boolean');
				expect(typeof isDeletedState(ev)).toBe('boolean');
				expect(change.deactivated).toBe(isDeactivationLeave(ev));
				// actor, target and reason are raw by contract (ids for lookups, reason for displayReason).
				const {actor: _actor, target: _target, reason, ...display} = change;
				expectSafe(display);
				const rawReason = ev !== null && typeof ev === 'object' && ev.content !== null && typeof ev.content === 'object' ? (ev.content as Record<string, unknown>).reason : undefined;
				expect(reason).toBe(typeof rawReason === 'string' && !Array.isArray(ev.content) ? rawReason : undefined);
			}),
			{numRuns: RUNS},
		);
	});

	test('timelineLine never throws; its strings are safe (newlines only in message bodies)', () => {
		fc.assert(
			fc.property(event, fc.option(fc.integer({min: -5, max: 200}), {nil: undefined}), fc.boolean(), (ev, reasonMaxWidth, edited) => {
				const line = timelineLine(ev, nameOf, {reasonMaxWidth, edited});
				if (line === undefined) return;
				const multiline = line.kind === 'message' || line.kind === 'emote' || line.kind === 'notice';
				expectSafe(line, multiline ? {allowNewlineAt: '$.text'} : {});
			}),
			{numRuns: RUNS},
		);
	});

	test('displayReason: strings only, safe, one line, within width', () => {
		fc.assert(
			fc.property(anyValue, fc.integer({min: -5, max: 120}), (raw, max) => {
				const shown = displayReason(raw, max);
				if (typeof raw !== 'string') expect(shown).toBeUndefined();
				if (shown === undefined) return;
				expect(isTerminalSafe(shown)).toBe(true);
				expect(shown).toBe(shown.trim());
				expect(shown).not.toMatch(/\s\s/);
				expect(cellWidth(shown)).toBeLessThanOrEqual(max);
			}),
			{numRuns: RUNS},
		);
	});

	test('buildMemberList / displayNameOf / buildStateView never throw; display strings are safe', () => {
		fc.assert(
			fc.property(fc.array(event, {maxLength: 12}), anyValue, fc.boolean(), (events, powerLevels, showDeleted) => {
				const list = buildMemberList(events, powerLevels, {showDeleted, reasonMaxWidth: 40});
				const rows = [...list.joined, ...list.invited, ...list.banned, ...list.left];
				for (const {userId: _userId, ...display} of rows) {
					expectSafe(display);
					expect(Number.isFinite(display.powerLevel)).toBe(true);
				}
				if (!showDeleted) expect(list.left).toEqual([]);
				for (const ev of events) expectSafe(displayNameOf(ev, 'fallback'));

				const view = buildStateView(events, {showDeleted});
				for (const {type: _type, stateKey: _stateKey, ...display} of view.rows) {
					expectSafe(display);
					expect(cellWidth(display.summary)).toBeLessThanOrEqual(60);
				}
				expect(view.hiddenCount).toBeLessThanOrEqual(view.total);
			}),
			{numRuns: RUNS},
		);
	});
});
