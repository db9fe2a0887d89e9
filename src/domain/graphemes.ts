/** User-perceived characters (grapheme clusters): one segmenter for the whole app. */
const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

export function graphemes(text: string): Iterable<{index: number; segment: string}> {
	return segmenter.segment(text);
}
