/**
 * Relations between events, read from raw event JSON: rich replies (m.in_reply_to), reactions
 * (m.annotation) and threads (m.thread). Everything here is sender-controlled: readers return
 * undefined for anything malformed, and every string meant for display is sanitized and trimmed.
 */
import {asEvent, asObject, contentOf, isRedacted, isStateEvent, type RawContent, type RawEvent} from './events.js';
import {safeNamer, type NameOf} from './names.js';
import {sanitizeInline} from './sanitize.js';
import {truncateToWidth} from './text-width.js';

/** Reaction keys are usually one emoji; a sender can put a paragraph there. */
export const REACTION_KEY_MAX_WIDTH = 8;
/** A reply's quote is one short line; the screen trims it further to its width. */
export const REPLY_PREVIEW_MAX_WIDTH = 100;
const NAME_MAX_WIDTH = 40;

function relationOf(content: RawContent): RawContent {
	return asObject(content['m.relates_to']);
}

function nonEmpty(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The event a message's content replies to (m.in_reply_to), if any. */
export function inReplyTo(content: RawContent): string | undefined {
	return nonEmpty(asObject(relationOf(asObject(content))['m.in_reply_to']).event_id);
}

export function replyTargetId(untrusted: unknown): string | undefined {
	return inReplyTo(contentOf(asEvent(untrusted)));
}

/** The root of the thread this event is in (rel_type m.thread), for non-state events only. */
export function threadRootId(untrusted: unknown): string | undefined {
	const event = asEvent(untrusted);
	if (isStateEvent(event)) return undefined;
	const relation = relationOf(contentOf(event));
	return relation.rel_type === 'm.thread' ? nonEmpty(relation.event_id) : undefined;
}

/** Thread replies live in their thread: the main timeline shows only a marker under the root. */
export function isThreadReply(event: unknown): boolean {
	return threadRootId(event) !== undefined;
}

export interface Reaction {
	targetId: string;
	/** Raw key, as sent: reactions group on the exact key. */
	key: string;
	sender: string;
}

/** A live (not redacted) m.reaction annotation with a key, a target and a sender. */
export function reactionOf(untrusted: unknown): Reaction | undefined {
	const event = asEvent(untrusted);
	if (event.type !== 'm.reaction' || isStateEvent(event) || isRedacted(event)) return undefined;
	const relation = relationOf(contentOf(event));
	if (relation.rel_type !== 'm.annotation') return undefined;
	const targetId = nonEmpty(relation.event_id);
	const key = nonEmpty(relation.key);
	const sender = nonEmpty(event.sender);
	return targetId && key && sender ? {targetId, key, sender} : undefined;
}

/**
 * Removes the legacy rich-reply fallback: the leading "> " lines quoting the replied-to message,
 * then the blank line that ends them. Only text of the fallback's shape is touched — the first
 * line names the quoted sender ("> <@alice:example.org> …", or "> * <…" for an emote) — so a reply
 * that merely starts with a quote of its own keeps it. Call it only for events with m.in_reply_to.
 */
export function stripReplyFallback(body: string): string {
	if (typeof body !== 'string' || !(body.startsWith('> <') || body.startsWith('> * <'))) return body;
	const lines = body.split('\n');
	let index = 0;
	while (index < lines.length && (lines[index]!.startsWith('> ') || lines[index] === '>')) index++;
	if (lines[index] !== '') return body; // no blank line after the quote: not a fallback
	return lines.slice(index + 1).join('\n');
}

export interface ReplyQuote {
	/** Display name of the replied-to event's sender, sanitized; '' when that event is not loaded. */
	sender: string;
	/** One line, sanitized, at most REPLY_PREVIEW_MAX_WIDTH cells. */
	preview: string;
}

/** What to quote above a reply; `lookup` finds loaded events by ID. Undefined for a non-reply. */
export function replyQuote(untrusted: unknown, lookup: (eventId: string) => RawEvent | undefined, nameOf: NameOf): ReplyQuote | undefined {
	const targetId = replyTargetId(untrusted);
	if (targetId === undefined) return undefined;
	let target: RawEvent | undefined;
	try {
		target = lookup(targetId);
	} catch {
		target = undefined;
	}
	if (target === undefined) return {sender: '', preview: 'in reply to an earlier message'};
	const event = asEvent(target);
	const name = safeNamer(nameOf);
	const sender = truncateToWidth(name(typeof event.sender === 'string' ? event.sender : ''), NAME_MAX_WIDTH);
	return {sender, preview: truncateToWidth(previewText(event, sender), REPLY_PREVIEW_MAX_WIDTH)};
}

/** A message as one short line (the thread list's root): what a reply's quote says of it. */
export function oneLinePreview(untrusted: unknown, sender: string): string {
	return truncateToWidth(previewText(asEvent(untrusted), sender), REPLY_PREVIEW_MAX_WIDTH);
}

function previewText(event: RawEvent, sender: string): string {
	if (isRedacted(event)) return 'message deleted';
	if (event.type === 'm.room.encrypted') return 'encrypted message';
	if (event.type !== 'm.room.message' && event.type !== 'm.sticker') return 'an event';
	const content = contentOf(event);
	const body = content.body;
	if (typeof body !== 'string') return 'a message';
	const own = inReplyTo(content) === undefined ? body : stripReplyFallback(body);
	const oneLine = sanitizeInline(own).replace(/ {2,}/g, ' ').trim();
	return content.msgtype === 'm.emote' ? `* ${sender} ${oneLine}` : oneLine;
}

export interface ReactionGroup {
	/** The key for display: sanitized, at most REACTION_KEY_MAX_WIDTH cells. */
	key: string;
	/** Distinct senders who reacted with this key. */
	count: number;
	includesMe: boolean;
}

export interface RelationIndex {
	/** Per target event ID, in the order each key was first used. */
	reactions: ReadonlyMap<string, readonly ReactionGroup[]>;
	/** Per thread root ID, its replies among the loaded events, oldest first. */
	threadReplies: ReadonlyMap<string, readonly RawEvent[]>;
	/** Loaded events by ID, for reply quotes. */
	byId: ReadonlyMap<string, RawEvent>;
}

/** One pass over the loaded events (oldest first). `myUserId` marks the reactions that are ours. */
export function indexRelations(events: readonly unknown[], myUserId: string): RelationIndex {
	const byId = new Map<string, RawEvent>();
	const threadReplies = new Map<string, RawEvent[]>();
	// target → raw key → senders; Map keeps first-use order.
	const reactionSenders = new Map<string, Map<string, Set<string>>>();
	for (const untrusted of Array.isArray(events) ? events : []) {
		const event = asEvent(untrusted);
		const id = nonEmpty(event.event_id);
		if (id !== undefined && !byId.has(id)) byId.set(id, event);

		const reaction = reactionOf(event);
		if (reaction) {
			let byKey = reactionSenders.get(reaction.targetId);
			if (!byKey) reactionSenders.set(reaction.targetId, (byKey = new Map<string, Set<string>>()));
			let senders = byKey.get(reaction.key);
			if (!senders) byKey.set(reaction.key, (senders = new Set()));
			senders.add(reaction.sender); // a (sender, key) pair counts once
			continue;
		}
		const root = threadRootId(event);
		if (root !== undefined) {
			const replies = threadReplies.get(root) ?? [];
			// The same event twice (a local echo and its remote copy) is one reply.
			if (id === undefined || !replies.some((reply) => reply.event_id === id)) replies.push(event);
			threadReplies.set(root, replies);
		}
	}
	const reactions = new Map<string, ReactionGroup[]>();
	for (const [target, byKey] of reactionSenders) {
		reactions.set(
			target,
			[...byKey].map(([key, senders]) => ({
				key: truncateToWidth(sanitizeInline(key), REACTION_KEY_MAX_WIDTH),
				count: senders.size,
				includesMe: myUserId !== '' && senders.has(myUserId),
			})),
		);
	}
	return {reactions, threadReplies, byId};
}

export interface ThreadSummary {
	count: number;
	/** User ID of whoever wrote the newest reply, when known. */
	latestSender?: string;
}

/**
 * A thread root's summary: its replies among the loaded events, combined with the server's bundled
 * aggregation on the root (unsigned["m.relations"]["m.thread"]) which also counts replies older
 * than the loaded window. Replies loaded after the bundle's latest event are newer than the bundle.
 */
export function threadSummary(untrustedRoot: unknown, index: RelationIndex): ThreadSummary | undefined {
	const root = asEvent(untrustedRoot);
	const rootId = nonEmpty(root.event_id);
	if (rootId === undefined || isThreadReply(root)) return undefined;
	const local = index.threadReplies.get(rootId) ?? [];
	const bundle = bundledThread(root);
	const newestLocal = local.at(-1);
	let count = local.length;
	let latest = newestLocal;
	if (bundle) {
		const latestId = nonEmpty(bundle.latest?.event_id);
		const at = latestId === undefined ? -1 : local.findIndex((reply) => reply.event_id === latestId);
		if (at >= 0) {
			count = bundle.count + (local.length - 1 - at);
		} else {
			count = Math.max(bundle.count, local.length);
			if (bundle.latest && (newestLocal === undefined || timestampOf(bundle.latest) > timestampOf(newestLocal))) latest = bundle.latest;
		}
	}
	if (count <= 0) return undefined;
	const sender = nonEmpty(latest?.sender);
	return sender === undefined ? {count} : {count, latestSender: sender};
}

function bundledThread(root: RawEvent): {count: number; latest?: RawEvent} | undefined {
	const thread = asObject(asObject(asObject(root.unsigned)['m.relations'])['m.thread']);
	const count = thread.count;
	if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) return undefined;
	const latest = asObject(thread.latest_event);
	return Object.keys(latest).length > 0 ? {count, latest: latest as unknown as RawEvent} : {count};
}

function timestampOf(event: RawEvent): number {
	return typeof event.origin_server_ts === 'number' && Number.isFinite(event.origin_server_ts) ? event.origin_server_ts : -Infinity;
}

/** "3 replies in thread (last: Bob)" — names sanitized and trimmed. */
export function threadSummaryText(summary: ThreadSummary, nameOf: NameOf): string {
	const replies = `${summary.count} ${summary.count === 1 ? 'reply' : 'replies'} in thread`;
	if (summary.latestSender === undefined) return replies;
	return `${replies} (last: ${truncateToWidth(safeNamer(nameOf)(summary.latestSender), NAME_MAX_WIDTH)})`;
}
