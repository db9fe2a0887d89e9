/**
 * /threads and the thread pane as plain data: the room's thread list as fetched (which row is
 * highlighted, how to ask for the next page), the open thread's replies fetched so far (how to
 * ask for older ones), and the newest reply seen in each thread (the unread rule: threads.ts).
 */
import type {RawEvent} from '../domain/events.js';
import type {ThreadEntry, ThreadListPage, ThreadPage} from '../domain/threads.js';
import {movedIndex, wantsMore} from './paged-list.js';

export interface ThreadListView {
	roomId: string;
	threads: readonly ThreadEntry[];
	/** The next page's token; none once the list's end was reached. */
	next?: string;
	index: number;
	/** A next page is on its way: one at a time. */
	loading?: true;
}

export interface ThreadView {
	roomId: string;
	rootId: string;
	/** Until the first page brings it (or the timeline held it). */
	root?: RawEvent;
	/** Replies fetched from the server, oldest first; live ones come with the room's own events. */
	history: readonly RawEvent[];
	/** The page before the oldest fetched; none once the thread's start is in. */
	older?: string;
	/** The first page has come: until then the pane says it is loading. */
	loaded: boolean;
	loading?: true;
}

/** A new list, or the next page after the one shown (a page for another room is dropped). */
export function withThreadPage(view: ThreadListView | undefined, roomId: string, page: ThreadListPage, append: boolean): ThreadListView | undefined {
	const next = page.next === undefined ? {} : {next: page.next};
	if (!append) return {roomId, threads: page.threads, index: 0, ...next};
	if (!view || view.roomId !== roomId) return view;
	const known = new Set(view.threads.map((thread) => thread.rootId));
	return {roomId, threads: [...view.threads, ...page.threads.filter((thread) => !known.has(thread.rootId))], index: view.index, ...next};
}

export function movedInList(view: ThreadListView, delta: number): ThreadListView {
	return movedIndex(view, view.threads.length, delta);
}

/** The highlighted row is near the end of what is held, and there is more: time for the next page. */
export function listWantsNextPage(view: ThreadListView, pageSize: number): boolean {
	return wantsMore(view, view.threads.length, pageSize);
}

/** A page of replies for the open thread: older ones go before those held (a page for another thread is dropped). */
export function withReplies(view: ThreadView | undefined, rootId: string, page: ThreadPage): ThreadView | undefined {
	if (!view || view.rootId !== rootId) return view;
	const known = new Set(view.history.map((event) => event.event_id));
	const older = page.replies.filter((event) => !known.has(event.event_id));
	const {older: _older, loading: _loading, ...rest} = view;
	return {...rest, root: page.root ?? view.root, history: [...older, ...view.history], loaded: true, ...(page.older === undefined ? {} : {older: page.older})};
}

/** Seen up to `ts` in this thread: the newest reply the user has had on screen. */
export function withSeen(seen: ReadonlyMap<string, number>, rootId: string, ts: number): ReadonlyMap<string, number> {
	if ((seen.get(rootId) ?? -Infinity) >= ts) return seen;
	return new Map(seen).set(rootId, ts);
}

export type ThreadAction =
	/** /threads' answer (a new list), or the next page of it (`append`). */
	| {type: 'show-thread-list'; roomId: string; page: ThreadListPage; append?: boolean}
	/** A next page asked for, or (false) its request failed. */
	| {type: 'thread-list-loading'; loading: boolean}
	| {type: 'thread-list-move'; delta: number}
	| {type: 'close-thread-list'}
	/** The thread pane in place of the timeline (the list closes); its pages follow. */
	| {type: 'open-thread'; roomId: string; rootId: string; root?: RawEvent}
	| {type: 'thread-replies'; rootId: string; page: ThreadPage}
	/** Older replies asked for, or (false) their request failed. */
	| {type: 'thread-loading'; loading: boolean}
	/** Esc: back to the timeline, the draft kept. */
	| {type: 'close-thread'}
	| {type: 'thread-seen'; rootId: string; ts: number};

const THREAD_ACTIONS: Record<ThreadAction['type'], true> = {
	'show-thread-list': true,
	'thread-list-loading': true,
	'thread-list-move': true,
	'close-thread-list': true,
	'open-thread': true,
	'thread-replies': true,
	'thread-loading': true,
	'close-thread': true,
	'thread-seen': true,
};

export function isThreadAction(action: {type: string}): action is ThreadAction {
	return Object.hasOwn(THREAD_ACTIONS, action.type);
}
