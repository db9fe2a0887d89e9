/**
 * A parsed formatted body (parse.ts) → styled lines of at most `width` cells. Paragraph text
 * wraps at spaces; code blocks wrap hard (every character kept, in a frame); tables are cut:
 * columns shrink to fit and cells end in "…". Quotes and lists indent; when the pane is too
 * narrow for the indent, or the indents already take half of it, it is dropped rather than
 * letting a line overflow or the text shrink to a column.
 */
import {cellWidth} from '../text-width.js';
import {highlightCode} from './highlight.js';
import type {FormattedBody, HtmlElement, HtmlNode} from './parse.js';
import {hardWrap, lineWidth, truncateLine, type SpanStyle, type StyledLine, type StyledSpan} from './spans.js';
import {wrapInline, type Inline} from './wrap.js';
import {inlineOf, styleFor, textOf} from './inline.js';
import {layoutTable} from './table.js';

const BLOCK_TAGS: ReadonlySet<string> = new Set([
	'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'pre', 'hr', 'table', 'details', 'summary', 'caption',
]);
/**
 * Below this many cells for the content, an indent (quote bar, list marker) is not drawn; nor once
 * the indents would take more than half the pane (quotes in lists in quotes, 30 deep, would leave
 * the text a column of its own).
 */
const MIN_INDENTED_WIDTH = 8;

/** What stays the same through the nesting: the fewest cells an indented block's content may get. */
interface Layout {
	minContent: number;
}
/** Rows of one table drawn at most; the rest is counted. */
const TABLE_MAX_ROWS = 200;

const FRAME: StyledSpan = {text: '▎ ', style: {dim: true}};

/** `lines.push(...more)` without the spread: a 100k-character code block is more rows than a call has room for arguments. */
function append(lines: StyledLine[], more: readonly StyledLine[]): void {
	for (const line of more) lines.push(line);
}

function indent(lines: StyledLine[], first: StyledSpan, rest: StyledSpan): StyledLine[] {
	return lines.map((line, index) => [index === 0 ? first : rest, ...line]);
}

function codeBlock(pre: HtmlElement, width: number, layout: Layout): StyledLine[] {
	const code = pre.children.find((child): child is HtmlElement => child.kind === 'element' && child.tag === 'code');
	const text = textOf(pre.children).replace(/\n$/, '');
	const spans = highlightCode(text, code?.attrs.language);
	// Split the spans into source lines, then cut each to the pane inside the frame.
	const sourceLines: StyledLine[] = [[]];
	for (const span of spans) {
		span.text.split('\n').forEach((part, index) => {
			if (index > 0) sourceLines.push([]);
			if (part !== '') sourceLines.at(-1)!.push({text: part, style: span.style});
		});
	}
	const framed = width - cellWidth(FRAME.text) >= layout.minContent;
	const inner = framed ? width - cellWidth(FRAME.text) : width;
	const rows = sourceLines.flatMap((line) => hardWrap(line, inner));
	return framed ? rows.map((row) => [FRAME, ...row]) : rows;
}

function listBlock(list: HtmlElement, width: number, style: SpanStyle, depth: number, layout: Layout): StyledLine[] {
	const lines: StyledLine[] = [];
	let number = list.attrs.start ?? 1;
	for (const child of list.children) {
		if (child.kind !== 'element' || child.tag !== 'li') {
			append(lines, blocks([child], width, style, layout, depth + 1));
			continue;
		}
		const marker = list.tag === 'ol' ? `${number++}. ` : depth % 2 === 0 ? '• ' : '◦ ';
		const markerWidth = cellWidth(marker);
		if (width - markerWidth < layout.minContent) {
			append(lines, blocks([{kind: 'text', text: marker}, ...child.children], width, style, layout, depth + 1));
			continue;
		}
		const body = blocks(child.children, width - markerWidth, style, layout, depth + 1);
		append(lines, indent(body.length > 0 ? body : [[]], {text: marker, style: {dim: true}}, {text: ' '.repeat(markerWidth), style: {}}));
	}
	return lines;
}

function blockElement(element: HtmlElement, width: number, style: SpanStyle, layout: Layout, depth: number): StyledLine[] {
	switch (element.tag) {
		case 'pre': return codeBlock(element, width, layout);
		case 'hr': return [[{text: '─'.repeat(Math.min(width, 40)), style: {dim: true}}]];
		case 'ul': case 'ol': return listBlock(element, width, style, depth, layout);
		case 'table': return layoutTable(element, width, style, TABLE_MAX_ROWS);
		case 'blockquote': {
			if (width - cellWidth(FRAME.text) < layout.minContent) return blocks(element.children, width, {...style, italic: true}, layout, depth + 1);
			const quoted = blocks(element.children, width - cellWidth(FRAME.text), style, layout, depth + 1);
			return quoted.map((line) => [FRAME, ...line]);
		}
		case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6':
			return blocks(element.children, width, {...style, bold: true, ...(element.tag === 'h1' || element.tag === 'h2' ? {underline: true} : {})}, layout, depth + 1);
		case 'summary': return blocks(element.children, width, {...style, bold: true}, layout, depth + 1);
		default: return blocks(element.children, width, style, layout, depth + 1);
	}
}

/** Block-level layout: runs of inline content become wrapped paragraphs between the blocks. */
function blocks(nodes: readonly HtmlNode[], width: number, style: SpanStyle, layout: Layout, depth = 0): StyledLine[] {
	const lines: StyledLine[] = [];
	let inline: HtmlNode[] = [];
	const flush = () => {
		const items = inlineOf(inline, style);
		inline = [];
		// Whitespace between blocks is not a paragraph.
		if (items.every((item) => item !== 'break' && item.text.trim() === '')) return;
		append(lines, wrapInline(trimEdges(items), width));
	};
	for (const node of nodes) {
		if (node.kind === 'element' && BLOCK_TAGS.has(node.tag)) {
			flush();
			append(lines, blockElement(node, width, styleFor(node, style), layout, depth));
		} else {
			inline.push(node);
		}
	}
	flush();
	return lines;
}

/** A paragraph's leading and trailing spaces are not drawn (the source's indentation of the HTML). */
function trimEdges(items: Inline[]): Inline[] {
	const out = [...items];
	const first = out[0];
	if (first !== undefined && first !== 'break') out[0] = {...first, text: first.text.replace(/^ +/, '')};
	const last = out.at(-1);
	if (last !== undefined && last !== 'break') out[out.length - 1] = {...last, text: last.text.replace(/ +$/, '')};
	return out;
}

/** The whole body at `width` (≥ 1) cells: at least one line, none wider than `width`. */
export function layoutFormatted(body: FormattedBody, width: number): StyledLine[] {
	const cells = Math.max(1, Math.floor(width));
	const layout = {minContent: Math.max(MIN_INDENTED_WIDTH, Math.floor(cells / 2))};
	const lines = blocks(body.nodes, cells, {}, layout).map((line) => line.filter((span) => span.text !== ''));
	// The guarantee, whatever the layout above did: a line too wide is cut, never drawn past the pane.
	const fitted = lines.map((line) => (lineWidth(line) > cells ? truncateLine(line, cells) : line));
	return fitted.length > 0 ? fitted : [[]];
}

