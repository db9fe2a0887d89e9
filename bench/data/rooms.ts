/** The three bodies of issue 4: the big room, the control room, and the storm. */
import type {Random} from './random.ts';
import {FAMILY_NAMES, GIVEN_NAMES, MESSAGES, SHORT_REASONS, UNUSUAL_REASONS, longReason} from './texts.ts';
import {BASE_TS, SERVERS, joinContent, memberEvent, powerLevels, roomEntry, stateEvent, withoutRoomId, type EventIds, type MatrixEvent, type Profile} from './events.ts';
import {BIG_ROOM, CONTROL_ROOM, USER_ID, formatSerial, type BenchShape, type StormPlan} from './shape.ts';

export function bigRoom(random: Random, ids: EventIds, shape: BenchShape, profileOf: (serial: number) => Profile) {
	const roomId = BIG_ROOM.id;
	const admin = profileOf(1).userId;
	const users: Record<string, number> = {[USER_ID]: 100};
	for (let serial = 1; serial <= shape.admins; serial++) users[profileOf(serial).userId] = 100;
	for (let serial = shape.admins + 1; serial <= shape.admins + shape.moderators; serial++) users[profileOf(serial).userId] = 50;

	const state: MatrixEvent[] = [];
	const core: Array<[string, Record<string, unknown>]> = [
		['m.room.create', {room_version: '10', creator: admin}],
		['m.room.power_levels', powerLevels(users)],
		['m.room.join_rules', {join_rule: 'public'}],
		['m.room.history_visibility', {history_visibility: 'shared'}],
		['m.room.guest_access', {guest_access: 'can_join'}],
		['m.room.name', {name: BIG_ROOM.name}],
		['m.room.topic', {topic: 'A synthetic Matrix HQ: 25,000 joined, 25,000 departed, 20,000 other state events'}],
		['m.room.canonical_alias', {alias: '#matrixhq:bench.example', alt_aliases: ['#hq:bench.example']}],
		['m.room.server_acl', {allow: ['*'], deny: ['*.evil.example', 'spam.example'], allow_ip_literals: false}],
		['m.room.avatar', {url: 'mxc://bench.example/hqavatar'}],
	];
	core.forEach(([type, content], index) => state.push(stateEvent(ids, type, '', admin, content, BASE_TS - 9e8 + index)));
	const custom = shape.stateEvents - state.length;
	// Every other custom event is deleted, until deletedState of them are.
	const deleteEvery = custom > 0 && shape.deletedState > 0 ? Math.max(1, Math.floor(custom / shape.deletedState)) : Infinity;
	let deleted = 0;
	for (let index = 0; index < custom; index++) {
		const [type, stateKey, content] = customState(random, index);
		if (index % deleteEvery === 0 && deleted < shape.deletedState) {
			content['deleted'] = true;
			deleted++;
		}
		state.push(stateEvent(ids, type, stateKey, admin, content, BASE_TS - 8e8 + index * 1000));
	}

	const members: MatrixEvent[] = [];
	const joinedAt = (serial: number) => BASE_TS - 5e8 + serial * 1000;
	for (let serial = 0; serial < shape.joined; serial++) {
		const profile = profileOf(serial);
		members.push(memberEvent(ids, roomId, profile.userId, profile.userId, joinContent(profile), joinedAt(serial)));
	}
	for (let offset = 0; offset < shape.left; offset++) {
		const serial = shape.joined + offset;
		const profile = profileOf(serial);
		const content: Record<string, unknown> = {membership: 'leave'};
		let sender = profile.userId;
		if (offset < shape.leaveReasons) {
			content['reason'] = leaveReason(random, offset);
			if (offset % 5 === 4) sender = admin; // a kick, with the admin's reason
		} else if (offset < shape.leaveReasons + shape.deactivated) {
			content[offset % 2 === 0 ? 'org.matrix.msc3759.deactivated' : 'm.deactivated'] = true;
		}
		members.push(memberEvent(ids, roomId, profile.userId, sender, content, BASE_TS - 1e8 + offset * 1000, {prev_content: joinContent(profile), prev_sender: profile.userId, replaces_state: ids.next()}));
	}

	const timeline: MatrixEvent[] = [];
	for (let index = 0; index < shape.timeline; index++) {
		const sender = profileOf(1 + (index % shape.timelineSenders)).userId;
		timeline.push({
			type: 'm.room.message',
			sender,
			content: {msgtype: 'm.text', body: random.pick(MESSAGES)},
			event_id: ids.next(),
			origin_server_ts: BASE_TS - (shape.timeline - index) * 60_000,
			unsigned: {age: (shape.timeline - index) * 60_000},
		});
	}
	// Lazy loading: the state carries the member events of the timeline's senders (and ours).
	const senders = new Set([USER_ID, ...timeline.map((event) => event.sender)]);
	const syncState = [...state, ...members.filter((event) => senders.has(event.state_key ?? '')).map(withoutRoomId)];
	return {state, members, timeline, syncState};
}

function customState(random: Random, index: number): [string, string, Record<string, unknown>] {
	switch (index % 5) {
		case 0:
			return ['m.space.child', `!child${index}:${random.pick(SERVERS)}`, {via: [random.pick(SERVERS)], order: formatSerial(index)}];
		case 1:
			return ['im.vector.modular.widgets', `widget_${index}`, {type: 'm.custom', url: `https://widgets.bench.example/w/${index}`, name: `Widget ${index}`, data: {}}];
		case 2:
			return ['uk.half-shot.bridge', `bridge_${index}`, {bridgebot: '@irc:bench.example', protocol: {id: 'irc', displayname: 'IRC'}, channel: {id: `#chan${index}`}}];
		case 3:
			return ['org.example.bench.flag', `flag.${index}`, {value: index % 7, note: random.pick(MESSAGES)}];
		default:
			return ['org.example.bench.poll', `poll.${index}`, {question: random.pick(MESSAGES), answers: ['yes', 'no', 'maybe']}];
	}
}

function leaveReason(random: Random, offset: number): string {
	const kind = offset % 20;
	if (kind === 0 || kind === 10) return longReason(200 + random.int(600), kind === 10);
	if (kind === 3 || kind === 7 || kind === 13) return random.pick(UNUSUAL_REASONS);
	return random.pick(SHORT_REASONS);
}

export function controlRoom(random: Random, ids: EventIds, shape: BenchShape, bigRoomName: (serial: number) => string | undefined = () => undefined) {
	const roomId = CONTROL_ROOM.id;
	const profiles: Profile[] = [{userId: USER_ID, displayname: 'Bench Runner'}];
	// Names as long as the big room's, but a 5-letter tag instead of the 5-digit serial: nothing in
	// this room may look like a big-room member on screen. Its first members (the senders of its
	// timeline, at the top of its list) carry the names the big room's senders carry — the same
	// scripts and emoji on both screens, so renderRatio compares room sizes, not glyphs (wide and
	// emoji text costs Ink more to lay out: with plain names here the ratio read ~1.10, with these ~1.04).
	for (let index = 1; index < shape.controlMembers; index++) {
		const given = GIVEN_NAMES[index % GIVEN_NAMES.length]!;
		const family = FAMILY_NAMES[(index * 7) % FAMILY_NAMES.length]!;
		const tag = Array.from({length: 5}, () => String.fromCharCode(97 + random.int(26))).join('');
		const mirrored = index <= shape.timelineSenders ? bigRoomName(index)?.replace(/\d{5}$/, tag) : undefined;
		profiles.push({userId: `@ctl.${given.toLowerCase()}.${tag}:bench.example`, displayname: mirrored ?? `${given} ${family} ${tag}`});
	}
	const admin = profiles[1]?.userId ?? USER_ID;
	// The same power levels as the big room: as many @ and + rows at the top of the list.
	const users: Record<string, number> = {[USER_ID]: 100};
	profiles.slice(1, 1 + shape.admins + shape.moderators).forEach((profile, index) => (users[profile.userId] = index < shape.admins ? 100 : 50));
	const state = [
		stateEvent(ids, 'm.room.create', '', admin, {room_version: '10', creator: admin}, BASE_TS - 9e8),
		stateEvent(ids, 'm.room.power_levels', '', admin, powerLevels(users), BASE_TS - 9e8 + 1),
		stateEvent(ids, 'm.room.join_rules', '', admin, {join_rule: 'invite'}, BASE_TS - 9e8 + 2),
		stateEvent(ids, 'm.room.history_visibility', '', admin, {history_visibility: 'shared'}, BASE_TS - 9e8 + 3),
		stateEvent(ids, 'm.room.name', '', admin, {name: CONTROL_ROOM.name}, BASE_TS - 9e8 + 4),
		stateEvent(ids, 'm.room.topic', '', admin, {topic: 'A small room to compare with: 50 joined, nothing departed, a handful of state events'}, BASE_TS - 9e8 + 5),
	];
	const members = profiles.map((profile, index) => memberEvent(ids, roomId, profile.userId, profile.userId, joinContent(profile), BASE_TS - 5e8 + index));
	// As long a timeline as the big room's, so both rooms fill the screen alike (renderRatio compares them).
	const timeline = Array.from({length: shape.timeline}, (_, index): MatrixEvent => ({
		type: 'm.room.message',
		sender: profiles[1 + (index % Math.max(1, profiles.length - 1))]!.userId,
		content: {msgtype: 'm.text', body: random.pick(MESSAGES)},
		event_id: ids.next(),
		origin_server_ts: BASE_TS - (shape.timeline - index) * 60_000,
		unsigned: {age: (shape.timeline - index) * 60_000},
	}));
	return {state, members, timeline};
}

/**
 * 60,000 member changes at once: a third of the joined leave (a tenth of them kicked with the ACL
 * as the reason), a quarter of the plain leavers come back, and new users join. As Synapse sends
 * a gap that big: the changes in `state`, the last 20 in a limited timeline.
 */
export function stormOf(ids: EventIds, shape: BenchShape, plan: StormPlan, profileOf: (serial: number) => Profile, current: readonly MatrixEvent[]) {
	const roomId = BIG_ROOM.id;
	const admin = profileOf(1).userId;
	const previous = new Map(current.map((event) => [event.state_key ?? '', event]));
	const events: MatrixEvent[] = [];
	const ts = BASE_TS + 1e6;
	const change = (serial: number, sender: string, content: Record<string, unknown>) => {
		const profile = profileOf(serial);
		const before = previous.get(profile.userId);
		const unsigned: Record<string, unknown> = before ? {prev_content: before.content, prev_sender: before.sender, replaces_state: before.event_id} : {};
		events.push(memberEvent(ids, roomId, profile.userId, sender, content, ts + events.length, unsigned));
	};
	const firstLeaver = shape.timelineSenders + 1;
	for (let offset = 0; offset < plan.leaves; offset++) {
		const serial = firstLeaver + offset;
		if (offset % 10 === 0) change(serial, admin, {membership: 'leave', reason: 'server ACL: your homeserver is no longer allowed here'});
		else change(serial, profileOf(serial).userId, {membership: 'leave'});
	}
	const firstRejoiner = shape.joined + shape.left - plan.rejoins;
	for (let offset = 0; offset < plan.rejoins; offset++) {
		const serial = firstRejoiner + offset;
		change(serial, profileOf(serial).userId, joinContent(profileOf(serial)));
	}
	const firstNew = shape.joined + shape.left;
	for (let offset = 0; offset < plan.joins; offset++) {
		const serial = firstNew + offset;
		change(serial, profileOf(serial).userId, joinContent(profileOf(serial)));
	}
	const timelineSize = Math.min(20, events.length);
	const inTimeline = events.slice(events.length - timelineSize).map(withoutRoomId);
	const inState = events.slice(0, events.length - timelineSize).map(withoutRoomId);
	const roomJson = roomEntry(roomId, {state: inState, timeline: inTimeline, limited: true, prevBatch: 't_storm', notifications: 0});
	return {roomJson, events};
}
