/** Read receipts and the read marker on screen, with the fake session speaking the real protocol. */
import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {member, message, state} from '../support/events.js';
import {paneLines, renderChat} from '../support/screen.js';
import {MARKER_TEXT} from '../../src/ui/timeline-rows.js';

afterEach(() => cleanup());

const BOB = '@bob:example.org';
const CAROL = '@carol:example.org';

describe('receipts and the read marker', () => {
	test("readers show dimmed after the line they read up to; the new-messages line sits under the last one we had read", async () => {
		const app = renderChat();
		const one = message(BOB, 'one');
		const two = message(BOB, 'two');
		const three = message(CAROL, 'three');
		const events = [state('m.room.create', '', {creator: BOB}), member(BOB, {membership: 'join', displayname: 'Bob'}), member(CAROL, {membership: 'join', displayname: 'Carol'}), one, two, three];
		const first = app.session.pushRoom({roomId: '!r:example.org', name: 'Receipts', events});
		await app.waitFor('Carol: three');
		app.session.push({kind: 'rooms', rooms: [{roomId: first.roomId, version: first.version + 1, meta: first.meta, receipts: [{eventId: one.event_id!, userIds: [BOB, CAROL], more: 2}], readMarker: two.event_id!}]});
		const screen = await app.waitFor(MARKER_TEXT);
		const lines = paneLines(screen, 1);
		const at = (text: string) => lines.findIndex((line) => line.includes(text));
		expect(lines[at('Bob: one')]).toContain('Bob: one  ✓ Bob, Carol +2');
		expect(lines[at('Bob: two')]).not.toContain('✓');
		expect(lines[at('Bob: two') + 1]).toContain(MARKER_TEXT);
		expect(lines[at(MARKER_TEXT) + 1]).toContain('Carol: three');
	});
});
