/**
 * Keys as data: every key the app reads, where it applies and what it does, in one table that the
 * key handler, /help and the status line's hints all read. Within a view the first binding whose
 * context fits and whose chord matches wins, so a binding for a narrower context comes first.
 */
import type {Key} from 'ink';
import type {Focus} from '../state/app-state.js';
import {chordMatches, type Chord} from './key-chords.js';

/** What takes the keys: the recovery key's panel, the room switcher, a verification or help when open, else the chat. */
export type KeyView = 'recovery-key' | 'switcher' | 'verify' | 'help' | 'directory' | 'search' | 'threads' | 'chat';

/** The state a binding may depend on. */
export interface KeyContext {
	view: KeyView;
	focus: Focus;
	composerEmpty: boolean;
	/** A confirmation or password is being asked in the composer. */
	prompt: boolean;
	/** The /devices panel is open (the composer stays usable under it). */
	devices: boolean;
	/** /edit has a message of ours in the composer. */
	editing: boolean;
	/** A file upload or download is under way (Esc cancels it). */
	transfer: boolean;
	/** A filter is typed in the room pane. */
	roomFilter: boolean;
	/** A /search result is shown in its context in place of the live timeline. */
	jump: boolean;
	/** The thread pane is open in place of the timeline. */
	thread?: boolean;
}

/** Where a binding applies; a field left out fits any state. */
interface KeyWhen {
	focus?: Focus | readonly Focus[];
	composer?: 'empty' | 'text';
	prompt?: boolean;
	devices?: boolean;
	editing?: boolean;
	transfer?: boolean;
	roomFilter?: boolean;
	jump?: boolean;
	thread?: boolean;
}

export type KeyAction =
	| 'switcher.close'
	| 'switcher.up'
	| 'switcher.down'
	| 'switcher.choose'
	| 'switcher.erase'
	| 'switcher.type'
	| 'help.close'
	| 'verify.yes'
	| 'verify.no'
	| 'devices.close'
	| 'directory.close'
	| 'directory.up'
	| 'directory.down'
	| 'directory.pageUp'
	| 'directory.pageDown'
	| 'directory.join'
	| 'search.close'
	| 'search.up'
	| 'search.down'
	| 'search.pageUp'
	| 'search.pageDown'
	| 'search.first'
	| 'search.last'
	| 'search.jump'
	| 'search.everyRoom'
	| 'jump.close'
	| 'threads.close'
	| 'threads.up'
	| 'threads.down'
	| 'threads.pageUp'
	| 'threads.pageDown'
	| 'threads.first'
	| 'threads.last'
	| 'threads.open'
	| 'thread.close'
	| 'transfer.cancel'
	| 'recovery-key.close'
	| 'quit'
	| 'submit'
	| 'focus.composer'
	| 'room.next'
	| 'rooms.open'
	| 'rooms.filter.type'
	| 'rooms.filter.erase'
	| 'rooms.filter.clear'
	| 'rooms.fold'
	| 'rooms.unfold'
	| 'room.previous'
	| 'space.next'
	| 'space.previous'
	| 'timeline.pageUp'
	| 'timeline.pageDown'
	| 'timeline.lineUp'
	| 'timeline.lineDown'
	| 'side.toggle'
	| 'side.scrollUp'
	| 'side.scrollDown'
	| 'side.lineUp'
	| 'side.lineDown'
	| 'deleted.toggle'
	| 'switcher.open'
	| 'focus.next'
	| 'focus.previous'
	| 'composer.complete'
	| 'help.open'
	| 'prompt.cancel'
	| 'edit.cancel'
	| 'notice.clear'
	| 'history.older'
	| 'history.newer'
	| 'composer.newline'
	| 'composer.lines'
	| 'composer.backspace'
	| 'composer.delete'
	| 'composer.left'
	| 'composer.right'
	| 'composer.home'
	| 'composer.end'
	| 'composer.clear'
	| 'composer.deleteWord'
	| 'composer.insert'
	/** The key is taken, and does nothing here. */
	| 'none';

export interface KeyBinding {
	action: KeyAction;
	chords: readonly Chord[];
	when?: KeyWhen;
	/** Its line in /help; a binding another line already covers has none. */
	help?: string;
}

const ENTER: Chord = {key: 'return'};
const ALT_ENTER: Chord = {meta: true, key: 'return'};
const SHIFT_ENTER: Chord = {shift: true, key: 'return'};
const ESC: Chord = {key: 'escape'};
const TAB: Chord = {key: 'tab'};
const UP: Chord = {key: 'up'};
const DOWN: Chord = {key: 'down'};
const ctrl = (char: string): Chord => ({ctrl: true, char});

export const KEY_BINDINGS: {readonly [View in KeyView]: readonly KeyBinding[]} = {
	// Every other key is taken and does nothing: nothing typed while the key shows goes anywhere.
	'recovery-key': [
		{action: 'recovery-key.close', chords: [ESC, ENTER, {text: 'line-end'}]},
		{action: 'quit', chords: [ctrl('c')]},
	],
	switcher: [
		{action: 'switcher.close', chords: [ESC, ctrl('k'), ctrl('c')]},
		{action: 'switcher.up', chords: [UP]},
		{action: 'switcher.down', chords: [DOWN]},
		{action: 'switcher.choose', chords: [ENTER, {text: 'line-end'}]},
		{action: 'switcher.erase', chords: [{key: 'backspace'}, {key: 'delete'}]},
		{action: 'switcher.type', chords: [{text: 'plain'}]},
	],
	// /explore's panel takes the keys while it is open: nothing typed there reaches the composer.
	directory: [
		{action: 'directory.close', chords: [ESC]},
		{action: 'directory.up', chords: [UP]},
		{action: 'directory.down', chords: [DOWN]},
		{action: 'directory.pageUp', chords: [{key: 'pageUp'}]},
		{action: 'directory.pageDown', chords: [{key: 'pageDown'}]},
		{action: 'directory.join', chords: [ENTER, {text: 'line-end'}]},
		{action: 'quit', chords: [ctrl('c')]},
		{action: 'none', chords: [{text: 'any'}, {ctrl: true}, {meta: true}]},
	],
	// /search's pane takes the keys while it is open, as /explore's does.
	search: [
		{action: 'search.close', chords: [ESC]},
		{action: 'search.up', chords: [UP]},
		{action: 'search.down', chords: [DOWN]},
		{action: 'search.pageUp', chords: [{key: 'pageUp'}]},
		{action: 'search.pageDown', chords: [{key: 'pageDown'}]},
		{action: 'search.first', chords: [{key: 'home'}]},
		{action: 'search.last', chords: [{key: 'end'}]},
		{action: 'search.jump', chords: [ENTER, {text: 'line-end'}]},
		{action: 'search.everyRoom', chords: [TAB]},
		{action: 'quit', chords: [ctrl('c')]},
		{action: 'none', chords: [{text: 'any'}, {ctrl: true}, {meta: true}]},
	],
	// /threads' panel takes the keys while it is open, as /explore's does.
	threads: [
		{action: 'threads.close', chords: [ESC]},
		{action: 'threads.up', chords: [UP]},
		{action: 'threads.down', chords: [DOWN]},
		{action: 'threads.pageUp', chords: [{key: 'pageUp'}]},
		{action: 'threads.pageDown', chords: [{key: 'pageDown'}]},
		{action: 'threads.first', chords: [{key: 'home'}]},
		{action: 'threads.last', chords: [{key: 'end'}]},
		{action: 'threads.open', chords: [ENTER, {text: 'line-end'}], help: 'in /threads (↑↓ PgUp PgDn Home End choose, Esc closes): open the thread in its pane'},
		{action: 'quit', chords: [ctrl('c')]},
		{action: 'none', chords: [{text: 'any'}, {ctrl: true}, {meta: true}]},
	],
	help: [
		{action: 'help.close', chords: [ESC, {char: 'q'}, {char: '?'}]},
		{action: 'quit', chords: [ctrl('c')]},
	],
	// A verification's panel takes every key while it is open: its letters answer it, none reaches the composer.
	verify: [
		{action: 'verify.yes', chords: [{char: 'a'}, {char: 'y'}]},
		{action: 'verify.no', chords: [ESC, {char: 'd'}, {char: 'n'}]},
		{action: 'quit', chords: [ctrl('c')]},
		{action: 'none', chords: [{text: 'any'}, {ctrl: true}, {meta: true}]},
	],
	chat: [
		// Before Enter, which matches with any modifier. A prompt's answer is one line.
		{action: 'none', chords: [ALT_ENTER, SHIFT_ENTER], when: {prompt: true}},
		{action: 'composer.newline', chords: [ALT_ENTER, SHIFT_ENTER], help: 'a new line in the message (Shift+Enter where the terminal tells it from Enter)'},
		{action: 'rooms.open', chords: [ENTER, {text: 'line-end'}, {text: 'lines'}], when: {focus: 'rooms'}, help: 'in the room list: open the room and go to the composer; type there first to narrow the list to the rooms whose name holds the text'},
		{action: 'submit', chords: [ENTER], help: 'send the message or run the command'},
		{action: 'room.next', chords: [ctrl('n'), {meta: true, key: 'down'}], help: 'next room'},
		{action: 'room.previous', chords: [ctrl('p'), {meta: true, key: 'up'}], help: 'previous room'},
		// Before ← / →, which match with any modifier. tmux sends ESC [1;3C / ESC [1;3D for them.
		{action: 'space.next', chords: [{meta: true, key: 'right'}], help: 'the next space in the selector above the room list: only its rooms are listed (Alt+← the previous one)'},
		{action: 'space.previous', chords: [{meta: true, key: 'left'}]},
		{action: 'timeline.pageUp', chords: [{key: 'pageUp'}], help: 'scroll the timeline up (loads older messages)'},
		{action: 'timeline.pageDown', chords: [{key: 'pageDown'}], help: 'scroll the timeline down'},
		{action: 'side.toggle', chords: [ctrl('t')], help: 'switch the side panel between members and room state'},
		{action: 'side.scrollUp', chords: [{shift: true, key: 'up'}], help: 'scroll the side panel up'},
		{action: 'side.scrollDown', chords: [{shift: true, key: 'down'}], help: 'scroll the side panel down'},
		{action: 'deleted.toggle', chords: [ctrl('r')], help: 'reveal or hide deleted state and departed members'},
		{action: 'switcher.open', chords: [ctrl('k')], help: 'quick room switcher (fuzzy search)'},
		{action: 'focus.previous', chords: [{shift: true, key: 'tab'}], help: 'focus the previous pane'},
		{action: 'composer.complete', chords: [TAB], when: {focus: 'composer', composer: 'text', prompt: false}},
		// A prompt's answer is not completed: Tab would only leak names into a user ID or password.
		{action: 'none', chords: [TAB], when: {focus: 'composer', composer: 'text', prompt: true}},
		{action: 'focus.next', chords: [TAB], help: 'complete a command, @user, name or #alias; on an empty composer: focus the next pane'},
		// In a prompt, "?" may be the first letter of a password.
		{action: 'help.open', chords: [{char: '?'}], when: {composer: 'empty', prompt: false, roomFilter: false}, help: 'help'},
		// Typing in the room list filters it (as in Element and gomuks); the composer keeps its draft.
		{action: 'rooms.filter.type', chords: [{text: 'plain'}], when: {focus: 'rooms'}},
		{action: 'rooms.filter.erase', chords: [{key: 'backspace'}, {key: 'delete'}], when: {focus: 'rooms'}},
		{action: 'rooms.fold', chords: [{key: 'left'}], when: {focus: 'rooms'}, help: "in the room list: fold the selected room's section, its title showing its unread counts (→ unfolds it)"},
		{action: 'rooms.unfold', chords: [{key: 'right'}], when: {focus: 'rooms'}},
		{action: 'prompt.cancel', chords: [ESC], when: {prompt: true}},
		{action: 'edit.cancel', chords: [ESC], when: {editing: true, focus: 'composer'}},
		{action: 'rooms.filter.clear', chords: [ESC], when: {focus: 'rooms', roomFilter: true}},
		{action: 'transfer.cancel', chords: [ESC], when: {transfer: true}},
		// The devices panel leaves the composer working (for /devices delete); Esc closes it first.
		{action: 'devices.close', chords: [ESC], when: {devices: true}},
		{action: 'jump.close', chords: [ESC], when: {jump: true}},
		{action: 'focus.composer', chords: [ESC], when: {focus: ['rooms', 'timeline', 'side']}},
		{action: 'thread.close', chords: [ESC], when: {thread: true}, help: 'close the thread pane, back to the timeline (the draft is kept)'},
		{action: 'notice.clear', chords: [ESC], help: 'close help, cancel a file transfer or a prompt, clear the status line'},
		{action: 'quit', chords: [ctrl('c')], help: 'quit'},
		// Arrows act on the focused pane. No input history while a prompt asks for a user ID or a password.
		{action: 'none', chords: [UP, DOWN], when: {focus: 'composer', prompt: true}},
		{action: 'history.older', chords: [UP], when: {focus: 'composer'}},
		{action: 'history.newer', chords: [DOWN], when: {focus: 'composer'}},
		{action: 'room.previous', chords: [UP], when: {focus: 'rooms'}},
		{action: 'room.next', chords: [DOWN], when: {focus: 'rooms'}},
		{action: 'timeline.lineUp', chords: [UP], when: {focus: 'timeline'}},
		{action: 'timeline.lineDown', chords: [DOWN], when: {focus: 'timeline'}},
		{action: 'side.lineUp', chords: [UP], when: {focus: 'side'}},
		{action: 'side.lineDown', chords: [DOWN], when: {focus: 'side'}},
		// The composer's keys, from any pane: editing brings the focus back to the composer.
		{action: 'composer.lines', chords: [{text: 'lines'}]},
		{action: 'composer.backspace', chords: [{key: 'backspace'}]},
		{action: 'composer.delete', chords: [{key: 'delete'}]},
		{action: 'composer.left', chords: [{key: 'left'}]},
		{action: 'composer.right', chords: [{key: 'right'}]},
		{action: 'composer.home', chords: [{key: 'home'}, ctrl('a')]},
		{action: 'composer.end', chords: [{key: 'end'}, ctrl('e')]},
		{action: 'composer.clear', chords: [ctrl('u')]},
		{action: 'composer.deleteWord', chords: [ctrl('w')]},
		// Any other Ctrl or Alt key is not text (Tab, Esc, the arrows and PgUp/PgDn were all taken above).
		{action: 'none', chords: [{ctrl: true}, {meta: true}]},
		{action: 'composer.insert', chords: [{text: 'any'}]},
	],
};

function fits(when: KeyWhen | undefined, context: KeyContext): boolean {
	if (!when) return true;
	if (when.focus !== undefined && !(typeof when.focus === 'string' ? when.focus === context.focus : when.focus.includes(context.focus))) return false;
	if (when.composer !== undefined && (when.composer === 'empty') !== context.composerEmpty) return false;
	if (when.devices !== undefined && when.devices !== context.devices) return false;
	if (when.editing !== undefined && when.editing !== context.editing) return false;
	if (when.transfer !== undefined && when.transfer !== context.transfer) return false;
	if (when.roomFilter !== undefined && when.roomFilter !== context.roomFilter) return false;
	if (when.jump !== undefined && when.jump !== context.jump) return false;
	if (when.thread !== undefined && when.thread !== (context.thread === true)) return false;
	return when.prompt === undefined || when.prompt === context.prompt;
}

/** The binding a key press triggers here, if any. */
export function bindingFor(input: string, key: Key, context: KeyContext, table = KEY_BINDINGS): KeyBinding | undefined {
	return table[context.view].find((binding) => fits(binding.when, context) && binding.chords.some((chord) => chordMatches(chord, input, key)));
}
