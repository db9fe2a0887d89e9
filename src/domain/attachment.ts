/**
 * Attachments as the spec shapes them: where a media event's bytes are (an mxc URL in clear, or an
 * EncryptedFile in an encrypted room), and the content of the event we send for a file. Every field
 * read here is the sender's word, checked before use: a bad URL or key is "no media", never a throw.
 */
import {asObject, type RawContent} from './events.js';

/** The spec's EncryptedFile (v2): AES-CTR-256 key as a JWK, the 16-byte IV, the ciphertext's SHA-256. */
export interface EncryptedFile {
	url: string;
	key: {kty: 'oct'; key_ops: string[]; alg: 'A256CTR'; k: string; ext: true};
	iv: string;
	hashes: {sha256: string};
	v: 'v2';
}

export type MediaSource = {encrypted: false; url: string} | {encrypted: true; file: EncryptedFile};

export type Msgtype = 'm.image' | 'm.video' | 'm.audio' | 'm.file';

const MEDIA_MSGTYPES: ReadonlySet<string> = new Set(['m.image', 'm.video', 'm.audio', 'm.file']);
const UNPADDED_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/** Where a media event's file is, or undefined (not media, or a source we cannot trust to fetch). */
export function mediaSourceOf(eventType: string, content: RawContent): MediaSource | undefined {
	if (eventType !== 'm.sticker' && !(eventType === 'm.room.message' && MEDIA_MSGTYPES.has(String(content['msgtype'])))) return undefined;
	if (content['file'] !== undefined) {
		const file = encryptedFileOf(content['file']);
		return file && {encrypted: true, file};
	}
	const url = content['url'];
	return typeof url === 'string' && parseMxc(url) ? {encrypted: false, url} : undefined;
}

function encryptedFileOf(value: unknown): EncryptedFile | undefined {
	const file = asObject(value);
	const key = asObject(file['key']);
	const hashes = asObject(file['hashes']);
	const [url, iv, k, sha256] = [file['url'], file['iv'], key['k'], hashes['sha256']];
	if (typeof url !== 'string' || !parseMxc(url)) return undefined;
	if (typeof iv !== 'string' || !UNPADDED_BASE64.test(iv)) return undefined;
	if (typeof k !== 'string' || !BASE64URL.test(k) || key['alg'] !== 'A256CTR' || key['kty'] !== 'oct') return undefined;
	// Without the hash the bytes could not be checked: such a file is not opened.
	if (typeof sha256 !== 'string' || !UNPADDED_BASE64.test(sha256)) return undefined;
	if (file['v'] !== 'v2') return undefined;
	return {url, iv, hashes: {sha256}, v: 'v2', key: {kty: 'oct', key_ops: ['encrypt', 'decrypt'], alg: 'A256CTR', k, ext: true}};
}

/** "mxc://server/id" as its two parts, each of the characters the spec allows; anything else undefined. */
export function parseMxc(url: string): {server: string; mediaId: string} | undefined {
	const match = /^mxc:\/\/([A-Za-z0-9.:[\]-]+)\/([A-Za-z0-9_-]+)$/.exec(url);
	return match ? {server: match[1]!, mediaId: match[2]!} : undefined;
}

/** The msgtype a file of this MIME type goes as. */
export function msgtypeFor(mimetype: string): Msgtype {
	if (mimetype.startsWith('image/')) return 'm.image';
	if (mimetype.startsWith('video/')) return 'm.video';
	if (mimetype.startsWith('audio/')) return 'm.audio';
	return 'm.file';
}

export interface AttachmentFacts {
	name: string;
	mimetype: string;
	size: number;
	width?: number;
	height?: number;
}

/** The m.room.message content of a file we send: `url` in clear, `file` in an encrypted room. */
export function attachmentContent(facts: AttachmentFacts, source: MediaSource): RawContent {
	const info: RawContent = {mimetype: facts.mimetype, size: facts.size};
	if (facts.width !== undefined && facts.height !== undefined) Object.assign(info, {w: facts.width, h: facts.height});
	const where = source.encrypted ? {file: source.file} : {url: source.url};
	return {msgtype: msgtypeFor(facts.mimetype), body: facts.name, filename: facts.name, info, ...where};
}
