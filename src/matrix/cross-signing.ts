/**
 * Cross-signing for our own account: set up once, when the account has none, the upload of the
 * new keys answered with the password just typed if the server asks for one (interactive auth).
 * An account that has keys already is never given new ones here: that would make every device
 * verified with the old identity untrusted.
 */
import type {MatrixClient, UIAuthCallback} from 'matrix-js-sdk';
import {toActionError} from './errors.js';
import {PasswordNeeded, withPasswordAuth} from './password-auth.js';

/**
 * `ready`: this device holds the account's cross-signing keys. `set-up`: it has just made them.
 * `other-device`: the account has keys this device does not hold (it needs verifying).
 * `needs-password`: the server wants a password to upload new keys, and none was given.
 */
export type CrossSigningState = 'ready' | 'set-up' | 'other-device' | 'needs-password';

export async function ensureCrossSigning(client: MatrixClient, password: string | undefined): Promise<CrossSigningState> {
	const crypto = client.getCrypto();
	const userId = client.getUserId();
	if (!crypto || !userId) throw new Error('encryption is off in this session');
	const status = await crypto.getCrossSigningStatus();
	const local = status.privateKeysCachedLocally;
	if (local.masterKey && local.selfSigningKey && local.userSigningKey) return 'ready';
	// Asked of the server (not a cache): a stale "none" here would replace the account's identity.
	if (await crypto.userHasCrossSigningKeys(userId, true)) return 'other-device';
	try {
		await crypto.bootstrapCrossSigning({authUploadDeviceSigningKeys: passwordAuth(userId, password)});
		return 'set-up';
	} catch (error) {
		if (error instanceof PasswordNeeded) return 'needs-password';
		throw error;
	}
}

/** The key upload's interactive auth: first without (Synapse lets an account's first keys up so), then with the password. */
export function passwordAuth(userId: string, password: string | undefined): UIAuthCallback<void> {
	return (makeRequest) => withPasswordAuth(userId, password, 'set up cross-signing', (auth) => makeRequest(auth ?? null));
}

/** After a password login: cross-signing set up if the account has none, or how to verify this new device. */
export async function crossSigningAfterLogin(client: MatrixClient, password: string): Promise<{text: string; info?: true} | undefined> {
	try {
		switch (await ensureCrossSigning(client, password)) {
			case 'ready':
				return undefined;
			case 'set-up':
				return {text: 'Cross-signing is set up for your account — /recovery setup keeps its keys on the server for your other devices', info: true};
			case 'other-device':
				return {text: 'This device is new to your account: verify it with /recovery <key>, or with /verify from a device already verified', info: true};
			case 'needs-password':
				return {text: 'Cannot set up cross-signing: the homeserver did not take the password'};
		}
	} catch (error) {
		return {text: `Cannot set up cross-signing: ${toActionError(error).message}`};
	}
}
