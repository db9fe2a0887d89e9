/**
 * POST /account/deactivate through interactive auth, the one-stage way (password-auth.ts): a server
 * that asks for anything but the password gets a clear no.
 */
import type {MatrixClient} from 'matrix-js-sdk';
import {withPasswordAuth} from './password-auth.js';

export async function deactivateAccount(client: MatrixClient, userId: string, password: string): Promise<undefined> {
	await withPasswordAuth(userId, password, 'deactivate', (auth) => client.deactivateAccount(auth, false));
	return undefined;
}
