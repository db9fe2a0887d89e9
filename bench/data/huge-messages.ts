/**
 * Messages built to be costly to draw (issue 13), each about 70 kB, the most a Matrix event's body
 * leaves room for; `shownAs` is the plain text at their start, to see them drawn. A plain message
 * is the baseline. The html- ones are formatted bodies of the same size.
 */

export interface HugeMessage {
	name: string;
	body: string;
	/** An org.matrix.custom.html body (issue 15): drawn from this, `body` being its fallback. */
	formatted?: string;
	shownAs: string;
}

const SIZE = 70_000;

/** `unit` repeated to about SIZE bytes of UTF-8. */
function repeatToSize(unit: string): string {
	return unit.repeat(Math.floor(SIZE / Buffer.byteLength(unit)));
}

/** Every letter of `words` with 30 combining marks over it, over and over, to about SIZE bytes. */
function zalgoText(words: string): string {
	let text = '';
	let mark = 0;
	for (let index = 0; Buffer.byteLength(text) < SIZE; index++) {
		text += words[index % words.length];
		for (let count = 0; count < 30; count++) text += String.fromCharCode(0x0300 + (mark++ % 0x70));
	}
	return text;
}

/** `row(i)` for i = 0, 1, … while the whole stays within SIZE bytes. */
function rowsToSize(head: string, row: (index: number) => string, tail: string): string {
	let html = head;
	for (let index = 0; Buffer.byteLength(html + row(index) + tail) < SIZE; index++) html += row(index);
	return html + tail;
}

const CODE_LINE = (index: number) => `const value${index} = items.filter((item) => item.id % ${index + 2} === 0).map((item) => ({...item, seen: "yes"})); // line ${index}\n`;

/**
 * Formatted bodies (issue 15) as costly as a body can be: every row laid out, wrapped, highlighted.
 * Each is taller than the screen, so what shows it drawn is the line at its end.
 */
const FORMATTED: readonly HugeMessage[] = [
	{
		name: 'html-table',
		body: 'html-table: a table',
		formatted: rowsToSize('<p>html-table:</p><table><tr><th>id</th><th>name</th><th>state</th><th>owner</th><th>note</th></tr>', (index) => `<tr><td>${index}</td><td>item ${index}</td><td><b>open</b></td><td>@user${index}:example.org</td><td>a note that wraps in its column, row ${index}</td></tr>`, '</table><p>html-table-end</p>'),
		shownAs: 'html-table-end',
	},
	{
		name: 'html-code',
		body: 'html-code: a code block',
		formatted: rowsToSize('<p>html-code:</p><pre><code class="language-js">', CODE_LINE, '</code></pre><p>html-code-end</p>'),
		shownAs: 'html-code-end',
	},
	{
		name: 'html-nested',
		body: 'html-nested: nested quotes and lists',
		formatted: rowsToSize('<p>html-nested:</p>', (index) => `<blockquote><ul><li><i>level ${index}</i> `, '<p>html-nested-end</p>'),
		shownAs: 'html-nested-end',
	},
];

export const HUGE_MESSAGES: readonly HugeMessage[] = [
	{name: 'plain', body: 'plain: an ordinary message of one line', shownAs: 'plain:'},
	// One grapheme cluster: pictographs joined by U+200D (Unicode's GB11) never break.
	{name: 'zwj', body: `zwj: 🙂${repeatToSize('\u200d🙂')}`, shownAs: 'zwj:'},
	// One base letter under 35,000 combining marks: one cluster too.
	{name: 'zalgo', body: `zalgo: Z${repeatToSize('\u0336')}`, shownAs: 'zalgo:'},
	// Zalgo as generators make it: every letter with a stack of marks, ~1,100 cells of them.
	{name: 'zalgo-text', body: `zalgo-text: ${zalgoText('he comes ')}`, shownAs: 'zalgo-text:'},
	// Invisible characters (each its own zero-width cluster) between two letters.
	{name: 'zero-width', body: `zero-width: a${repeatToSize('\u200b')}b`, shownAs: 'zero-width:'},
	...FORMATTED,
];
