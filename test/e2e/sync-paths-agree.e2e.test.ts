/**
 * Issue 17: sliding sync shows what classic sync shows. One account on Synapse, several rooms (one
 * read, one with unread messages, one with a mention of us, the open one with a leave reason); the
 * real binary starts once with a full classic sync and once with a new sliding sync connection
 * (both with the cache emptied), and the two screens — room list with its unread and mention
 * counts, the open room's timeline, its members — are the same, character for character.
 */
import {beforeAll, expect, test} from 'vitest';
import {buildBinary} from './support/binary.js';
import {binaryPerTest, quitBinary as quit} from './support/binary-per-test.js';
import {Api, registerNamed} from './support/homeserver.js';
import type {TmuxTerminal} from './support/tmux.js';

const binaries = binaryPerTest();

beforeAll(() => buildBinary(), 180_000);

const SETTLE_MS = 1500;

/** The screen once it has stopped changing for a while (receipts, members and names come in late). */
async function settled(app: TmuxTerminal): Promise<string> {
	let last = await app.screen();
	let since = Date.now();
	const deadline = Date.now() + 20_000;
	while (Date.now() - since < SETTLE_MS && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 250));
		const now = await app.screen();
		if (now !== last) [last, since] = [now, Date.now()];
	}
	return last;
}

test('classic and sliding sync draw the same rooms, unread and mention counts, timeline and members', {timeout: 150_000}, async () => {
	const [alice, bob, carol] = await registerNamed('Alice', 'Bob', 'Carol');
	const room = async (name: string) => {
		const roomId = await Api.for(alice).createRoom({preset: 'public_chat', name});
		await Api.for(bob).join(roomId);
		return roomId;
	};
	const quiet = await room('Agree quiet');
	await Api.for(bob).sendMessage(quiet, 'a question');
	await Api.for(alice).sendMessage(quiet, 'an answer, so nothing is unread');
	const busy = await room('Agree busy');
	for (const n of [1, 2, 3]) await Api.for(bob).sendMessage(busy, `busy message ${n}`);
	const mention = await room('Agree mention');
	await Api.for(bob).sendMessage(mention, {msgtype: 'm.text', body: 'Alice: a word with you', 'm.mentions': {user_ids: [alice.userId]}});
	const open = await room('Agree open');
	await Api.for(carol).join(open);
	await Api.for(bob).sendMessage(open, 'the first line here');
	await Api.for(carol).leave(open, 'off to other rooms');
	await Api.for(bob).sendMessage(open, 'the last line here');
	const configDir = await binaries.configFor(alice);

	const screens: Record<'classic' | 'sliding', string> = {classic: '', sliding: ''};
	for (const sync of ['classic', 'sliding'] as const) {
		const app = await binaries.launch(
			configDir,
			open,
			(s) => /● connected /.test(s) && s.includes('Bob: the last line here') && s.includes('Agree mention'),
			`the ${sync} start, connected, with the rooms`,
			['--sync', sync, '--clear-cache'],
		);
		// Sliding sync's counts come a moment after its first response: up to a while for the same screen.
		if (sync === 'sliding') await app.waitForScreen((s) => s === screens.classic, 'the same screen as classic sync', 20_000).catch(() => undefined);
		screens[sync] = await settled(app);
		await quit(app);
	}
	const {classic} = screens;
	// What the comparison stands on: the counts and the leave reason are there to compare.
	expect(classic).toMatch(/Agree busy\s+3\b/);
	expect(classic).toMatch(/Agree mention\s+1!/);
	expect(classic).toMatch(/Agree quiet\s*│/);
	expect(classic).toContain('off to other rooms');
	expect(screens.sliding, `sliding sync's screen, against classic sync's:\n${classic}`).toBe(classic);
});
