/**
 * User and room mentions (spec "User and room mentions"): what a message we send says of whom it
 * mentions, and whether a message we receive mentions us. Content is untrusted JSON: a malformed
 * `m.mentions` mentions nobody.
 */
import {asObject, type RawContent} from './events.js';

/** A member the composer completed (Tab): the text it put in the message, and whose it is. */
export interface Mention {
	userId: string;
	text: string;
}

export interface MentionsField {
	user_ids?: string[];
	room?: true;
}

// A mention stands on its own: not the "Bob" in "Bobby", nor in "bob@example.org".
const BEFORE = String.raw`(?<![\p{L}\p{N}_@])`;
const AFTER = String.raw`(?![\p{L}\p{N}_])`;
const ROOM_MENTION = new RegExp(`${BEFORE}@room${AFTER}`, 'u');

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\/]/g, String.raw`\$&`);
}

/** The completed mentions still in `text` (the user may have deleted some), one per text. */
export function mentionsInText(text: string, picks: readonly Mention[]): Mention[] {
	const seen = new Set<string>();
	return picks.filter((pick) => {
		if (pick.text === '' || seen.has(pick.text)) return false;
		seen.add(pick.text);
		return new RegExp(`${BEFORE}${escapeRegExp(pick.text)}${AFTER}`, 'u').test(text);
	});
}

/** `m.mentions` for a message with this text: its members, and @room when typed. */
export function mentionsField(text: string, mentions: readonly Mention[]): MentionsField {
	const userIds = [...new Set(mentionsInText(text, mentions).map((mention) => mention.userId))];
	return {...(userIds.length > 0 ? {user_ids: userIds} : {}), ...(ROOM_MENTION.test(text) ? {room: true as const} : {})};
}

/** A matrix.to link to the user: the ID escaped but for its sigil and colon, as clients write it. */
export function permalinkOf(userId: string): string {
	return `https://matrix.to/#/${encodeURIComponent(userId).replace(/%40/g, '@').replace(/%3A/gi, ':')}`;
}

/** CommonMark lets any ASCII punctuation be escaped: a name then reads as itself, never as markup. */
function escapeMarkdown(text: string): string {
	return text.replace(/[!-/:-@[-`{-~]/g, String.raw`\$&`);
}

/** The markdown source with each mention as a link to its user, so the formatted body carries it. */
export function linkMentions(text: string, mentions: readonly Mention[]): string {
	const present = mentionsInText(text, mentions).sort((a, b) => b.text.length - a.text.length);
	if (present.length === 0) return text;
	const byText = new Map(present.map((mention) => [mention.text, mention.userId]));
	const pattern = new RegExp(`${BEFORE}(?:${present.map((mention) => escapeRegExp(mention.text)).join('|')})${AFTER}`, 'gu');
	return text.replace(pattern, (found) => `[${escapeMarkdown(found)}](<${permalinkOf(byText.get(found)!)}>)`);
}

/**
 * An edit's `m.mentions` (spec): m.new_content names everyone the new text mentions; the edit
 * itself only those the original did not, so nobody is notified twice.
 */
export function editMentions(newMentions: MentionsField, original: RawContent | undefined): MentionsField {
	const before = mentionedUserIds(original);
	const added = (newMentions.user_ids ?? []).filter((userId) => !before.includes(userId));
	const roomBefore = asObject(original?.['m.mentions']).room === true;
	return {...(added.length > 0 ? {user_ids: added} : {}), ...(newMentions.room && !roomBefore ? {room: true as const} : {})};
}

function mentionedUserIds(content: RawContent | undefined): string[] {
	const userIds = asObject(content?.['m.mentions']).user_ids;
	return Array.isArray(userIds) ? userIds.filter((userId): userId is string => typeof userId === 'string') : [];
}

export interface Me {
	userId: string;
	/** Our display name in the room, if we have one. */
	displayName?: string;
}

/**
 * Whether a message's content mentions us: its `m.mentions` when it has one (any value: a
 * client that sent the key meant it, and a malformed one mentions nobody), else, as before
 * mentions existed, its body naming our display name or user ID. @room is not ours to judge
 * here (it depends on the sender's power): the server's highlight count says that.
 */
export function mentionsMe(content: RawContent, me: Me): boolean {
	if ('m.mentions' in content) return mentionedUserIds(content).includes(me.userId);
	const body = content.body;
	if (typeof body !== 'string') return false;
	return [me.userId, me.displayName].some((word) => word !== undefined && word.trim() !== '' && containsWord(body, word));
}

function containsWord(body: string, word: string): boolean {
	return new RegExp(`${BEFORE}${escapeRegExp(word)}${AFTER}`, 'iu').test(body);
}
