import {asObject} from '../../domain/events.js';
import {badJson, forbidden, notFound} from '../http/errors.js';
import type {DemoContext, DemoRoute} from './context.js';

/** Global profiles; changing your own also updates your member event in every joined room (as Synapse does). */

const FIELDS = new Set(['displayname', 'avatar_url']);

function profileOf(context: DemoContext, userId: string): {displayname?: string; avatar_url?: string} {
	const profile = context.session.profiles.get(userId);
	if (!profile) throw notFound('Profile was not found');
	return profile;
}

function updateOwnMemberEvents(context: DemoContext, field: string, value: string | undefined): void {
	const {store, session} = context;
	for (const room of store.rooms.values()) {
		const member = room.getState('m.room.member', session.userId)?.event;
		if (!member || member.content['membership'] !== 'join') continue;
		const content = {...member.content};
		if (value === undefined) delete content[field];
		else content[field] = value;
		store.append(room.roomId, {type: 'm.room.member', sender: session.userId, state_key: session.userId, content});
	}
}

export const profileRoutes: DemoRoute[] = [
	{method: 'GET', path: 'profile/:userId', handler: ({context, params: {userId = ''}}) => profileOf(context, userId)},
	{
		method: 'GET',
		path: 'profile/:userId/:field',
		handler: ({context, params: {userId = '', field = ''}}) => {
			const value = (profileOf(context, userId) as Record<string, unknown>)[field];
			if (!FIELDS.has(field) || value === undefined) throw notFound('Profile was not found');
			return {[field]: value};
		},
	},
	{
		method: 'PUT',
		path: 'profile/:userId/:field',
		handler: ({context, params: {userId = '', field = ''}, body}) => {
			if (userId !== context.session.userId) throw forbidden("Cannot set another user's profile");
			if (!FIELDS.has(field)) throw badJson(`Unknown profile field ${field}`);
			const value = asObject(body)[field];
			if (value !== undefined && value !== null && typeof value !== 'string') throw badJson(`'${field}' must be a string`);
			const profile = {...context.session.profiles.get(userId)};
			if (typeof value === 'string') profile[field as 'displayname'] = value;
			else delete profile[field as 'displayname'];
			context.session.profiles.set(userId, profile);
			updateOwnMemberEvents(context, field, typeof value === 'string' ? value : undefined);
			return {};
		},
	},
];
