/**
 * The realistic storm of the traffic phases: member changes spread over several syncs while the
 * messages flow, as a big room sees them — new users join, some rename, an m.room.server_acl change
 * denies a homeserver and a moderator kicks its users, others leave (some with a reason), some who
 * left come back. Each step is built from the room's members at the time it happens.
 *
 * The joiners' names start with "0x", which sorts before every other name (and before the bare
 * user IDs, "@…"): they land at the top of the member list, right under the power users, where the
 * bench can see them arrive.
 */
import type {Random} from './random.ts';
import {GIVEN_NAMES, SHORT_REASONS} from './texts.ts';
import {SERVERS, memberEvent, type EventIds, type MatrixEvent, type Profile} from './events.ts';
import {BIG_ROOM, formatSerial} from './shape.ts';

export type StormStepKind = 'renames' | 'joins' | 'acl' | 'kicks' | 'leaves' | 'rejoins';

export interface StormStep {
	kind: StormStepKind;
	count: number;
}

/** In the order they happen, one step per sync. */
export const TRAFFIC_STORM: readonly StormStep[] = [
	{kind: 'renames', count: 6},
	{kind: 'joins', count: 8},
	{kind: 'acl', count: 1},
	{kind: 'kicks', count: 100},
	{kind: 'leaves', count: 20},
	{kind: 'kicks', count: 100},
	{kind: 'rejoins', count: 10},
	{kind: 'kicks', count: 100},
];

/** Serials of the users who join in storm `round` (above every serial the old phases use). */
export function stormJoinerSerials(round: number): readonly [number, number] {
	const from = 80_000 + round * 1_000;
	const joins = TRAFFIC_STORM.filter((step) => step.kind === 'joins').reduce((sum, step) => sum + step.count, 0);
	return [from, from + joins];
}

function stormJoiner(serial: number): Profile {
	const given = GIVEN_NAMES[serial % GIVEN_NAMES.length]!;
	const tag = formatSerial(serial);
	return {userId: `@0x${given.toLowerCase()}.${tag}:${SERVERS[serial % SERVERS.length]}`, displayname: `0x${given} ${tag}`};
}

/** The server each round's ACL denies (never the bench's own server: ours is there). */
export function deniedServer(round: number): string {
	const candidates = SERVERS.filter((server) => server !== 'bench.example');
	return candidates[round % candidates.length]!;
}

export interface StormMembers {
	get(userId: string): MatrixEvent | undefined;
	joinedUsers(): readonly string[];
	list(): readonly MatrixEvent[];
}

export interface StormContext {
	round: number;
	random: Random;
	ids: EventIds;
	members: StormMembers;
	/** Moderator who kicks and changes the ACL. */
	admin: string;
	/** Never renamed, kicked or made to leave (us, the power users). */
	untouchable: ReadonlySet<string>;
	/** Joiners already added in this round (so every joins step brings new users). */
	joinedSoFar: number;
	now: number;
}

/** The events of one step, with room_id (as /members serves them). */
export function stormStepEvents(step: StormStep, context: StormContext): MatrixEvent[] {
	const {ids, members, admin, now} = context;
	const events: MatrixEvent[] = [];
	const change = (userId: string, sender: string, content: Record<string, unknown>) => {
		const before = members.get(userId);
		const unsigned = before ? {age: 0, prev_content: before.content, prev_sender: before.sender, replaces_state: before.event_id} : {age: 0};
		events.push(memberEvent(ids, BIG_ROOM.id, userId, sender, content, Math.round(now) + events.length, unsigned));
	};
	switch (step.kind) {
		case 'joins': {
			const [from] = stormJoinerSerials(context.round);
			for (let index = 0; index < step.count; index++) {
				const profile = stormJoiner(from + context.joinedSoFar + index);
				change(profile.userId, profile.userId, {membership: 'join', displayname: profile.displayname});
			}
			break;
		}
		case 'renames':
			for (const userId of pickJoined(context, step.count, () => true)) {
				const content = members.get(userId)?.content ?? {};
				const name = typeof content['displayname'] === 'string' ? content['displayname'] : userId;
				const tag = /\d{5}/.exec(name)?.[0] ?? '';
				change(userId, userId, {...content, membership: 'join', displayname: `${context.random.pick(GIVEN_NAMES)} (renamed) ${tag}`.trim()});
			}
			break;
		case 'acl': {
			const deny = ['*.evil.example', 'spam.example', ...Array.from({length: context.round + 1}, (_, round) => deniedServer(round))];
			events.push({type: 'm.room.server_acl', state_key: '', sender: admin, content: {allow: ['*'], deny, allow_ip_literals: false}, event_id: ids.next(), origin_server_ts: Math.round(now), unsigned: {age: 0}});
			break;
		}
		case 'kicks': {
			const server = `:${deniedServer(context.round)}`;
			for (const userId of pickJoined(context, step.count, (id) => id.endsWith(server))) change(userId, admin, {membership: 'leave', reason: 'server ACL: your homeserver is no longer allowed here'});
			break;
		}
		case 'leaves':
			pickJoined(context, step.count, () => true).forEach((userId, index) => change(userId, userId, index % 3 === 0 ? {membership: 'leave', reason: context.random.pick(SHORT_REASONS)} : {membership: 'leave'}));
			break;
		case 'rejoins': {
			const left = members.list().filter((event) => event.content['membership'] === 'leave' && event.sender === event.state_key && event.content['reason'] === undefined && !isDeactivation(event) && !context.untouchable.has(event.state_key ?? ''));
			for (let index = 0; index < step.count && left.length > 0; index++) {
				const [event] = left.splice(context.random.int(left.length), 1);
				const previous = (event!.unsigned?.['prev_content'] ?? {}) as Record<string, unknown>;
				change(event!.state_key!, event!.state_key!, {...previous, membership: 'join'});
			}
			break;
		}
	}
	return events;
}

const isDeactivation = (event: MatrixEvent) => event.content['m.deactivated'] === true || event.content['org.matrix.msc3759.deactivated'] === true;

/** Up to `count` distinct joined users that `accept` takes, drawn at random. */
function pickJoined(context: StormContext, count: number, accept: (userId: string) => boolean): string[] {
	const joined = context.members.joinedUsers();
	const picked = new Set<string>();
	// Random draws first (cheap when most qualify), then a scan for a rare kind (one server's users).
	for (let tries = 0; tries < count * 20 && picked.size < count; tries++) {
		const userId = joined[context.random.int(joined.length)]!;
		if (!context.untouchable.has(userId) && accept(userId)) picked.add(userId);
	}
	for (const userId of joined) {
		if (picked.size >= count) break;
		if (!context.untouchable.has(userId) && accept(userId)) picked.add(userId);
	}
	return [...picked];
}
