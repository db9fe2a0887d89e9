/**
 * Recovery (/recovery): secret storage and key backup set up with a new recovery key, and, on
 * another device, that key used to verify the device (its cross-signing keys come out of secret
 * storage) and to restore the key backup, so history sent before the device existed decrypts.
 * The key is held only for the step (secret-storage-key.ts); what the user must write down goes
 * back as the action's value, never into a notice or a log.
 */
import type {MatrixClient} from 'matrix-js-sdk';
import {decodeRecoveryKey} from 'matrix-js-sdk/lib/crypto-api/index.js';
import {ensureCrossSigning} from './cross-signing.js';
import type {RecoveryRestore, RecoverySetup} from './protocol.js';
import type {SecretStorageKey} from './secret-storage-key.js';

function cryptoOf(client: MatrixClient) {
	const crypto = client.getCrypto();
	if (!crypto) throw new Error('encryption is off in this session');
	return crypto;
}

export async function setUpRecovery(client: MatrixClient, keys: SecretStorageKey, password: string | undefined): Promise<RecoverySetup> {
	const crypto = cryptoOf(client);
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
