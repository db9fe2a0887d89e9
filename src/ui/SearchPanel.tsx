/** /search's results: ↑↓ PgUp PgDn Home End choose, Enter shows the message in its room, Esc closes. Only the rows in view are built and drawn. */
import {Box, Text} from 'ink';
import {c} from './colors.js';
import {sanitizeInline} from '../domain/sanitize.js';
import type {AppState} from '../state/app-state.js';
import {useAppState} from '../state/hooks.js';
import type {SearchView} from '../state/search.js';
import {nameResolver} from '../state/selectors.js';
import {firstVisible} from './directory-rows.js';
import {searchRow} from './search-rows.js';

export function SearchPanel({width, height}: {width: number; height: number}) {
	const view = useAppState((state) => state.search);
	const rooms = useAppState((state) => state.rooms);
	if (!view) return null;
	const inner = width - 4;
	const capacity = Math.max(1, height - 5);
	const first = firstVisible(view.index, view.results.length, capacity);
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" paddingX={1} overflow="hidden">
			<Text bold wrap="truncate">
				{title(view, rooms)} — ↑↓ choose · Enter shows it{view.all ? '' : ' · Tab: every room'} · Esc closes
			</Text>
			{view.results.length === 0 ? <Text dimColor>no message has that</Text> : null}
			{view.results.slice(first, first + capacity).map((hit, offset) => {
				const room = rooms.get(hit.roomId);
				const row = searchRow(hit, view.term, inner, {sender: room ? nameResolver(room)(hit.sender) : hit.sender, ...(view.all ? {room: room?.name ?? hit.roomId} : {})});
				return (
					<Text key={`${hit.roomId}/${hit.eventId}`} wrap="truncate" inverse={first + offset === view.index}>
						<Text dimColor>{row.lead}</Text>
						{row.before}
						<Text bold color={c('yellow')}>
							{row.match}
						</Text>
						{row.after}
					</Text>
				);
			})}
			{view.loading ? <Text dimColor>loading more…</Text> : null}
		</Box>
	);
}

/** `Search "fox" in Lobby (3)`, `… in every room (40 of ~120) + 2 encrypted rooms, loaded messages only`. */
function title(view: SearchView, rooms: AppState['rooms']): string {
	const where = view.all ? 'every room' : sanitizeInline(rooms.get(view.roomId ?? '')?.name ?? 'this room');
	const count = view.count !== undefined && view.count + view.local.length > view.results.length ? `${view.results.length} of ~${view.count + view.local.length}` : String(view.results.length);
	const encrypted = view.encryptedRooms === 0 ? '' : view.all || view.serverRooms.length > 0 ? ` + ${view.encryptedRooms} encrypted room${view.encryptedRooms === 1 ? '' : 's'}, loaded messages only` : ' (encrypted: loaded messages only)';
	return `Search "${sanitizeInline(view.term)}" in ${where} (${count})${encrypted}`;
}
