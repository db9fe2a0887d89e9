/**
 * The composition root of a chat session: the matrix session feeds the store, the UI reads the
 * store, and the UI's requests go to the command executor or the session.
 */
import React from 'react';
import type {MatrixSession, SessionUpdate} from './matrix/protocol.js';

/**
 * Messages arriving 100 a second render ten times a second, not thirty: each such render lays out
 * new rows, and a key pressed meanwhile waits for it (measured: typing p95 46 → 39 ms under the
 * bench's traffic). A tenth of a second is below what anyone notices in a message's arrival.
 */
const DEFAULT_COALESCE_MS = 100;
import {nextDirectoryPage} from './commands/explore-command.js';
import {jumpToHit, nextSearchPage} from './commands/search-command.js';
import {nextThreadListPage, olderThreadReplies, openThread} from './commands/thread-commands.js';
import {nextSpacePage} from './commands/space-command.js';
import {reportOutcome, runCommand, submitComposer} from './commands/submit.js';
import {initialAppState} from './state/app-state.js';
import {AppProviders, type UiActions} from './state/hooks.js';
import {createStore, type Store} from './state/store.js';
import {followTyping} from './state/typing-notices.js';
import {notificationOf, type DesktopNotification} from './state/notifications.js';
import {App} from './ui/App.js';
import type {RoomSection} from './state/room-order.js';
import {boundsKey, pictureEntry, type PictureDrawing} from './state/pictures.js';
import type {KittyImages} from './terminal/kitty-images.js';
import type {SpaceChoice} from './state/space-choice.js';

export interface ChatOptions {
	demo?: boolean;
	reasonMaxWidth?: number;
	initialRoom?: string;
	size?: {columns: number; rows: number};
	onQuit: () => void;
	/** Room updates within this many ms are applied together (default 100; 0 applies each at once). */
	coalesceMs?: number;
	/**
	 * A message calls for a desktop notification (state/notifications.ts): a mention, or a message
	 * in a direct chat or a room set to 'all', in a room not on screen, after the first sync.
	 */
	onNotify?: (notification: DesktopNotification) => void;
	/** Read receipts go as m.read.private: nobody else sees how far we have read. */
	privateReceipts?: boolean;
	/** The room list's sections folded when the client last ran. */
	foldedSections?: readonly RoomSection[];
	/** A section was folded or unfolded: remember it for the next start. */
	onFoldedSections?: (sections: RoomSection[]) => void;
	/** How pictures are drawn here (default: half-block cells); kitty's graphics only with `kitty` to write them to. */
	images?: PictureDrawing;
	/** The pictures sent to the terminal, when they are drawn with kitty's graphics. */
	kitty?: KittyImages;
	/** The space the room list showed when the client last ran (space-choice.ts). */
	space?: SpaceChoice;
	/** Another space was chosen: remember it for the next start. */
	onSpace?: (space: SpaceChoice) => void;
}

export interface Chat {
	store: Store;
	actions: UiActions;
	element: React.ReactElement;
	/** Stops forwarding session updates to the store. */
	detach: () => void;
}

export function createChat(session: MatrixSession, options: ChatOptions): Chat {
	const kitty = options.images === 'kitty' ? options.kitty : undefined;
	const images = options.images === 'kitty' && !kitty ? 'cells' : options.images;
	const store = createStore(initialAppState({userId: session.userId, demo: options.demo, reasonMaxWidth: options.reasonMaxWidth, initialRoom: options.initialRoom, foldedSections: options.foldedSections, images, space: options.space}));
	const apply = (update: SessionUpdate) => {
		const before = store.getState();
		store.dispatch({type: 'session-update', update});
		if (update.kind === 'rooms' && options.onNotify) {
			const after = store.getState();
			for (const room of update.rooms) {
				const notification = notificationOf(before.rooms.get(room.roomId), after, room.roomId);
				if (notification) options.onNotify(notification);
			}
		}
	};
	// Room changes arriving close together (100 messages a second) make one render, not one each, so
	// typing stays quick; status changes, and everything when coalescing is off, apply at once.
	const coalesceMs = options.coalesceMs ?? DEFAULT_COALESCE_MS;
	let queued: SessionUpdate[] = [];
	let timer: NodeJS.Timeout | undefined;
	let lastApplied = 0;
	const applyQueued = () => {
		timer = undefined;
		lastApplied = performance.now();
		const updates = queued;
		queued = [];
		store.batch(() => updates.forEach(apply));
	};
	const detach = session.subscribe((update) => {
		if (coalesceMs <= 0 || update.kind !== 'rooms') {
			if (queued.length > 0) {
				clearTimeout(timer);
				applyQueued();
			}
			apply(update);
			return;
		}
		queued.push(update);
		timer ??= setTimeout(applyQueued, Math.max(0, lastApplied + coalesceMs - performance.now()));
	});
	const inFlight = new Set<string>();
	// Each request runs once at a time per room: a scroll that re-renders must not start a second one.
	const once = (key: string, run: () => Promise<unknown>) => {
		if (inFlight.has(key)) return;
		inFlight.add(key);
		void run().finally(() => inFlight.delete(key));
	};
	const report = (what: string) => (result: Awaited<ReturnType<MatrixSession['perform']>>) => {
		if (!result.ok) store.dispatch({type: 'show-notice', notice: {kind: 'error', text: `Cannot ${what}: ${result.error.message}`}});
	};
	const context = {session, store, quit: options.onQuit};
	const actions: UiActions = {
		submit: () => void submitComposer(context),
		quit: options.onQuit,
		loadOlder: (roomId, gap) => once(`older:${roomId}`, () => session.perform(gap === undefined ? {type: 'paginate-back', roomId} : {type: 'paginate-back', roomId, gap}).then(report('load older messages'))),
		loadMembers: (roomId) => once(`members:${roomId}`, () => session.perform({type: 'load-members', roomId}).then(report('load the member list'))),
		loadStateView: (roomId) => once(`state:${roomId}`, () => session.perform({type: 'load-state-view', roomId}).then(report('load the room state'))),
		markRead: (roomId) => once(`read:${roomId}`, () => session.perform({type: 'mark-read', roomId, ...(options.privateReceipts ? {private: true} : {})})),
		join: (target, from) => void runCommand({name: 'join', target, ...(from ? {via: from.via, label: from.label} : {})}, context),
		exploreMore: () => {
			const view = store.getState().directory;
			if (view) once('directory', () => reportOutcome(() => (view.space ? nextSpacePage(view, context) : nextDirectoryPage(view, context)), context));
		},
		searchMore: () => {
			const view = store.getState().search;
			if (view) once('search', () => reportOutcome(() => nextSearchPage(view, context), context));
		},
		searchEveryRoom: () => {
			const view = store.getState().search;
			if (view && !view.all) void runCommand({name: 'search', term: view.term, all: true}, context);
		},
		jumpTo: (hit) => void reportOutcome(() => jumpToHit(hit, context), context),
		openThread: (roomId, rootId) => {
			const root = store.getState().threadList?.threads.find((thread) => thread.rootId === rootId)?.root;
			void reportOutcome(() => openThread(roomId, rootId, root, context), context);
		},
		threadsMore: () => {
			const view = store.getState().threadList;
			if (view) once('threads', () => reportOutcome(() => nextThreadListPage(view, context), context));
		},
		threadOlder: () => {
			const view = store.getState().thread;
			if (view) once(`thread:${view.rootId}`, () => reportOutcome(() => olderThreadReplies(view, context), context));
		},
		readThread: (roomId, rootId, eventId, ts) => {
			store.dispatch({type: 'thread-seen', rootId, ts});
			// A receipt that fails (an old server) is not worth a line: the marker is kept in memory either way.
			once(`read-thread:${eventId}`, () => session.perform({type: 'read-thread', roomId, rootId, eventId, ...(options.privateReceipts ? {private: true} : {})}));
		},
		answerVerification: (id, answer) => void session.perform({type: 'answer-verification', id, answer}).then(report('answer the verification')),
		cancelTransfer: () => void session.perform({type: 'cancel-transfer'}).then(report('cancel the transfer')),
		loadPicture: (eventId, image, maxCols, maxRows) => {
			const bounds = boundsKey(maxCols, maxRows);
			once(`picture:${eventId}:${bounds}`, () =>
				session.perform({type: 'load-picture', ...image, maxCols, maxRows, ...(kitty ? {pixels: true} : {})}).then((result) => {
					const entry = pictureEntry(result, bounds, Date.now(), kitty && ((pixels) => ({id: kitty.show(pixels, pixels.cols, pixels.rows), cols: pixels.cols, rows: pixels.rows})));
					// The picture it replaces (drawn for other bounds) is drawn no more: the terminal can free it.
					const before = store.getState().pictures.get(eventId);
					if (before?.state === 'placed' && kitty) kitty.free(before.image.id);
					store.dispatch({type: 'set-picture', eventId, entry});
				}),
			);
		},
	};
	// The matrix layer leaves the departed out of member lists until the user asks to see them.
	let showDeleted = store.getState().showDeleted;
	const followShowDeleted = store.subscribe(() => {
		const wanted = store.getState().showDeleted;
		if (wanted === showDeleted) return;
		showDeleted = wanted;
		void session.perform({type: 'set-show-deleted', value: wanted}).then(report('show departed members'));
	});
	// The matrix layer fills gaps at once, and keeps what is read scrolled up, only in the room open, at its end.
	let viewed = '';
	const followView = () => {
		const {selectedRoomId, timelineScroll} = store.getState();
		const atEnd = timelineScroll === 0;
		if (`${selectedRoomId}:${atEnd}` === viewed) return;
		viewed = `${selectedRoomId}:${atEnd}`;
		void session.perform({type: 'view-timeline', roomId: selectedRoomId, atEnd}).then(report('follow the open room'));
	};
	followView();
	const unfollowView = store.subscribe(followView);
	let folded = store.getState().roomList.folded;
	const followFolds = store.subscribe(() => {
		const now = store.getState().roomList.folded;
		if (now === folded) return;
		folded = now;
		options.onFoldedSections?.([...now]);
	});
	let space = store.getState().roomList.space;
	const followSpace = store.subscribe(() => {
		const now = store.getState().roomList.space;
		if (now === space) return;
		space = now;
		options.onSpace?.(now);
	});
	// A typing notification that fails (no permission, the network) is not worth a line.
	const unfollowTyping = followTyping(store, (roomId, typing) => void session.perform({type: 'typing', roomId, typing}));
	const element = (
		<AppProviders store={store} actions={actions}>
			<App size={options.size} />
		</AppProviders>
	);
	return {
		store,
		actions,
		element,
		detach: () => {
			clearTimeout(timer);
			detach();
			followShowDeleted();
			unfollowView();
			unfollowTyping();
			followFolds();
			followSpace();
		},
	};
}
