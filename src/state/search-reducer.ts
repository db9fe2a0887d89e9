/** The /search pane's and its jump's share of the reducer. */
import type {AppAction, AppState} from './app-state.js';
import {moved, withoutLoading, withServerPage} from './search.js';

type SearchAction = Extract<AppAction, {type: 'show-search' | 'search-page' | 'search-loading' | 'search-move' | 'close-search' | 'show-jump' | 'close-jump'}>;

export function reduceSearch(state: AppState, action: SearchAction): AppState {
	switch (action.type) {
		case 'show-search':
			return {...state, search: action.view};
		case 'search-page':
			return {...state, search: withServerPage(state.search, action.asked, action.page)};
		case 'search-loading':
			if (!state.search) return state;
			return {...state, search: action.loading ? {...state.search, loading: true} : withoutLoading(state.search)};
		case 'search-move':
			return state.search ? {...state, search: moved(state.search, action.delta)} : state;
		case 'close-search':
			return state.search ? {...state, search: undefined} : state;
		case 'show-jump':
			// The thread pane would hide it, and take what is typed: one of them at a time.
			return {...state, jump: action.jump, thread: undefined, timelineScroll: 0};
		case 'close-jump':
			return state.jump ? {...state, jump: undefined, timelineScroll: 0} : state;
	}
}
