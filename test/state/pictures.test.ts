import {describe, expect, test} from 'vitest';
import {boundsKey, pictureEntry, wantsPicture, withPicture, type PictureEntry} from '../../src/state/pictures.js';

const picture = {cols: 1, rows: 1, cells: [0xff0000, 0x0000ff]};

describe('pictures in the state', () => {
	test('asked for when unknown, or drawn for other bounds; never again after none or a failure', () => {
		const ready: PictureEntry = {state: 'ready', bounds: boundsKey(48, 10), picture};
		expect(wantsPicture(undefined, '48x10', 0)).toBe(true);
		expect(wantsPicture(ready, '48x10', 0)).toBe(false);
		expect(wantsPicture(ready, '30x10', 0)).toBe(true);
		expect(wantsPicture({state: 'none'}, '30x10', 0)).toBe(false);
		expect(wantsPicture({state: 'failed', why: 'x'}, '30x10', 0)).toBe(false);
	});

	test('the matrix layer’s answers, and its errors in a few words', () => {
		expect(pictureEntry({ok: true, value: {kind: 'picture', picture}}, '48x10', 1000)).toEqual({state: 'ready', bounds: '48x10', picture});
		expect(pictureEntry({ok: true, value: {kind: 'none'}}, '48x10', 1000)).toEqual({state: 'none'});
		expect(pictureEntry({ok: true, value: {kind: 'failed', why: 'the image is damaged'}}, '48x10', 1000)).toEqual({state: 'failed', why: 'the image is damaged'});
		expect(pictureEntry({ok: false, error: {kind: 'not-found', message: 'gone'}}, '48x10', 1000)).toEqual({state: 'failed', why: 'the server has no such file'});
		expect(pictureEntry({ok: false, error: {kind: 'network', message: 'fetch failed'}}, '48x10', 1000)).toEqual({state: 'failed', why: 'no connection to the server', retryAfter: 31_000});
		// Asked again once the wait is over, not before; other failures never.
		const lost = {state: 'failed' as const, why: 'no connection to the server', retryAfter: 31_000};
		expect([wantsPicture(lost, '48x10', 30_999), wantsPicture(lost, '48x10', 31_000)]).toEqual([false, true]);
		expect(pictureEntry({ok: false, error: {kind: 'other', message: '\u001b[2J long server text'}}, '48x10', 1000)).toEqual({state: 'failed', why: 'the server could not send it'});
	});

	test('a long session keeps the newest 256 answers', () => {
		let pictures: ReadonlyMap<string, PictureEntry> = new Map();
		for (let index = 0; index < 300; index++) pictures = withPicture(pictures, `$e${index}`, {state: 'none'});
		expect(pictures.size).toBe(256);
		expect(pictures.has('$e43')).toBe(false);
		expect(pictures.has('$e44')).toBe(true);
		pictures = withPicture(pictures, '$e44', {state: 'failed', why: 'x'});
		pictures = withPicture(pictures, '$new', {state: 'none'});
		expect(pictures.has('$e44')).toBe(true);
		expect(pictures.has('$e45')).toBe(false);
	});
});
