/**
 * setUpRecovery against a scripted client and crypto: an account whose server holds a default
 * secret-storage key keeps it (nothing made, not even cross-signing) unless a replace is asked;
 * a replace, like a first setup, needs this device to hold the cross-signing keys, and makes new
 * secret storage and a new key backup. What the server holds is read from the server.
 */
import {MatrixError, type MatrixClient} from 'matrix-js-sdk';
import {describe, expect, test} from 'vitest';
import {setUpRecovery} from '../../src/matrix/recovery.js';
import {SecretStorageKey} from '../../src/matrix/secret-storage-key.js';

const ME = '@me:x';
const KEY_INFO = {algorithm: 'm.secret_storage.v1.aes-hmac-sha2', iv: 'iv', mac: 'mac'};
const NEW_KEY = 'EsTj 3yST y93F SLpB jJsz eAXc 2XzA ygD3 w69H fGaN TKBj jXEd';

interface Script {
	/** Account data on the server, by event type. */
	server?: Record<string, Record<string, unknown>>;
	/** This device holds the private cross-signing keys. */
	holdsCrossSigning?: boolean;
	/** The account has cross-signing keys (on the server). */
	accountHasCrossSigning?: boolean;
}

function setUp(script: Script = {}) {
	const calls: string[] = [];
	const server = script.server ?? {};
	const held = script.holdsCrossSigning ?? true;
	const crypto = {
		getCrossSigningStatus: async () => ({privateKeysCachedLocally: {masterKey: held, selfSigningKey: held, userSigningKey: held}}),
		userHasCrossSigningKeys: async () => script.accountHasCrossSigning ?? held,
		bootstrapCrossSigning: async () => void calls.push('bootstrapCrossSigning'),
		createRecoveryKeyFromPassphrase: async () => ({privateKey: new Uint8Array([1, 2, 3]), encodedPrivateKey: NEW_KEY}),
		bootstrapSecretStorage: async (options: Record<string, unknown>) => void calls.push(`bootstrapSecretStorage new=${String(options['setupNewSecretStorage'])} backup=${String(options['setupNewKeyBackup'])}`),
	};
	const http = {
		authedRequest: async (_method: string, path: string) => {
			const prefix = `/user/${encodeURIComponent(ME)}/account_data/`;
			if (!path.startsWith(prefix)) throw new Error(`unexpected request ${path}`);
			const type = decodeURIComponent(path.slice(prefix.length));
			calls.push(`GET ${type}`);
			const content = server[type];
			if (!content) throw new MatrixError({errcode: 'M_NOT_FOUND', error: 'Account data not found'}, 404);
			return content;
		},
	};
	// The synced copy says "no key": only the server's answer may count.
	const client = {getCrypto: () => crypto, getUserId: () => ME, getAccountData: () => undefined, http} as unknown as MatrixClient;
	return {client, calls, keys: new SecretStorageKey()};
}

const WITH_KEY = {'m.secret_storage.default_key': {key: 'old'}, 'm.secret_storage.key.old': KEY_INFO};

describe('setUpRecovery', () => {
	test('an account with a default key keeps it: nothing is made', async () => {
		const {client, calls, keys} = setUp({server: WITH_KEY});
		expect(await setUpRecovery(client, keys, {replace: false})).toEqual({kind: 'exists'});
		expect(calls).toEqual(['GET m.secret_storage.default_key', 'GET m.secret_storage.key.old']);
	});

	test('it keeps it even on a device without cross-signing, and sets none up', async () => {
		const {client, calls, keys} = setUp({server: WITH_KEY, holdsCrossSigning: false, accountHasCrossSigning: false});
		expect(await setUpRecovery(client, keys, {replace: false})).toEqual({kind: 'exists'});
		expect(calls).not.toContain('bootstrapCrossSigning');
	});

	test('a replace makes new secret storage and a new key backup', async () => {
		const {client, calls, keys} = setUp({server: WITH_KEY});
		expect(await setUpRecovery(client, keys, {replace: true})).toEqual({kind: 'created', recoveryKey: NEW_KEY});
		expect(calls).toEqual(['bootstrapSecretStorage new=true backup=true']);
	});

	test('a replace on a device that does not hold the cross-signing keys is refused', async () => {
		const {client, calls, keys} = setUp({server: WITH_KEY, holdsCrossSigning: false, accountHasCrossSigning: true});
		expect(await setUpRecovery(client, keys, {replace: true})).toEqual({kind: 'unverified-device'});
		expect(calls.filter((call) => call.startsWith('bootstrap'))).toEqual([]);
	});

	test.each([
		['no default key', {}],
		['a default key switched off', {'m.secret_storage.default_key': {}}],
		['a default key with no description', {'m.secret_storage.default_key': {key: 'gone'}}],
	])('%s: a first setup', async (_name, server) => {
		const {client, calls, keys} = setUp({server});
		expect(await setUpRecovery(client, keys, {replace: false})).toEqual({kind: 'created', recoveryKey: NEW_KEY});
		expect(calls.at(-1)).toBe('bootstrapSecretStorage new=true backup=true');
	});

	test('a server that cannot be asked: the error goes up, nothing is made', async () => {
		const {client, calls, keys} = setUp();
		(client.http as unknown as {authedRequest: () => Promise<never>}).authedRequest = () => Promise.reject(new MatrixError({errcode: 'M_UNKNOWN', error: 'boom'}, 500));
		await expect(setUpRecovery(client, keys, {replace: false})).rejects.toThrow('boom');
		expect(calls).toEqual([]);
	});
});
