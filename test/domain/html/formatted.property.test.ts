/**
 * 10,000 generated formatted bodies, hostile ones among them (deep nesting, huge tables, unknown
 * tags, javascript: links, escape sequences and control bytes in text and attributes, 100k-char
 * code blocks): layout never throws, no control byte from the content reaches a line, and every
 * line fits the width it was laid out for.
 */
import fc from 'fast-check';
import {expect, test} from 'vitest';
import {layoutFormatted} from '../../../src/domain/html/layout.js';
import {parseFormattedBody} from '../../../src/domain/html/parse.js';
import {lineWidth} from '../../../src/domain/html/spans.js';
import {BIDI, CONTROLS, ESCAPE_SEQUENCES, WIDE, ZERO_WIDTH} from '../../security/arbitraries.js';

const TAGS = ['b', 'i', 'u', 'code', 'pre', 'p', 'div', 'blockquote', 'ul', 'ol', 'li', 'table', 'tr', 'td', 'th', 'thead', 'h1', 'span', 'font', 'a', 'details', 'summary', 'mx-reply', 'script', 'marquee', 'x-unknown', 'img', 'br', 'hr', 'sup', 'sub'];
const ATTRIBUTES = [
	'href="javascript:alert(1)"', 'href="https://example.org/x"', 'href="https://matrix.to/#/@bob:example.org"', 'href="mailto:a@b.c"',
	'href="https://e.org/\u001b]8;;x\u0007"', 'data-mx-spoiler="why"', 'data-mx-color="#12ab34"', 'data-mx-bg-color="#00cd00"', 'color="#zzz"', 'class="language-js"',
	'class="language-python"', 'alt="\u001b[31mred"', 'start="-3"', 'start="99999999999999"', 'title="\u009b2J"',
];
const hostile = fc.constantFrom(...ESCAPE_SEQUENCES, ...CONTROLS, ...BIDI, ...ZERO_WIDTH, ...WIDE, '&#27;[2J', '&#x9b;', '&lt;', '&', '<', '>', '"', '\n', '\t', '  ');
const word = fc.oneof(fc.string({maxLength: 12}), hostile, fc.constantFrom('word', 'longer words here', '日本語', '👨‍👩‍👧'));
const text = fc.array(word, {maxLength: 6}).map((parts) => parts.join(' '));

const body: fc.Arbitrary<string> = fc.letrec<{node: string}>((tie) => ({
	node: fc.oneof(
		{depthSize: 'small', withCrossShrink: true},
		text,
		fc.tuple(fc.constantFrom(...TAGS), fc.subarray(ATTRIBUTES, {maxLength: 2}), fc.array(tie('node'), {maxLength: 4}), fc.boolean()).map(
			([tag, attrs, children, close]) => `<${tag}${attrs.map((attr) => ` ${attr}`).join('')}>${children.join('')}${close ? `</${tag}>` : ''}`,
		),
	),
})).node;

// The giants, now and then: deep nesting, a huge table, a 100k-char code block.
const giant = fc.oneof(
	fc.integer({min: 50, max: 2000}).map((depth) => `${'<blockquote><ul><li>'.repeat(depth)}deep${'</li></ul></blockquote>'.repeat(depth)}`),
	fc.tuple(fc.integer({min: 1, max: 300}), fc.integer({min: 1, max: 60})).map(([rows, columns]) => `<table>${`<tr>${'<td>cell 日本</td>'.repeat(columns)}</tr>`.repeat(rows)}</table>`),
	fc.constantFrom('x', 'ab cd\n', '日本語\u001b[2J', '\t\u0007').map((unit) => `<pre><code class="language-js">${unit.repeat(Math.ceil(100_000 / unit.length))}</code></pre>`),
);

const formatted = fc.oneof({arbitrary: fc.array(body, {maxLength: 5}).map((parts) => parts.join('')), weight: 500}, {arbitrary: giant, weight: 1});

// C0, DEL, C1: none may come from the content (the OSC 8 we add is added by the UI, not here).
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const RUNS = Number(process.env.FORMATTED_RUNS ?? 10_000);
const SAFE_LINK = /^(https?|mailto):[\x21-\x7E]+$/;

test('10,000 generated formatted bodies: no throw, no control byte, every line within the width', () => {
	let lines = 0;
	fc.assert(
		fc.property(formatted, fc.integer({min: 1, max: 200}), (html, width) => {
			const laidOut = layoutFormatted(parseFormattedBody(html), width);
			// Plain checks, one expect on failure: expect() per span would cost more than the layout.
			if (laidOut.length === 0) expect.fail('no lines');
			for (const line of laidOut) {
				lines++;
				if (lineWidth(line) > width) expect.fail(`a line of ${lineWidth(line)} cells at width ${width}: ${JSON.stringify(line)}`);
				for (const span of line) {
					if (CONTROL.test(span.text)) expect.fail(`a control byte in ${JSON.stringify(span.text)}`);
					if (span.style.link !== undefined && !SAFE_LINK.test(span.style.link)) expect.fail(`an unsafe target ${JSON.stringify(span.style.link)}`);
				}
			}
		}),
		{numRuns: RUNS},
	);
	expect(lines).toBeGreaterThan(RUNS / 2);
}, 600_000);
