/** User-perceived characters (grapheme clusters): one segmenter for the whole app. */
const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

export function graphemes(text: string): Iterable<{index: number; segment: string}> {
	return segmenter.segment(text);
}

/** `text`'s grapheme clusters in order: what a terminal draws as one character each. */
export function* graphemesOf(text: string): Generator<string> {
	for (const {segment} of segmenter.segment(text)) yield segment;
}
