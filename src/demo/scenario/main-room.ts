import {RoomBuilder} from './builder.js';
import {IVAN_FIRST_NAME, displayNames, joinContent, people} from './people.js';
import {CAROL_REASON, DAVE_REASON, ERIN_KICK_REASON, HARRY_BAN_REASON, MALLORY_REASON, backlogLine} from './texts.js';
import type {ScenarioRoom} from './types.js';

export const MAIN_ROOM_ID = '!demo:demo.local';
const MAIN_ROOM_ALIAS = '#demo:demo.local';
const MAIN_ROOM_NAME = 'Proposals demo';
export const BACKLOG_COUNT = 60;

const {you, alice, bob, carol, dave, erin, frank, gina, grace, harry, ivan, mallory} = people;

/** alice runs the room; we get 50, enough for most state but not for power levels or admin_only. */
const POWER_LEVELS = {
	users: {[alice]: 100, [you]: 50},
	users_default: 0,
	events_default: 0,
	state_default: 50,
	ban: 50,
	kick: 50,
	redact: 50,
	invite: 0,
	events: {'m.room.power_levels': 100, 'org.example.admin_only': 100, 'm.room.history_visibility': 100},
};

function setUp(room: RoomBuilder): void {
	room
		.state(alice, 'm.room.create', {creator: alice, room_version: '10'})
		.member(alice, joinContent(alice))
		.state(alice, 'm.room.power_levels', POWER_LEVELS)
		.state(alice, 'm.room.join_rules', {join_rule: 'public'})
		.state(alice, 'm.room.history_visibility', {history_visibility: 'shared'})
		.state(alice, 'm.room.canonical_alias', {alias: MAIN_ROOM_ALIAS})
		.state(alice, 'm.room.name', {name: MAIN_ROOM_NAME})
		.state(alice, 'm.room.topic', {
			topic: 'Tour of matrix-tui: leave reasons, deactivation labels (MSC3759) and hidden deleted state (MSC3901). Scroll up for history; try /leave, /topic and sending org.example.admin_only (needs power 100).',
		});
	for (const user of [bob, you, carol, dave, erin, frank, gina, harry, mallory]) room.member(user, joinContent(user));
	room.member(ivan, joinContent(ivan, IVAN_FIRST_NAME));
}

function backlog(room: RoomBuilder): void {
	const speakers = [alice, bob, carol, dave, ivan];
	for (let index = 0; index < BACKLOG_COUNT; index++) {
		room.text(speakers[index % speakers.length]!, backlogLine(index, BACKLOG_COUNT));
	}
}

/** Custom state first set live, later "deleted" in the ways MSC3901 does — and ways it does not. */
function customState(room: RoomBuilder): void {
	room
		.state(alice, 'org.example.poll', {question: 'Where should the demo happen?', answers: ['here', 'lobby']})
		.state(alice, 'org.example.widget', {name: 'Clock', url: 'https://example.org/clock'}, 'w1')
		.state(alice, 'org.example.old_note', {body: 'Outdated: the meeting moved to Tuesday.'}, '', '$old_note');
}

const REMINDER = 'Reminder: the membership changes below are the point of this room.';

/** Just before the last 20 events (test/demo/sync.test.ts finds the rename within 22). */
function renameAndNotice(room: RoomBuilder): void {
	room
		.member(ivan, joinContent(ivan)) // the rename: prev_content still has the first name
		.message(alice, {msgtype: 'm.notice', body: REMINDER}, '$reminder');
}

/** Chat with every relation the timeline draws: an edit, reactions, a thread, a redaction, a reply. */
function messages(room: RoomBuilder): void {
	room
		.text(bob, 'Helo everyone, welcome to the demo!', '$typo')
		.message(alice, {msgtype: 'm.emote', body: 'waves at everyone'}, '$wave')
		.message(bob, {
			msgtype: 'm.text',
			body: '* Hello everyone, welcome to the demo!',
			'm.new_content': {msgtype: 'm.text', body: 'Hello everyone, welcome to the demo!'},
			'm.relates_to': {rel_type: 'm.replace', event_id: '$typo'},
		})
		.react(you, '$wave', '👋') // ours: highlighted in the summary
		.react(bob, '$wave', '👋')
		.threadReply(alice, '$typo', 'Thanks Bob! Where do we start?', '$typo', '$thread_start')
		.text(carol, 'oops, wrong window: my password is hunter2', '$oops')
		.redact(alice, '$oops', 'posted a password')
		.add({
			type: 'm.room.encrypted',
			sender: bob,
			content: {
				algorithm: 'm.megolm.v1.aes-sha2',
				ciphertext: 'AwgAEnACgAkLmt6qF84IK++J7UDH2Za1YVchHyprqTqsg',
				device_id: 'BOBDEVICE',
				sender_key: 'FdW6dIwK7v0nKzHnWb7k4pQe0bD/3Q5pOZ6P1M3lSQk',
				session_id: 'X3lUlvLELLYxeTx4yOVu6UDpasGEVO0Jbu+QFnm0cKQ',
			},
		})
		.threadReply(ivan, '$typo', 'With the departures at the bottom, I think.', '$thread_start')
		.reply(bob, {eventId: '$reminder', sender: alice, body: REMINDER}, 'Noted — they start right below.');
}

/**
 * Files, numbered on their lines for /open and /download (the demo serves no media: one line says
 * so). At the end of the backlog, one PgUp up: the window shown on open stays as it was.
 */
function files(room: RoomBuilder): void {
	room
		.message(carol, {msgtype: 'm.image', body: 'whiteboard.png', filename: 'whiteboard.png', url: 'mxc://demo.local/whiteboard', info: {mimetype: 'image/png', size: 48_213, w: 1280, h: 720}}, '$image')
		.message(alice, {msgtype: 'm.file', body: 'agenda.pdf', filename: 'agenda.pdf', url: 'mxc://demo.local/agenda', info: {mimetype: 'application/pdf', size: 182_400}}, '$file');
}

function deletions(room: RoomBuilder): void {
	room
		.state(alice, 'org.example.poll', {deleted: true}) // deleted: hidden
		.state(alice, 'org.example.widget', {'m.obsolete': true}, 'w1') // obsolete: hidden
		.state(alice, 'org.example.flag', {deleted: 'true'}) // a string, not true: still live
		.state(alice, 'org.example.note', {body: 'Live note: the demo is on Friday.'})
		.redact(alice, '$old_note', 'outdated');
}

function departures(room: RoomBuilder): void {
	room
		.member(carol, {membership: 'leave', reason: CAROL_REASON})
		.member(dave, {membership: 'leave', reason: DAVE_REASON, 'm.deactivated': true}) // self-leave: label
		.member(frank, {membership: 'leave', 'org.matrix.msc3759.deactivated': true}) // unstable name: label
		.member(erin, {membership: 'leave', reason: ERIN_KICK_REASON, 'm.deactivated': true}, alice) // forged on a kick: no label
		.member(gina, {membership: 'leave', 'm.deactivated': 'true'}) // a string: no label
		.member(grace, {membership: 'invite', displayname: 'Grace'}, alice)
		.member(harry, {membership: 'ban', reason: HARRY_BAN_REASON}, alice)
		.member(mallory, {membership: 'leave', reason: MALLORY_REASON});
}

/**
 * The main room: every feature of the client, in a plausible order. The last 20 events (the SDK's
 * default initialSyncLimit, as test/demo/sdk.test.ts uses it) hold the edit, the reactions, the
 * thread, the redaction, the reply and every departure. The app asks for 30 (sdk-session.ts): that
 * window adds the notice the reply quotes, the rename, the deletions and the custom state they
 * delete, so everything shows on open while the backlog waits for scrolling back.
 */
export function mainRoom(): ScenarioRoom {
	const room = new RoomBuilder(MAIN_ROOM_ID);
	setUp(room);
	backlog(room);
	files(room);
	customState(room);
	deletions(room);
	renameAndNotice(room);
	messages(room);
	departures(room);
	room.text(alice, `${displayNames[you]}: your power here is 50 — enough to change the topic, not enough for org.example.admin_only.`);
	return room.build();
}
