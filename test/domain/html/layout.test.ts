/** formatted_body → styled lines, one construct at a time, malformed HTML included. */
import {describe, expect, test} from 'vitest';
import {layoutFormatted} from '../../../src/domain/html/layout.js';
import {parseFormattedBody} from '../../../src/domain/html/parse.js';
import {lineWidth, plainText, type SpanStyle, type StyledLine} from '../../../src/domain/html/spans.js';

const lines = (html: string, width = 60): StyledLine[] => layoutFormatted(parseFormattedBody(html), width);
const texts = (html: string, width = 60): string[] => lines(html, width).map(plainText);
/** The style of the first span whose text includes `text`. */
const styleOf = (html: string, text: string, width = 60): SpanStyle | undefined =>
	lines(html, width)
		.flat()
		.find((span) => span.text.includes(text))?.style;

describe('text and inline styles', () => {
	test.each([
		['plain words', 'hello world', ['hello world']],
		['whitespace collapses', '  a \n\n  b\t c ', ['a b c']],
		['entities decode', '&lt;b&gt; &amp; &quot;q&quot; &#x41;', ['<b> & "q" A']],
		['br breaks the line', 'one<br>two<br/>three', ['one', 'two', 'three']],
		['paragraphs are lines', '<p>first</p><p>second</p>', ['first', 'second']],
		['unknown tags keep their text', '<marquee>moving</marquee> <x-y>on</x-y>', ['moving on']],
		['script and style lose their text', '<script>alert(1)</script><style>b{}</style>ok', ['ok']],
		['mx-reply is removed with its content', '<mx-reply><blockquote>old</blockquote></mx-reply>answer', ['answer']],
		['unclosed tags', '<b>bold <i>both', ['bold both']],
		['stray closing tags', '</p></b>text</i>', ['text']],
		['a broken tag', '<b class="x>oops', ['']],
		['an attribute never closed', 'a <a href="https://x.org>b</a> c', ['a']],
		['img as its alt text', 'look <img src="mxc://a/b" alt="a cat">', ['look [a cat]']],
		['img without alt', '<img src="mxc://a/b">', ['[image]']],
		['empty body', '', ['']],
		['only whitespace', '   \n ', ['']],
	])('%s', (_name, html, expected) => {
		expect(texts(html)).toEqual(expected);
	});

	test.each([
		['<b>x</b>', {bold: true}],
		['<strong>x</strong>', {bold: true}],
		['<i>x</i>', {italic: true}],
		['<em>x</em>', {italic: true}],
		['<u>x</u>', {underline: true}],
		['<del>x</del>', {strike: true}],
		['<s>x</s>', {strike: true}],
		['<code>x</code>', {code: true}],
		['<b><i><u>x</u></i></b>', {bold: true, italic: true, underline: true}],
		['<font color="#ff0000">x</font>', {color: 'redBright'}],
		['<span data-mx-color="#00cd00">x</span>', {color: 'green'}],
		['<font color="red">x</font>', {}],
		['<font color="#ff0000;background:url(x)">x</font>', {}],
		['<font color="#f00">x</font>', {}],
		['<span data-mx-bg-color="#0000ee">x</span>', {background: 'blue'}],
		['<span data-mx-color="#ffffff" data-mx-bg-color="#cd0000">x</span>', {color: 'whiteBright', background: 'red'}],
		['<span data-mx-bg-color="blue">x</span>', {}],
		['<font data-mx-bg-color="#0000ee;x">x</font>', {}],
	])('%s', (html, style) => {
		expect(styleOf(html, 'x')).toEqual(style);
	});
});

describe('deep nesting', () => {
	test('a code block of 200,000 rows is laid out (no spread of its rows into one call)', () => {
		expect(lines(`<pre>${'a\n'.repeat(200_000)}</pre>`, 20).length).toBe(200_000);
	});

	test('indents stop at half the pane: 40 quotes in lists leave the text half the width', () => {
		const html = '<blockquote><ul><li>'.repeat(40) + 'the words stay together';
		const drawn = texts(html, 60);
		expect(drawn.at(-1)).toMatch(/the words stay together$/);
		expect(drawn.every((line) => line.length <= 60)).toBe(true);
	});
});

describe('superscript and subscript', () => {
	test.each([
		['E = mc<sup>2</sup>', 'E = mc²'],
		['x<sup>(n+1)</sup>', 'x⁽ⁿ⁺¹⁾'],
		['H<sub>2</sub>O', 'H₂O'],
		['x<sup>k+a</sup>', 'x^(k+a)'],
		['a<sub>ij</sub>', 'a_(ij)'],
		['a<sup> </sup>b', 'ab'],
		['note<sup><b>12</b></sup>', 'note¹²'],
	])('%s', (html, expected) => {
		expect(texts(html)).toEqual([expected]);
	});

	test('the styles inside are kept', () => {
		expect(styleOf('x<sup><b>2</b></sup>', '²')).toEqual({bold: true});
	});
});

describe('links', () => {
	test('an http link: its text underlined with the target, which is shown when it differs', () => {
		expect(texts('see <a href="https://example.org/page">the page</a>')).toEqual(['see the page (https://example.org/page)']);
		expect(styleOf('<a href="https://example.org/page">page</a>', 'page')).toEqual({underline: true, link: 'https://example.org/page'});
	});

	test('a link whose text is its target is not repeated', () => {
		expect(texts('<a href="https://example.org">https://example.org</a>')).toEqual(['https://example.org']);
		expect(texts('<a href="mailto:a@b.org">a@b.org</a>')).toEqual(['a@b.org']);
	});

	test.each([
		['javascript:alert(1)'],
		['data:text/html,<script>x</script>'],
		['file:///etc/passwd'],
		['vbscript:x'],
		['  JaVaScRiPt:alert(1)'],
		['https://exa\u001b]8;;mple.org'],
		['not a url'],
		[''],
	])('%j is not a target: the text alone, unstyled', (href) => {
		const html = `<a href="${href.replace(/"/g, '&quot;')}">label</a>`;
		expect(texts(html)).toEqual(['label']);
		expect(styleOf(html, 'label')).toEqual({});
	});

	test('matrix.to links to users and rooms are mentions: the text, styled, no target', () => {
		expect(texts('hi <a href="https://matrix.to/#/@bob:example.org">Bob</a>!')).toEqual(['hi Bob!']);
		expect(styleOf('<a href="https://matrix.to/#/@bob:example.org">Bob</a>', 'Bob')).toEqual({mention: true, bold: true, color: 'cyan'});
		expect(styleOf('<a href="https://matrix.to/#/#room:example.org">#room</a>', '#room')?.mention).toBe(true);
	});
});

describe('blocks', () => {
	test('headings are bold, h1 and h2 underlined too', () => {
		expect(styleOf('<h1>Title</h1>', 'Title')).toEqual({bold: true, underline: true});
		expect(styleOf('<h3>Sub</h3>', 'Sub')).toEqual({bold: true});
	});

	test('blockquotes get a bar on every row', () => {
		expect(texts('<blockquote>one two three four</blockquote>', 12)).toEqual(['▎ one two', '▎ three four']);
		expect(texts('<blockquote><blockquote>deep</blockquote></blockquote>')).toEqual(['▎ ▎ deep']);
	});

	test('lists: bullets, numbers from start, nesting with a hanging indent', () => {
		expect(texts('<ul><li>one</li><li>two</li></ul>')).toEqual(['• one', '• two']);
		expect(texts('<ol start="9"><li>nine</li><li>ten</li></ol>')).toEqual(['9. nine', '10. ten']);
		expect(texts('<ul><li>a<ul><li>b</li></ul></li></ul>')).toEqual(['• a', '  ◦ b']);
		expect(texts('<ul><li>a long item that wraps</li></ul>', 14)).toEqual(['• a long item', '  that wraps']);
		expect(texts('<ol start="x"><li>a</li></ol>')).toEqual(['1. a']);
	});

	test('hr is a rule', () => {
		expect(texts('a<hr>b', 10)).toEqual(['a', '──────────', 'b']);
	});

	test('code blocks keep their spaces and lines, in a frame, and wrap hard at the pane', () => {
		expect(texts('<pre><code>  if (x)\n    y();\n</code></pre>')).toEqual(['▎   if (x)', '▎     y();']);
		expect(texts(`<pre><code>${'x'.repeat(25)}</code></pre>`, 12)).toEqual(['▎ xxxxxxxxxx', '▎ xxxxxxxxxx', '▎ xxxxx']);
	});

	test('a code block naming a known language is highlighted; an unknown one is plain', () => {
		const highlighted = lines('<pre><code class="language-js">const x = "s";</code></pre>').flat();
		expect(highlighted.find((span) => span.text === 'const')?.style).toEqual({code: true, color: 'magenta'});
		expect(highlighted.find((span) => span.text === '"s"')?.style).toEqual({code: true, color: 'green'});
		const plain = lines('<pre><code class="language-nonsense">const x</code></pre>').flat();
		expect(plain.map((span) => span.style)).toEqual([{dim: true}, {code: true}]);
	});

	test('tables are aligned columns with a rule under the header', () => {
		const html = '<table><thead><tr><th>Name</th><th>N</th></tr></thead><tbody><tr><td>a</td><td>1</td></tr><tr><td>longer</td><td>22</td></tr></tbody></table>';
		expect(texts(html)).toEqual(['Name   ┊ N', '───────┼───', 'a      ┊ 1', 'longer ┊ 22']);
		expect(styleOf(html, 'Name')).toEqual({bold: true});
	});

	test('a table wider than the pane: columns shrink and cells end in "…"', () => {
		const html = `<table><tr><td>${'a'.repeat(30)}</td><td>${'b'.repeat(30)}</td></tr></table>`;
		expect(texts(html, 20)).toEqual([`${'a'.repeat(7)}… ┊ ${'b'.repeat(8)}…`]);
	});

	test('a table with more columns than fit shows those that do and a "…" column', () => {
		const cells = Array.from({length: 30}, (_, index) => `<td>${index}</td>`).join('');
		const [row] = texts(`<table><tr>${cells}</tr></table>`, 20);
		expect(row).toBe('0 ┊ 1 ┊ 2 ┊ 3 ┊ …');
	});

	test('spoilers are marked, with their reason', () => {
		expect(texts('the end: <span data-mx-spoiler="plot">he dies</span>')).toEqual(['the end: (spoiler: plot) he dies']);
		expect(styleOf('<span data-mx-spoiler="">dies</span>', 'dies')).toEqual({spoiler: true});
	});
});

describe('safety and widths', () => {
	test('escape sequences and controls in text and attributes arrive as visible marks', () => {
		const html = '<b>a\u001b[2Jb\u0007c</b><img alt="\u001b]0;title\u0007x"><span data-mx-spoiler="\u001b[31m">s</span>&#27;[1m';
		const text = texts(html).join('\n');
		expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
		expect(text).toContain('a␛b␇c');
	});

	test('every line fits, however narrow the pane', () => {
		const html = '<blockquote><ul><li><pre>wide 日本語 code</pre></li></ul></blockquote><table><tr><td>日本語</td><td>x</td></tr></table>';
		for (const width of [1, 2, 3, 5, 8, 13, 40]) {
			for (const line of lines(html, width)) expect(lineWidth(line)).toBeLessThanOrEqual(width);
		}
	});

	test('nesting deeper than MAX_DEPTH keeps the text', () => {
		const html = `${'<blockquote>'.repeat(500)}deep${'</blockquote>'.repeat(500)}`;
		expect(texts(html, 40).join('')).toContain('deep');
	});
});
