/**
 * Parses one array of a JSON object as its text streams in, handing over its items a slice at a
 * time: `{"chunk": [ … 50,000 member events … ]}` never exists whole, as text or as objects. Each
 * slice is cut at an item boundary (found by a scan that tracks strings and nesting) and read by
 * the native JSON.parse, so it costs little more than one parse of the whole.
 */
/** Past this much text without an item boundary, the exact scan takes over (no quadratic searching). */
const FAST_LIMIT = 1 << 20;

export class StreamedArray {
	private text = '';
	/** Where the scan resumes in `text`. */
	private scanned = 0;
	private depth = 0;
	private inString = false;
	private escaped = false;
	/** Start of the last string seen at the top level, and that string (a key, when ':' follows). */
	private stringStart = -1;
	private lastString = '';
	private key = '';
	/** Inside the wanted array: where its next unparsed item starts, and the last item boundary. */
	private inArray = false;
	private itemsStart = 0;
	private boundary = -1;
	private found = false;
	private done = false;
	/**
	 * Inside the array, items are cut where `},{` lets JSON.parse read everything before it: a
	 * native search instead of a scan of every character. Once that fails (pretty-printed or odd
	 * JSON, a cut inside a string) or an item grows past FAST_LIMIT, the exact scan takes over:
	 * `text` always starts at an item boundary then, so it can.
	 */
	private fast = false;

	constructor(
		private readonly arrayKey: string,
		private readonly onItems: (items: unknown[]) => void,
	) {}

	write(chunk: string): void {
		this.text += chunk;
		if (this.fast && this.fastCut()) return;
		this.scan();
		if (this.fast && this.fastCut()) return;
		this.afterScan();
	}

	/** Hands over the items scanned whole, and drops the text no longer needed. */
	private afterScan(): void {
		if (this.inArray && this.boundary > this.itemsStart) {
			this.emit(this.itemsStart, this.boundary);
			this.forget(this.boundary + 1);
		} else if (!this.inArray && this.stringStart < 0) {
			this.forget(this.scanned); // outside the array nothing is kept but the scan state
		}
	}

	/** The text has ended: throws if it was not a whole JSON object holding the array. */
	end(): void {
		if (this.fast) this.toExactScan();
		this.afterScan();
		if (this.inString || this.depth !== 0 || this.text.trim() !== '') throw new SyntaxError('the response ended in the middle of its JSON');
		if (!this.found) throw new SyntaxError(`the response has no "${this.arrayKey}" array`);
	}

	private scan(): void {
		const text = this.text;
		let index = this.scanned;
		while (index < text.length) {
			if (this.inString) {
				index = this.skipString(text, index);
				continue;
			}
			const code = text.charCodeAt(index);
			index++;
			switch (code) {
				case 0x22: // "
					this.inString = true;
					if (this.depth === 1) this.stringStart = index;
					break;
				case 0x3a: // :
					if (this.depth === 1) this.key = this.lastString;
					break;
				case 0x7b: // {
				case 0x5b: // [
					this.depth++;
					if (this.depth === 2 && code === 0x5b && !this.done && JSON.parse(`"${this.key}"`) === this.arrayKey) {
						this.inArray = true;
						this.found = true;
						this.itemsStart = index;
						this.boundary = -1;
						this.forget(index);
						this.scanned = 0;
						this.fast = true;
						return;
					}
					if (this.depth === 1) this.key = '';
					break;
				case 0x7d: // }
				case 0x5d: // ]
					this.depth--;
					if (this.depth < 0) throw new SyntaxError('unbalanced JSON');
					if (this.inArray && this.depth === 1) {
						this.emit(this.itemsStart, index - 1);
						this.inArray = false;
						this.done = true;
						this.scanned = index;
						this.forget(index);
						this.scan();
						return;
					}
					break;
				case 0x2c: // ,
					if (this.inArray && this.depth === 2) this.boundary = index - 1;
					break;
			}
		}
		this.scanned = text.length;
	}

	/**
	 * From inside a string: the index after its closing quote, or the text's end (the string goes
	 * on). Strings are most of the text, so a native search walks them.
	 */
	private skipString(text: string, from: number): number {
		let index = from;
		if (this.escaped) {
			this.escaped = false;
			index++;
		}
		for (;;) {
			const quote = text.indexOf('"', index);
			const stop = quote < 0 ? text.length : quote;
			// Backslashes right before the quote (or the end): an odd run escapes what follows it.
			let run = 0;
			while (stop - run - 1 >= index && text.charCodeAt(stop - run - 1) === 0x5c) run++;
			if (quote < 0) {
				this.escaped = run % 2 === 1;
				return text.length;
			}
			if (run % 2 === 0) {
				this.inString = false;
				if (this.stringStart >= 0) {
					this.lastString = text.slice(this.stringStart, quote);
					this.stringStart = -1;
				}
				return quote + 1;
			}
			index = quote + 1;
		}
	}

	/** Hands over the items before the last `},{` it can; false once the exact scan must take over. */
	private fastCut(): boolean {
		const text = this.text;
		const at = text.lastIndexOf('},{');
		if (at >= 0) {
			let items: unknown[] | undefined;
			try {
				items = JSON.parse(`[${text.slice(0, at + 1)}]`) as unknown[];
			} catch {
				items = undefined;
			}
			if (items) {
				this.text = text.slice(at + 2);
				if (items.length > 0) this.onItems(items);
				return true;
			}
		} else if (text.length <= FAST_LIMIT) return true;
		this.toExactScan();
		return false;
	}

	/** From an item boundary inside the array, on to the exact scan. */
	private toExactScan(): void {
		this.fast = false;
		this.depth = 2;
		this.inString = false;
		this.escaped = false;
		this.stringStart = -1;
		this.scanned = 0;
		this.itemsStart = 0;
		this.boundary = -1;
		this.scan();
	}

	private emit(start: number, end: number): void {
		const slice = this.text.slice(start, end);
		if (slice.trim() === '') return;
		const items = JSON.parse(`[${slice}]`) as unknown[];
		if (items.length > 0) this.onItems(items);
	}

	/** Drops the text before `offset`, moving every index kept into it. */
	private forget(offset: number): void {
		if (offset <= 0) return;
		this.text = this.text.slice(offset);
		this.scanned -= offset;
		this.itemsStart = Math.max(0, this.itemsStart - offset);
		this.boundary = this.boundary >= offset ? this.boundary - offset : -1;
		if (this.stringStart >= 0) this.stringStart -= offset;
	}
}
