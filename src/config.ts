/**
 * Settings and the saved session, kept by conf in one JSON file: mode 0600 in a 0700 directory,
 * since it holds an access token.
 */
import {randomBytes} from 'node:crypto';
import {chmodSync, mkdirSync} from 'node:fs';
import {dirname} from 'node:path';
import Conf from 'conf';
import {DEFAULT_REASON_MAX_WIDTH} from './domain/reason.js';
import type {Credentials} from './matrix/client.js';

const KEY_BYTES = 32;

interface Stored {
	reasonMaxWidth: number;
	bell: boolean;
	session?: Credentials;
	lastHomeserver?: string;
	lastUser?: string;
	/** Keys, base64: each device's crypto store key, each account's outbox key (the OS keyring is to come: issue 14). */
	cryptoKeys?: Record<string, string>;
}

export interface AppConfig {
	readonly path: string;
	reasonMaxWidth(): number;
	/** Ring the terminal bell on mentions. */
	bell(): boolean;
	session(): Credentials | undefined;
	saveSession(credentials: Credentials): void;
	forgetSession(): void;
	lastLogin(): {homeserver?: string; user?: string};
	/** The 32-byte key of this device's crypto store: made on first use, then kept here (0600). */
	cryptoStoreKey(userId: string, deviceId: string): Uint8Array;
	/** The 32-byte key the account's unsent messages are sealed with on disk (outbox-file.ts): made on first use. */
	outboxKey(userId: string): Uint8Array;
}

export function openConfig(directory: string | undefined): AppConfig {
	if (directory) {
		mkdirSync(directory, {recursive: true, mode: 0o700});
		chmodSync(directory, 0o700);
	}
	const conf = new Conf<Stored>({
		projectName: 'matrix-tui',
		projectSuffix: '',
		cwd: directory,
		configFileMode: 0o600,
		defaults: {reasonMaxWidth: DEFAULT_REASON_MAX_WIDTH, bell: true},
	});
	// conf creates the default directory with the umask's mode; the token needs it private.
	chmodSync(dirname(conf.path), 0o700);
	return {
		path: conf.path,
		reasonMaxWidth() {
			const value = conf.get('reasonMaxWidth');
			return typeof value === 'number' && Number.isInteger(value) && value >= 8 ? value : DEFAULT_REASON_MAX_WIDTH;
		},
		bell() {
			return conf.get('bell') !== false;
		},
		session() {
			const session = conf.get('session');
			return session && typeof session.accessToken === 'string' && typeof session.homeserver === 'string' && typeof session.userId === 'string' ? session : undefined;
		},
		saveSession(credentials) {
			conf.set('session', credentials);
			conf.set('lastHomeserver', credentials.homeserver);
			conf.set('lastUser', credentials.userId);
		},
		forgetSession() {
			conf.delete('session');
		},
		lastLogin() {
			return {homeserver: conf.get('lastHomeserver'), user: conf.get('lastUser')};
		},
		cryptoStoreKey: (userId, deviceId) => keptKey(conf, `${userId}|${deviceId}`),
		outboxKey: (userId) => keptKey(conf, `outbox|${userId}`),
	};
}

function keptKey(conf: Conf<Stored>, name: string): Uint8Array {
	const keys = conf.get('cryptoKeys') ?? {};
	const kept = typeof keys[name] === 'string' ? Buffer.from(keys[name], 'base64') : undefined;
	if (kept?.length === KEY_BYTES) return new Uint8Array(kept);
	const key = new Uint8Array(randomBytes(KEY_BYTES));
	conf.set('cryptoKeys', {...keys, [name]: Buffer.from(key).toString('base64')});
	return key;
}
