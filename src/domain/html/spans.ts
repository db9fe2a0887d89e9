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
	background?: TerminalColor;
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

/** The longest start of `text` within `width` cells, cut between graphemes. */
function headToWidth(text: string, width: number): string {
	if (isPrintableAscii(text)) return text.slice(0, Math.max(0, width));
	let used = 0;
	let end = 0;
	for (const {segment, index} of graphemes(text)) {
		used += cellWidth(segment);
		if (used > width) break;
		end = index + segment.length;
	}
	return text.slice(0, end);
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
		const first = headToWidth(span.text, room);
		if (first !== '') out.push({text: first, style: span.style});
		break;
	}
	if (width >= 1) out.push({text: '…', style: {dim: true}});
	return out;
}

/**
 * Each row of the line hard-cut to `width` cells (code: every character kept, spaces too). One pass
 * over each span's graphemes: a 100k-character line costs one walk, not one per row.
 */
export function hardWrap(line: StyledLine, width: number): StyledLine[] {
	const rows: StyledLine[] = [];
	let row: StyledLine = [];
	let used = 0;
	const endRow = () => {
		rows.push(row);
		row = [];
		used = 0;
	};
	for (const span of line) {
		const cells = cellWidth(span.text);
		if (used + cells <= width) {
			row.push(span);
			used += cells;
			continue;
		}
		let piece = '';
		const flush = () => {
			if (piece !== '') row.push({text: piece, style: span.style});
			piece = '';
		};
		const ascii = isPrintableAscii(span.text);
		const units = ascii ? asciiUnits(span.text) : graphemes(span.text);
		for (const {segment} of units) {
			const size = ascii ? 1 : cellWidth(segment);
			if (used + size > width) {
				flush();
				if (used > 0) endRow();
			}
			// A character wider than the whole row: a placeholder keeps the row in width.
			const shown = size > width ? '?'.repeat(width) : segment;
			piece += shown;
			used += size > width ? width : size;
		}
		flush();
	}
	rows.push(row);
	return rows;
}

function* asciiUnits(text: string): Generator<{segment: string}> {
	for (let index = 0; index < text.length; index++) yield {segment: text[index]!};
}
