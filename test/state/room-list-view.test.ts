import {describe, expect, test} from 'vitest';
import {relativeRoom, roomListLines, roomStops, roomToOpen, type RoomListView} from '../../src/state/room-list-view.js';
import type {RoomListItem} from '../../src/state/selectors.js';
import type {RoomSection} from '../../src/state/room-order.js';

function item(roomId: string, name: string, section: RoomSection, extra: Partial<RoomListItem> = {}): RoomListItem {
	return {roomId, name, section, unread: 0, highlights: 0, invite: false, selected: false, encrypted: false, ...extra};
}

const ITEMS: RoomListItem[] = [
	item('!inv', 'Invite', 'invites', {invite: true}),
	item('!a', 'Alpha', 'rooms', {selected: true}),
	item('!b', 'Beta', 'rooms', {unread: 2}),
	item('!c', 'Gamma', 'rooms', {unread: 3, highlights: 1}),
	item('!l', 'Later', 'low-priority'),
];

const view = (filter = '', folded: RoomSection[] = []): RoomListView => ({filter, folded: new Set(folded)});
const shown = (lines: ReturnType<typeof roomListLines>) => lines.map((line) => (line.kind === 'section' ? `[${line.section}${line.folded ? ` ${line.rooms} ${line.unread}/${line.highlights}` : ''}]` : line.kind === 'room' ? line.item.roomId : '~'));

describe('the room pane', () => {
	test('every room under its section title; one section alone has no title', () => {
		expect(shown(roomListLines(ITEMS, view()))).toEqual(['[invites]', '!inv', '[rooms]', '!a', '!b', '!c', '[low-priority]', '!l']);
		expect(shown(roomListLines(ITEMS.slice(1, 4), view()))).toEqual(['!a', '!b', '!c']);
	});

	test('a filter keeps the rooms whose name holds it, ignoring case; an emptied section goes, the titles stay', () => {
		expect(shown(roomListLines(ITEMS, view('TA')))).toEqual(['[rooms]', '!b']);
		expect(shown(roomListLines(ITEMS, view('zzz')))).toEqual([]);
	});

	test('a folded section is its title with its count and unread sums, and the selected room under it', () => {
		expect(shown(roomListLines(ITEMS, view('', ['rooms'])))).toEqual(['[invites]', '!inv', '[rooms 3 5/1]', '!a', '[low-priority]', '!l']);
		expect(shown(roomListLines(ITEMS, view('', ['low-priority'])))).toEqual(['[invites]', '!inv', '[rooms]', '!a', '!b', '!c', '[low-priority 1 0/0]']);
		// A filter shows what matches, folded or not.
		expect(shown(roomListLines(ITEMS, view('gam', ['rooms'])))).toEqual(['[rooms]', '!c']);
	});

	test('↑↓ stop once in a folded section, and wrap around', () => {
		expect(roomStops(ITEMS, view('', ['low-priority', 'invites']))).toEqual(['!inv', '!a', '!b', '!c', '!l']);
		expect(roomStops(ITEMS, view('', ['rooms']))).toEqual(['!inv', '!a', '!l']);
		expect(relativeRoom(ITEMS, view('', ['rooms']), 1)).toBe('!l');
		expect(relativeRoom(ITEMS, view('', ['rooms']), -1)).toBe('!inv');
		expect(relativeRoom(ITEMS, view(), -2)).toBe('!l');
	});

	test('from a room the filter hides, ↓ goes to the first shown and ↑ to the last; Enter opens the first shown', () => {
		expect(relativeRoom(ITEMS, view('e'), 1)).toBe('!inv');
		expect(relativeRoom(ITEMS, view('e'), -1)).toBe('!l');
		expect(roomToOpen(ITEMS, view('e'))).toBe('!inv');
		expect(roomToOpen(ITEMS, view('alp'))).toBe('!a');
		expect(roomToOpen(ITEMS, view('none'))).toBeUndefined();
		expect(relativeRoom(ITEMS, view('none'), 1)).toBeUndefined();
	});
});
