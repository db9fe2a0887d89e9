/**
 * The keys that encrypt what the client keeps at rest: each device's crypto store, each account's
 * outbox. Made once; kept in the OS keyring where one answers (Secret Service, Keychain, Windows
 * Credential Manager through @napi-rs/keyring), else in config.json (0600) — which then says where
 * each key is, so a key the keyring lost is noticed, never silently replaced.
 */
import {randomBytes} from 'node:crypto';
import {AsyncEntry} from '@napi-rs/keyring';
import {KEPT_IN_KEYRING, type AppConfig} from './config.js';

const KEY_BYTES = 32;
const SERVICE = 'matrix-tui';

export interface Keyring {
	/** The secret kept under `name`, or null if there is none. Rejects if the keyring cannot be read. */
	get(name: string): Promise<string | null>;
	/** Rejects if the keyring cannot keep it (no keyring service here: AccessDenied). */
	set(name: string, secret: string): Promise<void>;
}

/**
 * On Linux only the Secret Service (GNOME Keyring, KWallet): the library's fallback, the kernel's
 * keyutils, forgets everything at reboot — measured here taking the key where no Secret Service
 * runs — and a lost key would cost the device its store.
 */
const OPTIONS = {linux: {store: 'secret-service' as const}};

export function osKeyring(): Keyring {
	return {
		get: (name) => new AsyncEntry(SERVICE, name, OPTIONS).getPassword(),
		set: (name, secret) => new AsyncEntry(SERVICE, name, OPTIONS).setPassword(secret),
	};
}

/** `made`: there was none before this start (so nothing sealed with it can exist yet). */
export type KeptKey = {key: Uint8Array; made?: true} | {missing: string};

export const storeKeyName = (userId: string, deviceId: string) => `${userId}|${deviceId}`;
export const outboxKeyName = (userId: string) => `outbox|${userId}`;

/** The key under `name`: the one kept, a new one if none was ever made, or why the kept one is gone. */
export async function keptKey(config: Pick<AppConfig, 'keyEntry' | 'setKeyEntry'>, keyring: Keyring, name: string): Promise<KeptKey> {
	const entry = config.keyEntry(name);
	if (entry === undefined) return {key: await newKey(config, keyring, name), made: true};
	if (entry !== KEPT_IN_KEYRING) {
		const key = decoded(entry);
		return key ? {key} : {missing: 'its key in config.json is damaged'};
	}
	let secret: string | null;
	try {
		secret = await keyring.get(name);
	} catch (error) {
		return {missing: `the OS keyring holds its key and does not answer (${firstLine(error)})`};
	}
	const key = secret === null ? undefined : decoded(secret);
	return key ? {key} : {missing: secret === null ? 'the OS keyring no longer has its key' : 'its key in the OS keyring is damaged'};
}

/** The key under `name`; a new one in place of one that is missing (what it sealed is then set aside). */
export async function keptOrNewKey(config: Pick<AppConfig, 'keyEntry' | 'setKeyEntry'>, keyring: Keyring, name: string): Promise<Uint8Array> {
	const kept = await keptKey(config, keyring, name);
	return 'key' in kept ? kept.key : newKey(config, keyring, name);
}

async function newKey(config: Pick<AppConfig, 'setKeyEntry'>, keyring: Keyring, name: string): Promise<Uint8Array> {
	const key = new Uint8Array(randomBytes(KEY_BYTES));
	const encoded = Buffer.from(key).toString('base64');
	config.setKeyEntry(name, (await keyringKeeps(keyring, name, encoded)) ? KEPT_IN_KEYRING : encoded);
	return key;
}

/** Whether the keyring took the secret and gives it back (some answer yes and keep nothing). */
async function keyringKeeps(keyring: Keyring, name: string, secret: string): Promise<boolean> {
	try {
		await keyring.set(name, secret);
		return (await keyring.get(name)) === secret;
	} catch {
		return false;
	}
}

function firstLine(error: unknown): string {
	const text = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
	return text.length > 100 ? `${text.slice(0, 99)}…` : text;
}

function decoded(base64: string): Uint8Array | undefined {
	const bytes = Buffer.from(base64, 'base64');
	return bytes.length === KEY_BYTES ? new Uint8Array(bytes) : undefined;
}
