/** Wires the keyboard to handleKey, and a paste to handlePaste; nothing else in the UI reads keys. */
import {useInput, usePaste, useStdin} from 'ink';
import {useStore, useUiActions} from '../state/hooks.js';
import {handleKey, handlePaste} from './key-handler.js';

/** `composerWidth`: the columns the composer is drawn in, for ↑/↓ between the rows of a draft. */
export function useKeys(pageSize: number, composerWidth: number): void {
	const store = useStore();
	const actions = useUiActions();
	// useInput needs raw mode; without a TTY (piped stdin) the app still renders, read-only.
	const {isRawModeSupported} = useStdin();
	useInput((input, key) => handleKey(input, key, store, actions, {pageSize, composerWidth}), {isActive: isRawModeSupported});
	// Turns the terminal's bracketed paste mode on (off again on exit): a paste arrives whole, its line breaks text, not Enter.
	usePaste((text) => handlePaste(text, store), {isActive: isRawModeSupported});
}
