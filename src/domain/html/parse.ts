/**
 * A message's formatted_body (HTML from anyone) → a small tree of only what the Matrix spec allows
 * (client-server spec, m.room.message msgtypes). Unknown tags keep their text and lose the tag;
 * attributes are kept only as the few values we draw, each checked here: text sanitized, link
 * targets through safeLinkTarget, colours reduced to a terminal colour name. Nothing raw survives.
 */
import {Parser} from 'htmlparser2';
import {sanitizeInline, sanitizeText} from '../sanitize.js';
import {nearestTerminalColor, type TerminalColor} from './colors.js';
import {safeLinkTarget} from './links.js';

export interface HtmlText {
	kind: 'text';
	/** Sanitized; newlines kept (they matter inside <pre>). */
	text: string;
}

export interface HtmlAttributes {
	href?: string;
	color?: TerminalColor;
	/** data-mx-bg-color, reduced like the colour. */
	background?: TerminalColor;
	/** data-mx-spoiler: '' or the sender's reason. */
	spoiler?: string;
	alt?: string;
	start?: number;
	/** From a `language-x` class on <code>. */
	language?: string;
}

export interface HtmlElement {
	kind: 'element';
	tag: string;
	attrs: HtmlAttributes;
	children: HtmlNode[];
}

export type HtmlNode = HtmlText | HtmlElement;

/** The parsed, allow-listed body: independent of the pane width, so it is parsed once per event. */
export interface FormattedBody {
	nodes: HtmlNode[];
}

const ALLOWED_TAGS: ReadonlySet<string> = new Set([
	'font', 'del', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'p', 'a', 'ul', 'ol', 'sup', 'sub', 'li',
	'b', 'i', 'u', 'strong', 'em', 's', 'strike', 'code', 'hr', 'br', 'div', 'table', 'thead', 'tbody', 'tr',
	'th', 'td', 'caption', 'pre', 'span', 'img', 'details', 'summary',
]);

// Dropped with everything inside: the reply fallback (drawn from the real event), and text that
// was never meant to be read.
const DROPPED_WITH_CONTENT: ReadonlySet<string> = new Set(['mx-reply', 'script', 'style', 'head', 'title']);

/** Deeper elements are flattened into their parent (text kept): layout recursion stays bounded. */
const MAX_DEPTH = 32;

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

function attributesOf(tag: string, raw: Record<string, string>): HtmlAttributes {
	const attrs: HtmlAttributes = {};
	if (tag === 'a' && raw.href !== undefined) {
		const href = safeLinkTarget(raw.href);
		if (href !== undefined) attrs.href = href;
	}
	if (tag === 'font' || tag === 'span') {
		const color = raw['data-mx-color'] ?? raw.color;
		if (color !== undefined && HEX_COLOR.test(color.trim())) attrs.color = nearestTerminalColor(color.trim());
		const background = raw['data-mx-bg-color'];
		if (background !== undefined && HEX_COLOR.test(background.trim())) attrs.background = nearestTerminalColor(background.trim());
	}
	if (tag === 'span' && raw['data-mx-spoiler'] !== undefined) attrs.spoiler = sanitizeInline(raw['data-mx-spoiler']);
	if (tag === 'img') {
		const alt = sanitizeInline(raw.alt ?? raw.title ?? '').trim();
		if (alt !== '') attrs.alt = alt;
	}
	if (tag === 'ol' && raw.start !== undefined) {
		const start = Number.parseInt(raw.start, 10);
		if (Number.isSafeInteger(start) && Math.abs(start) < 1e9) attrs.start = start;
	}
	if (tag === 'code' && raw.class !== undefined) {
		const language = /(?:^|\s)language-([A-Za-z0-9_+#-]{1,32})(?:\s|$)/.exec(raw.class)?.[1];
		if (language !== undefined) attrs.language = language.toLowerCase();
	}
	return attrs;
}

export function parseFormattedBody(html: string): FormattedBody {
	const root: HtmlElement = {kind: 'element', tag: '#root', attrs: {}, children: []};
	// One entry per open tag, allowed or not, so closing tags pop what they opened.
	const stack: Array<{tag: string; element: HtmlElement | undefined; parent: HtmlElement}> = [];
	let depth = 0;
	let dropping = 0;
	const current = (): HtmlElement => stack.at(-1)?.element ?? stack.at(-1)?.parent ?? root;

	const parser = new Parser(
		{
			onopentag(name, attribs) {
				const parent = current();
				if (dropping > 0 || DROPPED_WITH_CONTENT.has(name)) {
					dropping++;
					stack.push({tag: name, element: undefined, parent});
					return;
				}
				if (!ALLOWED_TAGS.has(name) || depth >= MAX_DEPTH) {
					stack.push({tag: name, element: undefined, parent});
					return;
				}
				const element: HtmlElement = {kind: 'element', tag: name, attrs: attributesOf(name, attribs), children: []};
				parent.children.push(element);
				depth++;
				stack.push({tag: name, element, parent});
			},
			ontext(raw) {
				if (dropping > 0) return;
				const text = sanitizeText(raw.replace(/\t/g, '    '), {multiline: true});
				if (text === '') return;
				const children = current().children;
				const last = children.at(-1);
				if (last?.kind === 'text') last.text += text;
				else children.push({kind: 'text', text});
			},
			onclosetag() {
				const entry = stack.pop();
				if (entry === undefined) return;
				if (dropping > 0) dropping--;
				else if (entry.element !== undefined) depth--;
			},
		},
		{decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true},
	);
	parser.write(typeof html === 'string' ? html : '');
	parser.end();
	return {nodes: root.children};
}
