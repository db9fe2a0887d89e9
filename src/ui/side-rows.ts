/**
 * The member list and the state panel as flat rows, so the side panel can draw only the slice
 * that fits whatever the room's size.
 */
import type {MemberList, MemberRow} from '../domain/member-list.js';
import type {StateView} from '../domain/state-view.js';
import {sanitizeInline} from '../domain/sanitize.js';
import {wrapRows} from './rows.js';
import {formatBytes, type CensusRow, type StateCensus} from '../domain/state-census.js';

export type SideRow =
	| {kind: 'heading'; text: string}
	| {kind: 'member'; member: MemberRow}
	| {kind: 'detail'; text: string; tone: 'reason' | 'note' | 'deleted'}
	| {kind: 'state'; text: string; deleted: boolean}
	| {kind: 'hint'; text: string};

const memberRowsCache = new WeakMap<MemberList, {width: number; showDeleted: boolean; nameOf: unknown; rows: SideRow[]}>();

/** The member list as rows; built once per list, width and toggle, not once per frame. */
export function memberRows(list: MemberList, width: number, showDeleted: boolean, nameOf: (userId: string) => string = (userId) => userId): SideRow[] {
	const hit = memberRowsCache.get(list);
	if (hit && hit.width === width && hit.showDeleted === showDeleted && hit.nameOf === nameOf) return hit.rows;
	const rows = buildMemberRows(list, width, showDeleted, nameOf);
	memberRowsCache.set(list, {width, showDeleted, nameOf, rows});
	return rows;
}

function buildMemberRows(list: MemberList, width: number, showDeleted: boolean, nameOf: (userId: string) => string): SideRow[] {
	const rows: SideRow[] = [];
	// A head (the first rows of a big list, ahead of the rest) knows the full group sizes.
	const totals = list.totals;
	const group = (title: string, members: MemberRow[], total: number, withDetails: boolean) => {
		if (total === 0) return;
		rows.push({kind: 'heading', text: `${title} (${total})`});
		for (const member of members) {
			rows.push({kind: 'member', member});
			if (!withDetails) continue;
			if (member.kickedBy) rows.push({kind: 'detail', text: `  kicked by ${nameOf(member.kickedBy)}`, tone: 'note'});
			if (member.reason) for (const line of wrapRows(`“${member.reason}”`, width - 2)) rows.push({kind: 'detail', text: `  ${line}`, tone: 'reason'});
		}
		if (members.length < total) rows.push({kind: 'hint', text: `… ${total - members.length} more loading`});
	};
	group('Joined', list.joined, totals?.joined ?? list.joined.length, false);
	group('Invited', list.invited, totals?.invited ?? list.invited.length, false);
	group('Banned', list.banned, totals?.banned ?? list.banned.length, true);
	const left = totals?.left ?? list.left.length;
	if (showDeleted) group('Left', list.left, left, true);
	else {
		// The matrix layer sends departed members along; they are MSC3901-deleted state, so hidden here.
		const hidden = left + list.hiddenCount;
		if (hidden > 0) rows.push({kind: 'hint', text: `${hidden} departed hidden — /show-deleted`});
	}
	return rows;
}

export function censusRows(census: StateCensus, width: number, membersLoaded: boolean): SideRow[] {
	const rows: SideRow[] = [];
	const line = (row: CensusRow) => `  ${row.live} live ${formatBytes(row.liveBytes)} · ${row.deleted} deleted ${formatBytes(row.deletedBytes)}`;
	rows.push({kind: 'heading', text: 'All state'});
	for (const wrapped of wrapRows(line(census.total).trim(), width - 2)) rows.push({kind: 'detail', text: `  ${wrapped}`, tone: 'reason'});
	if (!membersLoaded) rows.push({kind: 'hint', text: 'members not loaded yet: /members first'});
	for (const row of census.rows) {
		rows.push({kind: 'state', text: sanitizeInline(row.type) || '(no type)', deleted: row.live === 0});
		for (const wrapped of wrapRows(line(row).trim(), width - 2)) rows.push({kind: 'detail', text: `  ${wrapped}`, tone: 'note'});
	}
	return rows;
}

export function stateRows(view: StateView, width: number, showDeleted: boolean, memberCount: number): SideRow[] {
	const rows: SideRow[] = [];
	const live = view.total - view.hiddenCount;
	rows.push({kind: 'heading', text: showDeleted ? `${view.total} state events (${view.hiddenCount} deleted shown)` : `${live} state events (${view.hiddenCount} deleted hidden)`});
	for (const row of view.rows) {
		const key = row.stateKey ? ` ${sanitizeInline(row.stateKey)}` : '';
		rows.push({kind: 'state', text: `${sanitizeInline(row.type)}${key}${row.deleted ? ' [deleted]' : ''}`, deleted: row.deleted});
		for (const line of wrapRows(row.summary, width - 2).slice(0, 2)) rows.push({kind: 'detail', text: `  ${line}`, tone: row.deleted ? 'deleted' : 'note'});
	}
	if (!showDeleted && view.hiddenCount > 0) rows.push({kind: 'hint', text: '/show-deleted reveals them'});
	rows.push({kind: 'hint', text: `+ ${memberCount} m.room.member events: /members`});
	return rows;
}
