/**
 * A member list kept up to date by its changes. The matrix layer builds a big room's list once and
 * then sends only what a sync changed: each changed user's row as the list had it and as it is now.
 * The list held here is sorted in blocks (sorted-rows.ts), so a sync with a few new senders in a
 * 50,000-member room costs about what it would in a room of fifty.
 */
import {MEMBER_GROUPS, groupOf, rowOrder, type MemberGroup, type MemberList, type MemberRow} from './member-list.js';
import {SortedRows} from './sorted-rows.js';

/** What one sync changed in a member list already sent whole. */
export interface MemberListChanges {
	/** A changed user's row as last sent (absent: not listed) and now (absent: no longer listed). */
	rows: Array<{before?: MemberRow; after?: MemberRow}>;
	/**
	 * A group sent whole in place of the one held: the departed, when /show-deleted reveals them
	 * (sorted) or hides them again (empty); as it is now, so `rows` changes nothing in it. The rest
	 * of the list stays as it is.
	 */
	left?: MemberRow[];
	/** The departed not listed, now. */
	hiddenCount: number;
	/**
	 * Users who just joined those hidden departed with a valid MSC3759 deactivation; with `left`,
	 * all of them.
	 */
	hiddenDeactivated?: string[];
}

/** A MemberList as the app holds it: each group sorted, in blocks. */
export type HeldMemberList = Omit<MemberList, MemberGroup> & Record<MemberGroup, SortedRows<MemberRow>>;

export function holdMemberList(list: MemberList): HeldMemberList {
	return {
		...list,
		joined: SortedRows.of(list.joined, rowOrder('joined')),
		invited: SortedRows.of(list.invited, rowOrder('invited')),
		banned: SortedRows.of(list.banned, rowOrder('banned')),
		left: SortedRows.of(list.left, rowOrder('left')),
	};
}

/** A new list with the changes applied; the groups they do not touch are the same objects. */
export function applyMemberListChanges(list: HeldMemberList, changes: MemberListChanges): HeldMemberList {
	const removed = groupLists();
	const added = groupLists();
	for (const {before, after} of changes.rows) {
		if (before) removed[groupOf(before.membership)].push(before);
		if (after) added[groupOf(after.membership)].push(after);
	}
	const next: HeldMemberList = {...list, hiddenCount: changes.hiddenCount};
	if (changes.left) next.hiddenDeactivated = changes.hiddenDeactivated;
	else if (changes.hiddenDeactivated) next.hiddenDeactivated = [...(list.hiddenDeactivated ?? []), ...changes.hiddenDeactivated];
	for (const group of MEMBER_GROUPS) next[group] = list[group].with(removed[group], added[group]);
	// A group sent whole is already as it is now: the rows' changes in it are in it.
	if (changes.left) next.left = SortedRows.of(changes.left, rowOrder('left'));
	return next;
}

function groupLists(): Record<MemberGroup, MemberRow[]> {
	return {joined: [], invited: [], banned: [], left: []};
}
