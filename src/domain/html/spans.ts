/** Styled text: what a formatted message becomes, line by line. The UI only draws these. */
import {graphemes} from '../graphemes.js';
import {cellWidth, isPrintableAscii} from '../text-width.js';
import type {TerminalColor} from './colors.js';

export interface SpanStyle {
	bold?: boolean;
	italic?: boolean;
	underline?: boolean;
	strike?: boolean;
	dim?: boolean;
	/** Inline code or a code block's text. */
	code?: boolean;
	color?: TerminalColor;
	/** A safe target (links.ts): drawn as an OSC 8 hyperlink where the terminal supports them. */
	link?: string;
	mention?: boolean;
	/** Hidden until the reader reveals spoilers: drawn as blanks of the same width. */
	spoiler?: boolean;
}

export interface StyledSpan {
	text: string;
	style: SpanStyle;
}

export type StyledLine = StyledSpan[];

export function lineWidth(line: StyledLine): number {
	let width = 0;
	for (const span of line) width += cellWidth(span.text);
	return width;
}

export function plainText(line: StyledLine): string {
	return line.map((span) => span.text).join('');
}

/** `text` in pieces of at most `width` cells, cut between graphemes; a grapheme wider than `width` alone. */
export function cutToWidth(text: string, width: number): string[] {
	if (isPrintableAscii(text)) {
		const pieces: string[] = [];
		for (let index = 0; index < text.length; index += width) pieces.push(text.slice(index, index + width));
		return pieces.length > 0 ? pieces : [''];
	}
	const pieces: string[] = [];
	let piece = '';
	let used = 0;
	for (const {segment} of graphemes(text)) {
		const cells = cellWidth(segment);
		if (used + cells > width && piece !== '') {
			pieces.push(piece);
			piece = '';
			used = 0;
		}
		// A wide character in a one-cell pane cannot be shown: a placeholder keeps the line in width.
		if (cells > width) {
			pieces.push('?'.repeat(Math.max(0, width)));
			continue;
		}
		piece += segment;
		used += cells;
	}
	if (piece !== '' || pieces.length === 0) pieces.push(piece);
	return pieces;
}

/** The line cut to `width` cells, with "…" at the end when something was cut. */
export function truncateLine(line: StyledLine, width: number): StyledLine {
	if (lineWidth(line) <= width) return line;
	const out: StyledLine = [];
	let room = width - 1;
	for (const span of line) {
		if (room <= 0) break;
		const cells = cellWidth(span.text);
		if (cells <= room) {
			out.push(span);
			room -= cells;
			continue;
		}
		const first = cutToWidth(span.text, room)[0] ?? '';
		if (first !== '' && cellWidth(first) <= room) out.push({text: first, style: span.style});
		break;
	}
	if (width >= 1) out.push({text: '…', style: {dim: true}});
	return out;
}

/** Each row of the line hard-cut to `width` cells (code: every character kept, spaces too). */
export function hardWrap(line: StyledLine, width: number): StyledLine[] {
	const rows: StyledLine[] = [];
	let row: StyledLine = [];
	let used = 0;
	for (const span of line) {
		let rest = span.text;
		while (rest !== '') {
			const room = width - used;
			const cells = cellWidth(rest);
			if (cells <= room) {
				row.push({text: rest, style: span.style});
				used += cells;
				break;
			}
			const [head = ''] = room > 0 ? cutToWidth(rest, room) : [''];
			if (head !== '' && cellWidth(head) <= room) {
				row.push({text: head, style: span.style});
				rest = rest.slice(head.length);
			} else if (used === 0) {
				// Nothing fits even on an empty row (a wide character, width 1): shown as a placeholder.
				row.push({text: '?'.repeat(width), style: span.style});
				rest = rest.slice([...rest][0]!.length);
			}
			rows.push(row);
			row = [];
			used = 0;
		}
	}
	rows.push(row);
	return rows;
}
