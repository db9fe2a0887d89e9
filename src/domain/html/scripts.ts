/**
 * <sup> and <sub>: a terminal cell has no raised or lowered text, so "x<sup>2</sup>" becomes "x²"
 * where Unicode has every character of it as a superscript, and "x^(n+k)" where it does not
 * (as pandoc's plain writer does); subscripts alike with "_(…)".
 */
import type {Inline} from './wrap.js';

const SUPERSCRIPT: Readonly<Record<string, string>> = {
	0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹',
	'+': '⁺', '-': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', n: 'ⁿ', i: 'ⁱ',
};
const SUBSCRIPT: Readonly<Record<string, string>> = {
	0: '₀', 1: '₁', 2: '₂', 3: '₃', 4: '₄', 5: '₅', 6: '₆', 7: '₇', 8: '₈', 9: '₉',
	'+': '₊', '-': '₋', '=': '₌', '(': '₍', ')': '₎',
};

export function scriptOf(inner: readonly Inline[], tag: 'sup' | 'sub'): Inline[] {
	const table = tag === 'sup' ? SUPERSCRIPT : SUBSCRIPT;
	const spans = inner.filter((item) => item !== 'break');
	const text = spans.map((span) => span.text).join('');
	if (text.trim() === '') return [];
	if ([...text].every((char) => table[char] !== undefined)) {
		return spans.map((span) => ({text: [...span.text].map((char) => table[char]!).join(''), style: span.style}));
	}
	const mark = tag === 'sup' ? '^' : '_';
	const style = spans[0]!.style;
	return [{text: `${mark}(`, style}, ...spans, {text: ')', style}];
}
