/**
 * The bench's terminal: @xterm/headless at Ink's size, read back as text. Full-frame and
 * incremental output alike end up as the cells a user would see, whichever render mode the app
 * picks; colours and styles are ignored by the readers.
 *
 * xterm parses what it is given later, in slices on its own timers: `write` takes a callback for
 * when that write is on screen, and the readers show the screen as parsed so far. Line feeds also
 * return the carriage (`convertEol`), as a tty's ONLCR output processing does.
 */
import xterm, {type IBufferCell, type IBufferLine, type Terminal} from '@xterm/headless';
import type {ScreenText} from './detect.ts';
import {useInkWidths} from './ink-widths.ts';

export class TerminalScreen implements ScreenText {
	readonly columns: number;
	readonly rows: number;
	private readonly terminal: Terminal;
	private readonly scratch: IBufferCell;

	constructor(columns: number, rows: number) {
		this.columns = columns;
		this.rows = rows;
		this.terminal = new xterm.Terminal({cols: columns, rows, scrollback: 0, convertEol: true, allowProposedApi: true});
		useInkWidths(this.terminal);
		this.scratch = this.terminal.buffer.active.getNullCell();
	}

	/** Queues `data`; `parsed` runs once it is on screen (before any later write is parsed). */
	write(data: string, parsed?: () => void): void {
		this.terminal.write(data, parsed);
	}

	/** Resolves once everything written so far is on screen. */
	settled(): Promise<void> {
		return new Promise((resolve) => this.terminal.write('', resolve));
	}

	/** The screen's rows, trailing blanks trimmed. */
	lines(): string[] {
		return Array.from({length: this.rows}, (_, row) => this.textIn(row, 0));
	}

	/** Columns [from, to) of one row as text, trailing blanks trimmed (a wide grapheme counts where it starts). */
	textIn(row: number, from: number, to = this.columns): string {
		return this.line(row)?.translateToString(false, Math.max(0, from), to).trimEnd() ?? '';
	}

	/** The grapheme in one cell ('' for the right half of a wide one, ' ' when blank). */
	cell(row: number, column: number): string {
		const cell = this.line(row)?.getCell(column, this.scratch);
		if (cell === undefined) return ' ';
		return cell.getWidth() === 0 ? '' : cell.getChars() || ' ';
	}

	private line(row: number): IBufferLine | undefined {
		if (row < 0 || row >= this.rows) return undefined;
		const buffer = this.terminal.buffer.active;
		return buffer.getLine(buffer.viewportY + row);
	}
}
