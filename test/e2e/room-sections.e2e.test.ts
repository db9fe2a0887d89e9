/**
 * Issue 16: the room list in sections from what the account records, the real binary against
 * Synapse. Bob invites Alice to a direct chat (is_direct, as Element does): it is an invite, then,
 * joined, a direct chat under People, recorded in Alice's m.direct on the server as Element records
 * it. /fav and /lowpriority put a room under Favourites / Low priority (the tags read back from the
 * server) and take it off again. /explore finds a room Bob published in the directory, and Enter
 * joins it.
 */
import {afterAll, expect, test} from 'vitest';
import {waitForAsync} from '../support/wait.js';
import {startBinary} from './support/binary.js';
import {Api} from './support/homeserver.js';
import {paneLines} from '../support/screen.js';
import type {TmuxTerminal} from './support/tmux.js';
import {aliceAndBob} from './support/alice-and-bob.js';

let app: TmuxTerminal | undefined;

const cast = aliceAndBob();

afterAll(async () => {
	await app?.kill();
});

const roomPane = (screen: string) => paneLines(screen, 0).map((line) => line.trim());

/** The lines from a section's title to the next title (or the end). */
function section(screen: string, title: string, titles: readonly string[]): string[] {
	const lines = roomPane(screen);
	const start = lines.indexOf(title, 1);
	if (start < 0) return [];
	const end = lines.findIndex((line, index) => index > start && titles.includes(line));
	return lines.slice(start + 1, end < 0 ? undefined : end);
}

const TITLES = ['Invites', 'Favourites', 'People', 'Rooms', 'Low priority'] as const;

/** A room's line: its name, then maybe its unread count or "invite". */
const lists = (lines: readonly string[], name: string) => lines.some((line) => line === name || line.startsWith(`${name} `));

async function tagsOnServer(roomId: string): Promise<string[]> {
	const body = await Api.for(cast.alice).request<{tags: Record<string, unknown>}>('GET', `/_matrix/client/v3/user/${encodeURIComponent(cast.alice.userId)}/rooms/${encodeURIComponent(roomId)}/tags`);
	return Object.keys(body.tags).sort();
}

test('a direct chat from another client: an invite, then under People and in m.direct; /fav and /lowpriority move a room and back', {timeout: 180_000}, async () => {
	const groupId = await Api.for(cast.bob).createRoom({preset: 'private_chat', name: 'Group chat', invite: [cast.alice.userId]});
	await Api.for(cast.alice).join(groupId);
	const dmId = await Api.for(cast.bob).createRoom({preset: 'trusted_private_chat', is_direct: true, invite: [cast.alice.userId]});

	app = await startBinary(cast.configDir, {room: groupId, rows: 30});
	let screen = await app.waitForScreen((s) => lists(section(s, 'Invites', TITLES), 'Bob'), 'the direct chat invite under Invites', 30_000);
	expect(section(screen, 'Rooms', TITLES).filter((line) => lists([line], 'Group chat'))).toHaveLength(1);

	await app.type(`/join ${dmId}`);
	await app.press('Enter');
	screen = await app.waitForScreen((s) => lists(section(s, 'People', TITLES), 'Bob'), 'the joined direct chat under People', 30_000);
	expect(section(screen, 'Invites', TITLES)).toEqual([]);
	await waitForAsync(
		async () => {
			const direct = await Api.for(cast.alice).request<Record<string, string[]>>('GET', `/_matrix/client/v3/user/${encodeURIComponent(cast.alice.userId)}/account_data/m.direct`).catch((): Record<string, string[]> => ({}));
			return direct[cast.bob.userId]?.includes(dmId) === true;
		},
		"the chat recorded in Alice's m.direct under Bob",
		30_000,
	);

	await app.type(`/room ${groupId}`);
	await app.press('Enter');
	await app.type('/fav');
	await app.press('Enter');
	await app.waitForScreen((s) => lists(section(s, 'Favourites', TITLES), 'Group chat'), 'Group chat under Favourites', 30_000);
	expect(await tagsOnServer(groupId)).toEqual(['m.favourite']);

	await app.type('/lowpriority');
	await app.press('Enter');
	screen = await app.waitForScreen((s) => lists(section(s, 'Low priority', TITLES), 'Group chat'), 'Group chat under Low priority', 30_000);
	expect(section(screen, 'Favourites', TITLES)).toEqual([]);
	await waitForAsync(async () => (await tagsOnServer(groupId)).join() === 'm.lowpriority', 'only the low-priority tag on the server', 30_000);

	await app.type('/lowpriority');
	await app.press('Enter');
	await app.waitForScreen((s) => lists(section(s, 'Rooms', TITLES), 'Group chat'), 'Group chat back under Rooms', 30_000);
	expect(await tagsOnServer(groupId)).toEqual([]);
});

test('/explore finds a public room by a word of its name; Enter joins it', {timeout: 120_000}, async () => {
	const word = `Explorable${Date.now().toString(36)}`;
	const localpart = word.toLowerCase();
	const roomId = await Api.for(cast.bob).createRoom({preset: 'public_chat', visibility: 'public', name: `${word} lounge`, room_alias_name: localpart, topic: 'found by the directory'});
	app ??= await startBinary(cast.configDir, {rows: 30});
	await app.waitForText('● connected ', 30_000);

	// Synapse indexes a new room's name for the directory in the background: ask again, as a person would.
	const found = (s: string) => s.includes(`${word} lounge`) && s.includes('found by the directory');
	let screen = '';
	for (let attempt = 0; attempt < 15 && !found(screen); attempt++) {
		// Esc with the next keys in one read would be Alt+/: the panel is seen closed first.
		if (attempt > 0) {
			await app.press('Escape');
			await app.waitForScreen((s) => !s.includes('Public rooms matching'), 'the directory panel closed', 10_000);
		}
		await app.type(`/explore ${word}`);
		await app.press('Enter');
		screen = await app.waitForScreen((s) => s.includes(`Public rooms matching "${word}"`), 'the directory panel', 30_000);
		screen = await app.waitForScreen(found, 'the room in the directory panel', 2_000).catch(() => screen);
	}
	expect(found(screen)).toBe(true);
	expect(screen).toMatch(new RegExp(`${word} lounge  #${localpart}:\\S+  1 member — found by the directory`));
	await app.press('Enter');
	await waitForAsync(async () => {
		const members = await Api.for(cast.bob).request<{joined: Record<string, unknown>}>('GET', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/joined_members`);
		return cast.alice.userId in members.joined;
	}, 'Alice joined the room found', 30_000);
	// The name is cut to the room pane's width.
	await app.waitForScreen((s) => section(s, 'Rooms', TITLES).some((line) => line.startsWith(word)), 'the room in the list', 30_000);
});
