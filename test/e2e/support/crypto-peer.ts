/**
 * The second party of an encrypted conversation: a plain matrix-js-sdk client with the Rust
 * crypto (in memory), as another Matrix client would be. It sees what the other side really put
 * on the wire, and decrypts it the way any client would.
 */
import {ClientEvent, MatrixEventEvent, type MatrixClient, type MatrixEvent} from 'matrix-js-sdk';
import {CryptoEvent, VerificationPhase, type VerificationRequest} from 'matrix-js-sdk/lib/crypto-api/index.js';
import {createQuietClient} from '../../../src/matrix/client.js';
import {afterEach} from 'vitest';
import {waitForAsync, within} from '../../support/wait.js';
import {homeserverUrl, type RegisteredUser} from './homeserver.js';

/** startCryptoPeer for each test that asks, each peer stopped after its test. */
export function cryptoPeersPerTest(): (user: RegisteredUser) => Promise<MatrixClient> {
	const peers: MatrixClient[] = [];
	afterEach(() => {
		for (const peer of peers.splice(0)) peer.stopClient();
	});
	return async (user) => {
		const peer = await startCryptoPeer(user);
		peers.push(peer);
		return peer;
	};
}

export async function startCryptoPeer(user: RegisteredUser): Promise<MatrixClient> {
	const client = createQuietClient({baseUrl: homeserverUrl(), userId: user.userId, deviceId: user.deviceId, accessToken: user.accessToken});
	await client.initRustCrypto({useIndexedDB: false});
	const synced = new Promise<void>((resolve) => client.once(ClientEvent.Sync, () => resolve()));
	await client.startClient({initialSyncLimit: 20});
	await within(synced, `${user.userId}'s first sync`, {timeoutMs: 30_000, describe: () => `sync state: ${client.getSyncState() ?? 'none'}`});
	return client;
}

/** Until the peer has `user`'s device keys (uploaded once that device's crypto started). */
export async function peerSeesDevice(peer: MatrixClient, user: {userId: string; deviceId: string}): Promise<void> {
	await waitForAsync(async () => (await peer.getCrypto()!.getUserDeviceInfo([user.userId], true)).get(user.userId)?.has(user.deviceId), `the peer to see ${user.userId}'s device ${user.deviceId}`);
}

/** Until the peer holds the room as encrypted with `userId` joined: what it sends then is encrypted for them. */
export async function peerInEncryptedRoom(peer: MatrixClient, roomId: string, userId: string): Promise<void> {
	await waitForAsync(async () => peer.getRoom(roomId)?.getMember(userId)?.membership === 'join' && (await peer.getCrypto()!.isEncryptionEnabledInRoom(roomId)), `the peer to see ${userId} in the encrypted room`);
}

/** The room's events from `sender` as the peer holds them, each decrypted when it can be. */
async function peerEventsFrom(peer: MatrixClient, roomId: string, sender: string): Promise<MatrixEvent[]> {
	const events = peer.getRoom(roomId)?.getLiveTimeline().getEvents() ?? [];
	const mine = events.filter((event) => event.getSender() === sender && !event.isState());
	const decrypting = mine.filter((event) => event.isBeingDecrypted()).map((event) => new Promise<void>((resolve) => event.once(MatrixEventEvent.Decrypted, () => resolve())));
	await Promise.all(decrypting);
	return mine;
}

/** Until the peer has decrypted a message from `sender` with this body; returns the event. */
export async function peerReceives(peer: MatrixClient, roomId: string, sender: string, body: string): Promise<MatrixEvent> {
	let found: MatrixEvent | undefined;
	await waitForAsync(async () => {
		found = (await peerEventsFrom(peer, roomId, sender)).find((event) => event.getContent()['body'] === body);
		return found !== undefined;
	}, `the peer to receive and decrypt "${body}"`);
	return found!;
}

/** One request as a line, for a timeout's message: who, which phase, why it was cancelled. */
export function describeRequest(request: VerificationRequest): string {
	const cancelled = request.cancellationCode ? ` (${request.cancellationCode})` : '';
	return `${request.transactionId ?? '?'} with ${request.otherUserId} ${request.otherDeviceId ?? ''}: ${VerificationPhase[request.phase]}${cancelled}${request.initiatedByMe ? ', ours' : ''}${request.verifier ? ', verifier on' : ''}`;
}

/** The room's last events as the peer holds them, one a line: decrypted type, or why it is not. */
function peerRoomLog(peer: MatrixClient, roomId: string, count = 8): string {
	const events = peer.getRoom(roomId)?.getLiveTimeline().getEvents().slice(-count) ?? [];
	const line = (event: MatrixEvent) => {
		const msgtype = event.getContent()['msgtype'];
		const clear = event.isDecryptionFailure() ? `undecryptable: ${event.decryptionFailureReason ?? '?'}` : event.isBeingDecrypted() ? 'decrypting' : `${event.getType()}${typeof msgtype === 'string' ? ` ${msgtype}` : ''}`;
		return `  ${new Date(event.getTs()).toISOString()} ${event.getSender() ?? '?'} ${event.getWireType()}${event.isEncrypted() ? ` → ${clear}` : ''}`;
	};
	return events.length ? events.map(line).join('\n') : '  (no room or no events)';
}

/** Every verification request the peer receives, in order; a test takes them one at a time, each within a deadline. */
export class PeerRequests {
	private readonly received: VerificationRequest[] = [];
	private taken = 0;

	constructor(
		private readonly peer: MatrixClient,
		private readonly roomId: string,
	) {
		peer.on(CryptoEvent.VerificationRequestReceived, (request) => this.received.push(request));
	}

	/** The next request not taken yet; a timeout names `what`, what the peer holds, and what `also` says (the other side's screen). */
	async next(what: string, also: () => string | Promise<string>, timeoutMs = 30_000): Promise<VerificationRequest> {
		await waitForAsync(async () => this.received.length > this.taken, what, timeoutMs, async () => `${await also()}\n${this.describe()}`);
		return this.received[this.taken++]!;
	}

	/** The requests so far and the room's last events, as the peer has them. */
	describe(): string {
		const requests = this.received.map((request) => `  ${describeRequest(request)}`).join('\n') || '  (none)';
		return `the peer's requests:\n${requests}\nthe room as the peer holds it:\n${peerRoomLog(this.peer, this.roomId)}`;
	}
}
