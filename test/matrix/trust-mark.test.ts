/** Which decrypted events the matrix layer marks: what the crypto warns about, except what this very device sent. */
import {MatrixEvent} from 'matrix-js-sdk';
import {EventShieldColour, EventShieldReason} from 'matrix-js-sdk/lib/crypto-api/index.js';
import {expect, test} from 'vitest';
import {untrustedReason} from '../../src/domain/trust.js';
import {withTrustMark} from '../../src/matrix/trust.js';

const WIRE = {algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'x', sender_key: 'k', session_id: 's'};

async function decrypted(sender: string, deviceId: string): Promise<MatrixEvent> {
	const event = new MatrixEvent({type: 'm.room.encrypted', event_id: '$e', room_id: '!r:x', sender, content: {...WIRE, device_id: deviceId}});
	const backend = {decryptEvent: async () => ({clearEvent: {type: 'm.room.message', content: {msgtype: 'm.text', body: 'hi'}}})};
	await event.attemptDecryption(backend as unknown as Parameters<MatrixEvent['attemptDecryption']>[0]);
	return event;
}

/** A client whose crypto warns about every event (an unverified identity: ours, with no cross-signing yet). */
const warningClient = {
	getUserId: () => '@me:x',
	getDeviceId: () => 'MYDEVICE',
	getCrypto: () => ({getEncryptionInfoForEvent: async () => ({shieldColour: EventShieldColour.RED, shieldReason: EventShieldReason.UNSIGNED_DEVICE})}),
} as unknown as Parameters<typeof withTrustMark>[0];

const form = {type: 'm.room.message', event_id: '$e', content: {body: 'hi'}};

test('a warned-about sender is marked with the reason', async () => {
	expect(untrustedReason(await withTrustMark(warningClient, await decrypted('@bob:x', 'BOBDEVICE'), form))).toBeDefined();
	// Our own other device is someone else's word too.
	expect(untrustedReason(await withTrustMark(warningClient, await decrypted('@me:x', 'OTHERDEVICE'), form))).toBeDefined();
});

test('what this very device sent is never marked', async () => {
	expect(await withTrustMark(warningClient, await decrypted('@me:x', 'MYDEVICE'), form)).toBe(form);
});
