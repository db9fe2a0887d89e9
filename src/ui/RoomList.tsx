/** The rooms, invites first; the selected one highlighted, unread and highlight counts beside. */
import {c} from './colors.js';
import React, {useMemo} from 'react';
import {Box, Text} from 'ink';
import {useAppState} from '../state/hooks.js';
import {selectRoomList} from '../state/selectors.js';
import {truncateToWidth} from '../domain/text-width.js';
import {padCells} from './rows.js';

export function RoomList({width, height}: {width: number; height: number}) {
	const rooms = useAppState((state) => state.rooms);
	const selectedRoomId = useAppState((state) => state.selectedRoomId);
	const userId = useAppState((state) => state.userId);
	const focused = useAppState((state) => state.focus === 'rooms');
	const items = useMemo(() => selectRoomList({rooms, selectedRoomId} as Parameters<typeof selectRoomList>[0]), [rooms, selectedRoomId]);
	const inner = width - 2;
	const selectedIndex = Math.max(0, items.findIndex((item) => item.selected));
	const capacity = Math.max(1, height - 1);
	const first = Math.max(0, Math.min(selectedIndex - Math.floor(capacity / 2), items.length - capacity));
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="single" borderTop={false} borderBottom={false} borderLeft={false} paddingRight={1}>
			<Text bold wrap="truncate" color={c(focused ? 'cyan' : undefined)}>
				{focused ? '▸ Rooms (↑↓ Enter)' : 'Rooms'}
			</Text>
			{items.length === 0 ? <Text dimColor>{truncateToWidth(`no rooms yet (${userId})`, inner)}</Text> : null}
			{items.slice(first, first + capacity).map((item) => {
				const badge = item.invite ? 'invite' : item.highlights > 0 ? `${item.unread}!` : item.unread > 0 ? String(item.unread) : '';
				const name = truncateToWidth(item.name, Math.max(1, inner - badge.length - 1));
				return (
					<Text key={item.roomId} inverse={item.selected} bold={item.unread > 0 || item.invite} wrap="truncate">
						{padCells(name, inner - badge.length)}
						<Text color={c(item.highlights > 0 ? 'red' : item.invite ? 'green' : 'cyan')}>{badge}</Text>
					</Text>
				);
			})}
		</Box>
	);
}
