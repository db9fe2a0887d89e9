/**
 * The member list, built from m.room.member state. Leaves are MSC3901 "deleted" state: they are
 * hidden (and counted) unless the user asks to see deleted state. Called with 50,000 members, so
 * one pass to build rows and one sort per group over precomputed keys.
 */
import {asEvent, contentOf, prevContentOf, type RawEvent} from './events.js';
import {isDeletedState} from './deleted-state.js';
import {describeMembership, isDeactivationLeave, membershipOf, type Membership} from './membership.js';
import {userPowerLevel} from './power-levels.js';
import {displayReason} from './reason.js';
import {sanitizeInline} from './sanitize.js';

export interface MemberRow {
	/** Raw state_key: the key to act on (kick, ban…); sanitize it before displaying it. */
	userId: string;
	/** Sanitized display name, or the sanitized user id. */
	name: string;
	membership: Membership;
	powerLevel: number;
	/** displayReason of the event's reason. */
	reason?: string;
	/** MSC3759 label, never a trust decision. */
	deactivated: boolean;
	/** Sanitized user id of whoever kicked this member. */
	kickedBy?: string;
	deleted: boolean;
}

export interface MemberList {
	joined: MemberRow[];
	/** Invites, and knocks (pending requests to join; row.membership tells them apart). */
	invited: MemberRow[];
	banned: MemberRow[];
	/** Only filled when showDeleted. */
	left: MemberRow[];
	/** Leaves not listed because showDeleted is off. */
	hiddenCount: number;
	/**
	 * Among those hidden leaves, the users whose leave is a valid MSC3759 deactivation: the app
	 * forgets their cached profile even while it does not list them.
	 */
	hiddenDeactivated?: string[];
	/**
	 * Set on a head: the first rows of a big list, sent ahead of the whole so the member panel shows
	 * at once. The group sizes the whole list will have.
	 */
	totals?: {joined: number; invited: number; banned: number; left: number};
}

export interface MemberListOptions {
	showDeleted: boolean;
	reasonMaxWidth?: number;
}

/**
 * A whitespace-only name is invisible (and a way to impersonate nobody): fall back to the id.
 * Leaves, bans and kicks usually carry no display name; the name they had is in prev_content.
 */
export function displayNameOf(memberEvent: RawEvent | undefined, userId: string): string {
	if (memberEvent !== undefined) {
		const event = asEvent(memberEvent);
		const content = contentOf(event);
		const own = sanitizeInline(content.displayname);
		if (own.trim() !== '') return own;
		if (content.membership !== 'join' && content.displayname === undefined) {
			const previous = sanitizeInline(prevContentOf(event).displayname);
			if (previous.trim() !== '') return previous;
		}
	}
	return sanitizeInline(userId);
}

interface Keyed {
	row: MemberRow;
	key: string; // case-folded name
}

// Plain code-unit order on case-folded keys: the same result on every machine and locale,
// and far cheaper than localeCompare for 50,000 rows.
function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

function byName(a: Keyed, b: Keyed): number {
	return compareText(a.key, b.key) || compareText(a.row.name, b.row.name) || compareText(a.row.userId, b.row.userId);
}

function byPowerThenName(a: Keyed, b: Keyed): number {
	return b.row.powerLevel - a.row.powerLevel || byName(a, b);
}

function sorted(rows: Keyed[], compare: (a: Keyed, b: Keyed) => number): MemberRow[] {
	return rows.sort(compare).map((keyed) => keyed.row);
}

const keyed = (row: MemberRow): Keyed => ({row, key: row.name.toLowerCase()});

/** The groups of a list, and which one a membership goes in. */
export type MemberGroup = 'joined' | 'invited' | 'banned' | 'left';
export const MEMBER_GROUPS: readonly MemberGroup[] = ['joined', 'invited', 'banned', 'left'];

export function groupOf(membership: Membership): MemberGroup {
	return membership === 'join' ? 'joined' : membership === 'invite' || membership === 'knock' ? 'invited' : membership === 'ban' ? 'banned' : 'left';
}

/** The order of rows within a group, as buildMemberList sorts it: for placing one row among sorted ones. */
export function rowOrder(group: MemberGroup): (a: MemberRow, b: MemberRow) => number {
	const compare = group === 'joined' || group === 'invited' ? byPowerThenName : byName;
	return (a, b) => compare(keyed(a), keyed(b));
}

function memberRow(event: RawEvent, userId: string, membership: Membership, powerLevels: unknown, options: MemberListOptions): MemberRow {
	const row: MemberRow = {
		userId,
		name: displayNameOf(event, userId),
		membership,
		powerLevel: userPowerLevel(powerLevels, userId),
		deactivated: isDeactivationLeave(event),
		deleted: isDeletedState(event),
	};
	const reason = displayReason(contentOf(event).reason, options.reasonMaxWidth);
	if (reason !== undefined) row.reason = reason;
	const change = describeMembership(event);
	if (change.kind === 'kick') row.kickedBy = sanitizeInline(change.actor);
	return row;
}

/** Where one member event puts its user: a row, among the departed left unlisted (counted), or nowhere. */
export type MemberPlace = {row: MemberRow} | {hidden: {deactivated: boolean}} | undefined;

export function placeMember(untrusted: RawEvent | undefined, userId: string, powerLevels: unknown, options: MemberListOptions): MemberPlace {
	if (untrusted === undefined) return undefined;
	const event = asEvent(untrusted);
	const membership = membershipOf(contentOf(event));
	if (membership === undefined) return undefined; // not a membership we can place anywhere
	if (membership === 'leave' && options?.showDeleted !== true) return {hidden: {deactivated: isDeactivationLeave(event)}};
	return {row: memberRow(event, userId, membership, powerLevels, options)};
}

export function buildMemberList(memberEvents: Iterable<RawEvent>, powerLevels: unknown, options: MemberListOptions): MemberList {
	// Last event per user wins, should the caller pass more than the current state.
	const latest = new Map<string, RawEvent>();
	for (const untrusted of memberEvents ?? []) {
		const event = asEvent(untrusted);
		if (event.type === 'm.room.member' && typeof event.state_key === 'string') latest.set(event.state_key, event);
	}

	const groups: Record<MemberGroup, Keyed[]> = {joined: [], invited: [], banned: [], left: []};
	let hiddenCount = 0;
	const hiddenDeactivated: string[] = [];
	for (const [userId, event] of latest) {
		const place = placeMember(event, userId, powerLevels, options);
		if (place === undefined) continue;
		if ('hidden' in place) {
			hiddenCount++;
			if (place.hidden.deactivated) hiddenDeactivated.push(userId);
		} else groups[groupOf(place.row.membership)].push(keyed(place.row));
	}

	return {
		joined: sorted(groups.joined, byPowerThenName),
		invited: sorted(groups.invited, byPowerThenName),
		banned: sorted(groups.banned, byName),
		left: sorted(groups.left, byName),
		hiddenCount,
		...(hiddenDeactivated.length > 0 ? {hiddenDeactivated} : {}),
	};
}
