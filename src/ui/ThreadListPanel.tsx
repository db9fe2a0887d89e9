/** /threads: the room's threads in the main area, newest activity first; only the rows in view are drawn. */
import {Box, Text} from 'ink';
import {sanitizeInline} from '../domain/sanitize.js';
import {isThreadUnread} from '../domain/threads.js';
import {useAppState} from '../state/hooks.js';
import {nameResolver, roomTitle} from '../state/selectors.js';
import {shownRoot} from '../state/thread-selectors.js';
import {firstVisible} from './directory-rows.js';
import {threadListLine} from './thread-list-rows.js';

export function ThreadListPanel({width, height}: {width: number; height: number}) {
	const view = useAppState((state) => state.threadList);
	const room = useAppState((state) => (state.threadList ? state.rooms.get(state.threadList.roomId) : undefined));
	const seen = useAppState((state) => state.threadsSeen);
	const userId = useAppState((state) => state.userId);
	if (!view) return null;
	const inner = width - 4;
	const capacity = Math.max(1, height - 5);
	const first = firstVisible(view.index, view.threads.length, capacity);
	const nameOf = room ? nameResolver(room) : (id: string) => id;
	const now = Date.now();
	const more = view.next === undefined ? '' : '+';
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" paddingX={1} overflow="hidden">
			<Text bold wrap="truncate">
				Threads in {room ? roomTitle(room) : sanitizeInline(view.roomId)} ({view.threads.length}
				{more}) — ↑↓ choose · Enter opens · Esc closes
			</Text>
			{view.threads.length === 0 ? <Text dimColor>No threads in this room yet.</Text> : null}
			{view.threads.slice(first, first + capacity).map((thread, offset) => (
				<Text key={thread.rootId} wrap="truncate" inverse={first + offset === view.index} bold={isThreadUnread(thread, seen.get(thread.rootId), userId)}>
					{threadListLine({...thread, root: shownRoot(room, thread.root)}, {nameOf, unread: isThreadUnread(thread, seen.get(thread.rootId), userId), width: inner, now})}
				</Text>
			))}
			{view.loading ? <Text dimColor>loading more…</Text> : null}
		</Box>
	);
}
