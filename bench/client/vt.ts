/**
 * A small virtual terminal: applies what Ink writes (text, line feeds, CSI cursor moves and
 * erases, private modes, OSC strings) to a grid of cells and reads the screen back as text. Enough
 * for Ink's full-frame and incremental output alike, so the bench sees what a user would see
 * whichever render mode the app picks. Colours and styles are ignored.
 *
 * Cells hold one grapheme each; a wide grapheme (CJK, most emoji) takes two cells, the second ''.
 * Line feeds also return the carriage, as a tty's ONLCR output processing does.
 */
import stringWidth from 'string-width';

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
const PRINTABLE_ASCII = /^[\x20-\x7e]$/;

export class VirtualScreen {
	readonly columns: number;
	readonly rows: number;
	private grid: string[][];
	private x = 0;
	private y = 0;
	/** xterm's deferred wrap: a character in the last column wraps only when another follows. */
	private wrapPending = false;
	private saved = {x: 0, y: 0};
	/** An escape sequence cut in two by separate writes. */
	private carry = '';

	constructor(columns: number, rows: number) {
		this.columns = columns;
		this.rows = rows;
		this.grid = Array.from({length: rows}, () => this.blankRow());
	}

	write(data: string): void {
		const text = this.carry + data;
		this.carry = '';
		let index = 0;
		let runStart = -1;
		const flushRun = (end: number) => {
			if (runStart >= 0) this.print(text.slice(runStart, end));
			runStart = -1;
		};
		while (index < text.length) {
			const code = text.charCodeAt(index);
			if (code === 0x1b) {
				flushRun(index);
				const end = this.escape(text, index);
				if (end < 0) {
					this.carry = text.slice(index);
					return;
				}
				index = end;
				continue;
			}
			if (code < 0x20 || code === 0x7f) {
				flushRun(index);
				this.control(code);
				index++;
				continue;
			}
			if (runStart < 0) runStart = index;
			index++;
		}
		flushRun(text.length);
	}

	/** The screen's rows, trailing blanks trimmed. */
	lines(): string[] {
		return this.grid.map((row) => row.join('').trimEnd());
	}

	/** Columns [from, to) of one row as text, trailing blanks trimmed (a wide grapheme counts where it starts). */
	textIn(row: number, from: number, to = this.columns): string {
		const cells = this.grid[row];
		return cells ? cells.slice(Math.max(0, from), to).join('').trimEnd() : '';
	}

	/** The grapheme in one cell ('' for the right half of a wide one, ' ' when blank). */
	cell(row: number, column: number): string {
		return this.grid[row]?.[column] ?? ' ';
	}

	private blankRow(): string[] {
		return new Array<string>(this.columns).fill(' ');
	}

	private print(run: string): void {
		if (run.length === 1 && PRINTABLE_ASCII.test(run)) {
			this.put(run, 1);
			return;
		}
		let ascii = true;
		for (let index = 0; index < run.length; index++) {
			const code = run.charCodeAt(index);
			if (code > 0x7e) {
				ascii = false;
				break;
			}
		}
		if (ascii) {
			for (const character of run) this.put(character, 1);
			return;
		}
		for (const {segment} of segmenter.segment(run)) this.put(segment, stringWidth(segment));
	}

	private put(grapheme: string, width: number): void {
		if (width === 0) {
			// A combining mark on its own: it belongs to the cell before.
			const column = Math.max(0, this.x - 1);
			const row = this.grid[this.y]!;
			row[column] = (row[column] ?? '') + grapheme;
			return;
		}
		if (this.wrapPending || this.x + width > this.columns) {
			this.x = 0;
			this.lineFeed();
			this.wrapPending = false;
		}
		const row = this.grid[this.y]!;
		this.clearWide(row, this.x);
		if (width === 2) this.clearWide(row, this.x + 1);
		row[this.x] = grapheme;
		if (width === 2) row[this.x + 1] = '';
		this.x += width;
		if (this.x >= this.columns) {
			this.x = this.columns - 1;
			this.wrapPending = true;
		}
	}

	/** Overwriting half of a wide grapheme blanks its other half. */
	private clearWide(row: string[], column: number): void {
		if (row[column] === '' && column > 0) row[column - 1] = ' ';
		else if (row[column + 1] === '' && row[column] !== ' ') row[column + 1] = ' ';
	}

	private control(code: number): void {
		switch (code) {
			case 0x0a: // LF (with ONLCR: CR too)
			case 0x0b:
			case 0x0c:
				this.x = 0;
				this.lineFeed();
				break;
			case 0x0d:
				this.x = 0;
				break;
			case 0x08:
				this.x = Math.max(0, this.x - 1);
				break;
			case 0x09:
				this.x = Math.min(this.columns - 1, (Math.floor(this.x / 8) + 1) * 8);
				break;
			default:
				return; // BEL and the rest: nothing on screen
		}
		this.wrapPending = false;
	}

	private lineFeed(): void {
		if (this.y < this.rows - 1) this.y++;
		else this.scrollUp(1);
	}

	private scrollUp(count: number): void {
		for (let index = 0; index < count; index++) {
			this.grid.shift();
			this.grid.push(this.blankRow());
		}
	}

	private scrollDown(count: number): void {
		for (let index = 0; index < count; index++) {
			this.grid.pop();
			this.grid.unshift(this.blankRow());
		}
	}

	/** Handles the escape sequence at `start`; returns the index after it, or -1 if it is incomplete. */
	private escape(text: string, start: number): number {
		const kind = text[start + 1];
		if (kind === undefined) return -1;
		if (kind === '[') {
			const match = /^\x1b\[([0-?]*)([ -/]*)([@-~])/.exec(text.slice(start, start + 64));
			if (!match) return /^\x1b\[[0-?]*[ -/]*$/.test(text.slice(start, start + 64)) ? -1 : start + 2;
			this.csi(match[1]!, match[3]!);
			return start + match[0].length;
		}
		if (kind === ']' || kind === 'P' || kind === 'X' || kind === '^' || kind === '_') {
			// A string sequence: up to BEL (OSC only) or ST.
			for (let index = start + 2; index < text.length; index++) {
				if (text[index] === '\x07' && kind === ']') return index + 1;
				if (text[index] === '\x1b') return text[index + 1] === undefined ? -1 : text[index + 1] === '\\' ? index + 2 : index;
			}
			return -1;
		}
		if (kind === '7') this.saved = {x: this.x, y: this.y};
		else if (kind === '8') ({x: this.x, y: this.y} = this.saved);
		else if (kind === 'c') this.eraseDisplay(2);
		else if (kind === 'M') {
			if (this.y > 0) this.y--;
			else this.scrollDown(1);
		} else if (kind === '(' || kind === ')' || kind === '#') return text.length > start + 2 ? start + 3 : -1;
		return start + 2;
	}

	private csi(parameters: string, final: string): void {
		if (parameters.startsWith('?') || parameters.startsWith('>') || parameters.startsWith('<') || parameters.startsWith('=')) {
			// Private modes: the alternate screen starts blank; cursor visibility, sync output, paste: nothing to draw.
			if ((final === 'h' || final === 'l') && /(?:^|;)(?:1049|47|1047)(?:;|$)/.test(parameters.slice(1))) {
				this.eraseDisplay(2);
				if (final === 'h') this.x = this.y = 0;
			}
			return;
		}
		const values = parameters.split(';').map((value) => (value === '' ? undefined : Number.parseInt(value, 10)));
		const first = values[0];
		const count = Math.max(1, first ?? 1);
		this.wrapPending = false;
		switch (final) {
			case 'A':
				this.y = Math.max(0, this.y - count);
				break;
			case 'B':
				this.y = Math.min(this.rows - 1, this.y + count);
				break;
			case 'C':
				this.x = Math.min(this.columns - 1, this.x + count);
				break;
			case 'D':
				this.x = Math.max(0, this.x - count);
				break;
			case 'E':
				this.y = Math.min(this.rows - 1, this.y + count);
				this.x = 0;
				break;
			case 'F':
				this.y = Math.max(0, this.y - count);
				this.x = 0;
				break;
			case 'G':
			case '`':
				this.x = Math.min(this.columns - 1, count - 1);
				break;
			case 'd':
				this.y = Math.min(this.rows - 1, count - 1);
				break;
			case 'H':
			case 'f':
				this.y = Math.min(this.rows - 1, Math.max(1, first ?? 1) - 1);
				this.x = Math.min(this.columns - 1, Math.max(1, values[1] ?? 1) - 1);
				break;
			case 'J':
				this.eraseDisplay(first ?? 0);
				break;
			case 'K':
				this.eraseLine(first ?? 0);
				break;
			case 'X':
				this.fill(this.y, this.x, Math.min(this.columns, this.x + count));
				break;
			case 'P': {
				const row = this.grid[this.y]!;
				row.splice(this.x, count);
				while (row.length < this.columns) row.push(' ');
				break;
			}
			case '@': {
				const row = this.grid[this.y]!;
				row.splice(this.x, 0, ...new Array<string>(count).fill(' '));
				row.length = this.columns;
				break;
			}
			case 'L':
				this.grid.splice(this.y, 0, ...Array.from({length: count}, () => this.blankRow()));
				this.grid.length = this.rows;
				break;
			case 'M':
				this.grid.splice(this.y, count);
				while (this.grid.length < this.rows) this.grid.push(this.blankRow());
				break;
			case 'S':
				this.scrollUp(count);
				break;
			case 'T':
				this.scrollDown(count);
				break;
			case 's':
				this.saved = {x: this.x, y: this.y};
				break;
			case 'u':
				({x: this.x, y: this.y} = this.saved);
				break;
			default:
				break; // SGR ('m') and everything else: no effect on the text
		}
	}

	private fill(row: number, from: number, to: number): void {
		const cells = this.grid[row];
		if (!cells) return;
		for (let column = Math.max(0, from); column < Math.min(this.columns, to); column++) cells[column] = ' ';
	}

	private eraseLine(mode: number): void {
		if (mode === 0) this.fill(this.y, this.x, this.columns);
		else if (mode === 1) this.fill(this.y, 0, this.x + 1);
		else this.fill(this.y, 0, this.columns);
	}

	private eraseDisplay(mode: number): void {
		if (mode === 0) {
			this.eraseLine(0);
			for (let row = this.y + 1; row < this.rows; row++) this.fill(row, 0, this.columns);
		} else if (mode === 1) {
			for (let row = 0; row < this.y; row++) this.fill(row, 0, this.columns);
			this.eraseLine(1);
		} else {
			for (let row = 0; row < this.rows; row++) this.fill(row, 0, this.columns);
		}
	}
}
