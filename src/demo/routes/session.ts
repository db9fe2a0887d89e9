import {asObject} from '../../domain/events.js';
import {MatrixError, forbidden, notFound} from '../http/errors.js';
import {objectBody} from '../http/io.js';
import type {DemoRequest, DemoRoute} from './context.js';

/** Login, account and the other endpoints clients call once at startup. */

const SPEC_VERSIONS = Array.from({length: 12}, (_, index) => `v1.${index + 1}`);

function loginUser(body: Record<string, unknown>): unknown {
	const identifier = asObject(body['identifier']);
	return identifier['type'] === 'm.id.user' ? identifier['user'] : body['user'];
}

/** The token stops working until the next /login hands the same fixed token out again. */
function logout({context}: DemoRequest): Record<string, never> {
	context.session.loggedIn = false;
	return {};
}

export const sessionRoutes: DemoRoute[] = [
	{method: 'GET', path: 'versions', public: true, handler: () => ({versions: SPEC_VERSIONS, unstable_features: {}})},
	{method: 'GET', path: 'login', public: true, handler: () => ({flows: [{type: 'm.login.password'}]})},
	{
		method: 'POST',
		path: 'login',
		public: true,
		handler: ({context: {session}, body}) => {
			const request = objectBody(body);
			if (request['type'] !== 'm.login.password') throw new MatrixError(400, 'M_UNKNOWN', 'Unknown login type');
			const user = loginUser(request);
			// Any password works: this is a demo, and only the user name is checked.
			if (typeof user !== 'string' || !session.isOurUser(user)) throw forbidden('Invalid username or password');
			session.loggedIn = true;
			return {
				user_id: session.userId,
				access_token: session.accessToken,
				device_id: session.deviceId,
				home_server: session.userId.slice(session.userId.indexOf(':') + 1),
			};
		},
	},
	{method: 'POST', path: 'logout', handler: logout},
	{method: 'POST', path: 'logout/all', handler: logout},
	{
		method: 'GET',
		path: 'account/whoami',
		handler: ({context: {session}}) => ({user_id: session.userId, device_id: session.deviceId, is_guest: false}),
	},
	{
		method: 'GET',
		path: 'capabilities',
		handler: () => ({
			capabilities: {
				'm.change_password': {enabled: false},
				'm.room_versions': {default: '10', available: {'10': 'stable', '11': 'stable'}},
				'm.set_displayname': {enabled: true},
				'm.set_avatar_url': {enabled: true},
				'm.3pid_changes': {enabled: false},
			},
		}),
	},
	{
		method: 'POST',
		path: 'user/:userId/filter',
		handler: ({context: {session}, params, body}) => {
			if (params['userId'] !== session.userId) throw forbidden('Can only create filters for the current user');
			return {filter_id: session.addFilter(objectBody(body))};
		},
	},
	{
		method: 'GET',
		path: 'user/:userId/filter/:filterId',
		handler: ({context: {session}, params}) => {
			const filter = params['userId'] === session.userId ? session.filters.get(params['filterId'] ?? '') : undefined;
			if (filter === undefined) throw notFound('No such filter');
			return filter;
		},
	},
	// No key backup, no TURN and no crypto on this server: answer like a server without them.
	{method: 'GET', path: 'room_keys/version', handler: () => {
		throw notFound('No current backup version');
	}},
	{method: 'GET', path: 'voip/turnServer', handler: () => ({})},
];
