const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

export function graphemes(text: string): Iterable<{index: number; segment: string}> {
	return segmenter.segment(text);
}
