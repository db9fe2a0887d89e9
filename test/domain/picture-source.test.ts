import {describe, expect, test} from 'vitest';
import {pictureSourceOf} from '../../src/domain/picture-source.js';

const file = (url: string) => ({url, v: 'v2', iv: 'AAAAAAAAAAAAAAAAAAAAAA', hashes: {sha256: 'abc'}, key: {kty: 'oct', alg: 'A256CTR', ext: true, key_ops: ['decrypt'], k: 'a2V5'}});

describe('pictureSourceOf', () => {
	test('a PNG or JPEG image in clear: the server’s thumbnail', () => {
		expect(pictureSourceOf('m.room.message', {msgtype: 'm.image', url: 'mxc://hs/a', info: {mimetype: 'image/png', size: 10}})).toEqual({kind: 'thumbnail', url: 'mxc://hs/a', size: 10});
		expect(pictureSourceOf('m.room.message', {msgtype: 'm.image', url: 'mxc://hs/a'})).toEqual({kind: 'thumbnail', url: 'mxc://hs/a'});
		expect(pictureSourceOf('m.sticker', {body: 'wave', url: 'mxc://hs/s', info: {mimetype: 'image/jpeg'}})).toEqual({kind: 'thumbnail', url: 'mxc://hs/s'});
	});

	test('not drawn: other image types, other media, a bad URL', () => {
		for (const mimetype of ['image/gif', 'image/webp', 'image/svg+xml', 7]) expect(pictureSourceOf('m.room.message', {msgtype: 'm.image', url: 'mxc://hs/a', info: {mimetype}})).toBeUndefined();
		expect(pictureSourceOf('m.room.message', {msgtype: 'm.file', url: 'mxc://hs/a', info: {mimetype: 'image/png'}})).toBeUndefined();
		expect(pictureSourceOf('m.room.message', {msgtype: 'm.image', url: 'https://evil.example/a.png'})).toBeUndefined();
	});

	test('encrypted: the thumbnail_file when there is one, else the file itself up to 8 MB', () => {
		const withThumbnail = {msgtype: 'm.image', file: file('mxc://hs/big'), info: {mimetype: 'image/png', size: 50_000_000, thumbnail_file: file('mxc://hs/t'), thumbnail_info: {mimetype: 'image/jpeg', size: 900}}};
		expect(pictureSourceOf('m.room.message', withThumbnail)).toMatchObject({kind: 'encrypted', file: {url: 'mxc://hs/t'}, size: 900});
		expect(pictureSourceOf('m.room.message', {...withThumbnail, info: {...withThumbnail.info, thumbnail_info: {mimetype: 'image/webp'}}})).toBeUndefined();
		expect(pictureSourceOf('m.room.message', {msgtype: 'm.image', file: file('mxc://hs/s'), info: {size: 8 * 1024 * 1024}})).toMatchObject({kind: 'encrypted', file: {url: 'mxc://hs/s'}});
		expect(pictureSourceOf('m.room.message', {msgtype: 'm.image', file: file('mxc://hs/s'), info: {size: 8 * 1024 * 1024 + 1}})).toBeUndefined();
	});
});
