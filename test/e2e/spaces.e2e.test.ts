/**
 * Issue 16, spaces: the real binary against Synapse, with Bob as a second real client. Bob makes
 * space Studio holding room One and sub-space Team, which holds room Two, and room Three in no
 * space; he invites Alice to all of them and she joins. Alt+→ (tmux's M-Right) chooses Studio:
 * the list shows One and Two, not Three; "Other" shows Three. Bob then adds Four, public, to
 * Studio: `/space` lists it (Alice is not in it) and Enter joins it through the space's via.
 */
import {afterAll, expect, test} from 'vitest';
import {waitForAsync} from '../support/wait.js';
import {paneLines} from '../support/screen.js';
import {startBinary} from './support/binary.js';
import {Api} from './support/homeserver.js';
import type {TmuxTerminal} from './support/tmux.js';
import {aliceAndBob} from './support/alice-and-bob.js';

let app: TmuxTerminal | undefined;

const cast = aliceAndBob();

afterAll(async () => {
	await app?.kill();
});

/** The room pane's lines below its title and the selector row. */
const listed = (screen: string) =>
	paneLines(screen, 0)
		.slice(2)
		.map((line) => line.trim());
const selector = (screen: string) => paneLines(screen, 0)[1]?.trim() ?? '';
const lists = (screen: string, name: string) => listed(screen).some((line) => line === name || line.startsWith(`${name} `));

test('a space with a sub-space filters the room list; Other holds the rest; /space lists a room not joined and Enter joins it', {timeout: 240_000}, async () => {
	const bob = Api.for(cast.bob);
	const alice = Api.for(cast.alice);
	const server = cast.bob.userId.slice(cast.bob.userId.indexOf(':') + 1);
	const via = {via: [server]};
	const spaceOf = (name: string) => bob.createRoom({preset: 'private_chat', name, creation_content: {type: 'm.space'}, invite: [cast.alice.userId]});
	const roomOf = (name: string) => bob.createRoom({preset: 'private_chat', name, invite: [cast.alice.userId]});
	const studio = await spaceOf('Studio');
	const team = await spaceOf('Team');
	const one = await roomOf('One');
	const two = await roomOf('Two');
	const three = await roomOf('Three');
	await bob.putState(studio, 'm.space.child', one, via);
	await bob.putState(studio, 'm.space.child', team, via);
	await bob.putState(team, 'm.space.child', two, via);
	for (const roomId of [studio, team, one, two, three]) await alice.join(roomId);

	app = await startBinary(cast.configDir, {rows: 30});
	let screen = await app.waitForScreen((s) => selector(s).startsWith('[All]') && lists(s, 'Three') && lists(s, 'Two') && lists(s, 'One'), 'the selector and every room', 60_000);
	// Spaces are not rooms in the list.
	expect(lists(screen, 'Studio') || lists(screen, 'Team')).toBe(false);

	await app.press('M-Right');
	await app.waitForScreen((s) => selector(s).includes('[Studio]'), 'Studio chosen', 20_000);
	screen = await app.waitForScreen((s) => lists(s, 'One') && lists(s, 'Two'), "Studio's rooms, its sub-space's too", 20_000);
	expect(lists(screen, 'Three')).toBe(false);

	await app.type('/space other');
	await app.press('Enter');
	screen = await app.waitForScreen((s) => selector(s).includes('[Other]') && lists(s, 'Three'), 'Other: the room in no space', 20_000);
	expect(lists(screen, 'One') || lists(screen, 'Two')).toBe(false);

	await app.type('/space studio');
	await app.press('Enter');
	await app.waitForScreen((s) => selector(s).includes('[Studio]') && lists(s, 'One'), 'Studio again', 20_000);

	const four = await bob.createRoom({preset: 'public_chat', name: 'Four', topic: 'added later'});
	await bob.putState(studio, 'm.space.child', four, via);
	await app.type('/space');
	await app.press('Enter');
	screen = await app.waitForScreen((s) => s.includes('Rooms of Studio you are not in') && s.includes('Four'), 'the /space panel with Four', 30_000);
	expect(screen).toMatch(/Four {2}1 member — added later/);
	// Joined already: not listed.
	expect(screen).not.toMatch(/One {2}\d+ members?/);
	await app.press('Enter');
	await waitForAsync(
		async () => {
			const members = await bob.request<{joined: Record<string, unknown>}>('GET', `/_matrix/client/v3/rooms/${encodeURIComponent(four)}/joined_members`);
			return cast.alice.userId in members.joined;
		},
		'Alice joined Four',
		30_000,
	);
	await app.waitForScreen((s) => selector(s).includes('[Studio]') && lists(s, 'Four'), 'Four listed under Studio', 30_000);
});
