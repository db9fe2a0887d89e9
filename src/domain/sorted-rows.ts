/**
 * A sorted sequence that is never changed in place: `with()` returns a new one. It is kept in
 * blocks of a few hundred items, so a change copies the block it touches and the list of blocks —
 * not the whole sequence. A 50,000-member list takes a handful of joins per sync at a cost that
 * hardly grows with the room, and every earlier version stays as it was for whoever still holds it
 * (React's memoized rows, the previous room snapshot).
 */

/** Items per block when a sequence is built; a block that grows to twice this is split. */
const BLOCK = 256;

export class SortedRows<T> implements Iterable<T> {
	/** Where each block starts: starts[i] is the index of blocks[i][0]. */
	private readonly starts: number[];
	readonly length: number;

	private constructor(
		private readonly blocks: ReadonlyArray<readonly T[]>,
		private readonly compare: (a: T, b: T) => number,
	) {
		this.starts = [];
		let length = 0;
		for (const block of blocks) {
			this.starts.push(length);
			length += block.length;
		}
		this.length = length;
	}

	/** From items already in `compare` order. */
	static of<T>(sorted: readonly T[], compare: (a: T, b: T) => number): SortedRows<T> {
		const blocks: T[][] = [];
		for (let start = 0; start < sorted.length; start += BLOCK) blocks.push(sorted.slice(start, start + BLOCK));
		return new SortedRows(blocks, compare);
	}

	at(index: number): T | undefined {
		if (index < 0 || index >= this.length) return undefined;
		const block = this.blockAt(index);
		return this.blocks[block]![index - this.starts[block]!];
	}

	slice(start: number, end: number = this.length): T[] {
		const out: T[] = [];
		for (let index = Math.max(0, start); index < Math.min(end, this.length); index++) out.push(this.at(index)!);
		return out;
	}

	*[Symbol.iterator](): Iterator<T> {
		for (const block of this.blocks) yield* block;
	}

	/** The blocks as they are: a view can cache per block, since a block never changes. */
	chunks(): ReadonlyArray<readonly T[]> {
		return this.blocks;
	}

	/**
	 * A new sequence without `removed` (each found by `compare`; missing ones are ignored) and with
	 * `added` in order. Only the touched blocks are copied.
	 */
	with(removed: readonly T[], added: readonly T[]): SortedRows<T> {
		if (removed.length === 0 && added.length === 0) return this;
		const blocks = [...this.blocks];
		const copied = new Set<readonly T[]>();
		const writable = (index: number): T[] => {
			let block = blocks[index]!;
			if (!copied.has(block)) {
				block = [...block];
				copied.add(block);
				blocks[index] = block;
			}
			return block as T[];
		};
		for (const item of removed) {
			const index = this.blockFor(blocks, item);
			if (index === undefined) continue;
			const block = blocks[index]!;
			const position = lowerBound(block, item, this.compare);
			if (position >= block.length || this.compare(block[position]!, item) !== 0) continue;
			writable(index).splice(position, 1);
			if (blocks[index]!.length === 0) blocks.splice(index, 1);
		}
		for (const item of added) {
			if (blocks.length === 0) {
				const block = [item];
				copied.add(block);
				blocks.push(block);
				continue;
			}
			const index = this.blockFor(blocks, item) ?? blocks.length - 1;
			const block = writable(index);
			block.splice(lowerBound(block, item, this.compare), 0, item);
			if (block.length >= 2 * BLOCK) {
				const tail = block.splice(BLOCK);
				copied.add(tail);
				blocks.splice(index + 1, 0, tail);
			}
		}
		return new SortedRows(blocks, this.compare);
	}

	/** The block an item belongs in: the first whose last item is not before it (undefined past the end). */
	private blockFor(blocks: ReadonlyArray<readonly T[]>, item: T): number | undefined {
		let low = 0;
		let high = blocks.length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (this.compare(blocks[middle]!.at(-1)!, item) < 0) low = middle + 1;
			else high = middle;
		}
		return low < blocks.length ? low : undefined;
	}

	private blockAt(index: number): number {
		return runAt(this.starts, index);
	}
}

/** In ascending run starts (the first is 0), the run that holds `index`: the last start not after it. */
export function runAt(starts: readonly number[], index: number): number {
	let low = 0;
	let high = starts.length - 1;
	while (low < high) {
		const middle = (low + high + 1) >>> 1;
		if (starts[middle]! <= index) low = middle;
		else high = middle - 1;
	}
	return low;
}

/** The first position in a sorted block whose item is not before `item`. */
function lowerBound<T>(block: readonly T[], item: T, compare: (a: T, b: T) => number): number {
	let low = 0;
	let high = block.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (compare(block[middle]!, item) < 0) low = middle + 1;
		else high = middle;
	}
	return low;
}
