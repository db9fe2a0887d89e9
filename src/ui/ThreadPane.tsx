/**
 * The open thread in place of the timeline: its root, then its replies oldest first. Only the rows
 * that fit are laid out; scrolled to the top, older replies are fetched. The newest reply on
 * screen marks the thread read.
 */
import {useEffect} from 'react';
import {Box, Text} from 'ink';
import {oneLinePreview} from '../domain/relations.js';
import {truncateToWidth} from '../domain/text-width.js';
import {useAppState, useUiActions} from '../state/hooks.js';
import type {RoomSnapshot} from '../state/room-snapshot.js';
import {nameResolver} from '../state/selectors.js';
import {newestReply, selectThreadItems, shownRoot} from '../state/thread-selectors.js';
import type {ThreadView} from '../state/threads.js';
import {c} from './colors.js';
import {bottomWindow} from './rows.js';
import {newestRows} from './timeline-rows.js';
import {Row} from './Timeline.js';
import {useClampedScroll} from './use-clamped-scroll.js';

export function ThreadPane({room, thread, width, height}: {room: RoomSnapshot; thread: ThreadView; width: number; height: number}) {
	const reasonMaxWidth = useAppState((state) => state.reasonMaxWidth);
	const scroll = useAppState((state) => state.timelineScroll);
	const focused = useAppState((state) => state.focus === 'timeline');
	const revealSpoilers = useAppState((state) => state.revealSpoilers);
	const userId = useAppState((state) => state.userId);
	const {threadOlder, readThread} = useUiActions();
	const items = selectThreadItems(room, thread, reasonMaxWidth, userId);
	const bodyHeight = Math.max(1, height - 2);
	const {rows} = newestRows(items, width, bodyHeight + scroll);
	let view = bottomWindow(rows, bodyHeight, scroll);
	const loadingLine = !thread.loaded ? '── loading the thread… ──' : thread.loading ? '── loading older replies… ──' : undefined;
	// A loading line takes a row of the view, as in the timeline.
	if (loadingLine) view = bottomWindow(rows, bodyHeight - 1, scroll);
	const startLine = !loadingLine && view.atTop && thread.older === undefined && view.visible.length < bodyHeight ? '── start of the thread ──' : undefined;
	useClampedScroll('scroll-timeline', scroll, thread.older === undefined ? view.scroll : scroll);

	const wantsOlder = view.atTop && thread.older !== undefined && !thread.loading && scroll > 0;
	useEffect(() => {
		if (wantsOlder) threadOlder();
	}, [wantsOlder, threadOlder]);

	// Reading the newest reply is what reads the thread, as the timeline's end reads the room.
	const newest = scroll === 0 ? newestReply(room, thread) : undefined;
	useEffect(() => {
		if (newest) readThread(room.roomId, thread.rootId, newest.eventId, newest.ts);
	}, [newest?.eventId, newest?.ts, room.roomId, thread.rootId, readThread]);

	const root = thread.root ?? room.events.find((event) => event.event_id === thread.rootId);
	const rootText = root ? oneLinePreview(shownRoot(room, root), nameResolver(room)(root.sender ?? '')) : '…';
	const header = `Thread: ${rootText}`;
	const hint = ' — Esc closes';
	const scrolledNote = view.scroll > 0 ? ` [${view.scroll} rows up]` : '';
	const status = loadingLine ?? startLine;
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold wrap="truncate" color={c(focused ? 'cyan' : 'magenta')}>
				{truncateToWidth((focused ? '▸ ' : '') + header, Math.max(1, width - hint.length - scrolledNote.length))}
				<Text dimColor>{hint}</Text>
				<Text color={c('yellow')}>{scrolledNote}</Text>
			</Text>
			{status ? <Text dimColor>{status}</Text> : null}
			<Box flexDirection="column" flexGrow={1} justifyContent="flex-end">
				{view.visible.map((row) => (
					<Row key={row.key} row={row} revealSpoilers={revealSpoilers} />
				))}
			</Box>
		</Box>
	);
}
