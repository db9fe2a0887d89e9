/**
 * A demo seeded by attackers, for the security tests (test/security/raw-output.test.ts): every
 * name, message, reason, topic and piece of state carries an escape sequence or control a terminal
 * would act on. Each payload is built around the word HOSTILE_PAYLOAD ("pwned"), which the client
 * must swallow with the sequence: it never reaches the terminal. Next to each attack is plain text
 * (HOSTILE_VISIBLE) that must reach it, so a test can tell a clean screen from an empty one.
 *
 * The test serves it with startScenarioServer({scenario: hostileScenario(demoScenario())}) and
 * points the real binary at that server; nothing in the app can select it.
 */
import {RoomBuilder, userId} from './builder.js';
import type {Scenario} from './types.js';

export const HOSTILE_PAYLOAD = 'pwned';
const P = HOSTILE_PAYLOAD;

const HOSTILE_ROOM_ID = '!hostile:demo.local';
/** The alias `--demo` opens first (the test opens it too), so the hostile room is on screen from the start. */
export const HOSTILE_ROOM_ALIAS = '#demo:demo.local';
const HOSTILE_LOBBY_ID = '!hostile-lobby:demo.local';
const HOSTILE_INVITE_ID = '!hostile-invite:demo.local';

const ESC = '\u001b';
const BEL = '\u0007';
const ST = `${ESC}\\`;

/** The sequences, by what they would do to a terminal that received them raw. */
const ATTACKS = {
	title: `${ESC}]0;${P}-title${BEL}`, // OSC 0: window title
	title2: `${ESC}]2;${P}-title${ST}`, // OSC 2, ST-terminated
	hyperlink: `${ESC}]8;;https://evil.example/${P}${ST}click${ESC}]8;;${ST}`, // OSC 8
	clipboard: `${ESC}]52;c;${P}${BEL}`, // OSC 52: write the clipboard
	dcs: `${ESC}P+q${P}${ST}`, // DCS
	apc: `${ESC}_G${P}${ST}`, // APC (kitty graphics)
	clear: `${ESC}[2J${ESC}[H`, // clear the screen, cursor home
	leaveAltScreen: `${ESC}[?1049l`,
	c1Csi: '\u009b2J', // 8-bit CSI
	c1Osc: `\u009d0;${P}-title\u009c`, // 8-bit OSC, 8-bit ST
	c1Clipboard: `\u009d52;c;${P}${BEL}`,
	rlo: '\u202e', // right-to-left override
	isolate: '\u2066',
	controls: `${BEL}\r\b\u007f`,
} as const;

/** Plain text next to the attacks: what a clean screen shows. */
export const HOSTILE_VISIBLE = {
	roomName: 'Hostile room',
	topic: 'Topic under attack',
	mallory: 'Mallory',
	eve: 'Eve',
	trudy: 'Trudy',
	oscar: 'Oscar',
	sybil: 'Sybil',
	message: 'plain words survive',
	leaveReason: 'so long',
	stateType: 'org.example.hostile',
} as const;

const you = userId('you');
const alice = userId('alice');
const mallory = userId('mallory');
const eve = userId('eve');
const trudy = userId('trudy');
const oscar = userId('oscar');
const sybil = userId('sybil');

const A = ATTACKS;
const V = HOSTILE_VISIBLE;

const HOSTILE_NAMES: Record<string, string> = {
	[you]: 'Demo User',
	[alice]: 'Alice',
	[mallory]: `${V.mallory}${A.title}`,
	[eve]: `${V.eve}${A.title2}${A.hyperlink}`,
	[trudy]: `${V.trudy}${A.dcs}${A.apc}`,
	[oscar]: `${V.oscar}${A.c1Csi}${A.c1Osc}`,
	[sybil]: `${V.sybil}${A.rlo}${A.isolate}draziw${A.controls}`,
};

const join = (user: string) => ({membership: 'join', displayname: HOSTILE_NAMES[user]});

function hostileRoom() {
	const room = new RoomBuilder(HOSTILE_ROOM_ID)
		.state(alice, 'm.room.create', {creator: alice, room_version: '10'})
		.member(alice, join(alice))
		.state(alice, 'm.room.power_levels', {users: {[alice]: 100, [you]: 50}, users_default: 0, events_default: 0, state_default: 50})
		.state(alice, 'm.room.join_rules', {join_rule: 'public'})
		.state(alice, 'm.room.canonical_alias', {alias: HOSTILE_ROOM_ALIAS})
		.state(alice, 'm.room.name', {name: `${V.roomName}${A.title}${A.rlo}${A.c1Osc}`})
		.state(alice, 'm.room.topic', {topic: `${V.topic}${A.hyperlink}${A.clipboard}${A.clear}${A.c1Clipboard}`});
	for (const user of [you, mallory, eve, trudy, oscar, sybil]) room.member(user, join(user));
	// Enough history that the start of the room is a PgUp away, even on a tall terminal.
	for (let index = 1; index <= 30; index++) room.text(alice, `Backlog ${index}: nothing to see here`);
	room
		.text(mallory, `${V.message} ${A.title}${A.clear}${A.leaveAltScreen}`)
		.text(eve, `${A.clipboard}${A.hyperlink}${V.message}`)
		.message(trudy, {msgtype: 'm.emote', body: `${A.dcs}${A.apc}waves${A.controls}`})
		.message(oscar, {msgtype: 'm.notice', body: `${A.c1Csi}${A.c1Osc}${A.c1Clipboard}notice\nsecond line${A.title2}`})
		.text(sybil, `${A.rlo}${V.message}${A.isolate}`)
		// State the state panel shows: hostile type, key and content; and deleted state with /show-deleted.
		.state(mallory, `${V.stateType}${A.title}`, {note: `${A.c1Osc}${A.c1Clipboard}`, [`key${A.rlo}`]: 1}, `key${A.c1Csi}${A.clipboard}`)
		.state(mallory, 'org.example.deleted', {deleted: true, note: `${A.c1Osc}${A.rlo}`}, `${A.title2}`)
		.state(eve, 'org.example.obsolete', {'m.obsolete': true, text: `\u009d8;;https://evil.example/${P}\u009c`})
		// Departures: reasons, a forged deactivation on a kick, a ban.
		.member(mallory, {membership: 'leave', reason: `${V.leaveReason}${A.title}${A.clear}`})
		.member(eve, {membership: 'leave', reason: `${A.clipboard}${A.hyperlink}kicked`, 'm.deactivated': true}, alice)
		.member(trudy, {membership: 'leave', reason: `${A.dcs}${A.c1Clipboard}gone`, 'm.deactivated': true})
		.member(oscar, {membership: 'ban', reason: `${A.c1Osc}${A.rlo}banned${A.controls}`}, alice)
		.text(alice, 'All of the above was written by someone else.');
	return room.build();
}

function hostileLobby() {
	return new RoomBuilder(HOSTILE_LOBBY_ID)
		.state(alice, 'm.room.create', {creator: alice, room_version: '10'})
		.member(alice, join(alice))
		.state(alice, 'm.room.name', {name: `Lobby${A.leaveAltScreen}${A.c1Osc}`})
		.member(you, join(you))
		.text(mallory, `${A.title2}hello`)
		.build({notification_count: 1, highlight_count: 0});
}

function hostileInvite() {
	return new RoomBuilder(HOSTILE_INVITE_ID)
		.state(mallory, 'm.room.create', {creator: mallory, room_version: '10'})
		.member(mallory, join(mallory))
		.state(mallory, 'm.room.name', {name: `Invite${A.dcs}${A.title}`})
		.state(mallory, 'm.room.topic', {topic: `${A.clipboard}free stuff${A.rlo}`})
		.member(you, {membership: 'invite', displayname: HOSTILE_NAMES[you], reason: `${A.title}join us`}, mallory)
		.build();
}

export function hostileScenario(base: Pick<Scenario, 'userId' | 'accessToken' | 'deviceId'>): Scenario {
	return {
		...base,
		profiles: Object.fromEntries(Object.entries(HOSTILE_NAMES).map(([user, displayname]) => [user, {displayname}])),
		rooms: [hostileRoom(), hostileLobby(), hostileInvite()],
	};
}
