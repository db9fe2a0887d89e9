/** A tiny external store: React reads it with useSyncExternalStore, everything else dispatches. */
import type {AppAction, AppState} from './app-state.js';
import {reduce} from './reducer.js';

/** Function properties, not methods: callers pass them on alone (`useSyncExternalStore(store.subscribe)`). */
export interface Store {
	getState: () => AppState;
	dispatch: (action: AppAction) => void;
	subscribe: (listener: () => void) => () => void;
	/** Runs `change`, telling listeners once at the end instead of after every dispatch. */
	batch: (change: () => void) => void;
}

export function createStore(initial: AppState): Store {
	let state = initial;
	let batching = 0;
	let changedInBatch = false;
	const listeners = new Set<() => void>();
	const notify = () => {
		for (const listener of listeners) listener();
	};
	return {
		getState: () => state,
		dispatch(action) {
			const next = reduce(state, action);
			if (next === state) return;
			state = next;
			if (batching > 0) changedInBatch = true;
			else notify();
		},
		batch(change) {
			batching++;
			try {
				change();
			} finally {
				batching--;
				if (batching === 0 && changedInBatch) {
					changedInBatch = false;
					notify();
				}
			}
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
}
