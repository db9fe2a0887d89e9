/** The right-hand panel: the member list or the room state, scrolled with Shift+↑/↓. */
import {c} from './colors.js';
import React, {useEffect} from 'react';
import {Box, Text} from 'ink';
import type {RoomSnapshot} from '../state/room-snapshot.js';
import {useAppState, useUiActions} from '../state/hooks.js';
import {nameResolver, selectStateView} from '../state/selectors.js';
import {truncateToWidth} from '../domain/text-width.js';
import {colorFor} from './rows.js';
import {arraySource, censusRows, memberRows, stateRows, VERIFIED_BADGE, type RowSource, type SideRow} from './side-rows.js';
import {optimisePlanRows} from './optimise-rows.js';
import {useClampedScroll} from './use-clamped-scroll.js';

export function SidePanel({room, width, height}: {room: RoomSnapshot; width: number; height: number}) {
	const panel = useAppState((state) => state.sidePanel);
	const showDeleted = useAppState((state) => state.showDeleted);
	const scroll = useAppState((state) => state.sideScroll);
	const focused = useAppState((state) => state.focus === 'side');
	const {loadMembers, loadStateView} = useUiActions();
	const verifiedUsers = useAppState((state) => state.verifiedUsers);
	const inner = width - 2;

	useEffect(() => {
		if (panel !== 'state' && !room.membersLoaded && room.membership === 'join') loadMembers(room.roomId);
	}, [panel, room.roomId, room.membersLoaded, room.membership, loadMembers]);
	// The state view is built by the matrix layer only for rooms whose state panel was opened.
	const stateView = panel === 'state' ? selectStateView(room, showDeleted) : undefined;
	useEffect(() => {
		if (panel === 'state' && !room.stateView) loadStateView(room.roomId);
	}, [panel, room.roomId, room.stateView, loadStateView]);

	const census = useAppState((state) => (state.census?.roomId === room.roomId ? state.census.census : undefined));
	// While /optimise-room asks for confirmation, its plan takes the panel.
	const optimising = useAppState((state) => (state.prompt?.flow === 'optimise-room' && state.prompt.roomId === room.roomId ? state.prompt : undefined));
	const rows: RowSource =
		optimising ? arraySource(optimisePlanRows(optimising.plan, inner, optimising.step === 'working'))
		: panel === 'members' ? memberRows(room.memberList, inner, showDeleted)
		: panel === 'state' ? arraySource(stateView ? stateRows(stateView, inner, showDeleted, memberCount(room)) : [{kind: 'hint', text: 'loading the room state…'}])
		: census ? arraySource(censusRows(census, inner))
		: arraySource([{kind: 'hint', text: 'counting…'}]);
	const nameOf = nameResolver(room);
	const capacity = Math.max(1, height - 1);
	const first = Math.min(scroll, Math.max(0, rows.length - capacity));
	// Shift+↓ past the end is not counted: Shift+↑ moves again at once.
	useClampedScroll('scroll-side', scroll, first);
	const title = optimising ? 'Optimise room' : panel === 'members' ? 'Members' : panel === 'state' ? 'Room state' : 'State census';
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="single" borderTop={false} borderBottom={false} borderRight={false} paddingLeft={1}>
			<Text bold wrap="truncate" color={c(focused ? 'cyan' : undefined)}>
				{focused ? `▸ ${title}` : title}
				{showDeleted ? <Text color={c('yellow')}> (showing deleted)</Text> : null}
			</Text>
			{rows.slice(first, first + capacity).map((row, index) => (
				<SideLine key={first + index} row={row} width={inner} nameOf={nameOf} verified={row.kind === 'member' && verifiedUsers.has(row.member.userId)} />
			))}
		</Box>
	);
}

// Memoized: moving the focus redraws the panel's title, not its 40 unchanged lines.
const SideLine = React.memo(function SideLine({row, width, nameOf, verified}: {row: SideRow; width: number; nameOf: (userId: string) => string; verified: boolean}) {
	switch (row.kind) {
		case 'kicked':
			return <Text dimColor wrap="truncate">{truncateToWidth(`  kicked by ${nameOf(row.userId)}`, width)}</Text>;
		case 'heading':
			return <Text underline wrap="truncate">{truncateToWidth(row.text, width)}</Text>;
		case 'hint':
			return <Text dimColor wrap="truncate">{truncateToWidth(row.text, width)}</Text>;
		case 'detail':
			return (
				<Text wrap="truncate" dimColor={row.tone !== 'reason'} color={c(row.tone === 'deleted' ? 'red' : undefined)} italic={row.tone === 'reason'}>
					{truncateToWidth(row.text, width)}
				</Text>
			);
		case 'state':
			return <Text wrap="truncate" color={c(row.deleted ? 'red' : undefined)}>{truncateToWidth(row.text, width)}</Text>;
		case 'member': {
			const {member} = row;
			const badge = member.deactivated ? ' [deactivated]' : '';
			const trust = verified ? ` ${VERIFIED_BADGE}` : '';
			const power = member.powerLevel >= 100 ? '@' : member.powerLevel >= 50 ? '+' : ' ';
			const name = truncateToWidth(member.name, Math.max(1, width - 1 - badge.length - trust.length));
			return (
				<Text wrap="truncate" dimColor={member.membership === 'leave'}>
					<Text color={c('yellow')}>{power}</Text>
					<Text color={c(colorFor(member.userId))}>{name}</Text>
					<Text color={c('green')}>{trust}</Text>
					<Text color={c('magenta')}>{badge}</Text>
				</Text>
			);
		}
	}
});

function memberCount(room: RoomSnapshot): number {
	const list = room.memberList;
	return list.joined.length + list.invited.length + list.banned.length + list.left.length;
}
