/**
 * The /explore panel (and /space's, the same list of rooms to join): the room directory's pages as fetched, which one is highlighted, and how to
 * ask for the next page. Plain data, changed only by the reducer's directory actions.
 */
import type {PublicRoom} from '../domain/public-rooms.js';
import {movedIndex, wantsMore} from './paged-list.js';

export interface DirectoryView {
	term?: string;
	server?: string;
	/** /space: the rooms of this space we have not joined (GET /hierarchy), not the directory. */
	space?: {spaceId: string; name: string};
	/** /space: each child's servers to join it through, from the pages so far. */
	via?: Readonly<Record<string, readonly string[]>>;
	rooms: readonly PublicRoom[];
	/** The next page's token; none once the directory's end was reached. */
	next?: string;
	total?: number;
	index: number;
	/** A next page is on its way: one at a time. */
	loading?: true;
}

/** A new list, or the next page after the one shown (a page for another search is dropped). */
export function withPage(view: DirectoryView | undefined, page: Omit<DirectoryView, 'index'>, append: boolean): DirectoryView | undefined {
	if (!append) return {...page, index: 0};
	if (!view || view.term !== page.term || view.server !== page.server || view.space?.spaceId !== page.space?.spaceId) return view;
	const via = view.via || page.via ? {via: {...view.via, ...page.via}} : {};
	return {...page, ...via, rooms: [...view.rooms, ...page.rooms], index: view.index};
}

export function withoutLoading(view: DirectoryView): DirectoryView {
	const {loading: _loading, ...rest} = view;
	return rest;
}

export function moved(view: DirectoryView, delta: number): DirectoryView {
	return movedIndex(view, view.rooms.length, delta);
}

/** The highlighted row is near the end of what is held, and there is more: time for the next page. */
export function wantsNextPage(view: DirectoryView, pageSize: number): boolean {
	return wantsMore(view, view.rooms.length, pageSize);
}
