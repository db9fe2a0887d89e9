/**
 * What an m.room.member event did, told from (content, prev_content, sender, state_key) the way
 * Element's textForEvent does. Only classifies; wording lives in timeline-text.ts.
 */
import {asEvent, asObject, contentOf, prevContentOf, type RawEvent} from './events.js';
import {sanitizeInline} from './sanitize.js';

export type Membership = 'join' | 'leave' | 'invite' | 'ban' | 'knock';

export type MembershipChangeKind =
	| 'join'
	| 'leave'
	| 'kick'
	| 'ban'
	| 'unban'
	| 'invite'
	| 'invite-rejected'
	| 'invite-withdrawn'
	| 'knock'
	| 'knock-withdrawn'
	| 'profile'
	| 'none'
	| 'unknown';

export interface MembershipChange {
	kind: MembershipChangeKind;
	/** Raw sender user id ('' if missing): an identifier for lookups, not display text. */
	actor: string;
	/** Raw state_key user id ('' if missing). */
	target: string;
	/** The raw reason, only when it is a string; not trimmed or sanitized (use displayReason to show it). */
	reason?: string;
	/** MSC3759 label, see isDeactivationLeave. */
	deactivated: boolean;
	/** For 'profile': the display names before/after, sanitized; undefined side = no display name. */
	displayNameChanged?: {from?: string; to?: string};
	/** For 'profile': avatar_url changed. */
	avatarChanged?: boolean;
}

const MEMBERSHIPS: ReadonlySet<string> = new Set<Membership>(['join', 'leave', 'invite', 'ban', 'knock']);

export function membershipOf(content: unknown): Membership | undefined {
	const value = asObject(content).membership;
	return typeof value === 'string' && MEMBERSHIPS.has(value) ? (value as Membership) : undefined;
}

/**
 * MSC3759: a leave sent on behalf of an account deactivation. The flag only counts on a self-leave
 * (sender === state_key); on a kick it MUST be ignored. Anyone can set it on their own leave to
 * "fake their own death", so this is a display label, never a trust decision.
 */
export function isDeactivationLeave(untrusted: RawEvent): boolean {
	const event = asEvent(untrusted);
	if (event.type !== 'm.room.member') return false;
	const content = contentOf(event);
	if (content.membership !== 'leave') return false;
	if (typeof event.sender !== 'string' || typeof event.state_key !== 'string') return false;
	if (event.sender !== event.state_key) return false;
	return content['m.deactivated'] === true || content['org.matrix.msc3759.deactivated'] === true;
}

/** A non-empty string field, else undefined: profile fields of any other type mean "none". */
function stringField(content: Record<string, unknown>, key: string): string | undefined {
	const value = content[key];
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function changeKind(
	membership: Membership | undefined,
	previous: Membership | undefined,
	bySelf: boolean,
	profileChanged: boolean,
): MembershipChangeKind {
	switch (membership) {
		case 'join':
			if (previous === 'join') return profileChanged ? 'profile' : 'none';
			return 'join';
		case 'leave':
			if (previous === 'leave') return 'none';
			if (bySelf) {
				if (previous === 'invite') return 'invite-rejected';
				if (previous === 'knock') return 'knock-withdrawn';
				return 'leave'; // from join, or no/unknown previous state
			}
			if (previous === 'invite') return 'invite-withdrawn';
			if (previous === 'ban') return 'unban';
			// From join, from knock (a denied knock: someone else removed them) or from unknown.
			return 'kick';
		case 'ban':
			return previous === 'ban' ? 'none' : 'ban';
		case 'invite':
			return previous === 'invite' ? 'none' : 'invite';
		case 'knock':
			return previous === 'knock' ? 'none' : 'knock';
		default:
			return 'unknown';
	}
}

export function describeMembership(untrusted: RawEvent): MembershipChange {
	const event = asEvent(untrusted);
	const content = contentOf(event);
	const previousContent = prevContentOf(event);
	const actor = typeof event.sender === 'string' ? event.sender : '';
	const target = typeof event.state_key === 'string' ? event.state_key : '';
	// A missing sender is nobody, not "the target themself".
	const bySelf = actor !== '' && actor === target;

	const membership = membershipOf(content);
	const previous = membershipOf(previousContent);

	const nameBefore = stringField(previousContent, 'displayname');
	const nameAfter = stringField(content, 'displayname');
	const nameChanged = nameBefore !== nameAfter;
	const avatarChanged = stringField(previousContent, 'avatar_url') !== stringField(content, 'avatar_url');

	const change: MembershipChange = {
		kind: changeKind(membership, previous, bySelf, nameChanged || avatarChanged),
		actor,
		target,
		deactivated: isDeactivationLeave(event),
	};
	if (typeof content.reason === 'string') change.reason = content.reason;
	if (change.kind === 'profile') {
		if (nameChanged) {
			const from = nameBefore === undefined ? undefined : sanitizeInline(nameBefore);
			const to = nameAfter === undefined ? undefined : sanitizeInline(nameAfter);
			change.displayNameChanged = {
				...(from === undefined ? {} : {from}),
				...(to === undefined ? {} : {to}),
			};
		}
		change.avatarChanged = avatarChanged;
	}
	return change;
}
