/** An invite is not a room we can read yet: say who invited us and how to answer. */
import {c} from './colors.js';
import {Box, Text} from 'ink';
import type {RoomSnapshot} from '../state/room-snapshot.js';
import {currentName, topicOf} from '../state/selectors.js';
import {useAppState} from '../state/hooks.js';
import {sanitizeInline} from '../domain/sanitize.js';

export function InvitePane({room, width, height}: {room: RoomSnapshot; width: number; height: number}) {
	const deactivated = useAppState((state) => state.deactivatedUsers);
	const inviter = room.inviter ? currentName(room, room.inviter, deactivated) : 'someone';
	const topic = topicOf(room);
	return (
		<Box flexDirection="column" width={width} height={height} paddingX={1}>
			<Text bold wrap="truncate">
				# {sanitizeInline(room.name)}
			</Text>
			{topic ? <Text wrap="wrap">{topic}</Text> : null}
			<Text> </Text>
			<Text wrap="wrap">
				<Text color={c('green')}>{inviter}</Text> invited you.
			</Text>
			<Text dimColor wrap="wrap">
				/join accepts · /leave [reason] declines
			</Text>
		</Box>
	);
}
