/**
 * The space the room list shows (the selector above it): every room, one joined space's rooms
 * (through its sub-spaces, spaces.ts; a room's m.space.parent claim counts when it holds), or
 * "Other", the rooms no joined space lists. Joined spaces
 * are never listed as rooms themselves; an invite to one is, so it can be accepted.
 */
import {parentClaimHolds, roomsInSpaces, roomsOfSpace, spacesInOrder, type SpaceTree} from '../domain/spaces.js';
import {stateEvent} from './state-index.js';
import {sanitizeInline} from '../domain/sanitize.js';
import type {RoomSnapshot} from './room-snapshot.js';

/** The selector's "Other": no room ID looks like it (they start with '!'). */
export const OTHER_ROOMS = 'other';

/** What is chosen: undefined for every room, OTHER_ROOMS, or a space's room ID. */
export type SpaceChoice = string | undefined;

export interface SpaceOption {
	choice: SpaceChoice;
	/** Sanitized; a sub-space's depth says how far under its top-level space it sits. */
	name: string;
	depth: number;
}

type Rooms = ReadonlyMap<string, RoomSnapshot>;

const collator = new Intl.Collator(undefined, {sensitivity: 'base'});

/** The room map changes identity with every update: one tree per map. */
const trees = new WeakMap<Rooms, SpaceTree>();

function spaceTreeOf(rooms: Rooms): SpaceTree {
	let tree = trees.get(rooms);
	if (!tree) {
		const joined = new Map<string, readonly string[]>();
		for (const room of rooms.values()) if (isJoinedSpace(room)) joined.set(room.roomId, room.space.children);
		addClaimedChildren(rooms, joined);
		trees.set(rooms, (tree = joined));
	}
	return tree;
}

/** Rooms whose m.space.parent claim on a joined space holds (spaces.ts) count among its children. */
function addClaimedChildren(rooms: Rooms, joined: Map<string, readonly string[]>): void {
	for (const room of rooms.values()) {
		for (const {spaceId, sender} of room.spaceParents ?? []) {
			const children = joined.get(spaceId);
			const space = rooms.get(spaceId);
			if (!children || !space || children.includes(room.roomId)) continue;
			const creator = stateEvent(space, 'm.room.create')?.sender;
			if (parentClaimHolds(sender, creator, stateEvent(space, 'm.room.power_levels')?.content)) joined.set(spaceId, [...children, room.roomId]);
		}
	}
}

function isJoinedSpace(room: RoomSnapshot): room is RoomSnapshot & {space: {children: string[]}} {
	return room.space !== undefined && room.membership === 'join';
}

export function spaceName(rooms: Rooms, spaceId: string): string {
	const room = rooms.get(spaceId);
	return (room && sanitizeInline(room.name)) || spaceId;
}

/** All, the joined spaces (a parent before its sub-spaces), Other: only once the account is in a space. */
export function spaceOptions(rooms: Rooms): SpaceOption[] {
	const tree = spaceTreeOf(rooms);
	if (tree.size === 0) return [];
	const byName = (a: string, b: string) => collator.compare(spaceName(rooms, a), spaceName(rooms, b)) || a.localeCompare(b);
	const spaces = spacesInOrder(tree, byName).map(({spaceId, depth}): SpaceOption => ({choice: spaceId, name: spaceName(rooms, spaceId), depth}));
	return [{choice: undefined, name: 'All', depth: 0}, ...spaces, {choice: OTHER_ROOMS, name: 'Other', depth: 0}];
}

/** The choice in force: a space we are no longer in (or not yet synced) shows every room, and is kept for later. */
export function choiceInForce(rooms: Rooms, chosen: SpaceChoice): SpaceChoice {
	if (chosen === undefined) return undefined;
	const tree = spaceTreeOf(rooms);
	if (tree.size === 0) return undefined;
	return chosen === OTHER_ROOMS || tree.has(chosen) ? chosen : undefined;
}

/** Which rooms the list shows under the choice; joined spaces never. */
export function roomsUnderChoice(rooms: Rooms, chosen: SpaceChoice): (room: RoomSnapshot) => boolean {
	const choice = choiceInForce(rooms, chosen);
	const tree = spaceTreeOf(rooms);
	if (choice === undefined) return (room) => !isJoinedSpace(room);
	if (choice === OTHER_ROOMS) {
		const inSpaces = roomsInSpaces(tree);
		return (room) => !isJoinedSpace(room) && !inSpaces.has(room.roomId);
	}
	const under = roomsOfSpace(choice, tree);
	return (room) => !isJoinedSpace(room) && under.has(room.roomId);
}

/** The choice `delta` steps along the selector from the one in force, wrapping around. */
export function cycledChoice(rooms: Rooms, chosen: SpaceChoice, delta: number): SpaceChoice {
	const options = spaceOptions(rooms);
	if (options.length === 0) return chosen;
	const at = Math.max(0, options.findIndex((option) => option.choice === choiceInForce(rooms, chosen)));
	return options[(((at + delta) % options.length) + options.length) % options.length]!.choice;
}

/** `/space <name>`: "all", "other", or the space whose name (ignoring case) is it, else holds it. */
export function choiceNamed(rooms: Rooms, query: string): {choice: SpaceChoice} | undefined {
	const wanted = query.trim().toLocaleLowerCase();
	const options = spaceOptions(rooms);
	const exact = options.find((option) => option.name.toLocaleLowerCase() === wanted || option.choice === query.trim());
	const found = exact ?? options.find((option) => option.choice !== undefined && option.choice !== OTHER_ROOMS && option.name.toLocaleLowerCase().includes(wanted));
	return found ? {choice: found.choice} : undefined;
}
