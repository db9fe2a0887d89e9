/** Ctrl+K: type to fuzzy-find a room, ↑/↓ to pick, Enter to open, Esc to cancel. */
import {c} from './colors.js';
import {Box, Text} from 'ink';
import {sanitizeInline} from '../domain/sanitize.js';
import {truncateToWidth} from '../domain/text-width.js';
import {useAppState} from '../state/hooks.js';
import {aliasOf, selectSwitcherMatches} from '../state/selectors.js';

export function RoomSwitcher({width, height}: {width: number; height: number}) {
	const switcher = useAppState((state) => state.switcher);
	const rooms = useAppState((state) => state.rooms);
	if (!switcher) return null;
	const matches = selectSwitcherMatches(rooms, switcher.query);
	const index = Math.min(switcher.index, Math.max(0, matches.length - 1));
	const capacity = Math.max(1, height - 4);
	const first = Math.max(0, index - capacity + 1);
	const inner = width - 4;
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" paddingX={1}>
			<Text bold>Switch room — type to search, ↑↓ pick, Enter open, Esc cancel</Text>
			<Text>
				<Text color={c('cyan')}>{'> '}</Text>
				{sanitizeInline(switcher.query)}
				<Text inverse> </Text>
			</Text>
			{matches.length === 0 ? <Text dimColor>no room matches</Text> : null}
			{matches.slice(first, first + capacity).map((room, offset) => {
				const alias = aliasOf(room);
				const label = `${sanitizeInline(room.name)}${alias ? `  ${sanitizeInline(alias)}` : ''}${room.membership === 'invite' ? '  (invite)' : ''}`;
				return (
					<Text key={room.roomId} inverse={first + offset === index} wrap="truncate">
						{truncateToWidth(label, inner)}
					</Text>
				);
			})}
		</Box>
	);
}
