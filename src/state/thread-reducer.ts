/** The thread actions (threads.ts) on AppState: the list's and the pane's own small changes. */
import type {AppState} from './app-state.js';
import {movedInList, withReplies, withSeen, withThreadPage, type ThreadAction} from './threads.js';

export function reduceThread(state: AppState, action: ThreadAction): AppState {
	switch (action.type) {
		case 'show-thread-list':
			return {...state, threadList: withThreadPage(state.threadList, action.roomId, action.page, action.append === true)};
		case 'thread-list-loading': {
			if (!state.threadList) return state;
			const {loading: _loading, ...rest} = state.threadList;
			return {...state, threadList: action.loading ? {...rest, loading: true} : rest};
		}
		case 'thread-list-move':
			return state.threadList ? {...state, threadList: movedInList(state.threadList, action.delta)} : state;
		case 'close-thread-list':
			return state.threadList ? {...state, threadList: undefined} : state;
		case 'open-thread':
			// In place of the timeline, as a search result's context is: one of them at a time.
			return {
				...state,
				threadList: undefined,
				jump: undefined,
				thread: {roomId: action.roomId, rootId: action.rootId, history: [], loaded: false, ...(action.root ? {root: action.root} : {})},
				timelineScroll: 0,
			};
		case 'thread-replies':
			return {...state, thread: withReplies(state.thread, action.rootId, action.page)};
		case 'thread-loading': {
			if (!state.thread) return state;
			const {loading: _loading, ...rest} = state.thread;
			return {...state, thread: action.loading ? {...rest, loading: true} : rest};
		}
		case 'close-thread':
			return state.thread ? {...state, thread: undefined, timelineScroll: 0} : state;
		case 'thread-seen': {
			const threadsSeen = withSeen(state.threadsSeen, action.rootId, action.ts);
			return threadsSeen === state.threadsSeen ? state : {...state, threadsSeen};
		}
	}
}
