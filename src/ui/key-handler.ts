/**
 * What a key does: the binding table (key-bindings.ts) says which action a key is in the app's
 * current context; this module says what each action does to the store.
 */
import type {Key} from 'ink';
import {COMMANDS} from '../commands/definitions.js';
import type {AppAction, AppState} from '../state/app-state.js';
import {editComposer, type ComposerEdit} from '../state/composer-state.js';
import type {UiActions} from '../state/hooks.js';
import {completionSources, selectSwitcherMatches} from '../state/selectors.js';
import type {Store} from '../state/store.js';
import {composerView, cursorOnRow} from './composer-layout.js';
import {bindingFor, type KeyAction, type KeyContext} from './key-bindings.js';
import {joinTarget} from '../domain/public-rooms.js';
import {wantsNextPage} from '../state/directory.js';
import {selectedHit, wantsNextPage as wantsNextSearchPage} from '../state/search.js';
import {listWantsNextPage} from '../state/threads.js';
import {directoryName} from './directory-rows.js';

const COMMAND_NAMES = COMMANDS.map((command) => command.name);

/**
 * Keys that arrive inside a chunk of typed text: Ctrl+A…Ctrl+Z but Backspace (Ctrl+H) and the line
 * breaks (Ctrl+J, Ctrl+M), which keep their meaning in text; and Tab. A paste never comes here (usePaste).
 */
const KEY_IN_TEXT = /[\u0001-\u0007\u0009\u000b\u000c\u000e-\u001a]/;

/**
 * Keys pressed fast (or `tmux send-keys C-u C-k`) reach Ink in one read, and Ink hands a chunk
 * over as one input: its Ctrl keys and Tabs are taken apart here, each as Ink reports a lone one
 * (Ctrl: the letter, with ctrl; Tab: no text, with tab), the text between them as typed text.
 * So "Bo⇥", typed fast, completes the name.
 */
function* keysApart(input: string, key: Key): Generator<{input: string; key: Key}> {
	let text = '';
	for (const char of input) {
		if (!KEY_IN_TEXT.test(char)) {
			text += char;
			continue;
		}
		if (text) yield {input: text, key};
		text = '';
		yield char === '\t' ? {input: '', key: {...key, tab: true}} : {input: String.fromCharCode(char.charCodeAt(0) + 0x60), key: {...key, ctrl: true}};
	}
	if (text) yield {input: text, key};
}

/** What the keys need to know of the screen. */
export interface KeyScreen {
	/** Rows a page of the timeline scrolls. */
	pageSize: number;
	/** Columns the composer is drawn in: which of its rows is above or below. */
	composerWidth: number;
}

interface Press extends KeyScreen {
	input: string;
	key: Key;
	state: AppState;
	store: Store;
	actions: UiActions;
}

export function keyContext(state: AppState): KeyContext {
	const view = state.recoveryKey !== undefined ? 'recovery-key' : state.switcher ? 'switcher' : state.verification ? 'verify' : state.helpOpen ? 'help' : state.directory ? 'directory' : state.search ? 'search' : state.threadList ? 'threads' : 'chat';
	return {view, focus: state.focus, composerEmpty: state.composer.text === '', prompt: state.prompt !== undefined, devices: state.devices !== undefined, editing: state.editing !== undefined, transfer: state.transfer !== undefined, roomFilter: state.roomList.filter !== '', jump: state.jump !== undefined && state.jump.roomId === state.selectedRoomId, thread: state.thread !== undefined && state.thread.roomId === state.selectedRoomId};
}

export function handleKey(input: string, key: Key, store: Store, actions: UiActions, screen: KeyScreen): void {
	if (input.length > 1 && !key.ctrl && !key.meta && KEY_IN_TEXT.test(input)) {
		for (const part of keysApart(input, key)) handleKey(part.input, part.key, store, actions, screen);
		return;
	}
	const state = store.getState();
	const binding = bindingFor(input, key, keyContext(state));
	if (binding) EFFECTS[binding.action]({input, key, state, store, actions, ...screen});
}

/**
 * A bracketed paste: its text goes in where the cursor is, line breaks and all, and nothing is sent.
 * A prompt's answer (a user ID, a password) is one line, so there they become spaces; the room
 * switcher's query too. Elsewhere (help, a verification, the recovery key) a paste goes nowhere.
 */
export function handlePaste(text: string, store: Store): void {
	const state = store.getState();
	const view = keyContext(state).view;
	const oneLine = text.replace(/\r\n?|\n/g, ' ');
	if (view === 'switcher') store.dispatch({type: 'switcher-query', query: state.switcher!.query + oneLine});
	if (view !== 'chat' || !text) return;
	if (state.focus !== 'composer') store.dispatch({type: 'set-focus', focus: 'composer'});
	const inserted = state.prompt ? oneLine : text;
	store.dispatch({type: 'set-composer', composer: editComposer(store.getState().composer, {type: 'insert', text: inserted})});
}

const dispatchOf =
	(action: (press: Press) => AppAction) =>
	(press: Press): void =>
		press.store.dispatch(action(press));

/** An edit of the composer's text, which also brings the focus back to it. */
const edit =
	(change: ComposerEdit | ((input: string) => ComposerEdit)) =>
	({input, store}: Press): void => {
		if (store.getState().focus !== 'composer') store.dispatch({type: 'set-focus', focus: 'composer'});
		store.dispatch({type: 'set-composer', composer: editComposer(store.getState().composer, typeof change === 'function' ? change(input) : change)});
	};

/**
 * ↑↓ PgUp PgDn Home End in a list pane (paged-list.ts): the highlight moves by `delta`; near the
 * end of what is held, the pane's next page is asked for.
 */
const moveInList =
	(move: (delta: number) => AppAction, wantsMore: (state: AppState, pageSize: number) => boolean, more: (actions: UiActions) => void) =>
	(delta: (press: Press) => number) =>
	(press: Press): void => {
		press.store.dispatch(move(delta(press)));
		if (wantsMore(press.store.getState(), press.pageSize)) more(press.actions);
	};

const moveInDirectory = moveInList(
	(delta) => ({type: 'directory-move', delta}),
	(state, pageSize) => state.directory !== undefined && wantsNextPage(state.directory, pageSize),
	(actions) => actions.exploreMore(),
);

const moveInSearch = moveInList(
	(delta) => ({type: 'search-move', delta}),
	(state, pageSize) => state.search !== undefined && wantsNextSearchPage(state.search, pageSize),
	(actions) => actions.searchMore(),
);

const moveInThreads = moveInList(
	(delta) => ({type: 'thread-list-move', delta}),
	(state, pageSize) => state.threadList !== undefined && listWantsNextPage(state.threadList, pageSize),
	(actions) => actions.threadsMore(),
);

const EFFECTS: Record<KeyAction, (press: Press) => void> = {
	'switcher.close': dispatchOf(() => ({type: 'close-switcher'})),
	'switcher.up': dispatchOf(() => ({type: 'switcher-move', delta: -1})),
	'switcher.down': dispatchOf(() => ({type: 'switcher-move', delta: 1})),
	'switcher.choose': chooseRoom,
	'switcher.erase': dispatchOf(({state}) => ({type: 'switcher-query', query: [...state.switcher!.query].slice(0, -1).join('')})),
	'switcher.type': dispatchOf(({state, input}) => ({type: 'switcher-query', query: state.switcher!.query + input})),
	'help.close': dispatchOf(() => ({type: 'set-help-open', open: false})),
	'verify.yes': ({state, actions}) => answerVerification(state, actions, true),
	'verify.no': ({state, actions}) => answerVerification(state, actions, false),
	'devices.close': dispatchOf(() => ({type: 'close-devices'})),
	'directory.close': dispatchOf(() => ({type: 'close-directory'})),
	'directory.up': moveInDirectory(() => -1),
	'directory.down': moveInDirectory(() => 1),
	'directory.pageUp': moveInDirectory(({pageSize}) => -pageSize),
	'directory.pageDown': moveInDirectory(({pageSize}) => pageSize),
	'directory.join': joinFromDirectory,
	'search.close': dispatchOf(() => ({type: 'close-search'})),
	'search.up': moveInSearch(() => -1),
	'search.down': moveInSearch(() => 1),
	'search.pageUp': moveInSearch(({pageSize}) => -pageSize),
	'search.pageDown': moveInSearch(({pageSize}) => pageSize),
	'search.first': moveInSearch(() => Number.NEGATIVE_INFINITY),
	'search.last': moveInSearch(() => Number.POSITIVE_INFINITY),
	'search.jump': ({state, actions}) => {
		const hit = selectedHit(state.search);
		if (hit) actions.jumpTo(hit);
	},
	'search.everyRoom': ({actions}) => actions.searchEveryRoom(),
	'jump.close': dispatchOf(() => ({type: 'close-jump'})),
	'threads.close': dispatchOf(() => ({type: 'close-thread-list'})),
	'threads.up': moveInThreads(() => -1),
	'threads.down': moveInThreads(() => 1),
	'threads.pageUp': moveInThreads(({pageSize}) => -pageSize),
	'threads.pageDown': moveInThreads(({pageSize}) => pageSize),
	'threads.first': moveInThreads(() => -Infinity),
	'threads.last': moveInThreads(() => Infinity),
	'threads.open': openFromThreadList,
	'thread.close': dispatchOf(() => ({type: 'close-thread'})),
	'transfer.cancel': ({actions}) => actions.cancelTransfer(),
	'recovery-key.close': dispatchOf(() => ({type: 'close-recovery-key'})),
	quit: ({actions}) => actions.quit(),
	submit: ({actions}) => actions.submit(),
	'focus.composer': dispatchOf(() => ({type: 'set-focus', focus: 'composer'})),
	'room.next': dispatchOf(() => ({type: 'select-relative-room', delta: 1})),
	'room.previous': dispatchOf(() => ({type: 'select-relative-room', delta: -1})),
	'space.next': dispatchOf(() => ({type: 'cycle-space', delta: 1})),
	'space.previous': dispatchOf(() => ({type: 'cycle-space', delta: -1})),
	'rooms.open': openListedRoom,
	'rooms.filter.type': dispatchOf(({state, input}) => ({type: 'set-room-filter', filter: state.roomList.filter + input})),
	'rooms.filter.erase': dispatchOf(({state}) => ({type: 'set-room-filter', filter: [...state.roomList.filter].slice(0, -1).join('')})),
	'rooms.filter.clear': dispatchOf(() => ({type: 'set-room-filter', filter: ''})),
	'rooms.fold': dispatchOf(() => ({type: 'fold-section', fold: true})),
	'rooms.unfold': dispatchOf(() => ({type: 'fold-section', fold: false})),
	'timeline.pageUp': dispatchOf(({pageSize}) => ({type: 'scroll-timeline', delta: pageSize})),
	'timeline.pageDown': dispatchOf(({pageSize}) => ({type: 'scroll-timeline', delta: -pageSize})),
	'timeline.lineUp': dispatchOf(() => ({type: 'scroll-timeline', delta: 1})),
	'timeline.lineDown': dispatchOf(() => ({type: 'scroll-timeline', delta: -1})),
	'side.toggle': dispatchOf(({state}) => ({type: 'set-side-panel', panel: state.sidePanel === 'members' ? 'state' : 'members'})),
	'side.scrollUp': dispatchOf(() => ({type: 'scroll-side', delta: -3})),
	'side.scrollDown': dispatchOf(() => ({type: 'scroll-side', delta: 3})),
	'side.lineUp': dispatchOf(() => ({type: 'scroll-side', delta: -1})),
	'side.lineDown': dispatchOf(() => ({type: 'scroll-side', delta: 1})),
	'deleted.toggle': dispatchOf(({state}) => ({type: 'set-show-deleted', value: !state.showDeleted})),
	'switcher.open': dispatchOf(() => ({type: 'open-switcher'})),
	'focus.next': dispatchOf(() => ({type: 'cycle-focus', delta: 1})),
	'focus.previous': dispatchOf(() => ({type: 'cycle-focus', delta: -1})),
	'composer.complete': dispatchOf(({state}) => ({type: 'complete', sources: completionSources(state, COMMAND_NAMES)})),
	'help.open': dispatchOf(() => ({type: 'set-help-open', open: true})),
	'prompt.cancel': dispatchOf(() => ({type: 'cancel-prompt'})),
	'edit.cancel': dispatchOf(() => ({type: 'end-edit', cancelled: true})),
	'notice.clear': dispatchOf(() => ({type: 'clear-notice'})),
	'history.older': rowOrHistory(-1),
	'history.newer': rowOrHistory(1),
	'composer.newline': edit({type: 'insert', text: '\n'}),
	'composer.lines': typeLines,
	'composer.backspace': edit({type: 'backspace'}),
	'composer.delete': edit({type: 'delete'}),
	'composer.left': edit({type: 'left'}),
	'composer.right': edit({type: 'right'}),
	'composer.home': edit({type: 'home'}),
	'composer.end': edit({type: 'end'}),
	'composer.clear': edit({type: 'clear'}),
	'composer.deleteWord': edit({type: 'delete-word-back'}),
	'composer.insert': edit((input) => ({type: 'insert', text: input})),
	none: () => {},
};

/** Yes or no to the verification's current question: accept or decline a request, the emoji match or not; no cancels a wait. */
function answerVerification(state: AppState, actions: UiActions, yes: boolean): void {
	const view = state.verification;
	if (!view) return;
	if (view.phase === 'incoming') actions.answerVerification(view.id, yes ? 'accept' : 'decline');
	else if (view.phase === 'emoji') actions.answerVerification(view.id, yes ? 'match' : 'mismatch');
	else if (!yes) actions.answerVerification(view.id, 'cancel');
}

/** Enter in /explore: the panel closes and the highlighted room is joined, as /join would; in /space's, by ID through the servers the space names. */
function joinFromDirectory({state, store, actions}: Press): void {
	const view = state.directory;
	const room = view?.rooms[view.index];
	store.dispatch({type: 'close-directory'});
	if (!room) return;
	if (view?.space) actions.join(room.roomId, {via: view.via?.[room.roomId] ?? [], label: directoryName(room)});
	else actions.join(joinTarget(room));
}

/** Enter in /threads: the highlighted thread opens in the pane (the list closes with it). */
function openFromThreadList({state, store, actions}: Press): void {
	const view = state.threadList;
	const thread = view?.threads[view.index];
	if (!view || !thread) {
		store.dispatch({type: 'close-thread-list'});
		return;
	}
	actions.openThread(view.roomId, thread.rootId);
}

/**
 * Enter in the room list opens the room and moves to the composer. Typed fast, "gen\r" arrives as
 * one chunk: its text filters first; anything after the line break is typed into the composer.
 */
function openListedRoom(press: Press): void {
	const {input, key, store} = press;
	const at = key.return ? -1 : input.search(/[\r\n]/);
	if (at > 0) store.dispatch({type: 'set-room-filter', filter: store.getState().roomList.filter + input.slice(0, at)});
	store.dispatch({type: 'open-listed-room'});
	const rest = at === -1 ? '' : input.slice(at).replace(/^(\r\n?|\n)/, '');
	if (rest) typeLines({...press, input: rest});
}

/** Enter picks the highlighted room; "query\r" typed in one chunk picks the best match for it. */
function chooseRoom({input, key, state, store}: Press): void {
	const switcher = state.switcher!;
	const query = key.return ? switcher.query : switcher.query + input.replace(/[\r\n]+$/, '');
	const matches = selectSwitcherMatches(state.rooms, query);
	const chosen = matches[Math.min(key.return ? switcher.index : 0, matches.length - 1)];
	store.dispatch({type: 'close-switcher'});
	if (chosen) store.dispatch({type: 'select-room', roomId: chosen.roomId});
}

/** ↑/↓ in the composer: to the row above or below in a draft of several rows; from its first or last row, through the input history. */
function rowOrHistory(delta: -1 | 1): (press: Press) => void {
	return ({state, store, composerWidth}) => {
		const cursor = cursorOnRow(composerView(state, composerWidth).rows, state.composer.cursor, delta);
		// An edit's text is the message's: the history does not replace it.
		if (cursor === undefined) {
			if (!state.editing) store.dispatch({type: 'history-step', delta});
		}
		else store.dispatch({type: 'set-composer', composer: editComposer(state.composer, {type: 'move', cursor})});
	};
}

/** Typing fast (or tmux send-keys) delivers "text\r" as one chunk: each line break is an Enter. */
function typeLines({input, store, actions}: Press): void {
	const lines = input.split(/\r\n?|\n/);
	lines.forEach((line, index) => {
		if (line) store.dispatch({type: 'set-composer', composer: editComposer(store.getState().composer, {type: 'insert', text: line})});
		if (index < lines.length - 1) actions.submit();
	});
}
