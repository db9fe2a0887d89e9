/**
 * React access to the store and to the things the UI may ask for. Two contexts, as in gemini-cli:
 * the store (data) and the actions (callbacks); the hooks throw outside their provider.
 */
import {createContext, useContext, useSyncExternalStore, type ReactNode} from 'react';
import type {VerificationAnswer} from '../matrix/protocol.js';
import type {ImageRef} from './selectors.js';
import type {SearchHit} from '../domain/message-search.js';
import type {AppState} from './app-state.js';
import type {Store} from './store.js';

/** Function properties, not methods: components take them out of the object (`const {markRead} = useUiActions()`). */
export interface UiActions {
	submit: () => void;
	quit: () => void;
	/** Older messages: before the oldest, or into the gap before the event `gap`. */
	loadOlder: (roomId: string, gap?: string) => void;
	loadMembers: (roomId: string) => void;
	loadStateView: (roomId: string) => void;
	markRead: (roomId: string) => void;
	/** Joins a room as /join would (Enter in /explore), its outcome on the status line. */
	join: (roomIdOrAlias: string, from?: {via: readonly string[]; label: string}) => void;
	/** The next page of /explore's room directory. */
	exploreMore: () => void;
	/** The server's next page of /search's results. */
	searchMore: () => void;
	/** Tab in a one-room /search pane: the same search in every room. */
	searchEveryRoom: () => void;
	/** Enter on a /search result: its room, the message shown in its context. */
	jumpTo: (hit: SearchHit) => void;
	/** Opens a thread in the pane (Enter in /threads), its newest replies fetched. */
	openThread: (roomId: string, rootId: string) => void;
	/** The next page of /threads' list. */
	threadsMore: () => void;
	/** Older replies of the open thread (scrolled to its top). */
	threadOlder: () => void;
	/** The thread's newest reply was on screen: seen (the unread marker goes) and a threaded read receipt. */
	readThread: (roomId: string, rootId: string, eventId: string, ts: number) => void;
	/** The user's answer to the verification under way (its panel's keys). */
	answerVerification: (id: number, answer: VerificationAnswer) => void;
	/** Esc while a file goes up or down: its request is aborted. */
	cancelTransfer: () => void;
	/** An image event's picture within maxCols × maxRows cells, into AppState.pictures. */
	loadPicture: (eventId: string, image: ImageRef, maxCols: number, maxRows: number) => void;
}

const StoreContext = createContext<Store | undefined>(undefined);
const ActionsContext = createContext<UiActions | undefined>(undefined);

export function AppProviders({store, actions, children}: {store: Store; actions: UiActions; children: ReactNode}) {
	return (
		<StoreContext.Provider value={store}>
			<ActionsContext.Provider value={actions}>{children}</ActionsContext.Provider>
		</StoreContext.Provider>
	);
}

export function useStore(): Store {
	const store = useContext(StoreContext);
	if (!store) throw new Error('useStore must be used inside AppProviders');
	return store;
}

export function useUiActions(): UiActions {
	const actions = useContext(ActionsContext);
	if (!actions) throw new Error('useUiActions must be used inside AppProviders');
	return actions;
}

export function useAppState<T>(select: (state: AppState) => T): T {
	const store = useStore();
	return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
