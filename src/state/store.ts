/** A tiny external store: React reads it with useSyncExternalStore, everything else dispatches. */
import type {AppAction, AppState} from './app-state.js';
import {reduce} from './reducer.js';

export interface Store {
	getState(): AppState;
	dispatch(action: AppAction): void;
	subscribe(listener: () => void): () => void;
}

export function createStore(initial: AppState): Store {
	let state = initial;
	const listeners = new Set<() => void>();
	return {
		getState: () => state,
		dispatch(action) {
			const next = reduce(state, action);
			if (next === state) return;
			state = next;
			for (const listener of listeners) listener();
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
}
