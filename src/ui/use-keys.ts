/** Turns keys into store actions and composer edits; nothing else in the UI reads the keyboard. */
import {useInput, useStdin, type Key} from 'ink';
import {editComposer, type ComposerEdit} from '../state/composer-state.js';
import {useStore, useUiActions} from '../state/hooks.js';
import {actionFor} from './key-bindings.js';

export function useKeys(pageSize: number): void {
	const store = useStore();
	const actions = useUiActions();
	// useInput needs raw mode; without a TTY (piped stdin) the app still renders, read-only.
	const {isRawModeSupported} = useStdin();

	useInput(
		(input, key) => {
			const state = store.getState();
			const dispatch = store.dispatch;
			if (state.helpOpen) {
				if (key.escape || input === 'q' || input === '?') dispatch({type: 'set-help-open', open: false});
				else if (key.ctrl && input === 'c') actions.quit();
				return;
			}
			switch (actionFor(input, key)) {
				case 'submit':
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
				case 'dismiss':
					return dispatch({type: 'clear-notice'});
				case 'quit':
					return actions.quit();
				default:
					break;
			}
			if (input === '?' && state.composer.text === '') return dispatch({type: 'set-help-open', open: true});
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
			if (edit) dispatch({type: 'set-composer', composer: editComposer(state.composer, edit)});
		},
		{isActive: isRawModeSupported},
	);
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
