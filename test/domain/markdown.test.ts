import {describe, expect, it} from 'vitest';
import {HTML_FORMAT, messageText} from '../../src/domain/markdown.js';

describe('messageText', () => {
	it('sends plain text as it is, with no formatted body: words, punctuation, lines, characters HTML would escape', () => {
		for (const text of ['hello', 'a & b < c > d "e"', 'line one\nline two', '  spaced  ', 'no *emphasis here', '🙂 ünïcödé']) {
			expect(messageText(text)).toEqual({body: text});
		}
	});

	it('formats what markdown formats, and keeps the typed text as the body', () => {
		expect(messageText('**bold** and _it_')).toEqual({body: '**bold** and _it_', format: HTML_FORMAT, formatted_body: '<p><strong>bold</strong> and <em>it</em></p>'});
		expect(messageText('use `npm ci`').formatted_body).toBe('<p>use <code>npm ci</code></p>');
		expect(messageText('```ts\nlet a = 1;\n```').formatted_body).toBe('<pre><code class="language-ts">let a = 1;\n</code></pre>');
		expect(messageText('> quoted').formatted_body).toBe('<blockquote>\n<p>quoted</p>\n</blockquote>');
		expect(messageText('- one\n- two').formatted_body).toBe('<ul>\n<li>one</li>\n<li>two</li>\n</ul>');
		expect(messageText('[site](https://example.org)').formatted_body).toBe('<p><a href="https://example.org">site</a></p>');
		expect(messageText('**a**\nb').formatted_body).toBe('<p><strong>a</strong><br />\nb</p>');
	});

	it('never passes raw HTML, images or script links through', () => {
		expect(messageText('<b>x</b> **y**').formatted_body).toBe('<p>&lt;b&gt;x&lt;/b&gt; <strong>y</strong></p>');
		expect(messageText('<script>alert(1)</script>')).toEqual({body: '<script>alert(1)</script>'});
		expect(messageText('![pic](https://example.org/a.png)').formatted_body).not.toContain('<img');
		expect(messageText('[x](javascript:alert(1)) **y**').formatted_body).not.toContain('href="javascript');
		expect(messageText('[x](data:text/html,hi) **y**').formatted_body).not.toContain('href="data');
	});

	it('sends empty or blank text with no formatted body', () => {
		expect(messageText('')).toEqual({body: ''});
		expect(messageText('   ')).toEqual({body: '   '});
	});
});
