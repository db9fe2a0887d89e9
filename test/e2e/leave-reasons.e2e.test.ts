/**
 * Scenario 2: leave reasons. A long, mixed-script reason from another user is shown trimmed to
 * reasonMaxWidth cells (Synapse keeps all of it); `/leave <reason>` sends ours.
 */
import stringWidth from 'string-width';
import {afterEach, beforeAll, expect, test} from 'vitest';
import {startClient, stopClients} from './support/client.js';
import {Api, registerNamed, registerUser, type RegisteredUser} from './support/homeserver.js';
import {pane} from './support/screen-text.js';

const REASON_MAX_WIDTH = 40;
const FAMILY = '👨‍👩‍👧‍👦'; // one grapheme: four people joined by ZWJ

/** 300 code points: Latin, a ZWJ family, CJK and a newline, repeated. */
function longReason(): string {
	const unit = `bye ${FAMILY} 再见朋友们\n`;
	let reason = '';
	while ([...reason].length + [...unit].length <= 300) reason += unit;
	reason += 'x'.repeat(300 - [...reason].length);
	return reason;
}

let alice: RegisteredUser;
let bob: RegisteredUser;

beforeAll(async () => {
	[alice, bob] = await registerNamed('Alice', 'Bob');
});

afterEach(() => stopClients());

test("another user's 300-character leave reason is shown trimmed to reasonMaxWidth cells, whole graphemes only", async () => {
	const reason = longReason();
	expect([...reason].length).toBe(300);
	expect(reason).toContain('\n');
	const roomId = await Api.for(alice).createRoom({preset: 'public_chat', name: 'Reasons'});
	await Api.for(bob).join(roomId);
	const me = await startClient(alice, {columns: 200, rows: 40, reasonMaxWidth: REASON_MAX_WIDTH});
	await me.waitForText('Bob joined');

	await Api.for(bob).leave(roomId, reason);

	// Synapse keeps every character; trimming is only how it is shown.
	expect(await Api.for(alice).getState(roomId, 'm.room.member', bob.userId)).toEqual({membership: 'leave', reason});

	const screen = await me.waitForText('Bob left: ');
	const line = pane(screen, 1)
		.split('\n')
		.find((row) => row.includes('Bob left: '))!;
	const shown = line.slice(line.indexOf('Bob left: ') + 'Bob left: '.length).trimEnd();
	expect(shown.endsWith('…'), `trimmed with an ellipsis: ${shown}`).toBe(true);
	expect(stringWidth(shown)).toBeLessThanOrEqual(REASON_MAX_WIDTH);
	// Trimmed near the limit (a wide grapheme may leave one cell free), not cut short.
	expect(stringWidth(shown)).toBeGreaterThanOrEqual(REASON_MAX_WIDTH - 1);
	// The newline became a space; what is shown is the reason's beginning, families never split.
	expect(shown).toMatch(/^bye 👨‍👩‍👧‍👦 再见朋友们 bye /u);
	const people = shown.match(/[👨👩👧👦]/gu) ?? [];
	expect(people.length % 4, `whole families only: ${shown}`).toBe(0);
	expect(shown.split(FAMILY).join('')).not.toMatch(/[👨👩👧👦\u200d]/u);
	// Nothing of the reason leaks onto the next rows: the leave is one row.
	expect(pane(screen, 1)).not.toContain('xxx');

	// The member list shows it too once departed members are revealed, within the panel.
	me.submit('/show-deleted');
	const revealed = await me.waitForScreen((s) => /Left \(1\)/.test(pane(s, 2)) && pane(s, 2).includes('“bye'), 'the member list to show Bob under Left');
	const side = pane(revealed, 2);
	expect(side).toContain('“bye');
	for (const row of side.split('\n')) expect(stringWidth(row)).toBeLessThanOrEqual(36);
});

test('/leave with a reason is stored by Synapse and the room leaves the room list', async () => {
	const dora = await registerUser('dora'); // a user of her own: only these two rooms on the list
	const roomId = await Api.for(dora).createRoom({preset: 'public_chat', name: 'Leaving room'});
	await Api.for(dora).createRoom({preset: 'public_chat', name: 'Staying room'});
	const me = await startClient(dora, {columns: 160, rows: 30, initialRoom: roomId});
	await me.waitForText('# Leaving room');
	expect(pane(me.screen(), 0)).toContain('Staying room');

	me.submit('/leave see you');

	const screen = await me.waitForScreen((s) => !pane(s, 0).includes('Leaving room'), 'the room list to drop "Leaving room"');
	expect(pane(screen, 0)).toContain('Staying room');
	expect(screen).toContain('# Staying room');
	expect(screen).toContain('Left Leaving room');
	// A user who left may still read the room's state up to its leave.
	expect(await Api.for(dora).getState(roomId, 'm.room.member', dora.userId)).toEqual({membership: 'leave', reason: 'see you'});
	const event = (await Api.for(dora).messages(roomId)).filter((e) => e['type'] === 'm.room.member' && e['state_key'] === dora.userId).at(-1);
	expect(event).toMatchObject({sender: dora.userId, content: {membership: 'leave', reason: 'see you'}});
});
