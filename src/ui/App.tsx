/** The full screen: rooms | timeline | side panel, then the composer and the status bar. */
import {Box, Text, useWindowSize} from 'ink';
import {useAppState} from '../state/hooks.js';
import {sanitizeInline} from '../domain/sanitize.js';
import {selectedRoom} from '../state/selectors.js';
import {Composer} from './Composer.js';
import {composerHeight} from './composer-layout.js';
import {HelpOverlay} from './HelpOverlay.js';
import {RoomList} from './RoomList.js';
import {RecoveryKeyPanel} from './RecoveryKeyPanel.js';
import {RoomSwitcher} from './RoomSwitcher.js';
import {SidePanel} from './SidePanel.js';
import {StatusBar} from './StatusBar.js';
import {InvitePane} from './InvitePane.js';
import {Timeline} from './Timeline.js';
import {DevicesPanel} from './DevicesPanel.js';
import {DirectoryPanel} from './DirectoryPanel.js';
import {SearchPanel} from './SearchPanel.js';
import {JumpTimeline} from './JumpTimeline.js';
import {ThreadListPanel} from './ThreadListPanel.js';
import {ThreadPane} from './ThreadPane.js';
import {VerificationPanel} from './VerificationPanel.js';
import {useKeys} from './use-keys.js';

const ROOM_LIST_WIDTH = 24;
const SIDE_PANEL_WIDTH = 36;

export function App({size}: {size?: {columns: number; rows: number}}) {
	const windowSize = useWindowSize();
	const columns = Math.max(20, size?.columns ?? windowSize.columns);
	const rows = Math.max(6, size?.rows ?? windowSize.rows);
	// The composer grows with its draft's lines; the panes above give it the rows.
	const composerRows = useAppState((state) => composerHeight(state, columns));
	const mainHeight = Math.max(1, rows - 1 - composerRows);
	useKeys(Math.max(1, mainHeight - 3), columns);

	const room = useAppState(selectedRoom);
	const helpOpen = useAppState((state) => state.helpOpen);
	const switcherOpen = useAppState((state) => state.switcher !== undefined);
	const verifying = useAppState((state) => state.verification !== undefined);
	const devicesOpen = useAppState((state) => state.devices !== undefined);
	const directoryOpen = useAppState((state) => state.directory !== undefined);
	const searchOpen = useAppState((state) => state.search !== undefined);
	const jump = useAppState((state) => state.jump);
	const threadListOpen = useAppState((state) => state.threadList !== undefined);
	const thread = useAppState((state) => (state.thread?.roomId === state.selectedRoomId ? state.thread : undefined));
	const recoveryKeyOpen = useAppState((state) => state.recoveryKey !== undefined);
	const sync = useAppState((state) => state.sync.status);
	// Narrow terminals drop the side panels before the timeline gets cramped.
	const showRooms = columns >= 60;
	const showSide = columns >= 90;
	const timelineWidth = columns - (showRooms ? ROOM_LIST_WIDTH : 0) - (showSide ? SIDE_PANEL_WIDTH : 0);

	return (
		<Box flexDirection="column" width={columns} height={rows}>
			{recoveryKeyOpen ? (
				<RecoveryKeyPanel width={columns} height={mainHeight} />
			) : switcherOpen ? (
				<RoomSwitcher width={columns} height={mainHeight} />
			) : verifying ? (
				<VerificationPanel width={columns} height={mainHeight} />
			) : helpOpen ? (
				<HelpOverlay width={columns} height={mainHeight} />
			) : directoryOpen ? (
				<DirectoryPanel width={columns} height={mainHeight} />
			) : searchOpen ? (
				<SearchPanel width={columns} height={mainHeight} />
			) : threadListOpen ? (
				<ThreadListPanel width={columns} height={mainHeight} />
			) : devicesOpen ? (
				<DevicesPanel width={columns} height={mainHeight} />
			) : (
				<Box flexDirection="row" height={mainHeight}>
					{showRooms ? <RoomList width={ROOM_LIST_WIDTH} height={mainHeight} /> : null}
					{room?.membership === 'invite' ? (
						<InvitePane room={room} width={timelineWidth} height={mainHeight} />
					) : room && jump?.roomId === room.roomId ? (
						<JumpTimeline room={room} jump={jump} width={timelineWidth} height={mainHeight} />
					) : room && thread ? (
						<ThreadPane room={room} thread={thread} width={timelineWidth} height={mainHeight} />
					) : room ? (
						<Timeline room={room} width={timelineWidth} height={mainHeight} />
					) : (
						<Box width={timelineWidth} height={mainHeight} paddingX={1}>
							<Text dimColor>{sync === 'connecting' ? 'Connecting to the homeserver…' : 'No room selected — /join <id|alias> to join one'}</Text>
						</Box>
					)}
					{showSide && room ? <SidePanel room={room} width={SIDE_PANEL_WIDTH} height={mainHeight} /> : null}
				</Box>
			)}
			<Composer width={columns} placeholder={room ? (thread ? 'reply in the thread, or /help' : `message ${sanitizeInline(room.name)}, or /help`) : '/join <id|alias>, or /help'} />
			<StatusBar width={columns} />
		</Box>
	);
}
