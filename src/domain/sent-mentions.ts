/**
 * The mentions a message carries, read back from it: each user link in its formatted body (a
 * matrix.to permalink, as linkMentions writes them) whose user its m.mentions names, with the link's
 * text. /edit gives them back to the composer, so the edited text links and mentions them again.
 */
import {asObject, type RawContent} from './events.js';
import type {Mention} from './mentions.js';
import {textOf} from './html/inline.js';
import {parseFormattedBody, type HtmlNode} from './html/parse.js';

const USER_PERMALINK = /^https:\/\/matrix\.to\/#\/((?:@|%40)[^/?#]+)$/i;

export function mentionsOfMessage(content: RawContent): Mention[] {
	const html = content.format === 'org.matrix.custom.html' ? content.formatted_body : undefined;
	if (typeof html !== 'string') return [];
	const named = asObject(content['m.mentions']).user_ids;
	const mentioned = new Set(Array.isArray(named) ? named.filter((id): id is string => typeof id === 'string') : []);
	const found: Mention[] = [];
	walkLinks(parseFormattedBody(html).nodes, (href, text) => {
		const userId = userOf(href);
		if (userId !== undefined && mentioned.has(userId) && text !== '' && !found.some((pick) => pick.text === text)) found.push({userId, text});
	});
	return found;
}

function walkLinks(nodes: readonly HtmlNode[], visit: (href: string, text: string) => void): void {
	for (const node of nodes) {
		if (node.kind !== 'element') continue;
		if (node.tag === 'a' && node.attrs.href !== undefined) visit(node.attrs.href, textOf(node.children).trim());
		else walkLinks(node.children, visit);
	}
}

function userOf(href: string): string | undefined {
	const encoded = USER_PERMALINK.exec(href)?.[1];
	if (encoded === undefined) return undefined;
	try {
		return decodeURIComponent(encoded);
	} catch {
		return undefined;
	}
}
