/**
 * Inline styled text → rows of at most `width` cells: breaks at spaces, inside a word only when
 * the word alone is wider than the row. A word may run across several spans (`foo<b>bar</b>`).
 */
import {cellWidth} from '../text-width.js';
import {hardWrap, type StyledLine, type StyledSpan} from './spans.js';

/** A piece of inline content: text, or a hard line break (<br>, a newline in the source). */
export type Inline = StyledSpan | 'break';

interface Word {
	pieces: StyledSpan[];
	width: number;
}

export function wrapInline(inline: readonly Inline[], width: number): StyledLine[] {
	const rows: StyledLine[] = [];
	let row: StyledLine = [];
	let used = 0;
	let word: Word = {pieces: [], width: 0};
	let pendingSpace: StyledSpan | undefined;

	const endRow = () => {
		rows.push(row);
		row = [];
		used = 0;
		pendingSpace = undefined;
	};
	const flushWord = () => {
		if (word.pieces.length === 0) return;
		const space = pendingSpace && used > 0 ? 1 : 0;
		if (used + space + word.width > width && used > 0) endRow();
		if (pendingSpace && used > 0) {
			row.push(pendingSpace);
			used += 1;
		}
		pendingSpace = undefined;
		if (word.width <= width - used) {
			row.push(...word.pieces);
			used += word.width;
		} else {
			// Wider than a whole row: cut it, the last piece stays open for what follows.
			const pieces = hardWrap(word.pieces, width);
			for (const [index, piece] of pieces.entries()) {
				if (index > 0) endRow();
				row.push(...piece);
				used = piece.reduce((sum, span) => sum + cellWidth(span.text), 0);
			}
		}
		word = {pieces: [], width: 0};
	};

	for (const item of inline) {
		if (item === 'break') {
			flushWord();
			endRow();
			continue;
		}
		for (const part of item.text.split(/( +)/)) {
			if (part === '') continue;
			if (part.startsWith(' ')) {
				flushWord();
				if (used > 0) pendingSpace = {text: ' ', style: item.style};
				continue;
			}
			word.pieces.push({text: part, style: item.style});
			word.width += cellWidth(part);
		}
	}
	flushWord();
	if (row.length > 0 || rows.length === 0) rows.push(row);
	return rows;
}
