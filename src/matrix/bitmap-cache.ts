/**
 * Decoded pictures kept for redraws: a resized pane or a scroll back must not fetch or decode an
 * image again. Least recently used first out, bounded by the bitmaps' bytes, not their count.
 */
import type {Bitmap} from '../domain/half-blocks.js';

export class BitmapCache {
	private readonly entries = new Map<string, Bitmap>();
	private bytes = 0;

	constructor(private readonly maxBytes: number) {}

	get(key: string): Bitmap | undefined {
		const bitmap = this.entries.get(key);
		if (bitmap) {
			// Map keeps insertion order: taken out and put back, it is the most recently used.
			this.entries.delete(key);
			this.entries.set(key, bitmap);
		}
		return bitmap;
	}

	set(key: string, bitmap: Bitmap): void {
		const old = this.entries.get(key);
		if (old) {
			this.entries.delete(key);
			this.bytes -= old.data.byteLength;
		}
		if (bitmap.data.byteLength > this.maxBytes) return;
		this.entries.set(key, bitmap);
		this.bytes += bitmap.data.byteLength;
		for (const [oldest, entry] of this.entries) {
			if (this.bytes <= this.maxBytes) break;
			this.entries.delete(oldest);
			this.bytes -= entry.data.byteLength;
		}
	}

	get size(): {entries: number; bytes: number} {
		return {entries: this.entries.size, bytes: this.bytes};
	}
}
