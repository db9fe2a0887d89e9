/**
 * The member list and the state panel as flat rows, so the side panel can draw only the slice
 * that fits whatever the room's size.
 */
import type {MemberRow} from '../domain/member-list.js';
import type {HeldMemberList} from '../domain/member-list-changes.js';
import {runAt, type SortedRows} from '../domain/sorted-rows.js';
import type {StateView} from '../domain/state-view.js';
import {sanitizeInline} from '../domain/sanitize.js';
import {wrapRows} from './rows.js';
import {formatBytes, type CensusRow, type StateCensus} from '../domain/state-census.js';

/** After the name of a member whose identity we verified (cross-signing); the help overlay's legend explains it. */
export const VERIFIED_BADGE = '✓';

export type SideRow =
	| {kind: 'heading'; text: string}
	| {kind: 'member'; member: MemberRow}
	| {kind: 'detail'; text: string; tone: 'reason' | 'note' | 'deleted'}
	/** Named when drawn, so the rows need not be rebuilt when a name arrives. */
	| {kind: 'kicked'; userId: string}
	| {kind: 'state'; text: string; deleted: boolean}
	| {kind: 'hint'; text: string};

/** Rows the side panel can slice without all of them existing: a 50,000-member list stays lazy. */
export interface RowSource {
	readonly length: number;
	slice(start: number, end: number): SideRow[];
}

export function arraySource(rows: SideRow[]): RowSource {
	return {length: rows.length, slice: (start, end) => rows.slice(start, end)};
}

interface Segment {
	length: number;
	at(index: number): SideRow;
}

const fixed = (rows: SideRow[]): Segment => ({length: rows.length, at: (index) => rows[index]!});

const memberSources = new WeakMap<HeldMemberList, {width: number; showDeleted: boolean; source: RowSource}>();

/**
 * The member list as rows, made on demand: joined and invited members are one row each, so the
 * visible slice is found by arithmetic; only groups with details (bans, the departed) are laid out.
 */
export function memberRows(list: HeldMemberList, width: number, showDeleted: boolean): RowSource {
	const hit = memberSources.get(list);
	if (hit && hit.width === width && hit.showDeleted === showDeleted) return hit.source;
	const source = buildMemberSource(list, width, showDeleted);
	memberSources.set(list, {width, showDeleted, source});
	return source;
}

function buildMemberSource(list: HeldMemberList, width: number, showDeleted: boolean): RowSource {
	const segments: Segment[] = [];
	// A head (the first rows of a big list, ahead of the rest, while the fetch goes on) knows the full group sizes.
	const totals = list.totals;
	const group = (title: string, members: SortedRows<MemberRow>, total: number, withDetails: boolean) => {
		if (total === 0) return;
		segments.push(fixed([{kind: 'heading', text: `${title} (${total})`}]));
		segments.push(withDetails ? detailedSegment(members, width) : {length: members.length, at: (index) => memberRowOf(members.at(index)!)});
		if (totals && members.length < total) segments.push(fixed([{kind: 'hint', text: `… ${total - members.length} more loading`}]));
	};
	group('Joined', list.joined, totals?.joined ?? list.joined.length, false);
	group('Invited', list.invited, totals?.invited ?? list.invited.length, false);
	group('Banned', list.banned, totals?.banned ?? list.banned.length, true);
	// A list built while departed members were hidden counts them only; shown, their rows follow within a frame or two.
	const left = totals?.left ?? (list.left.length || (showDeleted ? list.hiddenCount : 0));
	if (showDeleted) group('Left', list.left, left, true);
	else {
		// Departed members are MSC3901-deleted state: hidden, counted (a list built while they were shown still has them).
		const hidden = left + list.hiddenCount;
		if (hidden > 0) segments.push(fixed([{kind: 'hint', text: `${hidden} departed hidden — /show-deleted`}]));
	}
	const length = segments.reduce((sum, segment) => sum + segment.length, 0);
	return {
		length,
		slice(start, end) {
			const rows: SideRow[] = [];
			let offset = 0;
			for (const segment of segments) {
				for (let index = Math.max(0, start - offset); index < segment.length && offset + index < end; index++) rows.push(segment.at(index));
				offset += segment.length;
				if (offset >= end) break;
			}
			return rows;
		},
	};
}

/**
 * A group whose members take several rows (a kick, a reason): laid out a block at a time. Blocks
 * never change (sorted-rows.ts), so a sync that changes one member lays out one block again.
 */
function detailedSegment(members: SortedRows<MemberRow>, width: number): Segment {
	const blocks = members.chunks().map((block) => detailedBlock(block, width));
	const starts: number[] = [];
	let length = 0;
	for (const rows of blocks) {
		starts.push(length);
		length += rows.length;
	}
	return {
		length,
		at(index) {
			const block = runAt(starts, index);
			return blocks[block]![index - starts[block]!]!;
		},
	};
}

const detailedBlocks = new WeakMap<readonly MemberRow[], {width: number; rows: SideRow[]}>();
function detailedBlock(block: readonly MemberRow[], width: number): SideRow[] {
	const hit = detailedBlocks.get(block);
	if (hit?.width === width) return hit.rows;
	const rows = detailedRows(block, width);
	detailedBlocks.set(block, {width, rows});
	return rows;
}

/** One row object per member, so a redrawn panel hands its memoized lines the same rows. */
const memberRowObjects = new WeakMap<MemberRow, SideRow>();
function memberRowOf(member: MemberRow): SideRow {
	let row = memberRowObjects.get(member);
	if (!row) memberRowObjects.set(member, (row = {kind: 'member', member}));
	return row;
}

function detailedRows(members: readonly MemberRow[], width: number): SideRow[] {
	const rows: SideRow[] = [];
	for (const member of members) rows.push(...memberWithDetails(member, width));
	return rows;
}

/** A member's rows with their kick and wrapped reason, kept per row: a changed block re-wraps only its changed members. */
const detailedMembers = new WeakMap<MemberRow, {width: number; rows: SideRow[]}>();
function memberWithDetails(member: MemberRow, width: number): SideRow[] {
	const hit = detailedMembers.get(member);
	if (hit?.width === width) return hit.rows;
	const rows: SideRow[] = [memberRowOf(member)];
	if (member.kickedBy) rows.push({kind: 'kicked', userId: member.kickedBy});
	if (member.reason) for (const line of wrapRows(`“${member.reason}”`, width - 2)) rows.push({kind: 'detail', text: `  ${line}`, tone: 'reason'});
	detailedMembers.set(member, {width, rows});
	return rows;
}

export function censusRows(census: StateCensus, width: number): SideRow[] {
	const rows: SideRow[] = [];
	const line = (row: CensusRow) => `  ${row.live} live ${formatBytes(row.liveBytes)} · ${row.deleted} deleted ${formatBytes(row.deletedBytes)}`;
	rows.push({kind: 'heading', text: 'All state'});
	for (const wrapped of wrapRows(line(census.total).trim(), width - 2)) rows.push({kind: 'detail', text: `  ${wrapped}`, tone: 'reason'});
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
