import {describe, expect, test} from 'vitest';
import {BitmapCache} from '../../src/matrix/bitmap-cache.js';

/** A bitmap of `bytes` bytes (width × 1, 4 bytes a pixel). */
const bitmap = (bytes: number) => ({width: bytes / 4, height: 1, data: new Uint8Array(bytes)});

describe('BitmapCache', () => {
	test('holds bitmaps up to its bytes, dropping the least recently used first', () => {
		const cache = new BitmapCache(100);
		const [a, b, c] = [bitmap(40), bitmap(40), bitmap(40)];
		cache.set('a', a);
		cache.set('b', b);
		expect(cache.get('a')).toBe(a);
		cache.set('c', c);
		expect(cache.get('b')).toBeUndefined();
		expect([cache.get('a'), cache.get('c')]).toEqual([a, c]);
		expect(cache.size).toEqual({entries: 2, bytes: 80});
	});

	test('a bitmap larger than the whole cache is not kept, and pushes nothing out', () => {
		const cache = new BitmapCache(100);
		cache.set('a', bitmap(40));
		cache.set('huge', bitmap(200));
		expect(cache.get('huge')).toBeUndefined();
		expect(cache.size).toEqual({entries: 1, bytes: 40});
	});

	test('setting a key again replaces its bytes in the count', () => {
		const cache = new BitmapCache(100);
		cache.set('a', bitmap(40));
		cache.set('a', bitmap(80));
		expect(cache.size).toEqual({entries: 1, bytes: 80});
	});
});
