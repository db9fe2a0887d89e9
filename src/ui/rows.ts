/** Text → screen rows of at most `width` cells, breaking at spaces when it can, inside words when it must. */
import wrapAnsi from 'wrap-ansi';
import {cellWidth, isPrintableAscii} from '../domain/text-width.js';

export function wrapRows(text: string, width: number): string[] {
	if (width <= 0) return [];
	const rows: string[] = [];
	for (const paragraph of text.split('\n')) {
		// Most lines fit: measured once, they are what wrap-ansi's word-by-word pass would give back.
		if (paragraph.length <= width && isPrintableAscii(paragraph)) {
			rows.push(paragraph);
			continue;
		}
		// Only text normalization leaves alone: a character it splits (U+1D15E) may measure wider after.
		if (paragraph.normalize() === paragraph && cellWidth(paragraph) <= width) {
			rows.push(paragraph);
			continue;
		}
		const wrapped = wrapAnsi(paragraph, width, {hard: true, trim: false, wordWrap: true}).split('\n');
		// A break at a space leaves that space opening the next row; indentation the sender typed stays.
		// One push per row: a spread of a huge message's rows would overflow the call's arguments.
		wrapped.forEach((row, index) => rows.push(index > 0 && row.startsWith(' ') ? row.slice(1) : row));
	}
	return rows;
}

/** The rows visible in a window of `height` rows scrolled `scroll` rows up from the bottom. */
export function bottomWindow<T>(rows: readonly T[], height: number, scroll: number): {visible: T[]; scroll: number; atTop: boolean} {
	const maxScroll = Math.max(0, rows.length - height);
	const clamped = Math.min(scroll, maxScroll);
	const end = rows.length - clamped;
	return {visible: rows.slice(Math.max(0, end - height), end), scroll: clamped, atTop: clamped >= maxScroll};
}

const SENDER_COLORS = ['cyan', 'green', 'yellow', 'blue', 'magenta', 'red', 'greenBright', 'cyanBright'] as const;

/** A stable colour per user, as Element does, so a speaker is recognisable down the timeline. */
export function colorFor(id: string): (typeof SENDER_COLORS)[number] {
	let hash = 0;
	for (let index = 0; index < id.length; index++) hash = (hash * 31 + id.charCodeAt(index)) | 0;
	return SENDER_COLORS[Math.abs(hash) % SENDER_COLORS.length]!;
}

/** Pads with spaces to `width` terminal cells (padEnd counts code units, which CJK and emoji break). */
export function padCells(text: string, width: number): string {
	return text + ' '.repeat(Math.max(0, width - cellWidth(text)));
}
