/**
 * Settings and the saved session, kept by conf in one JSON file: mode 0600 in a 0700 directory,
 * since it holds an access token.
 */
import {chmodSync, mkdirSync} from 'node:fs';
import {dirname} from 'node:path';
import Conf from 'conf';
import {DEFAULT_REASON_MAX_WIDTH} from './domain/reason.js';
import type {Credentials} from './matrix/client.js';
import {asSyncMode, type SyncMode} from './matrix/sync-mode.js';
import {ROOM_SECTIONS, type RoomSection} from './state/room-order.js';
import {IMAGES_SETTINGS, type ImagesSetting} from './state/pictures.js';

interface Stored {
	reasonMaxWidth: number;
	bell: boolean;
	/** Read receipts only we see (m.read.private). */
	privateReceipts?: boolean;
	session?: Credentials;
	/** The room list's folded sections. */
	foldedSections?: string[];
	/** Image events drawn as pictures ('auto') or as their line only ('off'). */
	images?: string;
	/** The space chosen above the room list: a space's room ID, or "other". */
	space?: string;
	/** The local cache: per room, the newest events kept. */
	cacheEventsPerRoom?: number;
	/** How to sync: 'auto', 'classic' or 'sliding' (--sync overrides it). */
	sync?: string;
	lastHomeserver?: string;
	lastUser?: string;
	/** At-rest keys by name (store-keys.ts): base64, or KEPT_IN_KEYRING when the OS keyring holds it. */
	cryptoKeys?: Record<string, string>;
}

export interface AppConfig {
	readonly path: string;
	reasonMaxWidth(): number;
	/** Ring the terminal bell on mentions. */
	bell(): boolean;
	/** Send read receipts as m.read.private (default: public m.read). */
	privateReceipts(): boolean;
	/** 'auto' (the default, and for anything else stored): pictures where the terminal draws colours; 'off': the media line only. */
	images(): ImagesSetting;
	/** Per room, the newest events the local cache keeps (1–1000; default 50). */
	cacheEventsPerRoom(): number;
	/** 'classic' or 'sliding' when the file says so; 'auto' (the default) for anything else. */
	syncMode(): SyncMode;
	/** The room list's sections folded when the client last ran (unknown names dropped). */
	foldedSections(): RoomSection[];
	setFoldedSections(sections: readonly RoomSection[]): void;
	/** The space the room list showed when the client last ran (none: every room). */
	space(): string | undefined;
	setSpace(space: string | undefined): void;
	session(): Credentials | undefined;
	saveSession(credentials: Credentials): void;
	forgetSession(): void;
	lastLogin(): {homeserver?: string; user?: string};
	/** Where an at-rest key is (store-keys.ts): its base64, KEPT_IN_KEYRING, or undefined (none made yet). */
	keyEntry(name: string): string | undefined;
	setKeyEntry(name: string, value: string): void;
}

const DEFAULT_CACHE_EVENTS_PER_ROOM = 50;

/** A key's entry when the OS keyring holds the key itself. */
export const KEPT_IN_KEYRING = 'keyring';

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
		privateReceipts() {
			return conf.get('privateReceipts') === true;
		},
		images() {
			const value = conf.get('images');
			return IMAGES_SETTINGS.find((setting) => setting === value) ?? 'auto';
		},
		syncMode() {
			return asSyncMode(conf.get('sync')) ?? 'auto';
		},
		cacheEventsPerRoom() {
			const value = conf.get('cacheEventsPerRoom');
			return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 1000 ? value : DEFAULT_CACHE_EVENTS_PER_ROOM;
		},
		foldedSections() {
			const stored: unknown = conf.get('foldedSections');
			return Array.isArray(stored) ? ROOM_SECTIONS.filter((section) => stored.includes(section)) : [];
		},
		setFoldedSections(sections) {
			conf.set('foldedSections', [...sections]);
		},
		space() {
			const stored: unknown = conf.get('space');
			// A room ID, or the selector's "Other"; anything else (hand-edited) is every room.
			return typeof stored === 'string' && (stored.startsWith('!') || stored === 'other') ? stored : undefined;
		},
		setSpace(space) {
			if (space === undefined) conf.delete('space');
			else conf.set('space', space);
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
		keyEntry(name) {
			const value = conf.get('cryptoKeys')?.[name];
			return typeof value === 'string' ? value : undefined;
		},
		setKeyEntry(name, value) {
			conf.set('cryptoKeys', {...conf.get('cryptoKeys'), [name]: value});
		},
	};
}
