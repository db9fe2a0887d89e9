/**
 * Issue 13: one message of ~70 kB (bench/data/huge-messages.ts) on screen, in the real app drawn
 * by Ink: a whole frame (Ink's debug mode writes every frame whole, as a redraw of every row would)
 * costs about what the screen with an ordinary message in its place costs, not the message's size;
 * and every frame still fits the terminal.
 */
import {afterEach, describe, expect, test} from 'vitest';
import {HUGE_MESSAGES, type HugeMessage} from '../../bench/data/huge-messages.js';
import {member, message} from '../support/events.js';
import {FakeSession} from '../support/fake-session.js';
import {badFrames, mountApp, type VirtualApp} from './virtual-terminal.js';

const ME = '@me:example.org';
const ROOM = '!room:example.org';
let app: VirtualApp | undefined;

afterEach(() => app?.unmount());

/** The bytes of the frame showing the room with `huge` as its newest message (formatted, for the html- ones). */
function frameBytes(huge: HugeMessage): {bytes: number; text: string} {
	const formatted = huge.formatted === undefined ? {} : {format: 'org.matrix.custom.html', formatted_body: huge.formatted};
	const session = new FakeSession(ME);
	app = mountApp(session, {columns: 120, rows: 40});
	const events = [member('@alice:example.org', {membership: 'join', displayname: 'Alice'}), member(ME, {membership: 'join'})];
	for (let index = 0; index < 20; index++) events.push(message('@alice:example.org', `an ordinary line ${index}`));
	events.push(message('@alice:example.org', huge.body, {content: {msgtype: 'm.text', body: huge.body, ...formatted}}));
	app.step(() => session.push({kind: 'sync', status: 'syncing'}));
	app.step(() => session.pushRoom({roomId: ROOM, name: 'Room', events}));
	expect(app.errors).toEqual([]);
	// Every frame fits the terminal by the app's measure: what was cut is measured as it is drawn.
	expect(badFrames(app.screen.frames).map((frame) => frame.problems)).toEqual([]);
	const text = app.screen.frames.at(-1)?.text ?? '';
	app.unmount();
	app = undefined;
	return {bytes: Buffer.byteLength(text), text};
}

describe('a huge message on screen', () => {
	const plain = HUGE_MESSAGES.find((candidate) => candidate.name === 'plain')!;
	test.each(HUGE_MESSAGES.filter((candidate) => candidate !== plain).map((candidate) => [candidate.name, candidate] as const))('%s: a frame costs at most three times one with an ordinary message', (_name, huge) => {
		const ordinary = frameBytes(plain);
		const frame = frameBytes(huge);
		expect(Buffer.byteLength(huge.formatted ?? huge.body)).toBeGreaterThan(69_000);
		expect(frame.text).toContain(huge.shownAs); // drawn, not dropped
		// A formatted one is taller than the screen: its end is at the bottom, the lines before it scrolled off.
		if (huge.formatted === undefined) expect(frame.text).toContain('an ordinary line 19');
		expect(frame.bytes).toBeLessThan(3 * ordinary.bytes);
	});
});
