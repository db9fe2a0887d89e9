/**
 * Text kept on disk that must not be readable there (the outbox holds what the user wrote, for
 * encrypted rooms too): AES-256-GCM under a 32-byte key the app keeps apart from the file, with a
 * fresh nonce per write. The tag makes a wrong key or a changed file fail to open, never decode to
 * garbage.
 */
import {createCipheriv, createDecipheriv, randomBytes} from 'node:crypto';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** nonce | tag | ciphertext, base64. */
export function seal(key: Uint8Array, text: string): string {
	const nonce = randomBytes(NONCE_BYTES);
	const cipher = createCipheriv('aes-256-gcm', key, nonce);
	const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
	return Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64');
}

/** The text, or undefined if the key is not the one it was sealed with or the box was changed. */
export function unseal(key: Uint8Array, sealed: string): string | undefined {
	const bytes = Buffer.from(sealed, 'base64');
	if (bytes.length < NONCE_BYTES + TAG_BYTES) return undefined;
	try {
		const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, NONCE_BYTES));
		decipher.setAuthTag(bytes.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
		return Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
	} catch {
		return undefined;
	}
}
