/** A seeded PRNG (mulberry32) and the few draws the generator needs: same seed, same bytes. */

export interface Random {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [0, n). */
	int(n: number): number;
	pick<T>(items: readonly T[]): T;
	/** `length` characters of URL-safe base64, as in Matrix event IDs. */
	token(length: number): string;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function createRandom(seed: number): Random {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (n: number) => Math.floor(next() * n);
	return {
		next,
		int,
		pick: (items) => items[int(items.length)]!,
		token(length) {
			let text = '';
			for (let index = 0; index < length; index++) text += ALPHABET[int(64)];
			return text;
		},
	};
}
