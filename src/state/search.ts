/**
 * The /search pane: the server's hits as paged so far, the encrypted rooms' loaded hits, both
 * merged by time (message-search.ts), which one is highlighted, and how to ask for the next page.
 * Plain data, changed only by the reducer's search actions.
 */
import {mergeHits, type SearchHit, type SearchPage} from '../domain/message-search.js';
import {movedIndex, wantsMore} from './paged-list.js';

export interface SearchView {
	term: string;
	/** Every joined room (--all), or the one that was open. */
	all: boolean;
	/** That one room, when not --all. */
	roomId?: string;
	/** The rooms the server searched: those it can read (not encrypted). */
	serverRooms: readonly string[];
	/** How many encrypted rooms were searched in what this client holds. */
	encryptedRooms: number;
	server: readonly SearchHit[];
	local: readonly SearchHit[];
	/** `server` and `local` merged: the pane's rows. */
	results: readonly SearchHit[];
	/** The server's next page; none once its end was reached (or it was not asked). */
	next?: string;
	/** The server's count of its hits, if it gave one. */
	count?: number;
	index: number;
	/** A next page is on its way: one at a time. */
	loading?: true;
}

export type SearchStart = Pick<SearchView, 'term' | 'all' | 'roomId' | 'serverRooms' | 'encryptedRooms' | 'local'>;

export function newSearch(start: SearchStart, page: SearchPage | undefined): SearchView {
	const server = page?.hits ?? [];
	return {
		...start,
		server,
		results: mergeHits(server, start.local, page?.next === undefined),
		index: 0,
		...(page?.next === undefined ? {} : {next: page.next}),
		...(page?.count === undefined ? {} : {count: page.count}),
	};
}

/** Which page a search-page answers: the search (its term, one room or all) and the token it was asked from. */
export interface PageAsked {
	term: string;
	all: boolean;
	from: string;
}

/**
 * The server's next page after those shown. A page for another search (Tab made it every room,
 * a new /search) or from another token is dropped; a hit already listed is not listed twice.
 */
export function withServerPage(view: SearchView | undefined, asked: PageAsked, page: SearchPage): SearchView | undefined {
	if (!view || view.term !== asked.term || view.all !== asked.all || view.next !== asked.from) return view;
	const listed = new Set(view.server.map((hit) => hit.eventId));
	const server = [...view.server, ...page.hits.filter((hit) => !listed.has(hit.eventId))];
	const {next: _next, loading: _loading, ...rest} = view;
	return {...rest, server, results: mergeHits(server, view.local, page.next === undefined), ...(page.next === undefined ? {} : {next: page.next})};
}

export function withoutLoading(view: SearchView): SearchView {
	const {loading: _loading, ...rest} = view;
	return rest;
}

/** ↑↓ PgUp PgDn by their steps; Home and End by an infinite one. */
export function moved(view: SearchView, delta: number): SearchView {
	return movedIndex(view, view.results.length, delta);
}

/** The highlighted row is near the end of what is held, and the server has more: time for its next page. */
export function wantsNextPage(view: SearchView, pageSize: number): boolean {
	return wantsMore(view, view.results.length, pageSize);
}

export function selectedHit(view: SearchView | undefined): SearchHit | undefined {
	return view?.results[view.index];
}
