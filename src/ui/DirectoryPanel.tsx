/** /explore (and /space): the room directory (a space's rooms) in the main area; ↑↓ PgUp PgDn choose, Enter joins, Esc closes. Only the rows in view are drawn. */
import {Box, Text} from 'ink';
import {sanitizeInline} from '../domain/sanitize.js';
import {useAppState} from '../state/hooks.js';
import {directoryLine, firstVisible} from './directory-rows.js';

export function DirectoryPanel({width, height}: {width: number; height: number}) {
	const view = useAppState((state) => state.directory);
	if (!view) return null;
	const inner = width - 4;
	const capacity = Math.max(1, height - 5);
	const first = firstVisible(view.index, view.rooms.length, capacity);
	const where = view.server ? ` on ${sanitizeInline(view.server)}` : '';
	const matching = view.term ? ` matching "${sanitizeInline(view.term)}"` : '';
	const count = view.total !== undefined && view.total > view.rooms.length ? `${view.rooms.length} of ~${view.total}` : String(view.rooms.length);
	const title = view.space ? `Rooms of ${view.space.name} you are not in (${view.rooms.length}${view.next === undefined ? '' : '+'})` : `Public rooms${where}${matching} (${count})`;
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" paddingX={1} overflow="hidden">
			<Text bold wrap="truncate">
				{title} — ↑↓ choose · Enter joins · Esc closes
			</Text>
			{view.rooms.length === 0 ? <Text dimColor>{view.space ? 'None yet — ↓ reads on.' : `No public rooms here${matching}.`}</Text> : null}
			{view.rooms.slice(first, first + capacity).map((room, offset) => (
				<Text key={room.roomId} wrap="truncate" inverse={first + offset === view.index}>
					{directoryLine(room, inner)}
				</Text>
			))}
			{view.loading ? <Text dimColor>loading more…</Text> : null}
		</Box>
	);
}
