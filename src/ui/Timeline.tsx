/** The selected room's timeline: only the rows that fit are laid out and drawn. */
import React, {useEffect} from 'react';
import {Box, Text} from 'ink';
import type {RoomSnapshot} from '../state/room-snapshot.js';
import {useAppState, useUiActions} from '../state/hooks.js';
import {deactivatedPeerOf, isEncrypted, LOCK_MARKER, roomTitle, selectTimeline, topicOf, typingLineOf, type TimelineItem} from '../state/selectors.js';
import {bottomWindow, colorFor} from './rows.js';
import {gapsAtItems, newestRows, type TimelineRow} from './timeline-rows.js';
import {truncateToWidth} from '../domain/text-width.js';
import {useClampedScroll} from './use-clamped-scroll.js';
import {useEntryMarker} from './use-entry-marker.js';
import {StyledSpans} from './StyledText.js';
import {terminalHyperlinks} from './hyperlinks.js';
import {c, colorLevel} from './colors.js';
import {pendingPictureView, pictureBounds, pictureView} from './timeline-pictures.js';
import {boundsKey, wantsPicture} from '../state/pictures.js';

export function Timeline({room, width, height}: {room: RoomSnapshot; width: number; height: number}) {
	const reasonMaxWidth = useAppState((state) => state.reasonMaxWidth);
	const scroll = useAppState((state) => state.timelineScroll);
	const focused = useAppState((state) => state.focus === 'timeline');
	const revealSpoilers = useAppState((state) => state.revealSpoilers);
	const {loadOlder, markRead, loadPicture} = useUiActions();
	const images = useAppState((state) => state.images);
	const pictures = useAppState((state) => state.pictures);
	const userId = useAppState((state) => state.userId);
	const deactivatedUsers = useAppState((state) => state.deactivatedUsers);
	const entryMarker = useEntryMarker(room);
	const typing = typingLineOf(room, deactivatedUsers);
	// The typing line takes the timeline's last row while someone types.
	const bodyHeight = Math.max(1, height - 1 - (typing === undefined ? 0 : 1));
	const needed = bodyHeight + scroll;
	// Lay out only the newest entries that can fill the view; widen the window if hidden events
	// (reactions, edits) left it short. Rounded, so scrolling a row does not recompute the items.
	let window = Math.ceil((needed + 100) / 200) * 200;
	// Pictures where the setting and the terminal allow (half blocks need colours), a third of the pane tall at most.
	const level = colorLevel();
	const bounds = pictureBounds(width, height, images);
	const drawPictures = (images === 'kitty' || (images === 'cells' && level > 0)) && bounds.maxCols > 0 && bounds.maxRows > 0;
	const pictureOf = drawPictures
		? (item: TimelineItem) => {
				const entry = pictures.get(item.key);
				return entry === undefined && item.image ? pendingPictureView(item.image.content, bounds.maxCols, bounds.maxRows) : pictureView(entry, level);
			}
		: undefined;
	let items: TimelineItem[] = [];
	const layoutFor = (size: number) => {
		items = selectTimeline(room, reasonMaxWidth, userId, size);
		return newestRows(items, width, needed, gapsAtItems(room.events, room.gaps, items), entryMarker, pictureOf);
	};
	let layout = layoutFor(window);
	while (layout.complete && window < room.timeline.length) {
		window *= 2;
		layout = layoutFor(window);
	}
	const {rows} = layout;
	const complete = layout.complete && window >= room.timeline.length;
	let view = bottomWindow(rows, bodyHeight, scroll);
	const loadingLine = view.atTop && room.canPaginateBack && scroll > 0;
	// The loading line takes a row of the view: drawn over a full one, it pushed the header off.
	if (loadingLine) view = bottomWindow(rows, bodyHeight - 1, scroll);
	const wantsOlder = view.atTop && complete && room.canPaginateBack && scroll > 0;
	// At the start of the room (nothing older, no gap to fill), PgUp past the top is not counted:
	// PgDn moves again at once.
	const wholeRoom = complete && !room.canPaginateBack && room.gaps.length === 0;
	useClampedScroll('scroll-timeline', scroll, wholeRoom ? view.scroll : scroll);

	// Pictures are fetched for the images on screen or a screen away, once each (pictures.ts).
	const bound = boundsKey(bounds.maxCols, bounds.maxRows);
	const end = rows.length - view.scroll;
	const near = new Set(rows.slice(Math.max(0, end - view.visible.length - bodyHeight), end + bodyHeight).map((row) => row.key));
	const wanted = drawPictures ? items.filter((item) => item.image && near.has(`${item.key}:0`) && wantsPicture(pictures.get(item.key), bound, Date.now())) : [];
	const wantedKeys = wanted.map((item) => item.key).join(' ');
	useEffect(() => {
		for (const item of wanted) loadPicture(item.key, item.image!, bounds.maxCols, bounds.maxRows);
		// `wanted` is new every render; what it holds is in wantedKeys and the bounds.
	}, [wantedKeys, bound, loadPicture]);

	useEffect(() => {
		if (wantsOlder) loadOlder(room.roomId);
	}, [wantsOlder, room.roomId, room.version, loadOlder]);

	// A gap line the user scrolled to (PgUp) is filled, one page at a time; at the end it waits for them.
	const gapInView = scroll > 0 ? view.visible.findLast((row) => row.gap !== undefined)?.gap : undefined;
	useEffect(() => {
		if (gapInView !== undefined) loadOlder(room.roomId, gapInView);
	}, [gapInView, room.roomId, room.version, loadOlder]);

	// Reading the newest messages is what clears a room's unread count, as in other clients.
	const caughtUp = scroll === 0 && room.unread > 0;
	useEffect(() => {
		if (caughtUp) markRead(room.roomId);
	}, [caughtUp, room.roomId, room.version, markRead]);

	const peer = deactivatedPeerOf(room, userId, deactivatedUsers);
	const topic = topicOf(room);
	const header = `# ${roomTitle(room, peer)}${isEncrypted(room) ? LOCK_MARKER : ''}${peer === undefined ? '' : ' — account deactivated'}${topic ? ` — ${topic}` : ''}`;
	const scrolledNote = view.scroll > 0 ? ` [${view.scroll} rows up]` : '';
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold wrap="truncate" color={c(focused ? 'cyan' : undefined)}>
				{truncateToWidth((focused ? '▸ ' : '') + header, Math.max(1, width - scrolledNote.length))}
				<Text color={c('yellow')}>{scrolledNote}</Text>
			</Text>
			{view.atTop && !room.canPaginateBack && rows.length > 0 && view.visible.length < bodyHeight ? <Text dimColor>── start of the room ──</Text> : null}
			{loadingLine ? <Text dimColor>── loading older messages… ──</Text> : null}
			<Box flexDirection="column" flexGrow={1} justifyContent="flex-end">
				{view.visible.map((row) => (
					<Row key={row.key} row={row} revealSpoilers={revealSpoilers} />
				))}
			</Box>
			{typing === undefined ? null : (
				<Text dimColor italic wrap="truncate">
					{truncateToWidth(typing, width)}
				</Text>
			)}
		</Box>
	);
}

/** A message that mentions us stands out, as in Element and gomuks. */
const MENTION_COLOR = 'yellow';

export const Row = React.memo(function Row({row, revealSpoilers}: {row: TimelineRow; revealSpoilers: boolean}) {
	const time = row.time.padEnd(6);
	if (row.part === 'reactions' && row.chips) {
		return (
			<Text wrap="truncate">
				<Text>{time}</Text>
				{row.chips.map((chip, index) =>
					chip.mine ? (
						<Text key={index} color="cyan" bold>
							{chip.text}
						</Text>
					) : (
						<Text key={index}>{chip.text}</Text>
					),
				)}
			</Text>
		);
	}
	if (row.part === 'picture') {
		return (
			<Text wrap="truncate">
				{time}
				{row.picture}
			</Text>
		);
	}
	if (row.part === 'marker') {
		return (
			<Text wrap="truncate" color={c('red')}>
				{time}
				{row.text}
			</Text>
		);
	}
	if (row.part === 'gap') {
		return (
			<Text wrap="truncate" color={c('yellow')}>
				{time}
				{row.text}
			</Text>
		);
	}
	if (row.part) {
		return (
			<Text wrap="truncate" dimColor>
				{time}
				{row.text}
			</Text>
		);
	}
	const rest = row.sender ? row.text.slice(row.sender.length) : row.text;
	const dim = row.kind === 'membership' || row.kind === 'state' || row.kind === 'redacted' || row.kind === 'encrypted' || row.kind === 'unknown';
	return (
		<Text wrap="truncate">
			<Text dimColor>{time}</Text>
			{row.sender ? (
				<Text color={c(colorFor(row.sender))} bold>
					{row.sender}
				</Text>
			) : null}
			{row.spans ? (
				<Text bold={row.mention} color={c(row.mention ? MENTION_COLOR : row.kind === 'notice' ? 'gray' : undefined)}>
					<StyledSpans spans={row.spans} revealSpoilers={revealSpoilers} hyperlinks={terminalHyperlinks()} />
				</Text>
			) : (
				<Text dimColor={dim} italic={row.kind === 'encrypted' || row.kind === 'redacted'} bold={row.mention} color={c(row.mention ? MENTION_COLOR : row.kind === 'notice' ? 'gray' : undefined)}>
					{rest}
				</Text>
			)}
			{row.status ? <Text color={c(row.status.includes('not sent') ? 'red' : 'gray')}>{row.status}</Text> : null}
			{row.readers ? <Text dimColor>{row.readers}</Text> : null}
		</Text>
	);
});
