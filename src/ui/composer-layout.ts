/**
 * The composer's text as screen rows: a line break starts a row, and a line wider than the row
 * continues on the next one (after a space, or inside a word that has none; measured in cells as drawn). The drawing, the
 * screen's layout (how many rows the composer takes) and ↑/↓ (which row is above) all read it.
 */
import {cellWidth} from '../domain/text-width.js';
import {graphemes} from '../domain/graphemes.js';
import {sanitizeText} from '../domain/sanitize.js';
import type {AppState} from '../state/app-state.js';

/** One drawn character: where it is in the text, what is drawn for it and how many cells that takes. */
export interface ComposerCell {
	index: number;
	end: number;
	shown: string;
	width: number;
}

/** Where a row starts in the text; its cells in order (a line break has none). */
export interface ComposerRow {
	start: number;
	cells: ComposerCell[];
}

/** The composer grows to this many rows, then scrolls. */
export const COMPOSER_MAX_ROWS = 5;

/** The cells a row has for text: the prompt's, and one for a cursor after the last character, are kept free. */
function composerRoom(width: number, promptWidth: number): number {
	return Math.max(1, width - promptWidth - 1);
}

let cached: {text: string; room: number; show: (text: string) => string; rows: ComposerRow[]} | undefined;

/** `text` in rows of at most `room` cells; `show` is what is drawn for a grapheme (sanitized, or masked). */
function composerRows(text: string, room: number, show: (text: string) => string): ComposerRow[] {
	// Every store change asks (for the screen's layout): the last answer holds until the text changes.
	if (cached && cached.text === text && cached.room === room && cached.show === show) return cached.rows;
	const rows: ComposerRow[] = [{start: 0, cells: []}];
	let row = rows[0]!;
	let used = 0;
	for (const {index, segment} of graphemes(text)) {
		if (segment === '\n') {
			row = {start: index + 1, cells: []};
			rows.push(row);
			used = 0;
			continue;
		}
		const shown = show(segment);
		const width = cellWidth(shown);
		if (used + width > room && row.cells.length > 0) {
			// Break after the row's last space, as the timeline wraps; inside a word only when it has none.
			const space = row.cells.findLastIndex((cell) => cell.shown === ' ');
			const moved = space === -1 ? [] : row.cells.splice(space + 1);
			row = {start: moved[0]?.index ?? index, cells: moved};
			rows.push(row);
			used = moved.reduce((sum, cell) => sum + cell.width, 0);
		}
		row.cells.push({index, end: index + segment.length, shown, width});
		used += width;
	}
	cached = {text, room, show, rows};
	return rows;
}

/** The row the cursor is on: at a row's start it is on that row (after a wrap, not at the end of the row before). */
function cursorRowOf(rows: readonly ComposerRow[], cursor: number): number {
	let found = 0;
	rows.forEach((row, index) => {
		if (row.start <= cursor) found = index;
	});
	return found;
}

/** How many cells of its row lie before the cursor. */
function cursorColumn(row: ComposerRow, cursor: number): number {
	return row.cells.filter((cell) => cell.index < cursor).reduce((sum, cell) => sum + cell.width, 0);
}

/**
 * The cursor one row up (−1) or down (+1), as near its column as the characters there allow; undefined
 * on the first row going up or the last going down, where ↑/↓ keep their meaning (input history).
 */
export function cursorOnRow(rows: readonly ComposerRow[], cursor: number, delta: -1 | 1): number | undefined {
	const from = cursorRowOf(rows, cursor);
	const target = rows[from + delta];
	if (!target) return undefined;
	const column = cursorColumn(rows[from]!, cursor);
	let used = 0;
	for (const cell of target.cells) {
		// Onto the character the column falls in, or past it when more than half of it is to the left.
		if (used + cell.width / 2 >= column) return cell.index;
		used += cell.width;
	}
	// Past the row's last character: the end of the row, which is the next row's start after a wrap; stay before it.
	const next = rows[from + delta + 1];
	const last = target.cells.at(-1);
	return next && last && next.start === last.end ? last.index : (last?.end ?? target.start);
}

/** The first row to show of `rows` in `height` rows, the cursor's row in view, moving as little as it can from `top`. */
export function scrolledTop(top: number, cursorRow: number, height: number, rowCount: number): number {
	const kept = Math.min(Math.max(top, cursorRow - height + 1), cursorRow);
	return Math.max(0, Math.min(kept, rowCount - height));
}

/** What the composer draws for one grapheme: the text sanitized (a pasted escape sequence must not reach the terminal), or a bullet for a password. */
const showText = (grapheme: string): string => sanitizeText(grapheme);
const showMasked = (): string => '•';

/** The composer as the screen, the layout and the keys see it: its prompt and its rows at `width`. */
export function composerView(state: Pick<AppState, 'composer' | 'prompt' | 'editing'>, width: number): {prompt: string; rows: ComposerRow[]; cursorRow: number} {
	const asking = state.prompt;
	const prompt = asking ? (asking.secret ? 'password> ' : 'confirm> ') : state.editing ? 'edit> ' : '> ';
	const rows = composerRows(state.composer.text, composerRoom(width, prompt.length), asking?.secret ? showMasked : showText);
	return {prompt, rows, cursorRow: cursorRowOf(rows, state.composer.cursor)};
}

/** The screen rows the composer takes at `width`. */
export function composerHeight(state: Pick<AppState, 'composer' | 'prompt' | 'editing'>, width: number): number {
	return Math.min(COMPOSER_MAX_ROWS, composerView(state, width).rows.length);
}
