/**
 * A formatted message (TimelineLine.formatted) as rows of styled spans: the sender's name, then
 * the body laid out by the domain (html/layout.ts) with a hanging indent under the name, or below
 * it at full width when the name leaves too little room.
 */
import type {TimelineLine} from '../domain/timeline-text.js';
import {layoutFormatted} from '../domain/html/layout.js';
import {lineWidth, type StyledLine} from '../domain/html/spans.js';
import {cellWidth, truncateToWidth} from '../domain/text-width.js';

/** Narrower than this beside the name, the body goes on the rows below it. */
const MIN_BODY_WIDTH = 20;

/**
 * Rows of spans, each within `width` cells. Row 0 starts after the sender's name (drawn by the
 * caller in the sender's colour) for messages and notices; an emote's row 0 starts with "* name ".
 */
export function formattedRows(line: TimelineLine & {formatted: NonNullable<TimelineLine['formatted']>}, width: number, suffix: string): {rows: StyledLine[]; named: boolean} {
	const emote = line.kind === 'emote';
	const head = emote ? `* ${line.sender} ` : `${line.sender}: `;
	const headWidth = cellWidth(head);
	// The caller draws the name in its colour, unless it does not fit the pane whole.
	const named = !emote && headWidth <= width;
	const beside = width - headWidth >= MIN_BODY_WIDTH;
	const body = layoutFormatted(line.formatted, beside ? width - headWidth : width);
	const lead = named ? [{text: ': ', style: {}}] : [{text: truncateToWidth(head, width), style: {}}];
	let rows: StyledLine[];
	if (beside) {
		const pad = {text: ' '.repeat(headWidth), style: {}};
		rows = body.map((row, index) => (index === 0 ? [...lead, ...row] : [pad, ...row]));
	} else {
		rows = [lead, ...body];
	}
	if (suffix !== '') {
		const last = rows.at(-1)!;
		const mark = {text: suffix, style: {dim: true}};
		const nameWidth = named && rows.length === 1 ? cellWidth(line.sender) : 0;
		if (nameWidth + lineWidth(last) + cellWidth(suffix) <= width) rows[rows.length - 1] = [...last, mark];
		else rows.push([{...mark, text: truncateToWidth(suffix.trimStart(), width)}]);
	}
	return {rows, named};
}
