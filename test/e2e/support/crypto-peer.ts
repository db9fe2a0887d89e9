/**
 * The second party of an encrypted conversation: a plain matrix-js-sdk client with the Rust
 * crypto (in memory), as another Matrix client would be. It sees what the other side really put
 * on the wire, and decrypts it the way any client would.
 */
import {ClientEvent, MatrixEventEvent, type MatrixClient, type MatrixEvent} from 'matrix-js-sdk';
import {createQuietClient} from '../../../src/matrix/client.js';
import {waitForAsync} from '../../support/wait.js';
import {homeserverUrl, type RegisteredUser} from './homeserver.js';

export async function startCryptoPeer(user: RegisteredUser): Promise<MatrixClient> {
	const client = createQuietClient({baseUrl: homeserverUrl(), userId: user.userId, deviceId: user.deviceId, accessToken: user.accessToken});
	await client.initRustCrypto({useIndexedDB: false});
	const synced = new Promise<void>((resolve) => client.once(ClientEvent.Sync, () => resolve()));
	await client.startClient({initialSyncLimit: 20});
	await synced;
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
