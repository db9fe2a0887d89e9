/**
 * <table> → aligned columns. A table does not wrap: every row is one line, columns shrink (widest
 * first) until the table fits the pane, and a cell cut short ends in "…". Columns that cannot fit
 * even at the minimum width are left off, marked with a "…" column.
 */
import {cellWidth} from '../text-width.js';
import type {HtmlElement, HtmlNode} from './parse.js';
import {lineWidth, truncateLine, type SpanStyle, type StyledLine} from './spans.js';
import {inlineOf} from './inline.js';

const SEPARATOR = ' ┊ ';
const MIN_COLUMN = 3;

interface Row {
	header: boolean;
	cells: StyledLine[];
}

function rowsOf(nodes: readonly HtmlNode[], style: SpanStyle, out: Row[], inHead: boolean): void {
	for (const node of nodes) {
		if (node.kind !== 'element') continue;
		if (node.tag === 'tr') {
			const cells: StyledLine[] = [];
			let header = inHead;
			for (const cell of node.children) {
				if (cell.kind !== 'element' || (cell.tag !== 'td' && cell.tag !== 'th')) continue;
				if (cell.tag === 'th') header = true;
				const cellStyle = cell.tag === 'th' ? {...style, bold: true} : style;
				const items = inlineOf(cell.children, cellStyle);
				const line = items.map((item) => (item === 'break' ? {text: ' ', style: cellStyle} : item));
				cells.push(trimCell(line));
			}
			out.push({header, cells});
		} else if (node.tag === 'thead' || node.tag === 'tbody' || node.tag === 'tfoot') {
			rowsOf(node.children, style, out, node.tag === 'thead');
		}
	}
}

function trimCell(line: StyledLine): StyledLine {
	const text = line.map((span) => span.text).join('');
	if (text.trim() === text) return line;
	const out = line.map((span) => ({...span}));
	if (out[0]) out[0].text = out[0].text.replace(/^ +/, '');
	if (out.at(-1)) out.at(-1)!.text = out.at(-1)!.text.replace(/ +$/, '');
	return out.filter((span) => span.text !== '');
}

/** Column widths that fit `width`, and how many columns are shown (a "…" column marks the rest). */
function fitColumns(natural: number[], width: number): {widths: number[]; shown: number} {
	const gap = cellWidth(SEPARATOR);
	const floor = natural.map((w) => Math.min(w, MIN_COLUMN));
	// Cells of `count` columns plus separators, plus the "…" column when some are left off.
	const total = (widths: number[], count: number) =>
		widths.slice(0, count).reduce((sum, w) => sum + w, 0) + gap * Math.max(0, count - 1) + (count < natural.length ? gap + 1 : 0);
	let shown = natural.length;
	while (shown > 0 && total(floor, shown) > width) shown--;
	const widths = natural.slice(0, shown);
	while (shown > 0 && total(widths, shown) > width) {
		let widest = 0;
		for (let index = 1; index < shown; index++) if (widths[index]! > widths[widest]!) widest = index;
		if (widths[widest]! <= floor[widest]!) break;
		widths[widest]!--;
	}
	return {widths, shown};
}

export function layoutTable(table: HtmlElement, width: number, style: SpanStyle, maxRows: number): StyledLine[] {
	const lines: StyledLine[] = [];
	const caption = table.children.find((child): child is HtmlElement => child.kind === 'element' && child.tag === 'caption');
	if (caption) {
		const items = inlineOf(caption.children, {...style, italic: true});
		lines.push(truncateLine(items.map((item) => (item === 'break' ? {text: ' ', style} : item)), width));
	}
	const rows: Row[] = [];
	rowsOf(table.children, style, rows, false);
	const drawn = rows.slice(0, maxRows);
	const columns = Math.max(0, ...drawn.map((row) => row.cells.length));
	if (columns === 0) return lines;
	const natural = Array.from({length: columns}, (_, column) => Math.max(1, ...drawn.map((row) => (row.cells[column] ? lineWidth(row.cells[column]) : 0))));
	const {widths, shown} = fitColumns(natural, width);
	const sep = {text: SEPARATOR, style: {dim: true}};
	for (const [index, row] of drawn.entries()) {
		const line: StyledLine = [];
		for (let column = 0; column < shown; column++) {
			if (column > 0) line.push(sep);
			const cell = truncateLine(row.cells[column] ?? [], widths[column]!);
			line.push(...cell);
			const pad = widths[column]! - lineWidth(cell);
			if (pad > 0 && (column < shown - 1 || shown < columns)) line.push({text: ' '.repeat(pad), style: {}});
		}
		if (shown < columns) line.push(...(shown > 0 ? [sep] : []), {text: '…', style: {dim: true}});
		lines.push(truncateLine(line, width));
		if (row.header && index === 0 && drawn.length > 1) {
			const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
			lines.push([{text: rule.length > 0 ? rule : '─', style: {dim: true}}]);
		}
	}
	if (rows.length > maxRows) lines.push(truncateLine([{text: `… ${rows.length - maxRows} more rows`, style: {dim: true}}], width));
	return lines;
}
