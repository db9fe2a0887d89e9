/**
 * Encrypted attachments as the spec has them ("Sending encrypted attachments"): AES-CTR with a
 * fresh 256-bit key and a 128-bit counter block whose low 64 bits start at zero, the key as a JWK,
 * and the SHA-256 of the ciphertext so a receiver can tell the bytes were not changed. Both ways are
 * streams (Transform), so a big file is never held whole in memory.
 */
import {createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual, type Hash} from 'node:crypto';
import {Transform, type TransformCallback} from 'node:stream';
import type {EncryptedFile} from '../domain/attachment.js';

const unpadded = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');
const fromBase64 = (text: string) => Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');

/** The hash of the ciphertext did not match the event's: the file was changed (or is another one). */
export class AttachmentHashMismatch extends Error {
	constructor() {
		super('the file does not match its hash: it was changed or damaged');
	}
}

/** Encrypts what flows through; `file(url)` afterwards gives the event's `file` object for the uploaded ciphertext. */
export function attachmentEncryptor(): Transform & {file(url: string): EncryptedFile} {
	const key = randomBytes(32);
	// 64 random bits, then a 64-bit counter from zero: no counter overflow for any file size.
	const iv = Buffer.concat([randomBytes(8), Buffer.alloc(8)]);
	const cipher = createCipheriv('aes-256-ctr', key, iv);
	const hash = createHash('sha256');
	const stream = new Transform({
		transform(chunk: Buffer, _encoding, done: TransformCallback) {
			const out = cipher.update(chunk);
			hash.update(out);
			done(null, out);
		},
		flush(done: TransformCallback) {
			const out = cipher.final();
			hash.update(out);
			done(null, out);
		},
	});
	let digest: string | undefined;
	return Object.assign(stream, {
		file(url: string): EncryptedFile {
			digest ??= unpadded(hash.digest());
			return {
				url,
				key: {kty: 'oct', key_ops: ['encrypt', 'decrypt'], alg: 'A256CTR', k: key.toString('base64url'), ext: true},
				iv: unpadded(iv),
				hashes: {sha256: digest},
				v: 'v2',
			};
		},
	});
}

/** Decrypts what flows through; at the end, fails with AttachmentHashMismatch unless the ciphertext's hash is the event's. */
export function attachmentDecryptor(file: EncryptedFile): Transform {
	const key = fromBase64(file.key.k);
	const iv = fromBase64(file.iv);
	if (key.length !== 32 || iv.length !== 16) throw new Error('the file has a malformed key');
	const expected = fromBase64(file.hashes.sha256);
	const decipher = createDecipheriv('aes-256-ctr', key, iv);
	const hash: Hash = createHash('sha256');
	return new Transform({
		transform(chunk: Buffer, _encoding, done: TransformCallback) {
			hash.update(chunk);
			done(null, decipher.update(chunk));
		},
		flush(done: TransformCallback) {
			const actual = hash.digest();
			if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return done(new AttachmentHashMismatch());
			done(null, decipher.final());
		},
	});
}
