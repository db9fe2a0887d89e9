/**
 * The rooms by section (room-order.ts), each under its title once there is more than one; the
 * selected one highlighted, unread and highlight counts beside. A direct chat whose other member
 * deactivated their account gets a second line saying so.
 */
import {c} from './colors.js';
import {useMemo} from 'react';
import {Box, Text} from 'ink';
import {useAppState} from '../state/hooks.js';
import {LOCK_MARKER, selectRoomList, type RoomListItem} from '../state/selectors.js';
import {SECTION_TITLES, type RoomSection} from '../state/room-order.js';
import {cellWidth, truncateToWidth} from '../domain/text-width.js';
import {padCells} from './rows.js';
import {sanitizeInline} from '../domain/sanitize.js';

type Line = {kind: 'room'; item: RoomListItem} | {kind: 'deactivated'; item: RoomListItem} | {kind: 'section'; section: RoomSection};

/** The list's lines: a title before each section's first room, when there is more than one section. */
function listLines(items: readonly RoomListItem[]): Line[] {
	const titled = new Set(items.map((item) => item.section)).size > 1;
	return items.flatMap((item, index): Line[] => {
		const lines: Line[] = titled && item.section !== items[index - 1]?.section ? [{kind: 'section', section: item.section}] : [];
		lines.push({kind: 'room', item});
		if (item.deactivatedPeer !== undefined) lines.push({kind: 'deactivated', item});
		return lines;
	});
}

export function RoomList({width, height}: {width: number; height: number}) {
	const rooms = useAppState((state) => state.rooms);
	const selectedRoomId = useAppState((state) => state.selectedRoomId);
	const userId = useAppState((state) => state.userId);
	const deactivatedUsers = useAppState((state) => state.deactivatedUsers);
	const focused = useAppState((state) => state.focus === 'rooms');
	const items = useMemo(() => selectRoomList({rooms, selectedRoomId, userId, deactivatedUsers}), [rooms, selectedRoomId, userId, deactivatedUsers]);
	const lines = useMemo(() => listLines(items), [items]);
	const inner = width - 2;
	const selectedIndex = Math.max(0, lines.findIndex((line) => line.kind === 'room' && line.item.selected));
	const capacity = Math.max(1, height - 1);
	const first = Math.max(0, Math.min(selectedIndex - Math.floor(capacity / 2), lines.length - capacity));
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="single" borderTop={false} borderBottom={false} borderLeft={false} paddingRight={1}>
			<Text bold wrap="truncate" color={c(focused ? 'cyan' : undefined)}>
				{focused ? '▸ Rooms (↑↓ Enter)' : 'Rooms'}
			</Text>
			{items.length === 0 ? <Text dimColor>{truncateToWidth(`no rooms yet (${sanitizeInline(userId)})`, inner)}</Text> : null}
			{lines.slice(first, first + capacity).map((line) => {
				if (line.kind === 'section') {
					return (
						<Text key={`\u0000section:${line.section}`} dimColor bold wrap="truncate">
							{truncateToWidth(SECTION_TITLES[line.section], inner)}
						</Text>
					);
				}
				const {item} = line;
				if (line.kind === 'deactivated') {
					return (
						<Text key={`${item.roomId}\u0000deactivated`} color={c('magenta')} wrap="truncate">
							{truncateToWidth('  account deactivated', inner)}
						</Text>
					);
				}
				const badge = item.invite ? 'invite' : item.highlights > 0 ? `${item.unread}!` : item.unread > 0 ? String(item.unread) : '';
				const lock = item.encrypted ? LOCK_MARKER : '';
				const name = truncateToWidth(item.name, Math.max(1, inner - badge.length - 1 - cellWidth(lock))) + lock;
				return (
					<Text key={item.roomId} inverse={item.selected} bold={item.unread > 0 || item.invite} dimColor={item.deactivatedPeer !== undefined} wrap="truncate">
						{padCells(name, inner - badge.length)}
						<Text color={c(item.highlights > 0 ? 'red' : item.invite ? 'green' : 'cyan')}>{badge}</Text>
					</Text>
				);
			})}
		</Box>
	);
}
