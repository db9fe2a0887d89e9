/**
 * Spaces (rooms whose m.room.create says `type: 'm.space'`) and the rooms under them, from the
 * m.space.child state events of the spaces we joined, and the m.space.parent claims of rooms that
 * hold (all untrusted JSON). A child counts while its
 * content holds a non-empty `via` (the spec's way to remove one is to empty its content). Sub-spaces
 * nest; a hostile or careless space tree may loop, so every walk keeps a visited set and a depth cap.
 */
import {asObject, type RawEvent} from './events.js';
import {requiredPowerLevel, userPowerLevel} from './power-levels.js';

export const SPACE_TYPE = 'm.space';
export const SPACE_CHILD = 'm.space.child';
export const SPACE_PARENT = 'm.space.parent';

/** How deep sub-spaces are followed: deeper than any real tree, and bounded whatever a server sends. */
export const SPACE_DEPTH_CAP = 16;

/** Whether m.room.create's content makes the room a space. */
export function isSpaceCreation(content: unknown): boolean {
	return asObject(content).type === SPACE_TYPE;
}

/** The servers a child event says to join through: its `via` strings (none when it is not an array). */
export function viaServers(content: unknown): string[] {
	const via = asObject(content).via;
	return Array.isArray(via) ? via.filter((server): server is string => typeof server === 'string' && server !== '') : [];
}

/** The rooms a space's m.space.child events list (each once, as their state keys say), in the events' order. */
export function spaceChildIds(events: Iterable<RawEvent>): string[] {
	const children = new Set<string>();
	for (const event of events) {
		if (event.type !== SPACE_CHILD || typeof event.state_key !== 'string' || !event.state_key.startsWith('!')) continue;
		if (viaServers(event.content).length > 0) children.add(event.state_key);
	}
	return [...children];
}

/** A room's claim to be in a space (m.space.parent): the space's ID and who made the claim. */
export interface ParentClaim {
	spaceId: string;
	sender: string;
}

/** A room's m.space.parent events with a non-empty via, each space once. */
export function spaceParentClaims(events: Iterable<RawEvent>): ParentClaim[] {
	const claims = new Map<string, ParentClaim>();
	for (const event of events) {
		if (event.type !== SPACE_PARENT || typeof event.state_key !== 'string' || !event.state_key.startsWith('!') || typeof event.sender !== 'string') continue;
		if (viaServers(event.content).length > 0 && !claims.has(event.state_key)) claims.set(event.state_key, {spaceId: event.state_key, sender: event.sender});
	}
	return [...claims.values()];
}

/**
 * Whether a room's claim to be in a space holds, as the spec asks: its sender could name the room a
 * child of the space themselves (the space's creator, or power enough for m.space.child there).
 * Else any room could put itself into any space.
 */
export function parentClaimHolds(sender: string, spaceCreator: unknown, spacePowerLevels: unknown): boolean {
	if (sender === spaceCreator) return true;
	return userPowerLevel(spacePowerLevels, sender) >= requiredPowerLevel(spacePowerLevels, {kind: 'state', eventType: SPACE_CHILD});
}

/** The joined spaces: each space's ID and its children's room IDs. */
export type SpaceTree = ReadonlyMap<string, readonly string[]>;

/** Everything under `spaceId`: its children and, through the sub-spaces we joined, theirs (sub-spaces included). */
export function roomsOfSpace(spaceId: string, tree: SpaceTree): Set<string> {
	const found = new Set<string>();
	const visited = new Set<string>([spaceId]);
	let level = [spaceId];
	for (let depth = 0; depth < SPACE_DEPTH_CAP && level.length > 0; depth++) {
		const next: string[] = [];
		for (const space of level) {
			for (const child of tree.get(space) ?? []) {
				found.add(child);
				if (!visited.has(child) && tree.has(child)) {
					visited.add(child);
					next.push(child);
				}
			}
		}
		level = next;
	}
	found.delete(spaceId);
	return found;
}

/** The rooms some joined space lists: every other room is under "Other". */
export function roomsInSpaces(tree: SpaceTree): Set<string> {
	const inSpaces = new Set<string>();
	for (const children of tree.values()) for (const child of children) inSpaces.add(child);
	return inSpaces;
}

/**
 * The joined spaces in the selector's order: each top-level space (no joined space lists it) by
 * name, its sub-spaces after it, depth first; spaces reached only through a loop come last.
 */
export function spacesInOrder(tree: SpaceTree, compare: (a: string, b: string) => number): Array<{spaceId: string; depth: number}> {
	const listed = roomsInSpaces(tree);
	const ordered: Array<{spaceId: string; depth: number}> = [];
	const visited = new Set<string>();
	const visit = (spaceId: string, depth: number) => {
		if (visited.has(spaceId) || depth >= SPACE_DEPTH_CAP) return;
		visited.add(spaceId);
		ordered.push({spaceId, depth});
		const subSpaces = (tree.get(spaceId) ?? []).filter((child) => tree.has(child)).sort(compare);
		for (const child of subSpaces) visit(child, depth + 1);
	};
	const all = [...tree.keys()].sort(compare);
	for (const spaceId of all) if (!listed.has(spaceId)) visit(spaceId, 0);
	for (const spaceId of all) visit(spaceId, 0);
	return ordered;
}
