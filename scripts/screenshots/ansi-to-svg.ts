/**
 * A terminal screen as ANSI text (what `tmux capture-pane -p -e` prints) → an SVG picture of it.
 *
 * Pure: no I/O. SGR parsing is anser's; this module only lays the parsed text out on the terminal's
 * cell grid. Every cell sits at x = column × cellWidth, wide characters (CJK, emoji) take two
 * columns as the app measures them (domain/text-width.ts), and anything that is not plain printable
 * ASCII is placed on its own, so a fallback font with other advances can never push later columns
 * out of line.
 */
import Anser from 'anser';
import stringWidth from 'string-width';
// Node runs this script from source: modules it imports from src must import nothing themselves.
import {graphemesOf} from '../../src/domain/graphemes.ts';

/** A colour as the terminal knows it: null = the default colour, 0–255 = palette index, or '#rrggbb'. */
export type TerminalColor = null | number | `#${string}`;

export interface CellStyle {
	readonly fg: TerminalColor;
	readonly bg: TerminalColor;
	readonly bold: boolean;
	readonly dim: boolean;
	readonly italic: boolean;
	readonly underline: boolean;
	readonly strikethrough: boolean;
	readonly inverse: boolean;
	readonly hidden: boolean;
}

/** One grapheme on the grid: `column` is 0-based, `width` is 1 or 2 cells. */
export interface Cell {
	readonly column: number;
	readonly width: 1 | 2;
	readonly text: string;
	readonly style: CellStyle;
}

export interface Screen {
	readonly columns: number;
	readonly rows: number;
	/** rows × the cells written on each, in column order; unwritten columns are blank. */
	readonly lines: readonly (readonly Cell[])[];
}

export interface Theme {
	readonly foreground: string;
	readonly background: string;
	/** The 16 standard colours: black, red, green, yellow, blue, magenta, cyan, white, then bright. */
	readonly palette: readonly string[];
}

/** A dark theme: the VS Code Dark+ terminal palette. */
export const DARK_THEME: Theme = {
	foreground: '#cccccc',
	background: '#1e1e1e',
	palette: [
		'#000000', '#cd3131', '#0dbc79', '#e5e510', '#2472c8', '#bc3fbc', '#11a8cd', '#e5e5e5',
		'#666666', '#f14c4c', '#23d18b', '#f5f543', '#3b8eea', '#d670d6', '#29b8db', '#ffffff',
	],
};

const FONT_FAMILY =
	"'DejaVu Sans Mono', Menlo, 'SF Mono', 'Cascadia Mono', Consolas, 'Liberation Mono', 'Noto Sans Mono', monospace";

export interface SvgOptions {
	readonly theme?: Theme;
	readonly fontSize?: number;
	/** Horizontal advance of one cell; the default matches DejaVu Sans Mono / Menlo (0.602 em). */
	readonly cellWidth?: number;
	readonly lineHeight?: number;
	readonly padding?: number;
	readonly fontFamily?: string;
	/** <title> of the picture, for screen readers. */
	readonly title?: string;
}

export interface ParseOptions {
	/** Cells past this column are dropped; default: the widest line. */
	readonly columns?: number;
	/** Lines past this row are dropped; default: the number of lines. */
	readonly rows?: number;
}

const DEFAULT_STYLE: CellStyle = {
	fg: null,
	bg: null,
	bold: false,
	dim: false,
	italic: false,
	underline: false,
	strikethrough: false,
	inverse: false,
	hidden: false,
};

/**
 * Every escape sequence that is not a plain SGR (`ESC [ digits;… m`): other CSI sequences (cursor
 * moves, colon-form SGR that anser cannot read), OSC (titles, hyperlinks), DCS/PM/APC/SOS strings
 * and two-byte escapes. They are removed before anser sees the text, so none can leak into it.
 */
const ESCAPE_SEQUENCE =
	/\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]|\x1b\][\s\S]*?(?:\x07|\x1b\\|$)|\x1b[PX^_][\s\S]*?(?:\x1b\\|$)|\x1b[\x20-\x2f]*[\x30-\x7e]?/g;
const PLAIN_SGR = /^\x1b\[[\d;]*m$/;
/** C0 (but newline and tab), DEL and C1: never drawn, never written to the SVG. */
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/gu;
const REPLACEMENT = '\uFFFD';
const TAB_STOP = 8;

/** anser keeps the current SGR state on the instance; these are the fields we read. */
interface AnserState {
	fg: string | null;
	bg: string | null;
	fg_truecolor: string | null;
	bg_truecolor: string | null;
	decorations: string[];
}

const NAMED = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];

/** anser's class names (`use_classes`) → our colour: keeps palette indices, so the theme decides. */
function anserColor(name: string | null, truecolor: string | null): TerminalColor {
	if (name === null) return null;
	if (name === 'ansi-truecolor') {
		const parts = (truecolor ?? '').split(',').map((part) => Number(part.trim()));
		if (parts.length !== 3 || parts.some((part) => !Number.isInteger(part) || part < 0 || part > 255)) return null;
		return `#${parts.map((part) => part.toString(16).padStart(2, '0')).join('')}`;
	}
	const palette = /^ansi-palette-(\d+)$/.exec(name);
	if (palette) return Number(palette[1]);
	const bright = name.startsWith('ansi-bright-');
	const index = NAMED.indexOf(name.slice(bright ? 'ansi-bright-'.length : 'ansi-'.length));
	return index < 0 ? null : index + (bright ? 8 : 0);
}

function styleOf(state: AnserState): CellStyle {
	const decorations = new Set(state.decorations);
	return {
		fg: anserColor(state.fg, state.fg_truecolor),
		bg: anserColor(state.bg, state.bg_truecolor),
		bold: decorations.has('bold'),
		dim: decorations.has('dim'),
		italic: decorations.has('italic'),
		underline: decorations.has('underline'),
		strikethrough: decorations.has('strikethrough'),
		inverse: decorations.has('reverse'),
		hidden: decorations.has('hidden'),
	};
}

/**
 * Parse a captured screen into cells. The SGR state runs on across lines, as tmux prints it (it
 * only prints changes). Each chunk after `ESC [` goes through one anser instance, and the style is
 * read from that instance's state right away: anser's own `ansiToJson` shares one decorations
 * array between chunks (a later `ESC[3m` would make earlier text italic too) and, in JSON mode,
 * resolves inverse into white-on-black instead of the theme's colours.
 */
export function parseAnsi(input: string, options: ParseOptions = {}): Screen {
	const cleaned = input.replace(ESCAPE_SEQUENCE, (sequence) => (PLAIN_SGR.test(sequence) ? sequence : ''));
	const [first = '', ...rest] = cleaned.split('\x1b[');
	const anser = new Anser();
	const state = anser as unknown as AnserState;
	const pieces: Array<{text: string; style: CellStyle}> = [{text: first, style: DEFAULT_STYLE}];
	for (const chunk of rest) {
		const {content} = anser.processChunkJson(chunk, {json: true, use_classes: true}, true);
		if (!Array.isArray(state.decorations)) throw new Error('anser no longer keeps its SGR state on the instance');
		pieces.push({text: content, style: styleOf(state)});
	}

	const lines: Cell[][] = [[]];
	for (const {text, style} of pieces) {
		for (const segment of graphemesOf(text)) {
			if (segment === '\n' || segment === '\r\n') {
				lines.push([]);
				continue;
			}
			const line = lines[lines.length - 1]!;
			const column = line.length === 0 ? 0 : line[line.length - 1]!.column + line[line.length - 1]!.width;
			if (segment === '\r') continue; // tmux never prints one; a lone CR must not draw anything
			if (segment === '\t') {
				for (let next = column; next < (Math.floor(column / TAB_STOP) + 1) * TAB_STOP; next++) {
					line.push({column: next, width: 1, text: ' ', style});
				}
				continue;
			}
			const safe = segment.toWellFormed().replace(CONTROL, REPLACEMENT);
			const width = stringWidth(safe);
			if (width === 0) {
				// Zero-width on its own (U+200B, a combining mark at line start): belongs to the previous cell.
				const previous = line[line.length - 1];
				if (previous) line[line.length - 1] = {...previous, text: previous.text + safe};
				continue;
			}
			line.push({column, width: width >= 2 ? 2 : 1, text: safe, style});
		}
	}
	// capture-pane ends every line with a newline: the empty line after the last one is not a row.
	if (lines.length > 1 && lines[lines.length - 1]!.length === 0) lines.pop();

	const columns = options.columns ?? Math.max(0, ...lines.map((line) => lineWidth(line)));
	const rows = options.rows ?? lines.length;
	const clipped = lines.slice(0, rows).map((line) => line.filter((cell) => cell.column + cell.width <= columns));
	while (clipped.length < rows) clipped.push([]);
	return {columns, rows, lines: clipped};
}

function lineWidth(line: readonly Cell[]): number {
	const last = line[line.length - 1];
	return last ? last.column + last.width : 0;
}

/** The xterm 256-colour palette past the 16 themed colours: a 6×6×6 cube, then 24 greys. */
export function xtermColor(index: number): string {
	if (index >= 232) {
		const level = 8 + (index - 232) * 10;
		return rgbHex(level, level, level);
	}
	const cube = index - 16;
	const level = (value: number) => (value === 0 ? 0 : 55 + value * 40);
	return rgbHex(level(Math.floor(cube / 36)), level(Math.floor(cube / 6) % 6), level(cube % 6));
}

function rgbHex(red: number, green: number, blue: number): string {
	return `#${[red, green, blue].map((value) => Math.round(value).toString(16).padStart(2, '0')).join('')}`;
}

function colorHex(color: TerminalColor, theme: Theme): string | null {
	if (color === null) return null;
	if (typeof color === 'string') return color.toLowerCase();
	if (color < 16) return theme.palette[color] ?? null;
	return xtermColor(color);
}

/** `amount` of the way from colour `from` to colour `to`. */
function mix(from: string, to: string, amount: number): string {
	const channels = (hex: string) => [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16));
	const a = channels(from);
	const b = channels(to);
	return rgbHex(a[0]! + (b[0]! - a[0]!) * amount, a[1]! + (b[1]! - a[1]!) * amount, a[2]! + (b[2]! - a[2]!) * amount);
}

interface Painted {
	readonly fill: string;
	/** null: the terminal's default background, not drawn per cell. */
	readonly background: string | null;
}

/** The colours a cell is actually drawn in: inverse swaps (defaults included), dim fades to the background. */
function paint(style: CellStyle, theme: Theme = DARK_THEME): Painted {
	let fill = colorHex(style.fg, theme) ?? theme.foreground;
	let background = colorHex(style.bg, theme);
	if (style.inverse) [fill, background] = [background ?? theme.background, fill];
	if (style.dim) fill = mix(fill, background ?? theme.background, 0.45);
	return {fill, background};
}

const XML_ENTITIES: Readonly<Record<string, string>> = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;'};

function escapeXml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => XML_ENTITIES[char]!);
}

/** Numbers in attributes: at most two decimals, no trailing zeros, so output is stable and small. */
function num(value: number): string {
	return String(Math.round(value * 100) / 100);
}

/** Plain printable ASCII: drawn from the primary font, so runs of it can share one x. */
function isAscii(text: string): boolean {
	return /^[\x21-\x7e]$/.test(text);
}

/**
 * Light box-drawing characters, drawn as lines instead of glyphs (as many terminals do): a glyph's
 * height rarely equals the line height, which leaves gaps in every vertical border. Each arm runs
 * from the cell's centre to an edge, so neighbouring cells join seamlessly. `round`: an arc corner.
 */
const BOX: Readonly<Record<string, {up?: true; down?: true; left?: true; right?: true; round?: true}>> = {
	'─': {left: true, right: true},
	'│': {up: true, down: true},
	'┌': {down: true, right: true},
	'┐': {down: true, left: true},
	'└': {up: true, right: true},
	'┘': {up: true, left: true},
	'├': {up: true, down: true, right: true},
	'┤': {up: true, down: true, left: true},
	'┬': {down: true, left: true, right: true},
	'┴': {up: true, left: true, right: true},
	'┼': {up: true, down: true, left: true, right: true},
	'╭': {down: true, right: true, round: true},
	'╮': {down: true, left: true, round: true},
	'╰': {up: true, right: true, round: true},
	'╯': {up: true, left: true, round: true},
};

/** SVG path data for one box-drawing cell whose top-left corner is (left, top). */
function boxPath(arms: (typeof BOX)[string], left: number, top: number, cellWidth: number, lineHeight: number): string {
	const cx = left + cellWidth / 2;
	const cy = top + lineHeight / 2;
	const right = left + cellWidth;
	const bottom = top + lineHeight;
	if (arms.round) {
		// A quarter circle of radius half a cell joining the two arms.
		const r = cellWidth / 2;
		const [fromX, fromY] = arms.up ? [cx, top] : [cx, bottom];
		const cornerY = arms.up ? cy - r : cy + r;
		const [endX, endY] = [arms.left ? cx - r : cx + r, cy];
		const sweep = (arms.up && arms.right) || (arms.down && arms.left) ? 0 : 1;
		return `M${num(fromX)} ${num(fromY)}V${num(cornerY)}A${num(r)} ${num(r)} 0 0 ${sweep} ${num(endX)} ${num(endY)}H${num(arms.left ? left : right)}`;
	}
	let d = '';
	if (arms.left || arms.right) d += `M${num(arms.left ? left : cx)} ${num(cy)}H${num(arms.right ? right : cx)}`;
	if (arms.up || arms.down) d += `M${num(cx)} ${num(arms.up ? top : cy)}V${num(arms.down ? bottom : cy)}`;
	return d;
}

function screenToSvg(screen: Screen, options: SvgOptions = {}): string {
	const theme = options.theme ?? DARK_THEME;
	const fontSize = options.fontSize ?? 14;
	const cellWidth = options.cellWidth ?? Math.round(fontSize * (1233 / 2048) * 100) / 100;
	const lineHeight = options.lineHeight ?? Math.ceil(fontSize * 1.2);
	const padding = options.padding ?? 12;
	const fontFamily = options.fontFamily ?? FONT_FAMILY;
	// The baseline: glyphs of a 0.93 em ascent / 0.24 em descent font, centred in the line.
	const baseline = Math.round((lineHeight + fontSize * (0.928 - 0.236)) / 2 * 100) / 100;
	const width = padding * 2 + screen.columns * cellWidth;
	const height = padding * 2 + screen.rows * lineHeight;

	const backgrounds: string[] = [];
	const texts: string[] = [];
	const decorations: string[] = [];
	/** Box-drawing path data by stroke colour. */
	const boxes = new Map<string, string>();
	const x = (column: number) => num(column * cellWidth);

	screen.lines.forEach((line, row) => {
		const top = row * lineHeight;
		// Background: one rect per run of same-coloured adjacent cells.
		let run: {start: number; end: number; fill: string} | null = null;
		const flush = () => {
			if (run) backgrounds.push(`<rect x="${x(run.start)}" y="${num(top)}" width="${num((run.end - run.start) * cellWidth)}" height="${num(lineHeight)}" fill="${run.fill}"/>`);
			run = null;
		};
		for (const cell of line) {
			const {background} = paint(cell.style, theme);
			if (background === null) {
				flush();
			} else if (run !== null && run.end === cell.column && run.fill === background) {
				run.end = cell.column + cell.width;
			} else {
				flush();
				run = {start: cell.column, end: cell.column + cell.width, fill: background};
			}
		}
		flush();

		// Underline and strikethrough: lines under/through every cell, spaces included, as terminals do.
		for (const [flag, offset] of [['underline', baseline + 2], ['strikethrough', baseline - fontSize * 0.3]] as const) {
			let stroke: {start: number; end: number; fill: string} | null = null;
			const flushLine = () => {
				if (stroke) decorations.push(`<rect x="${x(stroke.start)}" y="${num(top + offset)}" width="${num((stroke.end - stroke.start) * cellWidth)}" height="1" fill="${stroke.fill}"/>`);
				stroke = null;
			};
			for (const cell of line) {
				if (!cell.style[flag] || cell.style.hidden) {
					flushLine();
					continue;
				}
				const {fill} = paint(cell.style, theme);
				if (stroke !== null && stroke.end === cell.column && stroke.fill === fill) stroke.end = cell.column + cell.width;
				else {
					flushLine();
					stroke = {start: cell.column, end: cell.column + cell.width, fill};
				}
			}
			flushLine();
		}

		// Text: words of ASCII share a tspan; every other grapheme gets its own x.
		const spans: string[] = [];
		let span: {column: number; text: string; attributes: string; end: number; ascii: boolean} | null = null;
		const flushSpan = () => {
			if (span) spans.push(`<tspan x="${x(span.column)}"${span.attributes}>${escapeXml(span.text)}</tspan>`);
			span = null;
		};
		for (const cell of line) {
			if (cell.style.hidden || cell.text.trim() === '') {
				flushSpan();
				continue;
			}
			const {fill} = paint(cell.style, theme);
			const arms = BOX[cell.text];
			if (arms) {
				flushSpan();
				boxes.set(fill, (boxes.get(fill) ?? '') + boxPath(arms, cell.column * cellWidth, top, cellWidth, lineHeight));
				continue;
			}
			const attributes =
				` fill="${fill}"` + (cell.style.bold ? ' font-weight="bold"' : '') + (cell.style.italic ? ' font-style="italic"' : '');
			const ascii = isAscii(cell.text);
			if (span !== null && ascii && span.ascii && span.end === cell.column && span.attributes === attributes) {
				span.text += cell.text;
				span.end = cell.column + cell.width;
			} else {
				flushSpan();
				span = {column: cell.column, text: cell.text, attributes, end: cell.column + cell.width, ascii};
			}
		}
		flushSpan();
		if (spans.length > 0) texts.push(`<text y="${num(top + baseline)}">${spans.join('')}</text>`);
	});

	const title = options.title === undefined ? '' : `<title>${escapeXml(options.title)}</title>`;
	const svg = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" role="img">`,
		title,
		`<rect width="${num(width)}" height="${num(height)}" rx="8" fill="${theme.background}"/>`,
		`<g transform="translate(${padding} ${padding})">`,
		`<g shape-rendering="crispEdges">${backgrounds.join('')}</g>`,
		`<g font-family="${escapeXml(fontFamily)}" font-size="${fontSize}" xml:space="preserve">`,
		texts.join('\n'),
		'</g>',
		`<g shape-rendering="crispEdges">${decorations.join('')}</g>`,
		`<g fill="none" stroke-width="1">${[...boxes].map(([stroke, d]) => `<path stroke="${stroke}" d="${d}"/>`).join('')}</g>`,
		'</g>',
		'</svg>',
		'',
	].join('\n');
	assertSafeSvg(svg);
	return svg;
}

/** The whole pipeline: captured ANSI text → SVG. */
export function ansiToSvg(input: string, options: SvgOptions & ParseOptions = {}): string {
	return screenToSvg(parseAnsi(input, options), options);
}

/**
 * Throws unless `svg` is free of everything a terminal would interpret and XML forbids: C0 controls
 * (but tab, newline, CR), DEL, C1 controls, lone surrogates.
 */
export function assertSafeSvg(svg: string): void {
	const bad = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/.exec(svg);
	if (bad) {
		throw new Error(`control character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} at offset ${bad.index} in SVG`);
	}
	if (!svg.isWellFormed()) throw new Error('lone surrogate in SVG');
}
