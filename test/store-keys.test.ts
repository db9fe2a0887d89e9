/** At-rest keys: in the OS keyring where one answers, else in config.json; a lost one is noticed, never silently replaced. */
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {openConfig} from '../src/config.js';
import {keptKey, keptOrNewKey, type Keyring} from '../src/store-keys.js';

/** A keyring in memory; `refuses`: no keyring service (set fails, as here: AccessDenied); `silent`: takes secrets and keeps none. */
function fakeKeyring(behaviour: 'answers' | 'refuses' | 'silent' = 'answers'): Keyring & {secrets: Map<string, string>; broken: boolean} {
	const secrets = new Map<string, string>();
	return {
		secrets,
		broken: false,
		async get(name) {
			if (this.broken) throw new Error('the keyring is locked');
			return secrets.get(name) ?? null;
		},
		async set(name, secret) {
			if (behaviour === 'refuses') throw new Error("Couldn't access platform storage: AccessDenied");
			if (behaviour === 'answers') secrets.set(name, secret);
		},
	};
}

const config = () => {
	const directory = mkdtempSync(join(tmpdir(), 'mtui-keys-'));
	return {directory, config: openConfig(directory), file: () => readFileSync(join(directory, 'config.json'), 'utf8')};
};

const keyOf = (kept: Awaited<ReturnType<typeof keptKey>>) => ('key' in kept ? kept.key : undefined);

describe('a keyring that answers', () => {
	test('holds the key; config.json only says where it is', async () => {
		const {directory, config: first, file} = config();
		const keyring = fakeKeyring();
		const key = keyOf(await keptKey(first, keyring, '@a:hs|DEV1'))!;
		expect(key).toHaveLength(32);
		expect(keyring.secrets.get('@a:hs|DEV1')).toBe(Buffer.from(key).toString('base64'));
		expect(file()).not.toContain(Buffer.from(key).toString('base64'));
		expect(JSON.parse(file()).cryptoKeys).toEqual({'@a:hs|DEV1': 'keyring'});
		// The next start: the same key, from the keyring.
		expect(keyOf(await keptKey(openConfig(directory), keyring, '@a:hs|DEV1'))).toEqual(key);
		expect(keyOf(await keptKey(openConfig(directory), keyring, '@a:hs|DEV2'))).not.toEqual(key);
	});

	test('a key the keyring lost, or cannot give now, is missing with why — not replaced', async () => {
		const {config: kept} = config();
		const keyring = fakeKeyring();
		await keptKey(kept, keyring, '@a:hs|DEV1');
		keyring.broken = true;
		expect(await keptKey(kept, keyring, '@a:hs|DEV1')).toEqual({missing: 'the OS keyring holds its key and does not answer (the keyring is locked)'});
		keyring.broken = false;
		keyring.secrets.clear();
		expect(await keptKey(kept, keyring, '@a:hs|DEV1')).toEqual({missing: 'the OS keyring no longer has its key'});
		keyring.secrets.set('@a:hs|DEV1', 'c2hvcnQ=');
		expect(await keptKey(kept, keyring, '@a:hs|DEV1')).toEqual({missing: 'its key in the OS keyring is damaged'});
		expect(kept.keyEntry('@a:hs|DEV1')).toBe('keyring');
	});

	test('keptOrNewKey (the outbox) makes a new key in place of a lost one', async () => {
		const {config: kept} = config();
		const keyring = fakeKeyring();
		const first = await keptOrNewKey(kept, keyring, 'outbox|@a:hs');
		keyring.secrets.clear();
		const second = await keptOrNewKey(kept, keyring, 'outbox|@a:hs');
		expect(second).not.toEqual(first);
		expect(await keptOrNewKey(kept, keyring, 'outbox|@a:hs')).toEqual(second);
	});
});

describe('no keyring service (this machine: AccessDenied), or one that keeps nothing', () => {
	for (const behaviour of ['refuses', 'silent'] as const) {
		test(`${behaviour}: the key is kept in config.json (0600), the same at the next start`, async () => {
			const {directory, config: first, file} = config();
			const key = keyOf(await keptKey(first, fakeKeyring(behaviour), '@a:hs|DEV1'))!;
			expect(JSON.parse(file()).cryptoKeys['@a:hs|DEV1']).toBe(Buffer.from(key).toString('base64'));
			expect(keyOf(await keptKey(openConfig(directory), fakeKeyring(behaviour), '@a:hs|DEV1'))).toEqual(key);
		});
	}

	test('a damaged key in config.json is missing, not replaced', async () => {
		const {config: kept} = config();
		kept.setKeyEntry('@a:hs|DEV1', 'bm90IDMyIGJ5dGVz');
		expect(await keptKey(kept, fakeKeyring('refuses'), '@a:hs|DEV1')).toEqual({missing: 'its key in config.json is damaged'});
	});
});
