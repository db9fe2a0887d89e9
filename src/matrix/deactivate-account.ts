/**
 * POST /account/deactivate through interactive auth, the one-stage way: the first POST opens a
 * session and lists the flows; the second proves it is us with the password. A server that asks
 * for anything else gets a clear no.
 */
import {MatrixError, type MatrixClient} from 'matrix-js-sdk';

export async function deactivateAccount(client: MatrixClient, userId: string, password: string): Promise<undefined> {
	let session: unknown;
	try {
		// A server that trusts a recent login may deactivate right away.
		await client.deactivateAccount(undefined, false);
		return undefined;
	} catch (error) {
		const data = error instanceof MatrixError && error.httpStatus === 401 ? error.data : undefined;
		if (!data || !Array.isArray(data.flows)) throw error;
		const flows = data.flows as Array<{stages?: unknown}>;
		if (!flows.some((flow) => Array.isArray(flow.stages) && flow.stages.length === 1 && flow.stages[0] === 'm.login.password')) {
			throw new Error('the homeserver wants more than a password to deactivate (single sign-on?) — use another client for this step', {cause: error});
		}
		session = data.session;
	}
	const auth = {type: 'm.login.password', identifier: {type: 'm.id.user', user: userId}, password, ...(typeof session === 'string' ? {session} : {})};
	await client.deactivateAccount(auth, false);
	return undefined;
}
