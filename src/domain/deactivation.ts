/**
 * MSC3759 from both ends: the leave a client sends when its user deactivates, and what a client
 * may tidy up once it has seen one ("clients can start cleaning up any connected metadata/cached
 * information about the user"). Still a label, never a trust decision: the flag counts only on a
 * self-leave (isDeactivationLeave), so a forged one on a kick or about someone else changes nothing,
 * and the worst a self-sent fake can do is hide its own sender from completion.
 */
import type {RawContent} from './events.js';
import {asEvent} from './events.js';
import {isDeactivationLeave} from './membership.js';

/** Our own leave when deactivating: the stable and the unstable flag both, and the reason if any. */
export function deactivationLeaveContent(reason?: string): RawContent {
	return {membership: 'leave', 'm.deactivated': true, 'org.matrix.msc3759.deactivated': true, ...(reason ? {reason} : {})};
}

/** The users whose deactivation these events validly announce, first seen first, each once. */
export function deactivatedUsersIn(events: Iterable<unknown>): string[] {
	const found = new Set<string>();
	for (const untrusted of events) {
		const event = asEvent(untrusted);
		if (isDeactivationLeave(event)) found.add(event.state_key!);
	}
	return [...found];
}

/** `known` plus `userIds`; the very same set when nothing is new, so memoized views keep their cache. */
export function withDeactivated(known: ReadonlySet<string>, userIds: Iterable<string>): ReadonlySet<string> {
	let next: Set<string> | undefined;
	for (const userId of userIds) {
		if (known.has(userId) || next?.has(userId)) continue;
		next ??= new Set(known);
		next.add(userId);
	}
	return next ?? known;
}

/**
 * The other person of a direct chat: the only user besides us among the room's known members,
 * whatever their membership (a deactivated peer has left). Stops at the second other user, so a
 * 50,000-member room costs two rows. Whether the room has a name or alias is the caller's check.
 */
export function directChatPeer(memberIds: Iterable<string>, myUserId: string): string | undefined {
	let peer: string | undefined;
	for (const userId of memberIds) {
		if (userId === myUserId || userId === peer) continue;
		if (peer !== undefined) return undefined;
		peer = userId;
	}
	return peer;
}
