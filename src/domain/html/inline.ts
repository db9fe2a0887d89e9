/** Inline content (text, styles, links, images, spoilers) as spans; shared by paragraphs and table cells. */
import {isMatrixToMention} from './links.js';
import {scriptOf} from './scripts.js';
import type {HtmlElement, HtmlNode} from './parse.js';
import type {SpanStyle} from './spans.js';
import type {Inline} from './wrap.js';

export function styleFor(element: HtmlElement, style: SpanStyle): SpanStyle {
	switch (element.tag) {
		case 'b': case 'strong': return {...style, bold: true};
		case 'i': case 'em': return {...style, italic: true};
		case 'u': return {...style, underline: true};
		case 'del': case 's': case 'strike': return {...style, strike: true};
		case 'code': return {...style, code: true};
		case 'font': case 'span': {
			const {color, background, spoiler} = element.attrs;
			const next = {...style, ...(color === undefined ? {} : {color}), ...(background === undefined ? {} : {background})};
			return spoiler === undefined ? next : {...next, spoiler: true};
		}
		case 'a': {
			const {href} = element.attrs;
			if (href === undefined) return style;
			return isMatrixToMention(href) ? {...style, mention: true, bold: true, color: 'cyan'} : {...style, underline: true, link: href};
		}
		default: return style;
	}
}

export function textOf(nodes: readonly HtmlNode[]): string {
	let text = '';
	for (const node of nodes) text += node.kind === 'text' ? node.text : node.tag === 'br' ? '\n' : textOf(node.children);
	return text;
}

/** Inline content as spans; whitespace collapses as in HTML, <br> breaks the line. */
export function inlineOf(nodes: readonly HtmlNode[], style: SpanStyle, out: Inline[] = []): Inline[] {
	for (const node of nodes) {
		if (node.kind === 'text') {
			const text = node.text.replace(/[ \n\r\f]+/g, ' ');
			if (text !== '') out.push({text, style});
			continue;
		}
		if (node.tag === 'br') {
			out.push('break');
			continue;
		}
		if (node.tag === 'img') {
			out.push({text: node.attrs.alt === undefined ? '[image]' : `[${node.attrs.alt}]`, style: {...style, dim: true}});
			continue;
		}
		if (node.tag === 'sup' || node.tag === 'sub') {
			out.push(...scriptOf(inlineOf(node.children, style), node.tag));
			continue;
		}
		const inner = styleFor(node, style);
		if (node.tag === 'span' && node.attrs.spoiler) out.push({text: `(spoiler: ${node.attrs.spoiler}) `, style: {...style, dim: true}});
		const before = out.length;
		inlineOf(node.children, inner, out);
		const href = node.tag === 'a' ? node.attrs.href : undefined;
		if (href !== undefined && !isMatrixToMention(href)) {
			const label = out.slice(before).map((item) => (item === 'break' ? ' ' : item.text)).join('').trim();
			if (!sameAsLabel(label, href)) out.push({text: ` (${href})`, style: {...style, dim: true, link: href}});
		}
	}
	return out;
}

/** The target is not repeated when the label already says it (the URL parser may have added a "/"). */
function sameAsLabel(label: string, href: string): boolean {
	return label === href || label === href.replace(/\/$/, '') || label === href.replace(/^mailto:/, '');
}

