import {describe, expect, test} from 'vitest';
import {applyEdits} from '../../src/domain/edits.js';
import type {RawEvent} from '../../src/domain/events.js';

const original: RawEvent = {type: 'm.room.message', event_id: '$a', sender: '@a:x', content: {msgtype: 'm.text', body: 'helo'}};
const edit = (sender: string, body: string, id: string): RawEvent => ({
	type: 'm.room.message',
	event_id: id,
	sender,
	content: {msgtype: 'm.text', body: `* ${body}`, 'm.new_content': {msgtype: 'm.text', body}, 'm.relates_to': {rel_type: 'm.replace', event_id: '$a'}},
});

describe('applyEdits', () => {
	test('the newest edit by the sender replaces the content; edit events disappear', () => {
		expect(applyEdits([original, edit('@a:x', 'hello', '$e1'), edit('@a:x', 'hello!', '$e2')])).toEqual([{event: {...original, content: {msgtype: 'm.text', body: 'hello!'}}, edited: true}]);
	});

	test("someone else's edit is ignored", () => {
		expect(applyEdits([original, edit('@mallory:x', 'pwned', '$e1')])).toEqual([{event: original, edited: false}]);
	});

	test('an edited reply stays a reply', () => {
		const reply: RawEvent = {...original, content: {msgtype: 'm.text', body: 'yes', 'm.relates_to': {'m.in_reply_to': {event_id: '$q'}}}};
		const [entry] = applyEdits([reply, edit('@a:x', 'yes!', '$e1')]);
		expect(entry!.event.content).toEqual({msgtype: 'm.text', body: 'yes!', 'm.relates_to': {'m.in_reply_to': {event_id: '$q'}}});
	});

	test.each<[string, RawEvent]>([
		['another relation type', {...edit('@a:x', 'x', '$e'), content: {body: 'x', 'm.new_content': {body: 'x'}, 'm.relates_to': {rel_type: 'm.annotation', event_id: '$a'}}}],
		['a target that is not a string', {...edit('@a:x', 'x', '$e'), content: {body: 'x', 'm.new_content': {body: 'x'}, 'm.relates_to': {rel_type: 'm.replace', event_id: 5}}}],
		['no relation', {...edit('@a:x', 'x', '$e'), content: {body: 'x', 'm.new_content': {body: 'x'}}}],
	])('%s is no edit: it stays an event of its own and changes nothing', (_what, notAnEdit) => {
		expect(applyEdits([original, notAnEdit])).toEqual([
			{event: original, edited: false},
			{event: notAnEdit, edited: false},
		]);
	});

	test('an edit of another type (a reaction pretending) is ignored', () => {
		expect(applyEdits([original, {...edit('@a:x', 'x', '$e'), type: 'm.sticker'}])).toEqual([{event: original, edited: false}]);
	});

	test('an edit without new content empties the body but keeps the relation', () => {
		const reply: RawEvent = {...original, content: {body: 'yes', 'm.relates_to': {'m.in_reply_to': {event_id: '$q'}}}};
		const bare: RawEvent = {type: 'm.room.message', event_id: '$e', sender: '@a:x', content: {body: '* x', 'm.relates_to': {rel_type: 'm.replace', event_id: '$a'}}};
		expect(applyEdits([reply, bare])[0]).toEqual({event: {...reply, content: {'m.relates_to': {'m.in_reply_to': {event_id: '$q'}}}}, edited: true});
		expect(applyEdits([original, bare])[0]).toEqual({event: {...original, content: {}}, edited: true});
	});

	test('an event without an ID has no edits; edits of unloaded events vanish', () => {
		const anonymous: RawEvent = {type: 'm.room.message', sender: '@a:x', content: {body: 'x'}};
		expect(applyEdits([anonymous, edit('@a:x', 'y', '$e')])).toEqual([{event: anonymous, edited: false}]);
	});

	test('hostile edits do not throw', () => {
		const weird = [{type: 'm.room.message', content: {'m.relates_to': {rel_type: 'm.replace', event_id: 5}}}, {type: 'x', content: null}] as unknown as RawEvent[];
		expect(() => applyEdits(weird)).not.toThrow();
	});
});
