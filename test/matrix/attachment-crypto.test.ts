import {Readable} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import {randomBytes} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import type {EncryptedFile} from '../../src/domain/attachment.js';
import {AttachmentHashMismatch, attachmentDecryptor, attachmentEncryptor} from '../../src/matrix/attachment-crypto.js';

async function through(stream: NodeJS.ReadWriteStream, input: Buffer, chunk = 7): Promise<Buffer> {
	const parts: Buffer[] = [];
	const source = Readable.from((function* () {
		for (let at = 0; at < input.length; at += chunk) yield input.subarray(at, at + chunk);
	})());
	stream.on('data', (part: Buffer) => parts.push(part));
	await pipeline(source, stream);
	return Buffer.concat(parts);
}

// The vector of matrix-org/browser-encrypt-attachment's decrypt tests: "Hello, World" under an all-ones key.
const VECTOR: {ciphertext: string; file: EncryptedFile; plaintext: string} = {
	ciphertext: '5xJZTt5cQicm+9f4',
	plaintext: 'SGVsbG8sIFdvcmxk',
	file: {
		url: 'mxc://example.org/abc',
		iv: '//////////8AAAAAAAAAAA',
		key: {kty: 'oct', key_ops: ['encrypt', 'decrypt'], alg: 'A256CTR', k: '__________________________________________8', ext: true},
		hashes: {sha256: 'YzF08lARDdOCzJpzuSwsjTNlQc4pHxpdHcXiD/wpK6k'},
		v: 'v2',
	},
};

describe('attachment crypto', () => {
	it('decrypts the known test vector', async () => {
		const plain = await through(attachmentDecryptor(VECTOR.file), Buffer.from(VECTOR.ciphertext, 'base64'));
		expect(plain.toString('base64').replace(/=+$/, '')).toBe(VECTOR.plaintext);
		expect(plain.toString()).toBe('Hello, World');
	});

	it('refuses the vector with one byte changed, and a file whose hash is another', async () => {
		const changed = Buffer.from(VECTOR.ciphertext, 'base64');
		changed[0]! ^= 1;
		await expect(through(attachmentDecryptor(VECTOR.file), changed)).rejects.toBeInstanceOf(AttachmentHashMismatch);
		const otherHash = {...VECTOR.file, hashes: {sha256: '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU'}};
		await expect(through(attachmentDecryptor(otherHash), Buffer.from(VECTOR.ciphertext, 'base64'))).rejects.toThrow('does not match its hash');
	});

	it('round-trips any bytes in chunks, and the ciphertext is not the plaintext', async () => {
		for (const size of [0, 1, 15, 16, 17, 100_000]) {
			const input = randomBytes(size);
			const encryptor = attachmentEncryptor();
			const cipher = await through(encryptor, input, 4096);
			expect(cipher.length).toBe(size);
			if (size > 0) expect(cipher.equals(input)).toBe(false);
			const file = encryptor.file('mxc://example.org/x');
			expect(file).toMatchObject({v: 'v2', key: {alg: 'A256CTR', kty: 'oct', ext: true}});
			expect(Buffer.from(file.iv, 'base64').subarray(8)).toEqual(Buffer.alloc(8));
			expect(file.key.k).toMatch(/^[A-Za-z0-9_-]{43}$/);
			expect(await through(attachmentDecryptor(file), cipher, 1000)).toEqual(input);
		}
	});

	it('refuses a malformed key', () => {
		expect(() => attachmentDecryptor({...VECTOR.file, key: {...VECTOR.file.key, k: 'AAAA'}})).toThrow('malformed key');
	});
});
