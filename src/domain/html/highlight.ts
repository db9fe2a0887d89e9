/**
 * Code block syntax colours from lowlight (highlight.js grammars), only when the sender named a
 * language we know (`<code class="language-x">`). Guessing the language would cost a pass of every
 * grammar over every block.
 */
import {createRequire} from 'node:module';
import type {createLowlight} from 'lowlight';
import type {TerminalColor} from './colors.js';
import type {StyledSpan} from './spans.js';

type Lowlight = ReturnType<typeof createLowlight>;

let lowlight: Lowlight | undefined;

/**
 * lowlight with its common grammars, loaded at the first block that names a language: loading them
 * (~200 modules) is the dearest import the UI has, and a start need not wait for it.
 */
function loadedLowlight(): Lowlight {
	if (lowlight === undefined) {
		const {common, createLowlight: create} = createRequire(import.meta.url)('lowlight') as typeof import('lowlight');
		lowlight = create(common);
	}
	return lowlight;
}

/** Past this, a block is drawn plain: highlighting 100 KB of code on every new width is not worth it. */
const HIGHLIGHT_MAX_LENGTH = 20_000;

const COLORS: Readonly<Record<string, TerminalColor>> = {
	keyword: 'magenta', built_in: 'cyan', type: 'cyan', literal: 'cyan', number: 'yellow', string: 'green',
	regexp: 'green', symbol: 'yellow', title: 'blue', 'title.function': 'blue', 'title.class': 'blue',
	comment: 'gray', doctag: 'gray', meta: 'gray', attr: 'yellow', attribute: 'yellow', variable: 'red',
	params: 'white', tag: 'blue', name: 'blue', 'selector-tag': 'blue', 'selector-class': 'yellow', property: 'cyan',
	addition: 'green', deletion: 'red', section: 'blue', bullet: 'yellow', emphasis: 'white', strong: 'white',
};

interface HastNode {
	type: string;
	value?: string;
	properties?: {className?: unknown};
	children?: HastNode[];
}

function colorOf(node: HastNode, inherited: TerminalColor | undefined): TerminalColor | undefined {
	const classes = Array.isArray(node.properties?.className) ? (node.properties.className as unknown[]) : [];
	for (const name of classes) {
		if (typeof name !== 'string' || !name.startsWith('hljs-')) continue;
		const color = COLORS[name.slice(5)];
		if (color !== undefined) return color;
	}
	return inherited;
}

function collect(node: HastNode, color: TerminalColor | undefined, out: StyledSpan[]): void {
	if (node.type === 'text' && typeof node.value === 'string') {
		out.push({text: node.value, style: color === undefined ? {code: true} : {code: true, color}});
		return;
	}
	const own = node.type === 'element' ? colorOf(node, color) : color;
	for (const child of node.children ?? []) collect(child, own, out);
}

/** The code (already sanitized) as coloured spans, or one plain span. Newlines stay in the text. */
export function highlightCode(code: string, language: string | undefined): StyledSpan[] {
	if (language === undefined || code.length > HIGHLIGHT_MAX_LENGTH) return [{text: code, style: {code: true}}];
	const grammars = loadedLowlight();
	if (!grammars.registered(language)) return [{text: code, style: {code: true}}];
	try {
		const out: StyledSpan[] = [];
		collect(grammars.highlight(language, code), undefined, out);
		return out;
	} catch {
		return [{text: code, style: {code: true}}];
	}
}
