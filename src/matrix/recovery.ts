/**
 * Recovery (/recovery): secret storage and key backup set up with a new recovery key (an account
 * that has one keeps it unless the user asked for a reset, as Element does: the old key then
 * stops working, and someone may have written it down), and, on
 * another device, that key used to verify the device (its cross-signing keys come out of secret
 * storage) and to restore the key backup, so history sent before the device existed decrypts.
 * The key is held only for the step (secret-storage-key.ts); what the user must write down goes
 * back as the action's value, never into a notice or a log.
 */
import {MatrixError, Method, type MatrixClient} from 'matrix-js-sdk';
import {decodeRecoveryKey} from 'matrix-js-sdk/lib/crypto-api/index.js';
import {ensureCrossSigning} from './cross-signing.js';
import type {RecoveryRestore, RecoverySetup} from './protocol.js';
import type {SecretStorageKey} from './secret-storage-key.js';

function cryptoOf(client: MatrixClient) {
	const crypto = client.getCrypto();
	if (!crypto) throw new Error('encryption is off in this session');
	return crypto;
}

export interface RecoverySetupOptions {
	/** Answers the cross-signing upload's interactive auth, if the server asks. */
	password?: string | undefined;
	/** Make a new key even though the account has one (the old key stops working). */
	replace: boolean;
}

export async function setUpRecovery(client: MatrixClient, keys: SecretStorageKey, {password, replace}: RecoverySetupOptions): Promise<RecoverySetup> {
	const crypto = cryptoOf(client);
	// Checked before anything is made: even cross-signing set up here would be the wrong step.
	if (!replace && (await hasDefaultSecretStorageKey(client))) return {kind: 'exists'};
	// Secret storage keeps the cross-signing keys: this device must hold them first.
	const crossSigning = await ensureCrossSigning(client, password);
	if (crossSigning === 'needs-password') return {kind: 'needs-password'};
	if (crossSigning === 'other-device') return {kind: 'unverified-device'};
	const generated = await crypto.createRecoveryKeyFromPassphrase();
	const recoveryKey = generated.encodedPrivateKey;
	if (!recoveryKey) throw new Error('the crypto made a key without its written form');
	await keys.holding(generated.privateKey, undefined, () =>
		crypto.bootstrapSecretStorage({createSecretStorageKey: () => Promise.resolve(generated), setupNewSecretStorage: true, setupNewKeyBackup: true}),
	);
	return {kind: 'created', recoveryKey};
}

/**
 * The account's default secret-storage key, asked of the server (the synced copy may not have the
 * key another device made a moment ago: a stale "none" would replace it). A default that names no
 * key description is no key: /recovery <key> could not use it either.
 */
async function hasDefaultSecretStorageKey(client: MatrixClient): Promise<boolean> {
	const defaultKey = await accountDataOnServer(client, 'm.secret_storage.default_key');
	const keyId = defaultKey?.['key'];
	if (typeof keyId !== 'string' || !keyId) return false;
	const description = await accountDataOnServer(client, `m.secret_storage.key.${keyId}`);
	return typeof description?.['algorithm'] === 'string';
}

async function accountDataOnServer(client: MatrixClient, eventType: string): Promise<Record<string, unknown> | undefined> {
	const path = `/user/${encodeURIComponent(client.getUserId()!)}/account_data/${encodeURIComponent(eventType)}`;
	try {
		return await client.http.authedRequest<Record<string, unknown>>(Method.Get, path);
	} catch (error) {
		if (error instanceof MatrixError && error.errcode === 'M_NOT_FOUND') return undefined;
		throw error;
	}
}

export async function restoreWithRecoveryKey(client: MatrixClient, keys: SecretStorageKey, recoveryKey: string): Promise<RecoveryRestore> {
	const crypto = cryptoOf(client);
	const userId = client.getUserId()!;
	let key: Uint8Array<ArrayBuffer>;
	try {
		key = decodeRecoveryKey(recoveryKey);
	} catch {
		return {kind: 'not-a-key'};
	}
	const stored = await client.secretStorage.getKey();
	if (!stored) return {kind: 'no-secret-storage'};
	const [keyId, keyInfo] = stored;
	if (!(await client.secretStorage.checkKey(key, keyInfo))) {
		key.fill(0);
		return {kind: 'wrong-key'};
	}
	return keys.holding(key, keyId, async () => {
		// The account's public keys first, from the server: without them the import fails.
		await crypto.userHasCrossSigningKeys(userId, true);
		await crypto.bootstrapCrossSigning({});
		if (!(await crypto.getKeyBackupInfo())) return {kind: 'verified-no-backup'};
		await crypto.loadSessionBackupPrivateKeyFromSecretStorage();
		await crypto.checkKeyBackupAndEnable();
		const {imported, total} = await crypto.restoreKeyBackup();
		return {kind: 'restored', imported, total};
	});
}
