/**
 * Threads (m.thread) as lists and replies: the /threads endpoint's answer read from untrusted JSON,
 * the unread rule, and the relation a reply in a thread carries. Text is sanitized where it is
 * drawn (thread-list-rows.ts), as for every other server string.
 */
import {asEvent, asObject, type RawContent, type RawEvent} from './events.js';
import {isThreadReply, threadRootId} from './relations.js';

export interface ThreadEntry {
	rootId: string;
	/** The root event as the server sent it (decrypted by the matrix layer in an encrypted room). */
	root: RawEvent;
	/** Replies, as the server's bundled aggregation counts them. */
	count: number;
	/** When the thread last moved: its latest reply's timestamp, the root's when it has none. */
	latestTs: number;
	latestSender?: string;
	latestId?: string;
}

export interface ThreadListPage {
	threads: ThreadEntry[];
	/** The token for the next (older) page; none at the end. */
	next?: string;
}

/** A page of GET /rooms/{id}/threads: roots without an event ID, or that are replies themselves, are dropped. */
export function threadListPage(body: unknown): ThreadListPage {
	const object = asObject(body);
	const chunk = Array.isArray(object.chunk) ? object.chunk : [];
	const threads = chunk.flatMap((untrusted): ThreadEntry[] => {
		const entry = threadEntry(asEvent(untrusted));
		return entry ? [entry] : [];
	});
	const page: ThreadListPage = {threads: newestActivityFirst(threads)};
	if (typeof object.next_batch === 'string' && object.next_batch !== '') page.next = object.next_batch;
	return page;
}

/** A root as a list entry, from its bundled m.thread aggregation (unsigned["m.relations"]["m.thread"]). */
export function threadEntry(root: RawEvent): ThreadEntry | undefined {
	const rootId = root.event_id;
	if (typeof rootId !== 'string' || rootId === '' || isThreadReply(root)) return undefined;
	const bundle = asObject(asObject(asObject(root.unsigned)['m.relations'])['m.thread']);
	const count = typeof bundle.count === 'number' && Number.isSafeInteger(bundle.count) && bundle.count >= 0 ? bundle.count : 0;
	const latest = asEvent(bundle.latest_event);
	const entry: ThreadEntry = {rootId, root, count, latestTs: timestampOf(latest) ?? timestampOf(root) ?? 0};
	if (typeof latest.sender === 'string' && latest.sender !== '') entry.latestSender = latest.sender;
	if (typeof latest.event_id === 'string' && latest.event_id !== '') entry.latestId = latest.event_id;
	return entry;
}

/** Newest activity first; the server's order where two moved at the same moment. */
function newestActivityFirst(threads: readonly ThreadEntry[]): ThreadEntry[] {
	return threads.map((thread, index) => ({thread, index})).sort((a, b) => b.thread.latestTs - a.thread.latestTs || a.index - b.index).map(({thread}) => thread);
}

/**
 * Unread: it has a reply newer than the newest one we saw in it (`seenTs`, none if never opened).
 * Our own reply is never news to us.
 */
export function isThreadUnread(thread: Pick<ThreadEntry, 'count' | 'latestTs' | 'latestSender'>, seenTs: number | undefined, myUserId: string): boolean {
	if (thread.count === 0 || thread.latestSender === myUserId) return false;
	return seenTs === undefined || thread.latestTs > seenTs;
}

/** Where a reply in a thread goes: its root, and the thread's latest event it follows. */
export interface ThreadTarget {
	rootId: string;
	latestId: string;
}

/**
 * m.relates_to of a reply in a thread, as the spec has it: m.thread to the root, and for clients
 * without threads a reply (is_falling_back) to the thread's latest event.
 */
export function threadRelation(target: ThreadTarget): RawContent {
	return {rel_type: 'm.thread', event_id: target.rootId, is_falling_back: true, 'm.in_reply_to': {event_id: target.latestId}};
}

function timestampOf(event: RawEvent): number | undefined {
	const ts = event.origin_server_ts;
	return typeof ts === 'number' && Number.isFinite(ts) ? ts : undefined;
}

/** A page of a thread's replies (GET /relations/{root}/m.thread, newest first on the wire), oldest first here. */
export interface ThreadPage {
	/** The root, with the first page only. */
	root?: RawEvent;
	replies: RawEvent[];
	/** The token for the page before this one; none once the thread's first reply is in. */
	older?: string;
}

/** The relations answer read: events without an ID or of another thread are dropped. */
export function threadPage(body: unknown, rootId: string, root?: RawEvent): ThreadPage {
	const object = asObject(body);
	const chunk = Array.isArray(object.chunk) ? object.chunk : [];
	const replies = chunk.map(asEvent).filter((event) => typeof event.event_id === 'string' && threadRootId(event) === rootId).reverse();
	const page: ThreadPage = {replies};
	if (root) page.root = root;
	if (typeof object.next_batch === 'string' && object.next_batch !== '') page.older = object.next_batch;
	return page;
}
