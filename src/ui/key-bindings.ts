/** Keys as data: what each key does, for the input handler and for /help alike. */
import type {Key} from 'ink';

export type KeyAction =
	| 'room.next'
	| 'room.previous'
	| 'timeline.pageUp'
	| 'timeline.pageDown'
	| 'side.toggle'
	| 'side.scrollUp'
	| 'side.scrollDown'
	| 'deleted.toggle'
	| 'help.open'
	| 'switcher.open'
	| 'focus.next'
	| 'focus.previous'
	| 'dismiss'
	| 'quit'
	| 'submit';

export interface KeyBinding {
	action: KeyAction;
	keys: string;
	description: string;
	matches(input: string, key: Key): boolean;
}

export const KEY_BINDINGS: readonly KeyBinding[] = [
	{action: 'submit', keys: 'Enter', description: 'send the message or run the command', matches: (_input, key) => key.return},
	{action: 'room.next', keys: 'Ctrl+N, Alt+↓', description: 'next room', matches: (input, key) => (key.ctrl && input === 'n') || (key.meta && key.downArrow)},
	{action: 'room.previous', keys: 'Ctrl+P, Alt+↑', description: 'previous room', matches: (input, key) => (key.ctrl && input === 'p') || (key.meta && key.upArrow)},
	{action: 'timeline.pageUp', keys: 'PgUp', description: 'scroll the timeline up (loads older messages)', matches: (_input, key) => key.pageUp},
	{action: 'timeline.pageDown', keys: 'PgDn', description: 'scroll the timeline down', matches: (_input, key) => key.pageDown},
	{action: 'side.toggle', keys: 'Ctrl+T', description: 'switch the side panel between members and room state', matches: (input, key) => key.ctrl && input === 't'},
	{action: 'side.scrollUp', keys: 'Shift+↑', description: 'scroll the side panel up', matches: (_input, key) => key.shift && key.upArrow},
	{action: 'side.scrollDown', keys: 'Shift+↓', description: 'scroll the side panel down', matches: (_input, key) => key.shift && key.downArrow},
	{action: 'deleted.toggle', keys: 'Ctrl+R', description: 'reveal or hide deleted state and departed members', matches: (input, key) => key.ctrl && input === 'r'},
	{action: 'switcher.open', keys: 'Ctrl+K', description: 'quick room switcher (fuzzy search)', matches: (input, key) => key.ctrl && input === 'k'},
	{action: 'focus.previous', keys: 'Shift+Tab', description: 'focus the previous pane', matches: (_input, key) => key.tab && key.shift},
	{action: 'focus.next', keys: 'Tab', description: 'complete a command, @user, name or #alias; on an empty composer: focus the next pane', matches: (_input, key) => key.tab && !key.shift},
	{action: 'help.open', keys: '? (empty composer)', description: 'help', matches: () => false},
	{action: 'dismiss', keys: 'Esc', description: 'close help, cancel a prompt, clear the status line', matches: (_input, key) => key.escape},
	{action: 'quit', keys: 'Ctrl+C', description: 'quit', matches: (input, key) => key.ctrl && input === 'c'},
];

export function actionFor(input: string, key: Key): KeyAction | undefined {
	return KEY_BINDINGS.find((binding) => binding.matches(input, key))?.action;
}
