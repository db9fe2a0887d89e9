/**
 * What a key does, given the app's state: the switcher and help overlays first, then global keys,
 * then the focused pane (composer, room list, timeline or side panel).
 */
import type {Key} from 'ink';
import {COMMANDS} from '../commands/definitions.js';
import type {AppState} from '../state/app-state.js';
import {editComposer, type ComposerEdit} from '../state/composer-state.js';
import type {UiActions} from '../state/hooks.js';
import {completionSources, selectSwitcherMatches} from '../state/selectors.js';
import type {Store} from '../state/store.js';
import {actionFor} from './key-bindings.js';

const COMMAND_NAMES = COMMANDS.map((command) => command.name);

export function handleKey(input: string, key: Key, store: Store, actions: UiActions, pageSize: number): void {
	const state = store.getState();
	const dispatch = store.dispatch;
	if (state.switcher) return switcherKey(input, key, state, store);
	if (state.helpOpen) {
		if (key.escape || input === 'q' || input === '?') dispatch({type: 'set-help-open', open: false});
		else if (key.ctrl && input === 'c') actions.quit();
		return;
	}
	const composerEmpty = state.composer.text === '';
	switch (actionFor(input, key)) {
		case 'submit':
			if (state.focus === 'rooms') return dispatch({type: 'set-focus', focus: 'composer'});
			return actions.submit();
		case 'room.next':
			return dispatch({type: 'select-relative-room', delta: 1});
		case 'room.previous':
			return dispatch({type: 'select-relative-room', delta: -1});
		case 'timeline.pageUp':
			return dispatch({type: 'scroll-timeline', delta: pageSize});
		case 'timeline.pageDown':
			return dispatch({type: 'scroll-timeline', delta: -pageSize});
		case 'side.toggle':
			return dispatch({type: 'set-side-panel', panel: state.sidePanel === 'members' ? 'state' : 'members'});
		case 'side.scrollUp':
			return dispatch({type: 'scroll-side', delta: -3});
		case 'side.scrollDown':
			return dispatch({type: 'scroll-side', delta: 3});
		case 'deleted.toggle':
			return dispatch({type: 'set-show-deleted', value: !state.showDeleted});
		case 'switcher.open':
			return dispatch({type: 'open-switcher'});
		case 'focus.previous':
			return dispatch({type: 'cycle-focus', delta: -1});
		case 'focus.next':
			// A prompt's answer is not completed: Tab would only leak names into a user ID or password.
			if (state.focus === 'composer' && !composerEmpty) return state.prompt ? undefined : dispatch({type: 'complete', sources: completionSources(state, COMMAND_NAMES)});
			return dispatch({type: 'cycle-focus', delta: 1});
		case 'dismiss':
			if (state.prompt) return dispatch({type: 'cancel-prompt'});
			if (state.focus !== 'composer') return dispatch({type: 'set-focus', focus: 'composer'});
			return dispatch({type: 'clear-notice'});
		case 'quit':
			return actions.quit();
		default:
			break;
	}
	if (paneKey(key, state, store)) return;
	// In a prompt, "?" may be the first letter of a password.
	if (input === '?' && composerEmpty && !state.prompt) return dispatch({type: 'set-help-open', open: true});
	composerKey(input, key, store, actions);
}

/** Arrows act on the focused pane; anything printable goes back to the composer. */
function paneKey(key: Key, state: AppState, store: Store): boolean {
	const {dispatch} = store;
	const up = key.upArrow ? -1 : key.downArrow ? 1 : 0;
	switch (state.focus) {
		case 'composer':
			// No input history while a prompt asks for a user ID or a password.
			if (up !== 0 && !state.prompt) dispatch({type: 'history-step', delta: up as 1 | -1});
			return up !== 0;
		case 'rooms':
			if (up !== 0) dispatch({type: 'select-relative-room', delta: up});
			return up !== 0;
		case 'timeline':
			if (up !== 0) dispatch({type: 'scroll-timeline', delta: -up});
			return up !== 0;
		case 'side':
			if (up !== 0) dispatch({type: 'scroll-side', delta: up});
			return up !== 0;
	}
}

function composerKey(input: string, key: Key, store: Store, actions: UiActions): void {
	const {dispatch} = store;
	// Typing fast (or tmux send-keys) delivers "text\r" as one chunk: each line break is an Enter.
	if (/[\r\n]/.test(input) && !key.return) {
		const lines = input.split(/\r\n?|\n/);
		lines.forEach((line, index) => {
			if (line) dispatch({type: 'set-composer', composer: editComposer(store.getState().composer, {type: 'insert', text: line})});
			if (index < lines.length - 1) actions.submit();
		});
		return;
	}
	const edit = composerEdit(input, key);
	if (!edit) return;
	if (store.getState().focus !== 'composer') dispatch({type: 'set-focus', focus: 'composer'});
	dispatch({type: 'set-composer', composer: editComposer(store.getState().composer, edit)});
}

function switcherKey(input: string, key: Key, state: AppState, store: Store): void {
	const {dispatch} = store;
	const switcher = state.switcher!;
	if (key.escape || (key.ctrl && (input === 'k' || input === 'c'))) return dispatch({type: 'close-switcher'});
	if (key.upArrow) return dispatch({type: 'switcher-move', delta: -1});
	if (key.downArrow) return dispatch({type: 'switcher-move', delta: 1});
	if (key.return || /[\r\n]$/.test(input)) {
		const query = key.return ? switcher.query : switcher.query + input.replace(/[\r\n]+$/, '');
		const matches = selectSwitcherMatches(state.rooms, query);
		const chosen = matches[Math.min(key.return ? switcher.index : 0, matches.length - 1)];
		dispatch({type: 'close-switcher'});
		if (chosen) dispatch({type: 'select-room', roomId: chosen.roomId});
		return;
	}
	if (key.backspace || key.delete) return dispatch({type: 'switcher-query', query: [...switcher.query].slice(0, -1).join('')});
	if (input && !key.ctrl && !key.meta) dispatch({type: 'switcher-query', query: switcher.query + input});
}

function composerEdit(input: string, key: Key): ComposerEdit | undefined {
	if (key.backspace) return {type: 'backspace'};
	if (key.delete) return {type: 'delete'};
	if (key.leftArrow) return {type: 'left'};
	if (key.rightArrow) return {type: 'right'};
	if (key.home || (key.ctrl && input === 'a')) return {type: 'home'};
	if (key.end || (key.ctrl && input === 'e')) return {type: 'end'};
	if (key.ctrl && input === 'u') return {type: 'clear'};
	if (key.ctrl && input === 'w') return {type: 'delete-word-back'};
	if (key.ctrl || key.meta || key.tab || key.escape || key.upArrow || key.downArrow || key.pageUp || key.pageDown) return undefined;
	return input ? {type: 'insert', text: input} : undefined;
}
