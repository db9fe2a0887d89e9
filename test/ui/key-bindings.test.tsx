/**
 * Every key binding, pressed as a terminal sends it (through Ink's own key parser) in the context it
 * is for, with the change it must make. The last test takes each binding out of the table in turn
 * and checks that some example here notices: a binding nobody tests fails the suite.
 */
import {useEffect} from 'react';
import {Text, useInput, type Key} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {createChat} from '../../src/chat.js';
import type {AppState} from '../../src/state/app-state.js';
import {AppProviders, type UiActions} from '../../src/state/hooks.js';
import type {Store} from '../../src/state/store.js';
import {bindingFor, KEY_BINDINGS, type KeyAction, type KeyBinding, type KeyView} from '../../src/ui/key-bindings.js';
import {keyContext} from '../../src/ui/key-handler.js';
import {useKeys} from '../../src/ui/use-keys.js';
import {member} from '../support/events.js';
import {FakeSession} from '../support/fake-session.js';
import {waitFor} from '../support/wait.js';

afterAll(() => cleanup());

const PAGE = 10;
/** The columns the composer is drawn in: ↑/↓ find the row above or below at this width. */
const COMPOSER_WIDTH = 20;
const KEY = {
	enter: '\r',
	esc: '\u001b',
	tab: '\t',
	shiftTab: '\u001b[Z',
	altEnter: '\u001b\r',
	/** Shift+Enter as terminals that tell it from Enter send it (CSI u: kitty, foot, WezTerm, tmux's extended keys). */
	shiftEnter: '\u001b[13;2u',
	up: '\u001b[A',
	down: '\u001b[B',
	right: '\u001b[C',
	left: '\u001b[D',
	altUp: '\u001b\u001b[A',
	altDown: '\u001b\u001b[B',
	/** As tmux sends Alt+→ / Alt+←. */
	altRight: '\u001b[1;3C',
	altLeft: '\u001b[1;3D',
	shiftUp: '\u001b[1;2A',
	shiftDown: '\u001b[1;2B',
	pageUp: '\u001b[5~',
	pageDown: '\u001b[6~',
	home: '\u001b[H',
	end: '\u001b[F',
	delete: '\u001b[3~',
	backspace: '\u007f',
	ctrl: (letter: string) => String.fromCharCode(letter.charCodeAt(0) - 96),
	alt: (letter: string) => `\u001b${letter}`,
};

interface Arrange {
	focus?: AppState['focus'];
	text?: string;
	cursor?: number;
	prompt?: boolean;
	switcher?: {query: string; index: number};
	help?: boolean;
	/** The recovery key's panel is open. */
	recoveryKey?: boolean;
	notice?: boolean;
	timelineScroll?: number;
	sideScroll?: number;
	history?: string[];
	/** ↑ pressed this many times before. */
	historyBack?: number;
	room?: 'second';
	/** A verification under way, at this step. */
	verification?: 'incoming' | 'emoji' | 'waiting';
	devices?: boolean;
	/** /explore's panel, three rooms, the first highlighted. */
	directory?: boolean;
	/** /search's pane, three results, the first highlighted. */
	search?: boolean;
	/** A /search result shown in its context, in the selected room. */
	jump?: boolean;
	transfer?: boolean;
	/** /edit has a message in the composer. */
	editing?: boolean;
	/** /threads' panel, three threads, the first highlighted. */
	threadList?: boolean;
	/** A thread open in place of the timeline. */
	thread?: boolean;
	/** Typed in the room list (the focus goes there). */
	filter?: string;
	/** The selected room's section (Rooms) is folded. */
	folded?: boolean;
	/** The account is in a space holding the first room. */
	space?: boolean;
}

interface Example {
	name: string;
	keys: string;
	given?: Arrange;
	action: KeyAction;
	/** The change the key makes; a key bound to nothing must change nothing at all. */
	then?: (state: AppState, calls: Calls) => boolean;
}

interface Calls {
	submit: number;
	quit: number;
	/** The answers given to the verification (UiActions.answerVerification). */
	answers: string[];
	/** Esc's cancels of the file transfer under way (UiActions.cancelTransfer). */
	cancels: number;
	/** Rooms joined from /explore (UiActions.join). */
	joins: string[];
	/** Threads opened from /threads (UiActions.openThread). */
	threads: string[];
}

const ROOMS = ['!a:x', '!b:x'];
const filter = (text: string) => (state: AppState) => state.roomList.filter === text;
const selected = (roomId: string) => (state: AppState) => state.selectedRoomId === roomId;
const composer = (text: string, cursor = text.length) => (state: AppState) => state.composer.text === text && state.composer.cursor === cursor;
const focus = (where: AppState['focus']) => (state: AppState) => state.focus === where;
const switcherClosed = (state: AppState) => state.switcher === undefined;

const EXAMPLES: readonly Example[] = [
	// The room switcher, while open.
	...[KEY.esc, KEY.ctrl('k'), KEY.ctrl('c')].map((keys): Example => ({name: `${JSON.stringify(keys)} closes the switcher`, keys, given: {switcher: {query: 'b', index: 0}}, action: 'switcher.close', then: (state) => switcherClosed(state) && state.selectedRoomId === '!a:x'})),
	{name: '↑ in the switcher', keys: KEY.up, given: {switcher: {query: '', index: 1}}, action: 'switcher.up', then: (state) => state.switcher?.index === 0},
	{name: '↓ in the switcher', keys: KEY.down, given: {switcher: {query: '', index: 0}}, action: 'switcher.down', then: (state) => state.switcher?.index === 1},
	{name: 'Enter opens the highlighted room', keys: KEY.enter, given: {switcher: {query: '', index: 1}}, action: 'switcher.choose', then: (state) => switcherClosed(state) && state.selectedRoomId !== '!a:x'},
	{name: '"beta\\r" in one chunk opens the best match', keys: 'beta\r', given: {switcher: {query: '', index: 0}}, action: 'switcher.choose', then: (state) => switcherClosed(state) && selected('!b:x')(state)},
	{name: 'Backspace in the switcher', keys: KEY.backspace, given: {switcher: {query: 'ab', index: 0}}, action: 'switcher.erase', then: (state) => state.switcher?.query === 'a'},
	{name: 'Delete in the switcher', keys: KEY.delete, given: {switcher: {query: 'ab', index: 0}}, action: 'switcher.erase', then: (state) => state.switcher?.query === 'a'},
	{name: 'typing in the switcher', keys: 'b', given: {switcher: {query: 'a', index: 0}}, action: 'switcher.type', then: (state) => state.switcher?.query === 'ab'},
	// Help, while open.
	...[KEY.esc, 'q', '?'].map((keys): Example => ({name: `${JSON.stringify(keys)} closes help`, keys, given: {help: true}, action: 'help.close', then: (state) => !state.helpOpen})),
	{name: 'Ctrl+C in help quits', keys: KEY.ctrl('c'), given: {help: true}, action: 'quit', then: (_state, calls) => calls.quit === 1},
	// A verification, while under way.
	...['a', 'y'].map((keys): Example => ({name: `${keys} accepts a request`, keys, given: {verification: 'incoming'}, action: 'verify.yes', then: (_state, calls) => calls.answers.join() === 'accept'})),
	{name: 'y says the emoji match', keys: 'y', given: {verification: 'emoji'}, action: 'verify.yes', then: (_state, calls) => calls.answers.join() === 'match'},
	...[KEY.esc, 'd', 'n'].map((keys): Example => ({name: `${JSON.stringify(keys)} declines a request`, keys, given: {verification: 'incoming'}, action: 'verify.no', then: (_state, calls) => calls.answers.join() === 'decline'})),
	{name: 'n says the emoji differ', keys: 'n', given: {verification: 'emoji'}, action: 'verify.no', then: (_state, calls) => calls.answers.join() === 'mismatch'},
	{name: 'Esc stops a wait', keys: KEY.esc, given: {verification: 'waiting'}, action: 'verify.no', then: (_state, calls) => calls.answers.join() === 'cancel'},
	{name: 'Ctrl+C in a verification quits', keys: KEY.ctrl('c'), given: {verification: 'emoji'}, action: 'quit', then: (_state, calls) => calls.quit === 1},
	// Ctrl+R, the proof a key bound to nothing was handled, is taken here too: the check is the composer's.
	{name: 'other keys in a verification do nothing', keys: 'x', given: {verification: 'emoji'}, action: 'none', then: (state, calls) => state.composer.text === '' && calls.answers.length === 0},
	// /explore's panel, while open: it takes the keys.
	{name: 'Esc closes the directory', keys: KEY.esc, given: {directory: true}, action: 'directory.close', then: (state) => state.directory === undefined},
	{name: '↓ in the directory', keys: KEY.down, given: {directory: true}, action: 'directory.down', then: (state) => state.directory?.index === 1},
	{name: '↑ in the directory stops at the top', keys: KEY.up, given: {directory: true}, action: 'directory.up', then: (state) => state.directory?.index === 0},
	{name: 'PgDn in the directory', keys: KEY.pageDown, given: {directory: true}, action: 'directory.pageDown', then: (state) => state.directory?.index === 2},
	{name: 'PgUp in the directory', keys: KEY.pageUp, given: {directory: true}, action: 'directory.pageUp', then: (state) => state.directory?.index === 0},
	...[KEY.enter, 'x\r'].map((keys): Example => ({name: `${JSON.stringify(keys)} in the directory joins`, keys, given: {directory: true}, action: 'directory.join', then: (state, calls) => state.directory === undefined && calls.joins.join() === '!d1:x' && calls.submit === 0})),
	{name: 'Esc closes the search pane', keys: KEY.esc, given: {search: true}, action: 'search.close', then: (state) => state.search === undefined},
	{name: '↓ in the search pane', keys: KEY.down, given: {search: true}, action: 'search.down', then: (state) => state.search?.index === 1},
	{name: '↑ in the search pane stops at the top', keys: KEY.up, given: {search: true}, action: 'search.up', then: (state) => state.search?.index === 0},
	{name: 'PgUp in the search pane', keys: KEY.pageUp, given: {search: true}, action: 'search.pageUp', then: (state) => state.search?.index === 0},
	{name: 'Ctrl+C in the search pane quits', keys: KEY.ctrl('c'), given: {search: true}, action: 'quit', then: (_state, calls) => calls.quit === 1},
	{name: 'End in the search pane', keys: KEY.end, given: {search: true}, action: 'search.last', then: (state) => state.search?.index === 2},
	{name: 'PgDn in the search pane', keys: KEY.pageDown, given: {search: true}, action: 'search.pageDown', then: (state) => state.search?.index === 2},
	{name: 'Home in the search pane', keys: KEY.home, given: {search: true}, action: 'search.first', then: (state) => state.search?.index === 0},
	{name: 'Enter in the search pane jumps to the result', keys: KEY.enter, given: {search: true}, action: 'search.jump', then: (_state, calls) => calls.joins.join() === '$h1' && calls.submit === 0},
	{name: 'Tab in the search pane: every room', keys: KEY.tab, given: {search: true}, action: 'search.everyRoom', then: (_state, calls) => calls.submit === -1},
	{name: 'typing in the search pane goes nowhere', keys: 'x', given: {search: true}, action: 'none', then: (state) => state.composer.text === '' && state.search !== undefined},
	{name: 'Esc after a jump: back to the live timeline', keys: KEY.esc, given: {jump: true}, action: 'jump.close', then: (state) => state.jump === undefined},
	{name: 'Ctrl+C in the directory quits', keys: KEY.ctrl('c'), given: {directory: true}, action: 'quit', then: (_state, calls) => calls.quit === 1},
	{name: 'typing in the directory goes nowhere', keys: 'x', given: {directory: true}, action: 'none', then: (state) => state.composer.text === '' && state.directory !== undefined},
	{name: 'Esc closes the thread list', keys: KEY.esc, given: {threadList: true}, action: 'threads.close', then: (state) => state.threadList === undefined},
	{name: '↓ in the thread list', keys: KEY.down, given: {threadList: true}, action: 'threads.down', then: (state) => state.threadList?.index === 1},
	{name: '↑ in the thread list stops at the top', keys: KEY.up, given: {threadList: true}, action: 'threads.up', then: (state) => state.threadList?.index === 0},
	{name: 'PgDn in the thread list', keys: KEY.pageDown, given: {threadList: true}, action: 'threads.pageDown', then: (state) => state.threadList?.index === 2},
	{name: 'PgUp in the thread list', keys: KEY.pageUp, given: {threadList: true}, action: 'threads.pageUp', then: (state) => state.threadList?.index === 0},
	{name: 'End in the thread list', keys: KEY.end, given: {threadList: true}, action: 'threads.last', then: (state) => state.threadList?.index === 2},
	{name: 'Home in the thread list', keys: KEY.home, given: {threadList: true}, action: 'threads.first', then: (state) => state.threadList?.index === 0},
	...[KEY.enter, 'x\r'].map((keys): Example => ({name: `${JSON.stringify(keys)} in the thread list opens the thread`, keys, given: {threadList: true}, action: 'threads.open', then: (_state, calls) => calls.threads.join() === '$t1' && calls.submit === 0})),
	{name: 'Ctrl+C in the thread list quits', keys: KEY.ctrl('c'), given: {threadList: true}, action: 'quit', then: (_state, calls) => calls.quit === 1},
	{name: 'typing in the thread list goes nowhere', keys: 'x', given: {threadList: true}, action: 'none', then: (state) => state.composer.text === '' && state.threadList !== undefined},
	{name: 'Esc closes the thread pane, the draft kept', keys: KEY.esc, given: {thread: true, text: 'draft'}, action: 'thread.close', then: (state) => state.thread === undefined && composer('draft')(state)},
	{name: 'Esc closes the devices panel', keys: KEY.esc, given: {devices: true, notice: true}, action: 'devices.close', then: (state) => state.devices === undefined && state.notice !== undefined},
	// The recovery key's panel, while open: it closes, and nothing typed reaches the composer.
	...[KEY.esc, KEY.enter, 'abc\r'].map((keys): Example => ({name: `${JSON.stringify(keys)} closes the recovery key`, keys, given: {recoveryKey: true}, action: 'recovery-key.close', then: (state, calls) => state.recoveryKey === undefined && calls.submit === 0 && composer('')(state)})),
	{name: 'Ctrl+C over the recovery key quits', keys: KEY.ctrl('c'), given: {recoveryKey: true}, action: 'quit', then: (_state, calls) => calls.quit === 1},
	// The chat.
	{name: 'Enter in the room list goes to the composer', keys: KEY.enter, given: {focus: 'rooms'}, action: 'rooms.open', then: (state, calls) => focus('composer')(state) && selected('!a:x')(state) && calls.submit === 0},
	{name: 'Enter with a filter opens the first room it shows', keys: KEY.enter, given: {filter: 'bet'}, action: 'rooms.open', then: (state, calls) => focus('composer')(state) && selected('!b:x')(state) && filter('')(state) && calls.submit === 0},
	{name: '"bet\\rhi" in the room list opens Beta and types hi', keys: 'bet\rhi', given: {focus: 'rooms'}, action: 'rooms.open', then: (state, calls) => selected('!b:x')(state) && composer('hi')(state) && calls.submit === 0},
	{name: 'typing in the room list filters it', keys: 'be', given: {focus: 'rooms', text: 'draft'}, action: 'rooms.filter.type', then: (state) => filter('be')(state) && focus('rooms')(state) && composer('draft')(state)},
	{name: '? while filtering is text', keys: '?', given: {filter: 'a'}, action: 'rooms.filter.type', then: (state) => filter('a?')(state) && !state.helpOpen},
	{name: 'Backspace in the room list erases the filter', keys: KEY.backspace, given: {filter: 'ab', text: 'abc'}, action: 'rooms.filter.erase', then: (state) => filter('a')(state) && composer('abc')(state)},
	{name: 'Esc clears the filter', keys: KEY.esc, given: {filter: 'ab'}, action: 'rooms.filter.clear', then: (state) => filter('')(state) && focus('rooms')(state)},
	{name: 'Tab away from a filter ends it', keys: KEY.tab, given: {filter: 'ab'}, action: 'focus.next', then: (state) => filter('')(state) && focus('timeline')(state)},
	{name: '← in the room list folds the section', keys: KEY.left, given: {focus: 'rooms'}, action: 'rooms.fold', then: (state) => state.roomList.folded.has('rooms')},
	{name: '→ in the room list unfolds it', keys: KEY.right, given: {focus: 'rooms', folded: true}, action: 'rooms.unfold', then: (state) => state.roomList.folded.size === 0},
	{name: 'Ctrl+N skips the rooms of a folded section', keys: KEY.ctrl('n'), given: {folded: true}, action: 'room.next', then: selected('!a:x')},
	{name: 'Enter submits', keys: KEY.enter, given: {text: 'hi'}, action: 'submit', then: (_state, calls) => calls.submit === 1},
	{name: 'Alt+Enter starts a new line', keys: KEY.altEnter, given: {text: 'ab', cursor: 1}, action: 'composer.newline', then: (state, calls) => composer('a\nb', 2)(state) && calls.submit === 0},
	{name: 'Shift+Enter starts a new line', keys: KEY.shiftEnter, given: {text: 'ab'}, action: 'composer.newline', then: (state, calls) => composer('ab\n')(state) && calls.submit === 0},
	{name: 'Alt+Enter in a prompt does nothing', keys: KEY.altEnter, given: {text: 'ab', prompt: true}, action: 'none'},
	{name: 'Ctrl+N', keys: KEY.ctrl('n'), action: 'room.next', then: selected('!b:x')},
	{name: 'Alt+↓', keys: KEY.altDown, action: 'room.next', then: selected('!b:x')},
	{name: 'Ctrl+P', keys: KEY.ctrl('p'), given: {room: 'second'}, action: 'room.previous', then: selected('!a:x')},
	{name: 'Alt+↑', keys: KEY.altUp, given: {room: 'second'}, action: 'room.previous', then: selected('!a:x')},
	{name: 'Alt+→ chooses the next space, not the cursor', keys: KEY.altRight, given: {space: true, text: 'ab', cursor: 1}, action: 'space.next', then: (state) => state.roomList.space === '!space:x' && composer('ab', 1)(state)},
	{name: 'Alt+← in the room list: the previous space, no fold', keys: KEY.altLeft, given: {space: true, focus: 'rooms'}, action: 'space.previous', then: (state) => state.roomList.space === 'other' && state.roomList.folded.size === 0},
	{name: 'PgUp', keys: KEY.pageUp, action: 'timeline.pageUp', then: (state) => state.timelineScroll === PAGE},
	{name: 'PgDn', keys: KEY.pageDown, given: {timelineScroll: 2 * PAGE}, action: 'timeline.pageDown', then: (state) => state.timelineScroll === PAGE},
	{name: 'Ctrl+T', keys: KEY.ctrl('t'), action: 'side.toggle', then: (state) => state.sidePanel === 'state'},
	{name: 'Shift+↑', keys: KEY.shiftUp, given: {sideScroll: 5}, action: 'side.scrollUp', then: (state) => state.sideScroll === 2},
	{name: 'Shift+↓', keys: KEY.shiftDown, action: 'side.scrollDown', then: (state) => state.sideScroll === 3},
	{name: 'Ctrl+R', keys: KEY.ctrl('r'), action: 'deleted.toggle', then: (state) => state.showDeleted},
	{name: 'Ctrl+K', keys: KEY.ctrl('k'), action: 'switcher.open', then: (state) => state.switcher?.query === ''},
	{name: 'Shift+Tab', keys: KEY.shiftTab, action: 'focus.previous', then: focus('side')},
	{name: 'Tab after text completes', keys: KEY.tab, given: {text: '/hel'}, action: 'composer.complete', then: composer('/help ')},
	{name: 'Tab in a prompt completes nothing', keys: KEY.tab, given: {text: '/hel', prompt: true}, action: 'none'},
	{name: 'Tab on an empty composer', keys: KEY.tab, action: 'focus.next', then: focus('rooms')},
	{name: 'Tab away from the composer', keys: KEY.tab, given: {focus: 'timeline', text: 'typed'}, action: 'focus.next', then: focus('side')},
	{name: '? on an empty composer', keys: '?', action: 'help.open', then: (state) => state.helpOpen},
	{name: 'Esc while a file uploads cancels it', keys: KEY.esc, given: {transfer: true, notice: true}, action: 'transfer.cancel', then: (state, calls) => calls.cancels === 1 && state.notice !== undefined},
	{name: 'Esc in a prompt', keys: KEY.esc, given: {prompt: true}, action: 'prompt.cancel', then: (state) => state.prompt === undefined},
	{name: 'Esc while editing cancels the edit', keys: KEY.esc, given: {editing: true}, action: 'edit.cancel', then: (state) => state.editing === undefined && composer('')(state)},
	{name: '↑ on the first line of an edit leaves its text alone', keys: KEY.up, given: {editing: true, history: ['earlier']}, action: 'history.older'},
	{name: 'Esc in the timeline', keys: KEY.esc, given: {focus: 'timeline', notice: true}, action: 'focus.composer', then: (state) => focus('composer')(state) && state.notice !== undefined},
	{name: 'Esc in the composer', keys: KEY.esc, given: {notice: true}, action: 'notice.clear', then: (state) => state.notice === undefined},
	{name: 'Ctrl+C', keys: KEY.ctrl('c'), action: 'quit', then: (_state, calls) => calls.quit === 1},
	{name: '↑ in a prompt recalls nothing', keys: KEY.up, given: {prompt: true, history: ['earlier']}, action: 'none'},
	{name: '↑ in the composer', keys: KEY.up, given: {history: ['earlier']}, action: 'history.older', then: composer('earlier')},
	{name: '↓ in the composer', keys: KEY.down, given: {history: ['earlier', 'later'], historyBack: 2}, action: 'history.newer', then: composer('later')},
	// 20 columns: "> " and the cursor's cell leave 17 for text, so 'abcdefghijklmnopqrstu' wraps after q.
	{name: '↑ on the second line of a draft goes to the first', keys: KEY.up, given: {text: 'one\ntwo', history: ['earlier']}, action: 'history.older', then: composer('one\ntwo', 3)},
	{name: '↑ on a wrapped row keeps the column', keys: KEY.up, given: {text: 'abcdefghijklmnopqrstu', cursor: 19, history: ['earlier']}, action: 'history.older', then: composer('abcdefghijklmnopqrstu', 2)},
	{name: '↓ on the first line of a draft goes to the second', keys: KEY.down, given: {text: 'one\ntwo', cursor: 1}, action: 'history.newer', then: composer('one\ntwo', 5)},
	{name: '↓ onto a shorter line goes to its end', keys: KEY.down, given: {text: 'longer\nab\nc', cursor: 5}, action: 'history.newer', then: composer('longer\nab\nc', 9)},
	{name: '↓ on a draft\'s last line walks the history', keys: KEY.down, given: {history: ['one\ntwo', 'later'], historyBack: 2}, action: 'history.newer', then: composer('later')},
	{name: '↑ in the room list', keys: KEY.up, given: {focus: 'rooms', room: 'second'}, action: 'room.previous', then: selected('!a:x')},
	{name: '↓ in the room list', keys: KEY.down, given: {focus: 'rooms'}, action: 'room.next', then: selected('!b:x')},
	{name: '↑ in the timeline', keys: KEY.up, given: {focus: 'timeline'}, action: 'timeline.lineUp', then: (state) => state.timelineScroll === 1},
	{name: '↓ in the timeline', keys: KEY.down, given: {focus: 'timeline', timelineScroll: 2}, action: 'timeline.lineDown', then: (state) => state.timelineScroll === 1},
	{name: '↑ in the side panel', keys: KEY.up, given: {focus: 'side', sideScroll: 2}, action: 'side.lineUp', then: (state) => state.sideScroll === 1},
	{name: '↓ in the side panel', keys: KEY.down, given: {focus: 'side'}, action: 'side.lineDown', then: (state) => state.sideScroll === 1},
	{name: '"ab\\rcd" in one chunk sends ab', keys: 'ab\rcd', action: 'composer.lines', then: (state, calls) => calls.submit === 1 && composer('abcd')(state)},
	{name: 'Backspace', keys: KEY.backspace, given: {text: 'abc'}, action: 'composer.backspace', then: composer('ab')},
	{name: 'Backspace from the timeline', keys: KEY.backspace, given: {focus: 'timeline', text: 'abc'}, action: 'composer.backspace', then: (state) => focus('composer')(state) && composer('ab')(state)},
	{name: 'Delete', keys: KEY.delete, given: {text: 'abc', cursor: 0}, action: 'composer.delete', then: composer('bc', 0)},
	{name: '←', keys: KEY.left, given: {text: 'abc'}, action: 'composer.left', then: composer('abc', 2)},
	{name: '→', keys: KEY.right, given: {text: 'abc', cursor: 1}, action: 'composer.right', then: composer('abc', 2)},
	{name: 'Home', keys: KEY.home, given: {text: 'abc'}, action: 'composer.home', then: composer('abc', 0)},
	{name: 'Home goes to the start of the line', keys: KEY.home, given: {text: 'ab\ncd'}, action: 'composer.home', then: composer('ab\ncd', 3)},
	{name: 'End goes to the end of the line', keys: KEY.end, given: {text: 'ab\ncd', cursor: 0}, action: 'composer.end', then: composer('ab\ncd', 2)},
	{name: 'Ctrl+A', keys: KEY.ctrl('a'), given: {text: 'abc'}, action: 'composer.home', then: composer('abc', 0)},
	{name: 'End', keys: KEY.end, given: {text: 'abc', cursor: 0}, action: 'composer.end', then: composer('abc', 3)},
	{name: 'Ctrl+E', keys: KEY.ctrl('e'), given: {text: 'abc', cursor: 0}, action: 'composer.end', then: composer('abc', 3)},
	{name: 'Ctrl+U', keys: KEY.ctrl('u'), given: {text: 'abc'}, action: 'composer.clear', then: composer('')},
	{name: 'Ctrl+W', keys: KEY.ctrl('w'), given: {text: 'one two'}, action: 'composer.deleteWord', then: composer('one ')},
	{name: 'Ctrl+X is not text', keys: KEY.ctrl('x'), given: {text: 'abc'}, action: 'none'},
	{name: 'Alt+X is not text', keys: KEY.alt('x'), given: {text: 'abc'}, action: 'none'},
	{name: 'typing', keys: 'x', given: {text: 'ab'}, action: 'composer.insert', then: composer('abx')},
	{name: 'typing from the timeline', keys: 'x', given: {focus: 'timeline'}, action: 'composer.insert', then: (state) => focus('composer')(state) && composer('x')(state)},
];

function arrange(given: Arrange = {}) {
	const session = new FakeSession('@me:example.org');
	const {store} = createChat(session, {coalesceMs: 0, onQuit: () => {}});
	for (const [index, roomId] of ROOMS.entries()) session.pushRoom({roomId, name: index === 0 ? 'Alpha' : 'Beta', events: [member('@me:example.org', {membership: 'join'})]});
	store.dispatch({type: 'select-room', roomId: given.room === 'second' ? ROOMS[1]! : ROOMS[0]!});
	for (const text of given.history ?? []) store.dispatch({type: 'remember-input', roomId: ROOMS[0]!, text});
	for (let step = 0; step < (given.historyBack ?? 0); step++) store.dispatch({type: 'history-step', delta: -1});
	if (given.prompt) store.dispatch({type: 'open-prompt', prompt: {flow: 'deactivate', step: 'confirm', id: 1, text: 'Type your user ID', placeholder: 'type your user ID', secret: false}});
	if (given.editing) store.dispatch({type: 'start-edit', editing: {roomId: ROOMS[0]!, eventId: '$mine', emote: false}, text: 'mine'});
	if (given.text !== undefined) store.dispatch({type: 'set-composer', composer: {text: given.text, cursor: given.cursor ?? given.text.length}});
	if (given.focus) store.dispatch({type: 'set-focus', focus: given.focus});
	if (given.filter !== undefined) {
		store.dispatch({type: 'set-focus', focus: 'rooms'});
		store.dispatch({type: 'set-room-filter', filter: given.filter});
	}
	if (given.folded) store.dispatch({type: 'fold-section', fold: true});
	if (given.space) session.pushRoom({roomId: '!space:x', name: 'Space', space: {children: [ROOMS[0]!]}});
	if (given.notice) store.dispatch({type: 'show-notice', notice: {kind: 'info', text: 'note'}});
	if (given.timelineScroll) store.dispatch({type: 'scroll-timeline', delta: given.timelineScroll});
	if (given.sideScroll) store.dispatch({type: 'scroll-side', delta: given.sideScroll});
	if (given.help) store.dispatch({type: 'set-help-open', open: true});
	if (given.verification) session.push({kind: 'verification', verification: {id: 7, phase: given.verification, userId: '@me:example.org', deviceId: 'OTHER'}});
	if (given.devices) store.dispatch({type: 'show-devices', devices: []});
	if (given.directory) store.dispatch({type: 'show-directory', page: {rooms: ['!d1:x', '!d2:x', '!d3:x'].map((roomId) => ({roomId, members: 1}))}});
	if (given.search) {
		const hits = ['$h1', '$h2', '$h3'].map((eventId) => ({roomId: ROOMS[0]!, eventId, sender: '@b:x', ts: 1, body: 'fox'}));
		store.dispatch({type: 'show-search', view: {term: 'fox', all: false, serverRooms: [ROOMS[0]!], encryptedRooms: 0, server: hits, local: [], results: hits, index: 0}});
	}
	if (given.jump) store.dispatch({type: 'show-jump', jump: {roomId: ROOMS[0]!, eventId: '$h1', events: [], members: []}});
	if (given.threadList) {
		const thread = (rootId: string) => ({rootId, root: {type: 'm.room.message', event_id: rootId, sender: '@a:x', content: {body: rootId}}, count: 1, latestTs: 1});
		store.dispatch({type: 'show-thread-list', roomId: ROOMS[0]!, page: {threads: ['$t1', '$t2', '$t3'].map(thread)}});
	}
	if (given.thread) store.dispatch({type: 'open-thread', roomId: ROOMS[0]!, rootId: '$t1'});
	if (given.transfer) session.push({kind: 'transfer', transfer: {id: 1, direction: 'upload', name: 'cat.png', done: 10, total: 100}});
	if (given.recoveryKey) store.dispatch({type: 'show-recovery-key', recoveryKey: 'EsTj 3yST y93F SLpB jJsz eAXc 2XzA ygD3 w69H fGaN TKBj jXEd'});
	if (given.switcher) {
		store.dispatch({type: 'open-switcher'});
		store.dispatch({type: 'switcher-query', query: given.switcher.query});
		store.dispatch({type: 'switcher-move', delta: given.switcher.index});
	}
	return store;
}

/** Effects run in order: once this one has, the listeners above it are attached and no byte is lost. */
function Ready({onReady}: {onReady: () => void}) {
	useEffect(onReady, [onReady]);
	return null;
}

/**
 * One Ink render for the whole file (each costs a few hundred milliseconds): the keyboard wiring on
 * whichever store the current example arranged, and a probe that records what Ink parsed.
 */
const current: {store: Store; calls: Calls} = {store: arrange(), calls: {submit: 0, quit: 0, answers: [], cancels: 0, joins: [], threads: []}};
const parsedPresses: Array<[string, Key]> = [];
let ready = false;

function Keys() {
	useKeys(PAGE, COMPOSER_WIDTH);
	useInput((input, key) => {
		parsedPresses.push([input, key]);
	});
	return (
		<>
			<Text>keys</Text>
			<Ready onReady={() => (ready = true)} />
		</>
	);
}

const delegate: Store = {
	getState: () => current.store.getState(),
	dispatch: (action) => current.store.dispatch(action),
	subscribe: (listener) => current.store.subscribe(listener),
	batch: (change) => current.store.batch(change),
};
const actions: UiActions = {
	submit: () => current.calls.submit++,
	quit: () => current.calls.quit++,
	loadOlder() {},
	loadMembers() {},
	loadStateView() {},
	markRead() {},
	join: (target) => current.calls.joins.push(target),
	exploreMore() {},
	searchMore() {},
	searchEveryRoom: () => current.calls.submit--,
	jumpTo: (hit) => current.calls.joins.push(hit.eventId),
	openThread: (_roomId, rootId) => current.calls.threads.push(rootId),
	threadsMore() {},
	threadOlder() {},
	readThread() {},
	answerVerification: (_id, answer) => current.calls.answers.push(answer),
	cancelTransfer: () => current.calls.cancels++,
	loadPicture() {},
};
let stdin: {write(data: string): void};

beforeAll(async () => {
	stdin = render(
		<AppProviders store={delegate} actions={actions}>
			<Keys />
		</AppProviders>,
	).stdin;
	await waitFor(() => ready);
});

/** Makes `store` the one the keys act on, then types `keys`. */
function pressOn(store: Store, keys: string) {
	current.store = store;
	current.calls = {submit: 0, quit: 0, answers: [], cancels: 0, joins: [], threads: []};
	stdin.write(keys);
	return current.calls;
}

/** What Ink makes of the bytes: the input and key a handler is given (on a store where nothing listens). */
const parsedKeys = new Map<string, [string, Key]>();
async function parse(keys: string): Promise<[string, Key]> {
	const known = parsedKeys.get(keys);
	if (known) return known;
	const before = parsedPresses.length;
	pressOn(arrange({help: true, switcher: {query: '', index: 0}}), keys);
	const press = await waitFor(() => parsedPresses[before]);
	parsedKeys.set(keys, press);
	return press;
}

describe.each(EXAMPLES)('$name', (example) => {
	test(`is ${example.action}`, async () => {
		const [input, key] = await parse(example.keys);
		expect(bindingFor(input, key, keyContext(arrange(example.given).getState()))?.action).toBe(example.action);
	});

	test('makes its change', async () => {
		const store = arrange(example.given);
		const before = store.getState();
		const calls = pressOn(store, example.keys);
		if (example.then) {
			const then = example.then;
			await waitFor(() => then(store.getState(), calls), {timeoutMs: 3000, describe: () => JSON.stringify({...store.getState(), rooms: undefined, calls})});
			return;
		}
		// A key bound to nothing: then Ctrl+R, whose change shows the first key was handled too.
		stdin.write(KEY.ctrl('r'));
		await waitFor(() => store.getState().showDeleted);
		expect({...store.getState(), showDeleted: before.showDeleted, sideScroll: before.sideScroll}).toEqual(before);
		expect(calls).toEqual({submit: 0, quit: 0, answers: [], cancels: 0, joins: [], threads: []});
	});
});

test('every binding is needed by some example: taking it out changes what a key does', async () => {
	const examples = await Promise.all(EXAMPLES.map(async (example) => ({example, keys: await parse(example.keys), context: keyContext(arrange(example.given).getState())})));
	const untested: string[] = [];
	for (const view of Object.keys(KEY_BINDINGS) as KeyView[]) {
		for (const binding of KEY_BINDINGS[view]) {
			const without = {...KEY_BINDINGS, [view]: KEY_BINDINGS[view].filter((other) => other !== binding)};
			const noticed = examples.some(({keys: [input, key], context}) => bindingFor(input, key, context) !== bindingFor(input, key, context, without));
			if (!noticed) untested.push(describeBinding(view, binding));
		}
	}
	expect(untested).toEqual([]);
});

function describeBinding(view: KeyView, binding: KeyBinding): string {
	return `${view}: ${binding.action} ${JSON.stringify(binding.chords)} ${JSON.stringify(binding.when ?? {})}`;
}
