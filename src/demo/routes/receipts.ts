import {asObject} from '../../domain/events.js';
import {badJson} from '../http/errors.js';
import {requireJoined} from '../model/power.js';
import type {RoomModel} from '../model/room.js';
import type {DemoContext, DemoRoute} from './context.js';

/** Read receipts, read markers and typing: accepted; our own receipt clears the room's unread counts. */

const RECEIPT_TYPES = new Set(['m.read', 'm.read.private']);

function markRead(context: DemoContext, room: RoomModel, receiptType: string, eventId: string): void {
	const {store, session} = context;
	room.receipts.set(`${session.userId}\u0000${receiptType}`, {
		pos: store.streamPosition + 1, // the position touch() is about to take, so the next sync carries it
		userId: session.userId,
		eventId,
		receiptType,
		ts: Date.now(),
	});
	room.unread = {notification_count: 0, highlight_count: 0};
	store.touch(room);
}

export const receiptRoutes: DemoRoute[] = [
	{
		method: 'POST',
		path: 'rooms/:roomId/receipt/:receiptType/:eventId',
		handler: ({context, params: {roomId = '', receiptType = '', eventId = ''}}) => {
			const room = requireJoined(context.store.rooms.get(roomId), roomId, context.session.userId);
			if (!RECEIPT_TYPES.has(receiptType)) throw badJson(`Receipt type ${receiptType} is not supported`);
			markRead(context, room, receiptType, eventId);
			return {};
		},
	},
	{
		method: 'POST',
		path: 'rooms/:roomId/read_markers',
		handler: ({context, params: {roomId = ''}, body}) => {
			const room = requireJoined(context.store.rooms.get(roomId), roomId, context.session.userId);
			const markers = asObject(body);
			// m.fully_read is room account data, which this server does not keep.
			for (const receiptType of RECEIPT_TYPES) {
				const eventId = markers[receiptType];
				if (typeof eventId === 'string') markRead(context, room, receiptType, eventId);
			}
			return {};
		},
	},
	{method: 'PUT', path: 'rooms/:roomId/typing/:userId', handler: () => ({})},
];
