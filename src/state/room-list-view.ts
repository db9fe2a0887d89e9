/**
 * What the room pane shows of the ordered rooms (selectors.ts) and how its keys walk them: a typed
 * filter narrows the list to the rooms whose name holds it; a folded section shrinks to its title,
 * with its rooms' count and unread sums, as in Element. A folded section is one stop for ↑↓ and
 * Ctrl+N: the selected room if it is there (it stays drawn under the title), else its first room.
 * A filter shows every matching room, folded or not: you asked for them.
 */
import type {RoomListItem} from './selectors.js';
import type {RoomSection} from './room-order.js';
import type {SpaceChoice} from './space-choice.js';

export interface RoomListView {
	/** Typed in the room pane; '' shows every room. */
	filter: string;
	folded: ReadonlySet<RoomSection>;
	/** The space chosen above the list (space-choice.ts); none: every room. */
	space?: SpaceChoice;
}

export interface SectionTitle {
	kind: 'section';
	section: RoomSection;
	folded: boolean;
	/** Of a folded section: its rooms, their unread messages and highlights, summed. */
	rooms: number;
	unread: number;
	highlights: number;
}

export type RoomListLine = SectionTitle | {kind: 'room'; item: RoomListItem} | {kind: 'deactivated'; item: RoomListItem};

/** Whether a room's name holds the filter, ignoring case (the name is sanitized already). */
function matchesFilter(item: RoomListItem, filter: string): boolean {
	return filter === '' || item.name.toLocaleLowerCase().includes(filter.toLocaleLowerCase());
}

interface Section {
	section: RoomSection;
	items: RoomListItem[];
}

function sectionsOf(items: readonly RoomListItem[]): Section[] {
	const sections: Section[] = [];
	for (const item of items) {
		const last = sections.at(-1);
		if (last?.section === item.section) last.items.push(item);
		else sections.push({section: item.section, items: [item]});
	}
	return sections;
}

function isFolded(section: RoomSection, view: RoomListView): boolean {
	return view.filter === '' && view.folded.has(section);
}

/** The rooms of a section the pane draws: all of them, or of a folded one only the selected room. */
function drawnRooms({section, items}: Section, view: RoomListView): RoomListItem[] {
	if (!isFolded(section, view)) return items.filter((item) => matchesFilter(item, view.filter));
	return items.filter((item) => item.selected);
}

/**
 * The pane's lines. Titles show once the account has rooms in more than one section (counted
 * before filtering, so they do not come and go as you type); a section the filter empties goes.
 */
export function roomListLines(items: readonly RoomListItem[], view: RoomListView): RoomListLine[] {
	const sections = sectionsOf(items);
	const titled = sections.length > 1;
	return sections.flatMap((section): RoomListLine[] => {
		const rooms = drawnRooms(section, view);
		const folded = isFolded(section.section, view);
		if (rooms.length === 0 && !folded) return [];
		const lines: RoomListLine[] = [];
		if (titled || folded) lines.push(titleOf(section, folded));
		for (const item of rooms) {
			lines.push({kind: 'room', item});
			if (item.deactivatedPeer !== undefined) lines.push({kind: 'deactivated', item});
		}
		return lines;
	});
}

function titleOf({section, items}: Section, folded: boolean): SectionTitle {
	return {
		kind: 'section',
		section,
		folded,
		rooms: items.length,
		unread: items.reduce((sum, item) => sum + item.unread, 0),
		highlights: items.reduce((sum, item) => sum + item.highlights, 0),
	};
}

/** The rooms ↑↓ and Ctrl+N/Ctrl+P stop at, in order. */
export function roomStops(items: readonly RoomListItem[], view: RoomListView): string[] {
	return sectionsOf(items).flatMap((section) => {
		if (!isFolded(section.section, view)) return drawnRooms(section, view).map((item) => item.roomId);
		const stop = section.items.find((item) => item.selected) ?? section.items[0];
		return stop ? [stop.roomId] : [];
	});
}

/**
 * The room `delta` stops away from the selected one, wrapping around; from a room the list does not
 * show (the filter hides it), ↓ goes to the first shown and ↑ to the last.
 */
export function relativeRoom(items: readonly RoomListItem[], view: RoomListView, delta: number): string | undefined {
	const stops = roomStops(items, view);
	if (stops.length === 0) return undefined;
	const current = stops.findIndex((roomId) => items.some((item) => item.selected && item.roomId === roomId));
	if (current === -1) return delta > 0 ? stops[0] : stops.at(-1);
	return stops[(((current + delta) % stops.length) + stops.length) % stops.length];
}

/** The room Enter opens: the selected one if the filter shows it, else the first it shows. */
export function roomToOpen(items: readonly RoomListItem[], view: RoomListView): string | undefined {
	const selected = items.find((item) => item.selected);
	if (selected && matchesFilter(selected, view.filter)) return selected.roomId;
	return items.find((item) => matchesFilter(item, view.filter))?.roomId;
}
