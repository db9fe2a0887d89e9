/**
 * An endpoint behind interactive auth, answered the one-stage way: the first call opens a session
 * and lists the flows; the second proves it is us with the password. A server that asks for
 * anything else (single sign-on) gets a clear no. The password is used for this call and not kept.
 */
import {MatrixError} from 'matrix-js-sdk';

export interface PasswordAuth {
	type: 'm.login.password';
	identifier: {type: 'm.id.user'; user: string};
	password: string;
	session?: string;
}

/** The server asked for a password and none was given (the caller may ask the user). */
export class PasswordNeeded extends Error {}

/** `what`: what the password is for, in the refusal a single-sign-on server gets ("to delete a device"). */
export async function withPasswordAuth<T>(userId: string, password: string | undefined, what: string, call: (auth?: PasswordAuth) => Promise<T>): Promise<T> {
	let session: unknown;
	try {
		// A server that trusts a recent login may answer at once.
		return await call();
	} catch (error) {
		const data = error instanceof MatrixError && error.httpStatus === 401 ? error.data : undefined;
		if (!data || !Array.isArray(data.flows)) throw error;
		const flows = data.flows as Array<{stages?: unknown}>;
		if (!flows.some((flow) => Array.isArray(flow.stages) && flow.stages.length === 1 && flow.stages[0] === 'm.login.password')) {
			throw new Error(`the homeserver wants more than a password to ${what} (single sign-on?) — use another client for this step`, {cause: error});
		}
		session = data.session;
	}
	if (password === undefined) throw new PasswordNeeded();
	return call({type: 'm.login.password', identifier: {type: 'm.id.user', user: userId}, password, ...(typeof session === 'string' ? {session} : {})});
}
