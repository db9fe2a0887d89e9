/**
 * One timeline event as one line of text, like Element's textForEvent. Every piece of text that
 * came from the event (names, bodies, reasons, even event types) is sanitized before it is used.
 */
import {asEvent, asObject, contentOf, isRedacted, isStateEvent, type RawContent, type RawEvent} from './events.js';
import {untrustedReason} from './trust.js';
import {undecryptableReason} from './undecryptable.js';
import {isDeletedState} from './deleted-state.js';
import {describeMembership, type MembershipChange} from './membership.js';
import {safeNamer, type NameOf} from './names.js';
import {displayReason} from './reason.js';
import {mediaLine} from './media.js';
import {mentionsMe, type Me} from './mentions.js';
import {inReplyTo, stripReplyFallback} from './relations.js';
import {sanitizeInline, sanitizeText} from './sanitize.js';
import {truncateToWidth} from './text-width.js';
import {parseFormattedBody, type FormattedBody} from './html/parse.js';

export type TimelineLineKind = 'message' | 'emote' | 'notice' | 'membership' | 'state' | 'redacted' | 'encrypted' | 'unknown';

export interface TimelineLine {
	kind: TimelineLineKind;
	/** Display name of the sender, sanitized. */
	sender: string;
	/** Sanitized; one line, except message/emote/notice bodies which keep their newlines. */
	text: string;
	edited?: boolean;
	/** MSC3759 label on a self-leave; never a trust decision. */
	deactivated?: boolean;
	/** Why the crypto cannot vouch for the sender's device (trust.ts): the line carries a marker. */
	untrusted?: string;
	/** Someone else's message that mentions us (mentions.ts): drawn highlighted. */
	mentionsMe?: true;
	/** The message's formatted_body, allow-listed and sanitized (html/parse.ts); `text` stays the plain body. */
	formatted?: FormattedBody;
}

export interface TimelineOptions {
	reasonMaxWidth?: number;
	/** The caller has applied an edit to this event. */
	edited?: boolean;
	/** A media event's n for /open and /download (media-numbers.ts): shown as "#n" before its line. */
	mediaNumber?: number;
	/** Who we are: messages from others that mention us are flagged. */
	me?: Me;
}

export type {NameOf};

// Not timeline content: redactions and reactions are applied to other events; the rest is ephemeral.
const HIDDEN_TYPES: ReadonlySet<string> = new Set([
	'm.room.redaction',
	'm.reaction',
	'm.receipt',
	'm.typing',
	'm.presence',
	'm.fully_read',
]);

// Event types are sender-chosen strings too: keep them short enough not to push the rest off screen.
const TYPE_MAX_WIDTH = 64;

function displayType(type: string): string {
	return truncateToWidth(sanitizeInline(type), TYPE_MAX_WIDTH);
}

export function timelineLine(untrusted: RawEvent, nameOf: NameOf, options: TimelineOptions = {}): TimelineLine | undefined {
	const event = asEvent(untrusted);
	const type = event.type;
	if (typeof type !== 'string' || type === '' || HIDDEN_TYPES.has(type)) return undefined;
	const name = safeNamer(nameOf);
	const sender = name(typeof event.sender === 'string' ? event.sender : '');
	const opts = asObject(options) as TimelineOptions;

	if (isStateEvent(event)) {
		if (type === 'm.room.member') return memberLine(describeMembership(event), sender, name, opts);
		return stateLine(event, type, sender);
	}
	if (isRedacted(event)) return {kind: 'redacted', sender, text: 'message deleted'};
	if (type === 'm.room.encrypted') {
		const reason = undecryptableReason(event);
		return {kind: 'encrypted', sender, text: reason === undefined ? '🔒 encrypted message' : `🔒 unable to decrypt: ${reason}`};
	}
	if (type === 'm.room.message' || type === 'm.sticker') {
		const line = messageLine(contentOf(event), type, sender, opts);
		const untrusted = line ? untrustedReason(event) : undefined;
		if (line && untrusted) line.untrusted = untrusted;
		if (line && opts.me && event.sender !== opts.me.userId && mentionsMe(shownContent(contentOf(event)), opts.me)) line.mentionsMe = true;
		return line;
	}
	return {kind: 'unknown', sender, text: `sent an unsupported event (${displayType(type)})`};
}

function messageLine(content: RawContent, type: string, sender: string, options: TimelineOptions): TimelineLine | undefined {
	const appliedEdit = options.edited === true;
	// An edit event is folded into its original by the caller, never shown by itself.
	if (asObject(content['m.relates_to']).rel_type === 'm.replace' && !appliedEdit) return undefined;

	const hasNewContent = content['m.new_content'] !== undefined;
	const newContent = asObject(content['m.new_content']);
	const field = (key: string): unknown => (typeof newContent[key] === 'string' ? newContent[key] : content[key]);
	const edited = appliedEdit || hasNewContent;

	const body = field('body');
	if (typeof body !== 'string') return {kind: 'unknown', sender, text: 'unsupported message', ...(edited ? {edited} : {})};
	// A rich reply's body may start with the legacy quote of the message it answers; the quote line
	// is drawn from the real event instead (relations.ts), so the copy is dropped.
	const ownText = inReplyTo(content) === undefined ? body : stripReplyFallback(body);
	const media = mediaLine(hasNewContent ? {...content, ...newContent} : content, type);
	const mediaText = (line: string) => (typeof options.mediaNumber === 'number' ? `#${options.mediaNumber} ${line}` : line);
	const text = media ? (media.caption === undefined ? mediaText(media.line) : `${mediaText(media.line)}\n${media.caption}`) : sanitizeText(ownText, {multiline: true});
	const msgtype = field('msgtype');
	const line: TimelineLine =
		msgtype === 'm.emote'
			? {kind: 'emote', sender, text: `* ${sender} ${text}`}
			: {kind: msgtype === 'm.notice' ? 'notice' : 'message', sender, text};
	// An edit's new content replaces the formatting too: never the old formatted_body under a new body.
	const formatSource = hasNewContent ? newContent : content;
	if (!media && formatSource.format === 'org.matrix.custom.html') {
		const html = formatSource.formatted_body;
		if (typeof html === 'string' && html.trim() !== '') line.formatted = parseFormattedBody(html);
	}
	if (edited) line.edited = true;
	return line;
}

/** The content as the line shows it: an edit's new content where there is one (spec: m.mentions too). */
function shownContent(content: RawContent): RawContent {
	const newContent = content['m.new_content'];
	return newContent !== null && typeof newContent === 'object' && !Array.isArray(newContent) ? (newContent as RawContent) : content;
}

function stateLine(event: RawEvent, type: string, sender: string): TimelineLine {
	if (isDeletedState(event)) return {kind: 'state', sender, text: `${sender} deleted ${displayType(type)} state`};
	const content = contentOf(event);
	if (type === 'm.room.topic') {
		const topic = sanitizeInline(content.topic);
		return {kind: 'state', sender, text: topic.trim() === '' ? `${sender} removed the topic` : `${sender} changed the topic to "${topic}"`};
	}
	if (type === 'm.room.name') {
		const roomName = sanitizeInline(content.name);
		return {
			kind: 'state',
			sender,
			text: roomName.trim() === '' ? `${sender} removed the room name` : `${sender} changed the room name to "${roomName}"`,
		};
	}
	return {kind: 'state', sender, text: `${sender} set ${displayType(type)}`};
}

function memberLine(
	change: MembershipChange,
	sender: string,
	name: (userId: string) => string,
	options: TimelineOptions,
): TimelineLine | undefined {
	const actor = name(change.actor);
	const target = name(change.target);
	const reason = displayReason(change.reason, options.reasonMaxWidth);
	const line = (text: string, withReason = true): TimelineLine => ({
		kind: 'membership',
		sender,
		text: withReason && reason !== undefined ? `${text}: ${reason}` : text,
		deactivated: change.deactivated,
	});

	switch (change.kind) {
		case 'none':
			return undefined; // e.g. join→join with nothing changed
		case 'join':
			return line(`${target} joined`);
		case 'leave':
			return line(change.deactivated ? `${target} deactivated their account` : `${target} left`);
		case 'kick':
			return line(`${actor} kicked ${target}`);
		case 'ban':
			return line(`${actor} banned ${target}`);
		case 'unban':
			return line(`${actor} unbanned ${target}`);
		case 'invite':
			return line(`${actor} invited ${target}`);
		case 'invite-rejected':
			return line(`${target} rejected the invite`);
		case 'invite-withdrawn':
			return line(`${actor} withdrew ${target}'s invite`);
		case 'knock':
			return line(`${target} asked to join`);
		case 'knock-withdrawn':
			return line(`${target} withdrew their request to join`);
		case 'profile': {
			const names = change.displayNameChanged;
			if (names === undefined) return line(`${target} changed their avatar`, false);
			// The old name comes from prev_content: nameOf already knows the new one.
			const before = names.from ?? sanitizeInline(change.target);
			return line(names.to === undefined ? `${before} removed their display name` : `${before} changed their display name to ${names.to}`, false);
		}
		case 'unknown':
			return {kind: 'unknown', sender, text: `${actor} sent an invalid membership event for ${target}`};
	}
}
