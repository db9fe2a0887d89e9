/**
 * Parses one array of a JSON object as its text streams in, handing over its items a slice at a
 * time: `{"chunk": [ … 50,000 member events … ]}` never exists whole, as text or as objects. Each
 * slice is cut at an item boundary (found by a scan that tracks strings and nesting) and read by
 * the native JSON.parse, so it costs little more than one parse of the whole.
 */
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

	constructor(
		private readonly arrayKey: string,
		private readonly onItems: (items: unknown[]) => void,
	) {}

	write(chunk: string): void {
		this.text += chunk;
		this.scan();
		if (this.inArray && this.boundary > this.itemsStart) {
			this.emit(this.itemsStart, this.boundary);
			this.forget(this.boundary + 1);
		} else if (!this.inArray && this.stringStart < 0) {
			this.forget(this.scanned); // outside the array nothing is kept but the scan state
		}
	}

	/** The text has ended: throws if it was not a whole JSON object holding the array. */
	end(): void {
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
