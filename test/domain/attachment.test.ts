import {describe, expect, test} from 'vitest';
import {attachmentContent, mediaSourceOf, msgtypeFor, parseMxc} from '../../src/domain/attachment.js';

const FILE = {
	url: 'mxc://example.org/abc',
	iv: 'AAAAAAAAAAAAAAAAAAAAAA',
	key: {kty: 'oct', key_ops: ['encrypt', 'decrypt'], alg: 'A256CTR', k: '__________________________________________8', ext: true},
	hashes: {sha256: '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU'},
	v: 'v2',
};

describe('parseMxc', () => {
	test.each([
		['mxc://example.org/abc_DEF-1', {server: 'example.org', mediaId: 'abc_DEF-1'}],
		['mxc://localhost:8448/x', {server: 'localhost:8448', mediaId: 'x'}],
		['mxc://[::1]:8448/x', {server: '[::1]:8448', mediaId: 'x'}],
		['mxc://example.org/../../etc', undefined],
		['mxc://example.org/a/b', undefined],
		['mxc://exa mple.org/a', undefined],
		['https://example.org/a', undefined],
		['mxc://example.org/', undefined],
	])('%s', (url, parts) => expect(parseMxc(url)).toEqual(parts));
});

describe('mediaSourceOf', () => {
	test('a media message in clear: its url', () => {
		expect(mediaSourceOf('m.room.message', {msgtype: 'm.image', body: 'a.png', url: 'mxc://x/y'})).toEqual({encrypted: false, url: 'mxc://x/y'});
		expect(mediaSourceOf('m.sticker', {body: 's', url: 'mxc://x/y'})).toEqual({encrypted: false, url: 'mxc://x/y'});
	});

	test('an encrypted one: its file, rebuilt from the checked fields only', () => {
		expect(mediaSourceOf('m.room.message', {msgtype: 'm.file', body: 'a', file: {...FILE, extra: 'dropped'}})).toEqual({encrypted: true, file: FILE});
	});

	test.each([
		['text', {msgtype: 'm.text', body: 'hi', url: 'mxc://x/y'}],
		['no url', {msgtype: 'm.file', body: 'a'}],
		['url not mxc', {msgtype: 'm.file', body: 'a', url: 'https://evil/x'}],
		['url a number', {msgtype: 'm.file', body: 'a', url: 1}],
		['file without hash', {msgtype: 'm.file', file: {...FILE, hashes: {}}}],
		['file with another algorithm', {msgtype: 'm.file', file: {...FILE, key: {...FILE.key, alg: 'A128CBC'}}}],
		['file v1', {msgtype: 'm.file', file: {...FILE, v: 'v1'}}],
		['file iv not base64', {msgtype: 'm.file', file: {...FILE, iv: '!!'}}],
		['file null', {msgtype: 'm.file', file: null, url: 'mxc://x/y'}],
		['file a string', {msgtype: 'm.file', file: 'mxc://x/y'}],
	])('none for %s', (_name, content) => expect(mediaSourceOf('m.room.message', content)).toBeUndefined());
});

describe('the content we send', () => {
	test.each([
		['image/png', 'm.image'],
		['video/mp4', 'm.video'],
		['audio/ogg', 'm.audio'],
		['application/pdf', 'm.file'],
		['text/plain', 'm.file'],
	])('%s goes as %s', (mime, msgtype) => expect(msgtypeFor(mime)).toBe(msgtype));

	test('in clear: url and info with the dimensions', () => {
		expect(attachmentContent({name: 'cat.png', mimetype: 'image/png', size: 1234, width: 80, height: 60}, {encrypted: false, url: 'mxc://x/y'})).toEqual({
			msgtype: 'm.image',
			body: 'cat.png',
			filename: 'cat.png',
			info: {mimetype: 'image/png', size: 1234, w: 80, h: 60},
			url: 'mxc://x/y',
		});
	});

	test('encrypted: file and no url', () => {
		const content = attachmentContent({name: 'a.bin', mimetype: 'application/octet-stream', size: 3}, {encrypted: true, file: FILE as never});
		expect(content).toEqual({msgtype: 'm.file', body: 'a.bin', filename: 'a.bin', info: {mimetype: 'application/octet-stream', size: 3}, file: FILE});
		expect(content).not.toHaveProperty('url');
	});
});
