import {describe, expect, it} from 'vitest';
import {DARK_THEME, ansiToSvg, assertSafeSvg, parseAnsi, xtermColor} from '../../scripts/screenshots/ansi-to-svg.ts';

const ESC = '\x1b';
const CELL = 10;
const LINE = 20;
const OPTIONS = {cellWidth: CELL, lineHeight: LINE, fontSize: 16, padding: 0} as const;

interface Span {
	x: number;
	y: number;
	text: string;
	fill: string | undefined;
	bold: boolean;
	italic: boolean;
}

/** Every drawn piece of text, with its position and attributes, in document order. */
function spans(svg: string): Span[] {
	const result: Span[] = [];
	for (const line of svg.matchAll(/<text y="([\d.]+)">(.*?)<\/text>/g)) {
		for (const span of line[2]!.matchAll(/<tspan x="([\d.]+)"([^>]*)>([^<]*)<\/tspan>/g)) {
			const attributes = span[2]!;
			result.push({
				x: Number(span[1]),
				y: Number(line[1]),
				text: span[3]!,
				fill: /fill="([^"]+)"/.exec(attributes)?.[1],
				bold: attributes.includes('font-weight="bold"'),
				italic: attributes.includes('font-style="italic"'),
			});
		}
	}
	return result;
}

function span(svg: string, text: string): Span {
	const found = spans(svg).find((candidate) => candidate.text === text);
	if (!found) throw new Error(`no tspan "${text}" in ${JSON.stringify(spans(svg).map((each) => each.text))}`);
	return found;
}

/** Background rects inside the padding group (the first rect is the whole picture's background). */
function backgrounds(svg: string): Array<{x: number; y: number; width: number; fill: string}> {
	const group = /<g shape-rendering="crispEdges">(.*?)<\/g>/.exec(svg)![1]!;
	return [...group.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="[\d.]+" fill="([^"]+)"\/>/g)].map((rect) => ({
		x: Number(rect[1]),
		y: Number(rect[2]),
		width: Number(rect[3]),
		fill: rect[4]!,
	}));
}

const [black, red, , , blue, , , , , brightRed] = DARK_THEME.palette;

describe('colours', () => {
	it('maps the 16 standard colours to the theme and leaves the default to the theme foreground', () => {
		const svg = ansiToSvg(`plain ${ESC}[31mred${ESC}[39m back ${ESC}[91mbright${ESC}[0m`, OPTIONS);
		expect(span(svg, 'plain').fill).toBe(DARK_THEME.foreground);
		expect(span(svg, 'red').fill).toBe(red);
		expect(span(svg, 'back').fill).toBe(DARK_THEME.foreground);
		expect(span(svg, 'bright').fill).toBe(brightRed);
	});

	it('reads the 256-colour palette: themed 0–15, the 6×6×6 cube, the grey ramp', () => {
		const svg = ansiToSvg(`${ESC}[38;5;4mA ${ESC}[38;5;196mB ${ESC}[38;5;110mC ${ESC}[38;5;244mD`, OPTIONS);
		expect(span(svg, 'A').fill).toBe(blue);
		expect(span(svg, 'B').fill).toBe('#ff0000');
		expect(span(svg, 'C').fill).toBe('#87afd7'); // 110 = 16 + 36·2 + 6·3 + 4
		expect(span(svg, 'D').fill).toBe('#808080'); // 8 + 12·10 = 128
		expect(xtermColor(16)).toBe('#000000');
		expect(xtermColor(231)).toBe('#ffffff');
		expect(xtermColor(232)).toBe('#080808');
		expect(xtermColor(255)).toBe('#eeeeee');
	});

	it('reads truecolor for foreground and background', () => {
		const svg = ansiToSvg(`${ESC}[38;2;1;2;255;48;2;250;128;0mT`, OPTIONS);
		expect(span(svg, 'T').fill).toBe('#0102ff');
		expect(backgrounds(svg)).toEqual([{x: 0, y: 0, width: CELL, fill: '#fa8000'}]);
	});

	it('draws backgrounds as one rect per run of same-coloured cells, spaces included', () => {
		const svg = ansiToSvg(`ab${ESC}[44m  x ${ESC}[41myy${ESC}[49m z\n${ESC}[44mq`, OPTIONS);
		expect(backgrounds(svg)).toEqual([
			{x: 2 * CELL, y: 0, width: 4 * CELL, fill: blue},
			{x: 6 * CELL, y: 0, width: 2 * CELL, fill: red},
			{x: 0, y: LINE, width: CELL, fill: blue},
		]);
	});

	it('keeps the SGR state across lines, as tmux prints it (only changes)', () => {
		const svg = ansiToSvg(`${ESC}[1;32mone\ntwo${ESC}[0m\nthree`, OPTIONS);
		expect(span(svg, 'two')).toMatchObject({fill: DARK_THEME.palette[2], bold: true, y: span(svg, 'one').y + LINE});
		expect(span(svg, 'three')).toMatchObject({fill: DARK_THEME.foreground, bold: false});
	});
});

describe('attributes', () => {
	it('honours bold and italic, each switched off on its own', () => {
		const svg = ansiToSvg(`${ESC}[1mB${ESC}[3mBI${ESC}[22mI${ESC}[23mN`, OPTIONS);
		expect(span(svg, 'B')).toMatchObject({bold: true, italic: false});
		// anser's own ansiToJson would make "B" italic too (one shared array): we read state per chunk.
		expect(span(svg, 'BI')).toMatchObject({bold: true, italic: true});
		expect(span(svg, 'I')).toMatchObject({bold: false, italic: true});
		expect(span(svg, 'N')).toMatchObject({bold: false, italic: false});
	});

	it('draws underline and strikethrough as lines under every cell of the run, spaces included', () => {
		const svg = ansiToSvg(`x${ESC}[4ma b${ESC}[24m ${ESC}[9;31mss`, OPTIONS);
		const lines = [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="1" fill="([^"]+)"\/>/g)];
		expect(lines.map((line) => [Number(line[1]), Number(line[3]), line[4]])).toEqual([
			[CELL, 3 * CELL, DARK_THEME.foreground],
			[5 * CELL, 2 * CELL, red],
		]);
		expect(Number(lines[1]![2])).toBeLessThan(Number(lines[0]![2])); // strike through, not under
	});

	it('dims by fading the foreground towards the background', () => {
		const svg = ansiToSvg(`${ESC}[2;37mdim${ESC}[22m full`, OPTIONS);
		const dim = span(svg, 'dim').fill!;
		expect(span(svg, 'full').fill).toBe(DARK_THEME.palette[7]);
		expect(dim).not.toBe(DARK_THEME.palette[7]);
		const brightness = (hex: string) => Number.parseInt(hex.slice(1, 3), 16);
		expect(brightness(dim)).toBeLessThan(brightness(DARK_THEME.palette[7]!));
		expect(brightness(dim)).toBeGreaterThan(brightness(DARK_THEME.background));
	});

	it('inverse swaps the default colours into the theme\'s, not white-on-black', () => {
		const svg = ansiToSvg(`${ESC}[7mSEL${ESC}[27m no`, OPTIONS);
		expect(span(svg, 'SEL').fill).toBe(DARK_THEME.background);
		expect(backgrounds(svg)).toEqual([{x: 0, y: 0, width: 3 * CELL, fill: DARK_THEME.foreground}]);
		expect(span(svg, 'no').fill).toBe(DARK_THEME.foreground);
	});

	it('inverse swaps explicit colours too', () => {
		const svg = ansiToSvg(`${ESC}[31;44;7mX`, OPTIONS);
		expect(span(svg, 'X').fill).toBe(blue);
		expect(backgrounds(svg)).toEqual([{x: 0, y: 0, width: CELL, fill: red}]);
	});

	it('does not draw hidden text', () => {
		const svg = ansiToSvg(`${ESC}[8msecret${ESC}[28m shown`, OPTIONS);
		expect(svg).not.toContain('secret');
		expect(span(svg, 'shown').x).toBe(7 * CELL);
	});
});

describe('the cell grid', () => {
	it('gives CJK and emoji two cells, so later columns line up with the terminal', () => {
		const svg = ansiToSvg('日本x\n🚀 y\nab z', OPTIONS);
		expect(span(svg, '日').x).toBe(0);
		expect(span(svg, '本').x).toBe(2 * CELL);
		expect(span(svg, 'x').x).toBe(4 * CELL);
		expect(span(svg, '🚀').x).toBe(0);
		// The column after a two-cell emoji is the same as after two ASCII letters.
		expect(span(svg, 'y').x).toBe(3 * CELL);
		expect(span(svg, 'z').x).toBe(3 * CELL);
	});

	it('keeps an emoji ZWJ sequence and a combining mark in one cell group', () => {
		const svg = ansiToSvg('👩‍👩‍👧x e\u0301y', OPTIONS);
		expect(span(svg, '👩‍👩‍👧').x).toBe(0);
		expect(span(svg, 'x').x).toBe(2 * CELL);
		expect(span(svg, 'e\u0301').x).toBe(4 * CELL);
		expect(span(svg, 'y').x).toBe(5 * CELL);
	});

	it('positions every word and every non-ASCII character itself, so no font can shift later columns', () => {
		const svg = ansiToSvg('ab cd…ef', OPTIONS);
		expect(spans(svg).map((each) => [each.text, each.x])).toEqual([
			['ab', 0],
			['cd', 3 * CELL],
			['…', 5 * CELL],
			['ef', 6 * CELL],
		]);
	});

	it('draws light box-drawing characters as lines that meet at cell edges, not as glyphs', () => {
		const svg = ansiToSvg(`${ESC}[31m╭─╮\n│ │`, OPTIONS);
		expect(spans(svg)).toEqual([]);
		const path = /<path stroke="([^"]+)" d="([^"]+)"\/>/.exec(svg)!;
		expect(path[1]).toBe(red);
		expect(path[2]).toContain(`M${CELL} ${LINE / 2}H${2 * CELL}`); // ─ spans its whole cell
		expect(path[2]).toContain(`M${CELL / 2} ${LINE}V${2 * LINE}`); // │ spans its whole line
		expect(path[2]).toMatch(/A5 5 0 0 [01]/); // rounded corners
	});

	it('sizes the picture from columns and rows, clipping what does not fit', () => {
		const svg = ansiToSvg('abcdef\n2\n3\n4', {...OPTIONS, columns: 4, rows: 2, padding: 5});
		expect(svg).toMatch(/<svg [^>]*width="50" height="50" viewBox="0 0 50 50"/);
		expect(span(svg, 'abcd').x).toBe(0);
		expect(svg).not.toContain('ef');
		expect(svg).not.toMatch(/>3</);
	});

	it('parses into cells with columns, widths and styles', () => {
		const screen = parseAnsi(`a${ESC}[1;38;5;200m界\nb\n`);
		expect(screen.rows).toBe(2);
		expect(screen.columns).toBe(3);
		expect(screen.lines[0]).toEqual([
			expect.objectContaining({column: 0, width: 1, text: 'a', style: expect.objectContaining({bold: false, fg: null})}),
			expect.objectContaining({column: 1, width: 2, text: '界', style: expect.objectContaining({bold: true, fg: 200})}),
		]);
		expect(screen.lines[1]).toEqual([expect.objectContaining({column: 0, text: 'b', style: expect.objectContaining({bold: true})})]);
	});
});

describe('escaping', () => {
	it('escapes XML in text and title', () => {
		const svg = ansiToSvg(`<b>&"it's"</b>`, {...OPTIONS, title: 'a < b & "c"'});
		expect(svg).toContain('&lt;b&gt;&amp;&quot;it&apos;s&quot;&lt;/b&gt;');
		expect(svg).toContain('<title>a &lt; b &amp; &quot;c&quot;</title>');
		expect(svg).not.toContain('<b>');
	});

	it('lets no control character or other escape sequence through', () => {
		const input = `${ESC}]0;evil title\x07${ESC}]8;;https://x.example${ESC}\\link${ESC}]8;;${ESC}\\ ${ESC}[2K${ESC}[1;1H${ESC}(0bell\x07nul\x00del\x7fc1\x9bz ${ESC}[4:3mcurly${ESC}[0m lone\ud800`;
		const svg = ansiToSvg(input, OPTIONS);
		expect(() => assertSafeSvg(svg)).not.toThrow();
		expect(svg).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/);
		expect(svg).not.toContain('evil title');
		expect(svg).not.toContain('4:3m');
		expect(svg).not.toContain('2K');
		const texts = spans(svg).map((each) => each.text);
		expect(texts).toContain('link');
		expect(texts).toContain('curly');
		// Stray controls become a visible U+FFFD, each in its own cell.
		expect(texts.join('')).toBe('linkbell\uFFFDnul\uFFFDdel\uFFFDc1\uFFFDzcurlylone\uFFFD');
	});

	it('assertSafeSvg rejects control characters and lone surrogates', () => {
		expect(() => assertSafeSvg('<svg>\x1b[31m</svg>')).toThrow(/U\+001b/);
		expect(() => assertSafeSvg('<svg>\x07</svg>')).toThrow(/control character/);
		expect(() => assertSafeSvg('<svg>\ud800</svg>')).toThrow(/surrogate/);
		expect(() => assertSafeSvg('<svg>\n\t</svg>')).not.toThrow();
	});
});

it('black stays the theme black', () => {
	expect(span(ansiToSvg(`${ESC}[30mk`, OPTIONS), 'k').fill).toBe(black);
});
