/**
 * What one character on screen may carry. Unicode puts no limit on a grapheme cluster: emoji
 * joined by U+200D, or one letter under thousands of combining marks, are a single character that
 * takes one or two cells yet is sent whole every time its row is drawn (issue 13: a 70 kB message
 * cost 73 kB per frame). So a character keeps at most CELL_MAX_CODE_POINTS code points, counting the
 * invisible clusters after it (zero-width spaces, stray marks), which are dropped past that; what
 * is kept is still drawn and measured as it stands. Real text is far below: the longest RGI emoji
 * (a kiss with two skin tones) has 10 code points, a subdivision flag 7, a stacked Indic conjunct
 * a handful.
 */
import {graphemes} from './graphemes.js';
import {cellWidth} from './text-width.js';

export const CELL_MAX_CODE_POINTS = 16;

/**
 * Characters that join the next one, even ASCII (Grapheme_Cluster_Break=Prepend, as Node's ICU
 * has them; a test checks every code point against Intl.Segmenter).
 */
export const PREPEND = '\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u0D4E\u{110BD}\u{110CD}\u{111C2}\u{111C3}\u{113D1}\u{1193F}\u{11941}\u{11A84}-\u{11A89}\u{11D46}\u{11F02}';

/**
 * Text none of whose characters can be over the limit: past a character's first code point,
 * everything in it is non-ASCII (marks, joiners, jamo, tags…), and only a Prepend puts an ASCII
 * letter second. So without a long run of non-ASCII code units, or a Prepend before ASCII, the
 * text is left as it is without being segmented: what most messages are.
 */
const MAY_BE_OVER = new RegExp(`[^\\x00-\\x7F]{${CELL_MAX_CODE_POINTS}}|[${PREPEND}][\\x20-\\x7E]`, 'u');

/** Clusters that can be zero-width start with one of these (string-width's invisible classes). */
const MAY_BE_INVISIBLE = /^[\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{Mn}\p{Me}]/u;

/** A Control (Grapheme_Cluster_Break): breaks on both sides, draws nothing. */
const SEPARATOR = '\u200B';
const ZWJ = '\u200D';
const REPLACEMENT = '\uFFFD';

function codePoints(text: string): number {
	let count = text.length;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code >= 0xdc00 && code <= 0xdfff) count--;
	}
	return count;
}

/** The first `count` code points of a cluster, without a trailing joiner. */
function head(cluster: string, count: number): string {
	let end = 0;
	for (let taken = 0; taken < count && end < cluster.length; taken++) end += cluster.codePointAt(end)! > 0xffff ? 2 : 1;
	let cut = cluster.slice(0, end);
	while (cut.endsWith(ZWJ)) cut = cut.slice(0, -1);
	return cut;
}

/** Whether `next` would join `previous` into one cluster (what a cut or a drop can cause). */
function joins(previous: string, next: string): boolean {
	const first = String.fromCodePoint(next.codePointAt(0)!);
	for (const {segment} of graphemes(previous + first)) return segment.length > previous.length;
	return false;
}

function isInvisible(cluster: string): boolean {
	return MAY_BE_INVISIBLE.test(cluster) && cellWidth(cluster) === 0;
}

/** `text` with no character carrying more than CELL_MAX_CODE_POINTS code points (see above). */
export function capClusters(text: string): string {
	if (!MAY_BE_OVER.test(text)) return text;
	let out = '';
	let last = ''; // the cluster written last
	let used = 0; // code points in the character being written: its cluster and the invisible ones after it
	let changed = false; // something was cut or dropped since `last`: it may join what comes next
	for (const {segment} of graphemes(text)) {
		if (segment === '\n') {
			// A new row: what comes after is no part of the character before.
			out += segment;
			[last, used, changed] = [segment, 0, false];
			continue;
		}
		const count = codePoints(segment);
		const invisible = isInvisible(segment);
		if (!invisible) used = 0; // a new character
		let piece = segment;
		if (used + count > CELL_MAX_CODE_POINTS) {
			if (invisible) {
				changed = true;
				continue;
			}
			piece = head(segment, CELL_MAX_CODE_POINTS);
			// Only joiners and marks before what made the cluster visible (a stray skin tone…): it still
			// shows, as one replacement character.
			if (piece === '' || isInvisible(piece)) piece = REPLACEMENT;
		}
		if ((changed || piece !== segment) && last !== '' && joins(last, piece)) {
			out += SEPARATOR;
			used++;
		}
		out += piece;
		last = piece;
		used += codePoints(piece);
		changed = piece !== segment;
	}
	return out;
}
