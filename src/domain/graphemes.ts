/** User-perceived characters (grapheme clusters): one segmenter for the whole app. */
const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/**
 * Segmenting costs more than linear time in the length of the string (a 64 KiB paste: ~1 s, where
 * 2 KiB pieces take 70 ms in all), so long text is segmented in pieces, each cut where a cluster
 * boundary is certain: between two printable ASCII characters (UAX #29 joins neither to anything),
 * or after a line feed.
 */
const PIECE = 2048;

const isPrintableAscii = (code: number) => code >= 0x20 && code <= 0x7e;

function pieceEnd(text: string, from: number): number {
	for (let end = from; end < text.length; end++) {
		if (text.charCodeAt(end - 1) === 0x0a || (isPrintableAscii(text.charCodeAt(end - 1)) && isPrintableAscii(text.charCodeAt(end)))) return end;
	}
	return text.length;
}

export function* graphemes(text: string): Generator<{index: number; segment: string}> {
	if (text.length <= 2 * PIECE) {
		yield* segmenter.segment(text);
		return;
	}
	for (let start = 0; start < text.length; ) {
		const end = pieceEnd(text, Math.min(text.length, start + PIECE));
		for (const {index, segment} of segmenter.segment(text.slice(start, end))) yield {index: start + index, segment};
		start = end;
	}
}

/** `text`'s grapheme clusters in order: what a terminal draws as one character each. */
export function* graphemesOf(text: string): Generator<string> {
	for (const {segment} of graphemes(text)) yield segment;
}
