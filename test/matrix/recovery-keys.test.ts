/**
 * The matrix layer's two small pieces of recovery that need no server: the interactive-auth answer
 * for the cross-signing upload (none first, then the password if a password-only flow is offered),
 * and the recovery key held only while a step runs, wiped after.
 */
import {MatrixError, type AuthDict} from 'matrix-js-sdk';
import type {SecretStorageKeyDescription} from 'matrix-js-sdk/lib/secret-storage.js';
import {describe, expect, test} from 'vitest';
import {passwordAuth} from '../../src/matrix/cross-signing.js';
import {SecretStorageKey} from '../../src/matrix/secret-storage-key.js';

const ME = '@me:example.org';

function uiaRequired(flows: unknown[], session = 'sess-1'): MatrixError {
	return new MatrixError({errcode: 'M_FORBIDDEN', error: 'auth needed', flows, session}, 401);
}

/** A makeRequest that answers each call with the next of `answers` (an error throws), recording the auth it got. */
function requests(...answers: Array<Error | undefined>) {
	const seen: Array<AuthDict | null> = [];
	const makeRequest = (auth: AuthDict | null) => {
		seen.push(auth);
		const next = answers.shift();
		return next ? Promise.reject(next) : Promise.resolve();
	};
	return {seen, makeRequest};
}

describe('passwordAuth', () => {
	test('a server that takes the upload without auth never sees the password', async () => {
		const {seen, makeRequest} = requests(undefined);
		await passwordAuth(ME, 'pw')(makeRequest);
		expect(seen).toEqual([null]);
	});

	test('a password-only flow is answered with m.login.password in the same session', async () => {
		const {seen, makeRequest} = requests(uiaRequired([{stages: ['m.login.password']}]), undefined);
		await passwordAuth(ME, 'pw')(makeRequest);
		expect(seen).toEqual([null, {type: 'm.login.password', identifier: {type: 'm.id.user', user: ME}, password: 'pw', session: 'sess-1'}]);
	});

	test('without a password it says one is needed, and sends nothing more', async () => {
		const {seen, makeRequest} = requests(uiaRequired([{stages: ['m.login.password']}]));
		await expect(passwordAuth(ME, undefined)(makeRequest)).rejects.toThrow();
		expect(seen).toEqual([null]);
	});

	test('a server that wants more than a password (SSO) gets a clear no', async () => {
		const {makeRequest} = requests(uiaRequired([{stages: ['m.login.sso']}]));
		await expect(passwordAuth(ME, 'pw')(makeRequest)).rejects.toThrow('the homeserver wants more than a password to set up cross-signing (single sign-on?) — use another client for this step');
	});

	test('any other failure is passed on as it is', async () => {
		const failure = new MatrixError({errcode: 'M_UNKNOWN', error: 'boom'}, 500);
		const {makeRequest} = requests(failure);
		await expect(passwordAuth(ME, 'pw')(makeRequest)).rejects.toBe(failure);
	});
});

describe('SecretStorageKey', () => {
	const description = {algorithm: 'm.secret_storage.v1.aes-hmac-sha2', iv: 'iv', mac: 'mac', name: 'key', passphrase: undefined} as unknown as SecretStorageKeyDescription;
	const keys = {abc: description};

	test('answers the SDK only while a step holds the key, then wipes it', async () => {
		const holder = new SecretStorageKey();
		const key = new Uint8Array([1, 2, 3]);
		expect(await holder.callbacks.getSecretStorageKey!({keys}, 'm.cross_signing.master')).toBeNull();
		const during = await holder.holding(key, 'abc', () => holder.callbacks.getSecretStorageKey!({keys}, 'm.cross_signing.master'));
		expect(during?.[0]).toBe('abc');
		expect([...key]).toEqual([0, 0, 0]);
		expect(await holder.callbacks.getSecretStorageKey!({keys}, 'm.cross_signing.master')).toBeNull();
	});

	test('a key just created learns its ID from the SDK; a step that throws still wipes the key', async () => {
		const holder = new SecretStorageKey();
		const key = new Uint8Array([9, 9]);
		const failing = holder.holding(key, undefined, async () => {
			holder.callbacks.cacheSecretStorageKey!('new-id', description, key);
			// The account's older key comes first: the new one must be picked by its ID.
			const answer = await holder.callbacks.getSecretStorageKey!({keys: {old: description, 'new-id': description}}, 'm.megolm_backup.v1');
			expect(answer?.[0]).toBe('new-id');
			throw new Error('upload failed');
		});
		await expect(failing).rejects.toThrow('upload failed');
		expect([...key]).toEqual([0, 0]);
	});

	test('a key for another key ID is not handed out', async () => {
		const holder = new SecretStorageKey();
		const answer = await holder.holding(new Uint8Array([5]), 'abc', () => holder.callbacks.getSecretStorageKey!({keys: {xyz: description}}, 'm.cross_signing.master'));
		expect(answer).toBeNull();
	});
});
