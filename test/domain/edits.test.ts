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

	test('hostile edits do not throw', () => {
		const weird = [{type: 'm.room.message', content: {'m.relates_to': {rel_type: 'm.replace', event_id: 5}}}, {type: 'x', content: null}] as unknown as RawEvent[];
		expect(() => applyEdits(weird)).not.toThrow();
	});
});
