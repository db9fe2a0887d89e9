import {EventTimeline, type Room, type RoomState} from 'matrix-js-sdk';

/**
 * The room's state at its newest event: what the SDK's deprecated `room.currentState` names, read
 * the way the SDK now asks (the live timeline's forward state, which a room always has).
 */
export function liveState(room: Room): RoomState {
	const state = room.getLiveTimeline().getState(EventTimeline.FORWARDS);
	if (!state) throw new Error(`room ${room.roomId} has no live state`);
	return state;
}
