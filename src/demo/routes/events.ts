import {asObject} from '../../domain/events.js';
import {badJson, notFound} from '../http/errors.js';
import {objectBody} from '../http/io.js';
import {checkCanSend, checkMembershipChange, checkPowerLevelsChange, checkRedact, requireJoined} from '../model/power.js';
import {clientEvent} from '../sync/wire.js';
import {optionalReason, type DemoContext, type DemoRoute} from './context.js';

/** Sending messages and state, reading state, redacting. */

/** Runs `send` once per transaction id: a retried PUT gets the first event's id back. */
function once(context: DemoContext, key: string, send: () => string): {event_id: string} {
	const known = context.session.txns.get(key);
	if (known !== undefined) return {event_id: known};
	const eventId = send();
	context.session.txns.set(key, eventId);
	return {event_id: eventId};
}

export const eventRoutes: DemoRoute[] = [
	{
		method: 'PUT',
		path: 'rooms/:roomId/send/:type/:txnId',
		handler: ({context, params: {roomId = '', type = '', txnId = ''}, body}) =>
			once(context, `${roomId}\u0000send\u0000${txnId}`, () => {
				const {store, session} = context;
				const room = requireJoined(store.rooms.get(roomId), roomId, session.userId);
				const content = objectBody(body);
				checkCanSend(room, session.userId, type);
				return store.append(roomId, {type, sender: session.userId, content}, txnId).event.event_id;
			}),
	},
	{
		method: 'PUT',
		path: 'rooms/:roomId/state/:type/:stateKey?',
		handler: ({context: {store, session}, params: {roomId = '', type = '', stateKey = ''}, body}) => {
			const room = requireJoined(store.rooms.get(roomId), roomId, session.userId);
			const content = objectBody(body);
			if (type === 'm.room.member') {
				const membership = content['membership'];
				if (typeof membership !== 'string') throw badJson("'membership' must be a string");
				checkMembershipChange(room, session.userId, stateKey, membership);
			} else {
				checkCanSend(room, session.userId, type, stateKey);
				if (type === 'm.room.power_levels') checkPowerLevelsChange(room, session.userId, content);
			}
			// Like Synapse, re-sending identical state is a no-op that returns the existing event.
			const current = room.getState(type, stateKey)?.event;
			if (current && current.sender === session.userId && JSON.stringify(current.content) === JSON.stringify(content)) {
				return {event_id: current.event_id};
			}
			return {event_id: store.append(roomId, {type, sender: session.userId, content, state_key: stateKey}).event.event_id};
		},
	},
	{
		method: 'GET',
		path: 'rooms/:roomId/state/:type/:stateKey?',
		handler: ({context: {store, session}, params: {roomId = '', type = '', stateKey = ''}, query}) => {
			const room = requireJoined(store.rooms.get(roomId), roomId, session.userId);
			const stored = room.getState(type, stateKey);
			if (!stored) throw notFound('Event not found.');
			return query.get('format') === 'event' ? clientEvent(stored) : stored.event.content;
		},
	},
	{
		method: 'GET',
		path: 'rooms/:roomId/state',
		handler: ({context: {store, session}, params: {roomId = ''}}) => {
			const room = requireJoined(store.rooms.get(roomId), roomId, session.userId);
			return [...room.state.values()].map(clientEvent);
		},
	},
	{
		method: 'PUT',
		path: 'rooms/:roomId/redact/:eventId/:txnId',
		handler: ({context, params: {roomId = '', eventId = '', txnId = ''}, body}) =>
			once(context, `${roomId}\u0000redact\u0000${txnId}`, () => {
				const {store, session} = context;
				const room = requireJoined(store.rooms.get(roomId), roomId, session.userId);
				const target = store.eventById(eventId)?.event;
				checkCanSend(room, session.userId, 'm.room.redaction');
				checkRedact(room, session.userId, target?.room_id === roomId ? target : undefined);
				const draft = {type: 'm.room.redaction', sender: session.userId, content: {...asObject(body), ...optionalReason(body)}, redacts: eventId};
				return store.append(roomId, draft, txnId).event.event_id;
			}),
	},
	{
		method: 'GET',
		path: 'rooms/:roomId/event/:eventId',
		handler: ({context: {store, session}, params: {roomId = '', eventId = ''}}) => {
			requireJoined(store.rooms.get(roomId), roomId, session.userId);
			const stored = store.eventById(eventId);
			if (!stored || stored.event.room_id !== roomId) throw notFound('Event not found.');
			return clientEvent(stored);
		},
	},
];
