/**
 * What a decrypted event becomes in the held timeline: its own clear content, with the relation
 * that travels outside the ciphertext — never the SDK's edited view of it (which is `{}` while the
 * edit itself is still encrypted: seen on Synapse as "unsupported message" in place of the original).
 */
import {MatrixEvent} from 'matrix-js-sdk';
import {expect, test} from 'vitest';
import {decryptedFormOf} from '../../src/matrix/session-crypto.js';

const WIRE = {algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'x', sender_key: 'k', session_id: 's', device_id: 'D'};

/** An encrypted event the way the SDK holds it once its crypto decrypted it to `clear`. */
async function decrypted(id: string, clear: Record<string, unknown>, wireExtra: Record<string, unknown> = {}): Promise<MatrixEvent> {
	const event = new MatrixEvent({type: 'm.room.encrypted', event_id: id, room_id: '!r:x', sender: '@bob:x', origin_server_ts: 1, content: {...WIRE, ...wireExtra}});
	const backend = {decryptEvent: async () => ({clearEvent: {type: 'm.room.message', content: clear}})};
	await event.attemptDecryption(backend as unknown as Parameters<MatrixEvent['attemptDecryption']>[0]);
	return event;
}

test('an edited original keeps its own content, even while the SDK shows the (still encrypted) edit in its place', async () => {
	const original = await decrypted('$old', {msgtype: 'm.text', body: 'old 44'});
	const edit = new MatrixEvent({type: 'm.room.encrypted', event_id: '$edit', room_id: '!r:x', sender: '@bob:x', content: {...WIRE, 'm.relates_to': {rel_type: 'm.replace', event_id: '$old'}}});
	original.makeReplaced(edit);
	expect(original.getContent()).toEqual({});
	expect(decryptedFormOf(original)).toMatchObject({type: 'm.room.message', event_id: '$old', sender: '@bob:x', content: {msgtype: 'm.text', body: 'old 44'}});
});

test('the relation outside the ciphertext joins the clear content (an edit, a reply, a reaction)', async () => {
	const relation = {rel_type: 'm.replace', event_id: '$old'};
	const edit = await decrypted('$edit', {'msgtype': 'm.text', 'body': '* new', 'm.new_content': {msgtype: 'm.text', body: 'new'}}, {'m.relates_to': relation});
	expect(decryptedFormOf(edit)?.content).toEqual({'msgtype': 'm.text', 'body': '* new', 'm.new_content': {msgtype: 'm.text', body: 'new'}, 'm.relates_to': relation});
	const inside = await decrypted('$reply', {'msgtype': 'm.text', 'body': 'hi', 'm.relates_to': {'m.in_reply_to': {event_id: '$a'}}}, {'m.relates_to': {'m.in_reply_to': {event_id: '$b'}}});
	expect(decryptedFormOf(inside)?.content?.['m.relates_to']).toEqual({'m.in_reply_to': {event_id: '$a'}});
});

test('not decrypted yet: nothing to put in place', () => {
	expect(decryptedFormOf(new MatrixEvent({type: 'm.room.encrypted', event_id: '$e', content: WIRE}))).toBeUndefined();
});
