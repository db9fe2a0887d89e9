/**
 * The rooms by section (room-order.ts), each under its title once there is more than one; the
 * selected one highlighted, unread and highlight counts beside. A direct chat whose other member
 * deactivated their account gets a second line saying so. Once the account is in a space, a row
 * under the title chooses which space's rooms are listed (space-choice.ts, Alt+← / Alt+→).
 */
import {c} from './colors.js';
import {useMemo} from 'react';
import {Box, Text} from 'ink';
import {useAppState} from '../state/hooks.js';
import {LOCK_MARKER, selectRoomList} from '../state/selectors.js';
import {SECTION_TITLES} from '../state/room-order.js';
import {roomListLines, type SectionTitle} from '../state/room-list-view.js';
import {cellWidth, truncateToWidth} from '../domain/text-width.js';
import {padCells} from './rows.js';
import {sanitizeInline} from '../domain/sanitize.js';
import {choiceInForce, OTHER_ROOMS, spaceOptions, type SpaceChoice} from '../state/space-choice.js';
import {spaceRow} from './space-row.js';

export function RoomList({width, height}: {width: number; height: number}) {
	const rooms = useAppState((state) => state.rooms);
	const selectedRoomId = useAppState((state) => state.selectedRoomId);
	const userId = useAppState((state) => state.userId);
	const deactivatedUsers = useAppState((state) => state.deactivatedUsers);
	const focused = useAppState((state) => state.focus === 'rooms');
	const view = useAppState((state) => state.roomList);
	const items = useMemo(() => selectRoomList({rooms, selectedRoomId, userId, deactivatedUsers}, view.space), [rooms, selectedRoomId, userId, deactivatedUsers, view.space]);
	const lines = useMemo(() => roomListLines(items, view), [items, view]);
	const spaces = useMemo(() => spaceOptions(rooms), [rooms]);
	const inner = width - 2;
	const chosen = choiceInForce(rooms, view.space);
	const selectedIndex = Math.max(0, lines.findIndex((line) => line.kind === 'room' && line.item.selected));
	const capacity = Math.max(1, height - 1 - (spaces.length > 0 ? 1 : 0));
	const first = Math.max(0, Math.min(selectedIndex - Math.floor(capacity / 2), lines.length - capacity));
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="single" borderTop={false} borderBottom={false} borderLeft={false} paddingRight={1}>
			<Text bold wrap="truncate" color={c(focused ? 'cyan' : undefined)}>
				{truncateToWidth(paneTitle(focused, view.filter), inner)}
			</Text>
			{spaces.length > 0 ? (
				<Text color={c('cyan')} wrap="truncate">
					{spaceRow(
						spaces,
						spaces.findIndex((option) => option.choice === chosen),
						inner,
					)}
				</Text>
			) : null}
			{items.length === 0 ? <Text dimColor>{truncateToWidth(emptyLine(chosen, userId), inner)}</Text> : null}
			{items.length > 0 && lines.length === 0 ? <Text dimColor>{truncateToWidth('no room has that in its name', inner)}</Text> : null}
			{lines.slice(first, first + capacity).map((line) => {
				if (line.kind === 'section') return <SectionLine key={`\u0000section:${line.section}`} title={line} width={inner} />;
				const {item} = line;
				if (line.kind === 'deactivated') {
					return (
						<Text key={`${item.roomId}\u0000deactivated`} color={c('magenta')} wrap="truncate">
							{truncateToWidth('  account deactivated', inner)}
						</Text>
					);
				}
				const badge = item.invite ? 'invite' : unreadBadge(item.unread, item.highlights);
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

/** Nothing listed: a new account, or a space none of whose rooms we are in (/space lists them). */
function emptyLine(chosen: SpaceChoice, userId: string): string {
	if (chosen === OTHER_ROOMS) return 'every room is in a space';
	if (chosen !== undefined) return 'no room of this space joined — /space lists them';
	return `no rooms yet (${sanitizeInline(userId)})`;
}

/** The pane's title: while it has the keys, what they do, or the filter being typed. */
function paneTitle(focused: boolean, filter: string): string {
	if (!focused) return 'Rooms';
	return filter === '' ? '▸ Rooms (type to filter)' : `▸ Rooms: ${sanitizeInline(filter)}▏`;
}

/** "3", or "3!" when some of them mention us. */
function unreadBadge(unread: number, highlights: number): string {
	return highlights > 0 ? `${unread}!` : unread > 0 ? String(unread) : '';
}

/** A section's title; folded, with how many rooms it holds and their unread sum. */
function SectionLine({title, width}: {title: SectionTitle; width: number}) {
	if (!title.folded) {
		return (
			<Text dimColor bold wrap="truncate">
				{truncateToWidth(SECTION_TITLES[title.section], width)}
			</Text>
		);
	}
	const badge = unreadBadge(title.unread, title.highlights);
	const label = truncateToWidth(`▸ ${SECTION_TITLES[title.section]} (${title.rooms})`, Math.max(1, width - badge.length - 1));
	return (
		<Text bold wrap="truncate">
			<Text dimColor>{padCells(label, width - badge.length)}</Text>
			<Text color={c(title.highlights > 0 ? 'red' : 'cyan')}>{badge}</Text>
		</Text>
	);
}
