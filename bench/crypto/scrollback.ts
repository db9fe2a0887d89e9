/**
 * Real Megolm scrollback on the real Synapse: Bob (a plain matrix-js-sdk client, in-memory Rust
 * crypto) writes N messages in an encrypted room Alice is in with several devices, each of which
 * gets every room key. Then two of Alice's devices in this process decrypt the same page of N
 * events from /messages — one on our persistent store (src/matrix/crypto-store), one on the
 * SDK's in-memory store — as the app's decryptPage does: every event of the page at once.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Direction, MatrixEvent, type IEvent, type MatrixClient} from 'matrix-js-sdk';
import type {IndexedDbFolder} from '../../src/matrix/crypto-store/indexeddb.ts';
import {waitFor, waitForAsync} from '../../test/support/wait.ts';
import {Api, homeserverUrl, type RegisteredUser} from '../../test/e2e/support/homeserver.ts';
import {distUrl} from '../client/session-factory.ts';

// The built code (dist/, or BENCH_DIST), as the other benches measure it.
const {createQuietClient} = (await import(distUrl('matrix/client.js').href)) as typeof import('../../src/matrix/client.ts');
const {installIndexedDb} = (await import(distUrl('matrix/crypto-store/indexeddb.js').href)) as typeof import('../../src/matrix/crypto-store/indexeddb.ts');
const {newStorageKey, startPersistentCrypto} = (await import(distUrl('matrix/crypto-store/persistent-crypto.js').href)) as typeof import('../../src/matrix/crypto-store/persistent-crypto.ts');

const ENCRYPTION = {type: 'm.room.encryption', state_key: '', content: {algorithm: 'm.megolm.v1.aes-sha2'}};
const WORDS = 'the quick brown fox jumps over a lazy dog while seven wizards quietly box jugs of liquor at dawn'.split(' ');

export function clientOf(user: RegisteredUser): MatrixClient {
	return createQuietClient({baseUrl: homeserverUrl(), userId: user.userId, deviceId: user.deviceId, accessToken: user.accessToken});
}

/** A message body of 3 to 40 words, different for each n: chat-like lengths. */
function bodyOf(n: number): string {
	const length = 3 + ((n * 7919) % 38);
	return `#${n} ${Array.from({length}, (_, index) => WORDS[(n + index * 13) % WORDS.length]).join(' ')}`;
}

export interface PersistentDevice {
	client: MatrixClient;
	store: IndexedDbFolder;
	directory: string;
}

/** Alice's device on the persistent store, in a folder of its own (this process's one IndexedDB folder). */
export async function startPersistentDevice(user: RegisteredUser): Promise<PersistentDevice> {
	const directory = mkdtempSync(join(tmpdir(), 'bench-crypto-'));
	const store = installIndexedDb(join(directory, 'crypto'));
	const client = clientOf(user);
	await startPersistentCrypto(client, {store, databasePrefix: 'bench', storageKey: newStorageKey()});
	await client.startClient({initialSyncLimit: 10});
	return {client, store, directory};
}

export async function stopPersistentDevice(device: PersistentDevice): Promise<void> {
	device.client.stopClient();
	await device.store.close();
	rmSync(device.directory, {recursive: true, force: true});
}

export async function startMemoryDevice(user: RegisteredUser): Promise<MatrixClient> {
	const client = clientOf(user);
	await client.initRustCrypto({useIndexedDB: false});
	await client.startClient({initialSyncLimit: 10});
	return client;
}

/**
 * Bob makes the encrypted room, Alice joins, Bob writes `count` messages (Bob's crypto rotates the
 * room key as the SDK does by default: every 100 messages). Every device of Alice's listed in
 * `aliceDevices` must be known to Bob first: he encrypts the room keys for each of them.
 */
export async function writeScrollback(bob: MatrixClient, bobUser: RegisteredUser, alice: RegisteredUser, aliceDevices: string[], count: number): Promise<string> {
	const crypto = bob.getCrypto()!;
	await waitForAsync(async () => {
		const known = (await crypto.getUserDeviceInfo([alice.userId], true)).get(alice.userId);
		return aliceDevices.every((deviceId) => known?.has(deviceId));
	}, "Bob to see all of Alice's devices", 60_000);
	const roomId = await Api.for(bobUser).createRoom({preset: 'private_chat', name: 'Scrollback', initial_state: [ENCRYPTION], invite: [alice.userId]});
	await Api.for(alice).join(roomId);
	await waitForAsync(async () => bob.getRoom(roomId)?.getMember(alice.userId)?.membership === 'join' && (await crypto.isEncryptionEnabledInRoom(roomId)), 'Bob to see Alice in the encrypted room', 60_000);
	for (let n = 0; n < count; n++) await bob.sendTextMessage(roomId, bodyOf(n));
	return roomId;
}

/** Resolves once `client`'s live timeline shows the last message decrypted: its keys have come. */
export async function hasLastMessage(client: MatrixClient, roomId: string, count: number): Promise<void> {
	const last = bodyOf(count - 1);
	await waitFor(() => client.getRoom(roomId)?.getLiveTimeline().getEvents().some((event) => event.getContent()['body'] === last), {timeoutMs: 120_000, what: `${client.getDeviceId()} to decrypt the last message`});
}

/** The newest `count` encrypted events of the room, raw, as a /messages page gives them (several pages if need be). */
export async function scrollbackPage(client: MatrixClient, roomId: string, count: number): Promise<Array<Partial<IEvent>>> {
	const events: Array<Partial<IEvent>> = [];
	let from: string | null = null;
	while (events.length < count) {
		const response = await client.createMessagesRequest(roomId, from, Math.min(count - events.length, 500), Direction.Backward);
		events.push(...response.chunk.filter((event) => event.type === 'm.room.encrypted'));
		if (!response.end || response.chunk.length === 0) break;
		from = response.end;
	}
	return events.slice(0, count);
}

export interface Pass {
	ms: number;
	decrypted: number;
	failed: number;
	sessions: number;
}

/** Decrypts the page once, every event at once as decryptPage does; new MatrixEvents, so nothing comes decrypted already. */
export async function decryptPass(client: MatrixClient, roomId: string, raw: ReadonlyArray<Partial<IEvent>>): Promise<Pass> {
	const events = raw.map((event) => new MatrixEvent({...event, room_id: roomId}));
	const started = performance.now();
	await Promise.all(events.map((event) => client.decryptEventIfNeeded(event)));
	const ms = performance.now() - started;
	const failed = events.filter((event) => event.isDecryptionFailure() || event.getType() !== 'm.room.message').length;
	const sessions = new Set(raw.map((event) => (event.content as {session_id?: string} | undefined)?.session_id)).size;
	return {ms, decrypted: events.length - failed, failed, sessions};
}
