import {describe, expect, test} from 'vitest';
import type {RawEvent} from '../../src/domain/events.js';
import {HeldTimeline} from '../../src/matrix/held-timeline.js';
import {TimelineDiff} from '../../src/matrix/room-diffs.js';
import {message} from '../support/events.js';

const ALICE = '@alice:example.org';
const CAP = 1_000;

/** `count` messages numbered from `from`, oldest first. */
const messages = (from: number, count: number): RawEvent[] => Array.from({length: count}, (_, index) => message(ALICE, `m${from + index}`));
const bodies = (held: HeldTimeline) => held.events.map((event) => event.content?.['body']);
const numbered = (from: number, count: number) => Array.from({length: count}, (_, index) => `m${from + index}`);
/** A /messages page read backwards: newest first. */
const backwards = (events: RawEvent[], end?: string) => (end === undefined ? {chunk: [...events].reverse()} : {chunk: [...events].reverse(), end});

describe('HeldTimeline', () => {
	test('a limited sync leaves a gap before its events; a page reaching back to a held event closes it, in order, none twice', () => {
		const all = messages(0, 40);
		const held = new HeldTimeline();
		held.appendSynced({events: all.slice(0, 10), limited: false, prevBatch: 't0'}, CAP);
		held.appendSynced({events: all.slice(30), limited: true, prevBatch: 't30'}, CAP);
		expect(bodies(held)).toEqual([...numbered(0, 10), ...numbered(30, 10)]);
		expect(held.gapIds()).toEqual([all[30]!.event_id]);
		expect(held.newestAutoGap()).toEqual({id: all[30]!.event_id, token: 't30'});

		// The server's page overlaps what we hold: the overlap is where the gap ends.
		const open = held.fillGap(all[30]!.event_id!, backwards(all.slice(5, 30), 't5'));
		expect(open).toBeUndefined();
		expect(bodies(held)).toEqual(numbered(0, 40));
		expect(held.gapIds()).toEqual([]);
	});

	test('a section reaching back past the oldest held event (sliding sync’s larger window) puts the older events before it, in order, none twice, and new ones after', () => {
		const all = messages(0, 12);
		const held = new HeldTimeline();
		held.appendSynced({events: all.slice(9, 10), limited: true, prevBatch: 't9'}, CAP);
		held.takeChanges();
		held.appendSynced({events: all.slice(0, 11), limited: true, prevBatch: 't0'}, CAP);
		expect(bodies(held)).toEqual(numbered(0, 11));
		expect(held.gapIds()).toEqual([]);
		expect(held.takeChanges().inserted).toEqual([{before: all[9]!.event_id, events: all.slice(0, 9)}]);
		held.appendSynced({events: all.slice(11), limited: false}, CAP);
		expect(bodies(held)).toEqual(numbered(0, 12));
	});

	test('a section reaching back into the gap before a held event fills it (sliding sync after its connection was reset)', () => {
		const all = messages(0, 20);
		const held = new HeldTimeline();
		held.appendSynced({events: all.slice(0, 5), limited: false, prevBatch: 't0'}, CAP);
		held.appendSynced({events: all.slice(19), limited: true, prevBatch: 't19'}, CAP);
		expect(held.gapIds()).toEqual([all[19]!.event_id]);
		held.appendSynced({events: all.slice(4), limited: true, prevBatch: 't4'}, CAP);
		expect(bodies(held)).toEqual(numbered(0, 20));
		expect(held.gapIds()).toEqual([]);
	});

	test('a page that does not reach a held event moves the gap to before it, with the page’s token', () => {
		const all = messages(0, 300);
		const held = new HeldTimeline();
		held.appendSynced({events: all.slice(0, 10), limited: false, prevBatch: 't0'}, CAP);
		held.appendSynced({events: all.slice(290), limited: true, prevBatch: 't290'}, CAP);
		const open = held.fillGap(all[290]!.event_id!, backwards(all.slice(190, 290), 't190'));
		expect(open).toBe(all[190]!.event_id);
		expect(held.gapIds()).toEqual([all[190]!.event_id]);
		expect(held.gapToken(open!)).toBe('t190');
		expect(bodies(held)).toEqual([...numbered(0, 10), ...numbered(190, 110)]);
		// Once the automatic fill gives up, only the user fills it.
		held.leaveToUser(open!);
		expect(held.newestAutoGap()).toBeUndefined();
		expect(held.gapIds()).toEqual([open]);
	});

	test('a section reaching back to held events (a retried sync) adds only what is new, and no gap', () => {
		const all = messages(0, 20);
		const held = new HeldTimeline();
		held.appendSynced({events: all.slice(0, 12), limited: false, prevBatch: 't0'}, CAP);
		held.appendSynced({events: all.slice(8), limited: true, prevBatch: 't8'}, CAP);
		expect(bodies(held)).toEqual(numbered(0, 20));
		expect(held.gapIds()).toEqual([]);
	});

	test('past the cap the oldest go, cut where a token is known; scrollback from it brings them back', () => {
		const held = new HeldTimeline();
		const all = messages(0, 1_050);
		// Sections of 30, as syncs bring them: each leaves a token before its first event.
		for (let start = 0; start < all.length; start += 30) held.appendSynced({events: all.slice(start, start + 30), limited: false, prevBatch: `t${start}`}, CAP);
		expect(held.events.length).toBeLessThanOrEqual(CAP);
		// 1,050 - 1,000 = 50 must go; the first token at or after that is before m60.
		expect(held.events[0]?.content?.['body']).toBe('m60');
		expect(held.takeChanges().dropped).toBe(60);
		expect(held.canPaginateBack).toBe(true);
		expect(held.oldestToken).toBe('t60');
		held.prepend(backwards(all.slice(10, 60), 't10'));
		expect(bodies(held)).toEqual(numbered(10, 1_040));
		held.prepend(backwards(all.slice(0, 10)));
		expect(held.canPaginateBack).toBe(false);
		expect(bodies(held)).toEqual(numbered(0, 1_050));
	});

	test('a redaction prunes the held event it targets', () => {
		const [target] = messages(0, 1);
		const held = new HeldTimeline();
		held.appendSynced({events: [target!], limited: false, prevBatch: 't0'}, CAP);
		held.takeChanges();
		held.appendSynced({events: [{type: 'm.room.redaction', sender: ALICE, event_id: '$r', redacts: target!.event_id, content: {}}], limited: false, prevBatch: 't1'}, CAP);
		expect(held.events[0]?.content).toEqual({});
		expect(held.events[0]?.unsigned?.redacted_because).toMatchObject({event_id: '$r'});
		expect(held.takeChanges().whole).toBe(true);
	});
});

describe('TimelineDiff over a held timeline', () => {
	test('appends carry how many of the oldest were dropped, and what gap fills and scrollback inserted where', () => {
		const held = new HeldTimeline();
		const diff = new TimelineDiff();
		const all = messages(0, 1_060);
		held.appendSynced({events: all.slice(0, 990), limited: false, prevBatch: 't0'}, CAP);
		expect(diff.events(held)).toMatchObject({mode: 'replace', events: {length: 990}});
		expect(diff.events(held)).toBeUndefined();
		held.appendSynced({events: all.slice(990, 1_030), limited: false, prevBatch: 't990'}, CAP);
		// 1,030 > 1,000: the cut is at the only token past 30, before m990.
		expect(diff.events(held)).toEqual({mode: 'append', events: all.slice(990, 1_030), dropped: 990});
		held.appendSynced({events: all.slice(1_050), limited: true, prevBatch: 't1050'}, CAP);
		expect(diff.events(held)).toEqual({mode: 'append', events: all.slice(1_050)});
		expect(diff.gaps(held)).toEqual([all[1_050]!.event_id]);
		expect(diff.gaps(held)).toBeUndefined();
		held.fillGap(all[1_050]!.event_id!, backwards(all.slice(1_020, 1_050), 't1020'));
		expect(diff.events(held)).toEqual({mode: 'append', events: [], inserted: [{before: all[1_050]!.event_id, events: all.slice(1_030, 1_050)}]});
		expect(diff.gaps(held)).toEqual([]);
		held.prepend(backwards(all.slice(900, 990), 't900'));
		expect(diff.events(held)).toEqual({mode: 'append', events: [], inserted: [{before: all[990]!.event_id, events: all.slice(900, 990)}]});
	});

	test('events appended and dropped again before they were sent, or a redaction, send the events whole', () => {
		const held = new HeldTimeline();
		const diff = new TimelineDiff();
		const all = messages(0, 2_100);
		held.appendSynced({events: all.slice(0, 10), limited: false, prevBatch: 't0'}, CAP);
		diff.events(held);
		for (let start = 10; start < 2_100; start += 100) held.appendSynced({events: all.slice(start, start + 100), limited: false, prevBatch: `t${start}`}, CAP);
		expect(diff.events(held)).toEqual({mode: 'replace', events: all.slice(1_110)});
		held.appendSynced({events: [{type: 'm.room.redaction', sender: ALICE, event_id: '$r', redacts: all[2_000]!.event_id, content: {}}], limited: false}, CAP);
		expect(diff.events(held)?.mode).toBe('replace');
	});
});

describe('decrypted events', () => {
	const encrypted = (eventId: string): RawEvent => ({type: 'm.room.encrypted', event_id: eventId, sender: ALICE, content: {algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'x'}});

	test('the clear form takes the encrypted event’s place, and the app is sent it alone, to put in that place', () => {
		const held = new HeldTimeline();
		const diff = new TimelineDiff();
		held.appendSynced({events: [...messages(0, 2), encrypted('$secret'), ...messages(2, 1)], limited: false, prevBatch: 't0'}, CAP);
		diff.events(held);
		const clear = {...message(ALICE, 'in the clear'), event_id: '$secret'};
		expect(held.replaceDecrypted('$secret', clear)).toBe(true);
		expect(bodies(held)).toEqual(['m0', 'm1', 'in the clear', 'm2']);
		expect(diff.events(held)).toEqual({mode: 'append', events: [], replaced: [clear]});
		expect(diff.events(held)).toBeUndefined();
	});

	test('only an encrypted event that is held: not one dropped, not one already clear', () => {
		const held = new HeldTimeline();
		held.appendSynced({events: [encrypted('$a'), ...messages(0, 1)], limited: false, prevBatch: 't0'}, CAP);
		const m0 = held.events[1]!.event_id!;
		expect(held.replaceDecrypted('$unknown', message(ALICE, 'x'))).toBe(false);
		expect(held.replaceDecrypted(m0, message(ALICE, 'x'))).toBe(false);
		expect(bodies(held)).toEqual([undefined, 'm0']);
	});
});
