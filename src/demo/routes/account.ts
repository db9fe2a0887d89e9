import {randomBytes} from 'node:crypto';
import {asObject} from '../../domain/events.js';
import {MatrixError} from '../http/errors.js';
import {objectBody} from '../http/io.js';
import type {Session} from '../model/session.js';
import type {DemoContext, DemoRoute} from './context.js';

/**
 * POST /account/deactivate behind user-interactive auth, as Synapse answers it: the first call gets
 * a 401 with a session and the password flow, the second proves the password. Then, like Synapse,
 * the account leaves every room with a plain leave (no MSC3759 flag: that is the client's part)
 * and its token stops working.
 */

/** The demo account's password for the interactive-auth step (the demo's login takes any password). */
export const DEMO_PASSWORD = 'demo';

const FLOWS = [{stages: ['m.login.password']}];

/** Synapse's "auth needed" 401 has no errcode: only the session, the flows and their params. */
class AuthRequired extends MatrixError {
	override toJSON(): Record<string, unknown> {
		return {...this.extra};
	}
}

const openSessions = new WeakMap<Session, Set<string>>();

function sessionsOf(session: Session): Set<string> {
	let sessions = openSessions.get(session);
	if (!sessions) openSessions.set(session, (sessions = new Set()));
	return sessions;
}

function authUser(auth: Record<string, unknown>): unknown {
	const identifier = asObject(auth['identifier']);
	return identifier['type'] === 'm.id.user' ? identifier['user'] : auth['user'];
}

function deactivate(context: DemoContext, body: unknown): Record<string, unknown> {
	const {store, session} = context;
	const request = objectBody(body);
	const sessions = sessionsOf(session);
	if (request['auth'] === undefined) {
		const id = randomBytes(12).toString('base64url');
		sessions.add(id);
		throw new AuthRequired(401, '', 'Authentication required', {session: id, flows: FLOWS, params: {}});
	}
	const auth = asObject(request['auth']);
	const uia = auth['session'];
	if (typeof uia !== 'string' || !sessions.has(uia)) throw new MatrixError(400, 'M_UNKNOWN', 'Unknown session ID');
	if (auth['type'] !== 'm.login.password') throw new MatrixError(400, 'M_UNKNOWN', 'Unrecognised login type');
	const user = authUser(auth);
	if (typeof user !== 'string' || !session.isOurUser(user) || auth['password'] !== DEMO_PASSWORD) {
		throw new MatrixError(401, 'M_FORBIDDEN', 'Invalid username or password', {session: uia, flows: FLOWS, params: {}, completed: []});
	}
	sessions.delete(uia);
	const me = session.userId;
	for (const room of store.rooms.values()) {
		const membership = room.membership(me);
		if (membership === 'join' || membership === 'invite') store.append(room.roomId, {type: 'm.room.member', sender: me, state_key: me, content: {membership: 'leave'}});
	}
	session.loggedIn = false;
	return {id_server_unbind_result: 'no-support'};
}

export const accountRoutes: DemoRoute[] = [{method: 'POST', path: 'account/deactivate', handler: ({context, body}) => deactivate(context, body)}];
