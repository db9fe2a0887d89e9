/**
 * What the list panes (/explore and /space, /search, /threads) have in common: a highlighted row
 * over rows held so far, and the server's next page, asked for one at a time as the highlight
 * nears the end of what is held.
 */
export interface PagedList {
	index: number;
	/** The next page's token; none once the list's end was reached. */
	next?: string;
	/** A next page is on its way: one at a time. */
	loading?: true;
}

/** ↑↓ PgUp PgDn by their steps, Home and End by an infinite one, within the `length` rows held. */
export function movedIndex<View extends PagedList>(view: View, length: number, delta: number): View {
	const index = Math.max(0, Math.min(length - 1, view.index + delta));
	return index === view.index ? view : {...view, index};
}

/** The highlight is within a page of the end of the `length` rows held, and there is more. */
export function wantsMore(view: PagedList, length: number, pageSize: number): boolean {
	return view.next !== undefined && !view.loading && view.index >= length - pageSize;
}
