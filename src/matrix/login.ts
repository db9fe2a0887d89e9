/** Password login and logout: the only account operations that happen outside a running session. */
import {createQuietClient, type Credentials} from './client.js';
import {toActionError} from './errors.js';
import type {ActionResult} from './protocol.js';

export async function loginWithPassword(homeserver: string, user: string, password: string): Promise<{ok: true; credentials: Credentials} | {ok: false; message: string}> {
	const baseUrl = homeserver.replace(/\/+$/, '');
	const client = createQuietClient({baseUrl});
	try {
		const response = await client.loginRequest({
			type: 'm.login.password',
			identifier: {type: 'm.id.user', user},
			password,
			initial_device_display_name: 'matrix-tui',
		});
		return {ok: true, credentials: {homeserver: baseUrl, userId: response.user_id, accessToken: response.access_token, deviceId: response.device_id}};
	} catch (error) {
		const described = toActionError(error);
		const message = described.kind === 'network' ? `cannot reach ${baseUrl}` : described.kind === 'forbidden' ? 'wrong user name or password' : described.message;
		return {ok: false, message};
	}
}

/** Invalidates the access token on the server. */
export async function logoutToken(credentials: Credentials): Promise<ActionResult> {
	const client = createQuietClient({baseUrl: credentials.homeserver, userId: credentials.userId, accessToken: credentials.accessToken});
	try {
		await client.logout(true);
		return {ok: true};
	} catch (error) {
		return {ok: false, error: toActionError(error)};
	}
}
