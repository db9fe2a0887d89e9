/** Wires the keyboard to handleKey; nothing else in the UI reads keys. */
import {useInput, useStdin} from 'ink';
import {useStore, useUiActions} from '../state/hooks.js';
import {handleKey} from './key-handler.js';

export function useKeys(pageSize: number): void {
	const store = useStore();
	const actions = useUiActions();
	// useInput needs raw mode; without a TTY (piped stdin) the app still renders, read-only.
	const {isRawModeSupported} = useStdin();
	useInput((input, key) => handleKey(input, key, store, actions, pageSize), {isActive: isRawModeSupported});
}
