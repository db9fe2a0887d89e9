/**
 * A /search result in its room: the message among its neighbours, marked, in place of the live
 * timeline until Esc. Drawn with the timeline's own rows, from events held in memory only.
 */
import {Box, Text} from 'ink';
import {c} from './colors.js';
import type {JumpView} from '../state/jump.js';
import {useAppState} from '../state/hooks.js';
import type {RoomSnapshot} from '../state/room-snapshot.js';
import {roomTitle, selectTimeline} from '../state/selectors.js';
import {truncateToWidth} from '../domain/text-width.js';
import {Row} from './Timeline.js';
import {rowsForItem, type TimelineRow} from './timeline-rows.js';

/** The mark before each row of the message jumped to; other rows get a space. */
const MARK = '▌';

export function JumpTimeline({room, jump, width, height}: {room: RoomSnapshot; jump: JumpView; width: number; height: number}) {
	const reasonMaxWidth = useAppState((state) => state.reasonMaxWidth);
	const userId = useAppState((state) => state.userId);
	const revealSpoilers = useAppState((state) => state.revealSpoilers);
	const items = selectTimeline(contextRoom(room, jump), reasonMaxWidth, userId);
	const rows: Array<{row: TimelineRow; marked: boolean}> = items.flatMap((item) => rowsForItem(item, width - 1).map((row) => ({row, marked: item.key === jump.eventId})));
	const bodyHeight = Math.max(1, height - 2);
	const at = rows.findIndex((entry) => entry.marked);
	// The message in the middle of the view, or as near as the rows around it allow.
	const start = Math.max(0, Math.min(at - Math.floor(bodyHeight / 2), rows.length - bodyHeight));
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold wrap="truncate">
				{truncateToWidth(`# ${roomTitle(room)} — a search result in its context`, width)}
			</Text>
			<Text color={c('yellow')} wrap="truncate">
				{truncateToWidth('── Esc: back to the live timeline ──', width)}
			</Text>
			{rows.slice(start, start + bodyHeight).map(({row, marked}) => (
				<Box key={row.key} width={width}>
					<Text color={c('yellow')}>{marked ? MARK : ' '}</Text>
					<Row row={row} revealSpoilers={revealSpoilers} />
				</Box>
			))}
		</Box>
	);
}

/** The room as the timeline's rules read it, holding only the context's events (and the extra members for their names). */
function contextRoom(room: RoomSnapshot, jump: JumpView): RoomSnapshot {
	const events = [...jump.events];
	return {...room, events, timeline: events.map((event) => ({event})), pending: [], gaps: [], receipts: [], members: jump.members.length === 0 ? room.members : [...jump.members, ...room.members]};
}
