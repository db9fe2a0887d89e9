/**
 * What a typed message sends: the text as typed in `body`, and, when its markdown formats
 * something, the HTML in `formatted_body` (as Element and iamb do). CommonMark, with no raw HTML:
 * a tag typed is sent as text, escaped. Images are off: in Matrix an image is an upload (mxc://),
 * never a link for every reader's client to fetch. markdown-it refuses javascript:, vbscript:,
 * file: and data: links itself.
 */
import {createRequire} from 'node:module';
import type MarkdownIt from 'markdown-it';
import {linkMentions, type Mention} from './mentions.js';

export const HTML_FORMAT = 'org.matrix.custom.html';

let loaded: InstanceType<typeof MarkdownIt> | undefined;

/** Loaded at the first message sent, not at every start. A single newline is a line break, as people mean it in a chat. */
function markdown(): InstanceType<typeof MarkdownIt> {
	if (loaded === undefined) {
		const Markdown = createRequire(import.meta.url)('markdown-it') as typeof MarkdownIt;
		loaded = new Markdown('commonmark', {html: false, breaks: true}).disable('image');
	}
	return loaded;
}

export interface MessageText {
	body: string;
	format?: typeof HTML_FORMAT;
	formatted_body?: string;
}

/**
 * `text` as a message's content: formatted only if its markdown changes how it reads. Each of
 * `mentions` still in the text becomes a matrix.to link to its user, which formats.
 */
export function messageText(text: string, mentions: readonly Mention[] = []): MessageText {
	const html = markdown().render(linkMentions(text, mentions)).replace(/\n$/, '');
	if (html === '' || html === asPlainParagraph(text)) return {body: text};
	return {body: text, format: HTML_FORMAT, formatted_body: html};
}

/** What markdown makes of text with nothing to format in it: one paragraph, the text escaped. */
function asPlainParagraph(text: string): string {
	return `<p>${markdown().utils.escapeHtml(text.trim()).replace(/\n/g, '<br />\n')}</p>`;
}
