/**
 * Account data and room tags, as Synapse serves them: PUT /user/{u}/account_data/{type} (m.direct,
 * which /dm and joining a direct invite write), PUT and DELETE /user/{u}/rooms/{r}/tags/{tag}
 * (/fav, /lowpriority). Changes reach the client with the next sync. Only our own user's.
 */
import {asObject} from '../../domain/events.js';
import {badJson, forbidden, notFound} from '../http/errors.js';
import type {RoomModel} from '../model/room.js';
import type {DemoContext, DemoRoute} from './context.js';

function ourUser(context: DemoContext, userId: string): void {
	if (userId !== context.session.userId) throw forbidden('Cannot add account data for other users.');
}

function ourRoom(context: DemoContext, roomId: string): RoomModel {
	const room = context.store.rooms.get(roomId);
	const membership = room?.membership(context.session.userId);
	if (!room || (membership !== 'join' && membership !== 'invite')) throw forbidden(`User ${context.session.userId} not in room ${roomId}`);
	return room;
}

function objectOf(body: unknown): Record<string, unknown> {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badJson('Content must be a JSON object');
	return asObject(body);
}

export const accountDataRoutes: DemoRoute[] = [
	{
		method: 'PUT',
		path: 'user/:userId/account_data/:type',
		handler: ({context, params: {userId = '', type = ''}, body}) => {
			ourUser(context, userId);
			context.store.setAccountData(type, objectOf(body));
			return {};
		},
	},
	{
		method: 'GET',
		path: 'user/:userId/account_data/:type',
		handler: ({context, params: {userId = '', type = ''}}) => {
			ourUser(context, userId);
			const stored = context.store.accountData.get(type);
			if (!stored) throw notFound('Account data not found');
			return structuredClone(stored.content);
		},
	},
	{
		method: 'GET',
		path: 'user/:userId/rooms/:roomId/tags',
		handler: ({context, params: {userId = '', roomId = ''}}) => {
			ourUser(context, userId);
			return {tags: Object.fromEntries(ourRoom(context, roomId).tags ?? [])};
		},
	},
	{
		method: 'PUT',
		path: 'user/:userId/rooms/:roomId/tags/:tag',
		handler: ({context, params: {userId = '', roomId = '', tag = ''}, body}) => {
			ourUser(context, userId);
			context.store.setTag(ourRoom(context, roomId), tag, objectOf(body));
			return {};
		},
	},
	{
		method: 'DELETE',
		path: 'user/:userId/rooms/:roomId/tags/:tag',
		handler: ({context, params: {userId = '', roomId = '', tag = ''}}) => {
			ourUser(context, userId);
			context.store.setTag(ourRoom(context, roomId), tag, undefined);
			return {};
		},
	},
];
