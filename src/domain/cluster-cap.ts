/**
 * What one character on screen may carry. Unicode puts no limit on a grapheme cluster: emoji
 * joined by U+200D, or one letter under thousands of combining marks, are a single character that
 * takes one or two cells yet is sent whole every time its row is drawn (issue 13: a 70 kB message
 * cost 73 kB per frame). So:
 * - a character keeps at most CELL_MAX_CODE_POINTS code points, counting the invisible clusters
 *   after it (zero-width spaces, stray marks), which are dropped past that;
 * - and a message's characters share an allowance of code points past their first (marks,
 *   joiners…): EXTRA_PER_CHARACTER for each character, saved up to EXTRA_SAVED at most. Zalgo text
 *   (every letter under a stack of marks) keeps a few marks a letter after its first letters
 *   instead of costing ~30 bytes a cell down the whole screen. RGI emoji sequences are not charged:
 *   a recognised emoji is drawn as one picture, however many code points it has.
 * What is kept is still drawn and measured as it stands. Real text is well below both: the longest
 * RGI emoji (a kiss with two skin tones) has 10 code points, a subdivision flag 7; Hebrew with
 * points and cantillation, Indic conjuncts and Tibetan stacks carry one or two marks a letter.
 */
import {graphemes} from './graphemes.js';
import {cellWidth} from './text-width.js';

export const CELL_MAX_CODE_POINTS = 16;
export const EXTRA_PER_CHARACTER = 3;
export const EXTRA_SAVED = 4 * CELL_MAX_CODE_POINTS;

/**
 * Characters that join the next one, even ASCII (Grapheme_Cluster_Break=Prepend, as Node's ICU
 * has them; a test checks every code point against Intl.Segmenter).
 */
export const PREPEND = '\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u0D4E\u{110BD}\u{110CD}\u{111C2}\u{111C3}\u{113D1}\u{1193F}\u{11941}\u{11A84}-\u{11A89}\u{11D46}\u{11F02}';

/**
 * Code points that always start a character of their own, whatever comes before them (bar a
 * Prepend): letters, digits and punctuation of scripts without joining rules — Latin, Greek,
 * Cyrillic, Hebrew and Arabic letters, CJK and kana (their marks, Indic, Hangul, emoji and
 * pictographs such as © left out).
 * A test checks each against Intl.Segmenter after every kind of character that joins.
 */
export const STARTERS = '\u00A0-\u00A8\u00AA-\u00AC\u00AF-\u02FF\u0370-\u03FF\u0400-\u0482\u048A-\u052F\u05D0-\u05EA\u0620-\u064A\u3000-\u3029\u3031-\u303C\u303E\u303F\u3041-\u3096\u30A0-\u30FF\u4E00-\u9FFF\uFF01-\uFF9D';

/**
 * Text none of whose characters can be over the limit, so it is left as it is without being
 * segmented (what nearly all messages are): everything in a character after its first code point
 * is neither ASCII nor a starter, which leaves a run of at least CELL_MAX_CODE_POINTS code units
 * of those when one is over; or a Prepend, which joins anything after it, ASCII included.
 */
const MAY_BE_OVER = new RegExp(`[^\\x00-\\x7F${STARTERS}]{${CELL_MAX_CODE_POINTS}}|[${PREPEND}]`, 'u');
/**
 * Code units that can be past a character's first (as above): only with more than EXTRA_SAVED of
 * them can the allowance run out. No u flag (quicker): a surrogate pair counts twice, which only
 * errs towards segmenting.
 */
const MAY_BE_EXTRA = new RegExp(`[^\\x00-\\x7F${STARTERS}]`, 'g');

const STARTS_ALONE = new RegExp(`^[\\x20-\\x7E${STARTERS}]`);
const ENDS_IN_PREPEND = new RegExp(`[${PREPEND}]$`, 'u');
/** What an RGI emoji can start with: tried first, as matching \p{RGI_Emoji} itself is slow. */
const MAY_START_EMOJI = /^[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}#*0-9]/u;

// Four times quicker than MAY_BE_OVER on ASCII, which that never matches.
const NON_ASCII = /[^\x00-\x7F]/;

/** Clusters that can be zero-width start with one of these (string-width's invisible classes). */
const MAY_BE_INVISIBLE = /^[\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{Mn}\p{Me}]/u;

/** A Control (Grapheme_Cluster_Break): breaks on both sides, draws nothing. */
const SEPARATOR = '\u200B';
const ZWJ = '\u200D';
const REPLACEMENT = '\uFFFD';
const RGI_EMOJI = /^\p{RGI_Emoji}$/v;
// The longest RGI emoji at the start (a property of strings matches its longest strings first).
const RGI_EMOJI_START = /^\p{RGI_Emoji}/v;

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
	// ASCII and starters join only a Prepend (see STARTERS): the common case, without segmenting.
	if (STARTS_ALONE.test(next) && !ENDS_IN_PREPEND.test(previous)) return false;
	const first = String.fromCodePoint(next.codePointAt(0)!);
	for (const {segment} of graphemes(previous + first)) return segment.length > previous.length;
	return false;
}

function isInvisible(cluster: string): boolean {
	return MAY_BE_INVISIBLE.test(cluster) && cellWidth(cluster) === 0;
}

function mayNeedCapping(text: string): boolean {
	if (!NON_ASCII.test(text)) return false;
	MAY_BE_EXTRA.lastIndex = 0;
	if (!MAY_BE_EXTRA.test(text)) return false; // only ASCII and starters: every character is one code point
	if (MAY_BE_OVER.test(text)) return true;
	for (let found = 1; found <= EXTRA_SAVED; found++) if (!MAY_BE_EXTRA.test(text)) return false;
	return true;
}

/**
 * Texts capped lately and what they became: a room's newest 200 bodies are sanitized again at every
 * change, and segmenting is what costs here (a long Korean, Thai or emoji-laden message: ~50 µs).
 * Bounded by the characters held, not the entries, so big hostile bodies cannot pin megabytes.
 */
const recent = new Map<string, string>();
const RECENT_MAX_CHARS = 1 << 20;
let recentChars = 0;

function remember(text: string, capped: string): string {
	recent.set(text, capped);
	recentChars += text.length + (capped === text ? 0 : capped.length);
	for (const [oldest, result] of recent) {
		if (recentChars <= RECENT_MAX_CHARS) break;
		recent.delete(oldest);
		recentChars -= oldest.length + (result === oldest ? 0 : result.length);
	}
	return capped;
}

/** `text` with no character over CELL_MAX_CODE_POINTS, and its characters within their allowance (see above). */
export function capClusters(text: string): string {
	if (!mayNeedCapping(text)) return text;
	return recent.get(text) ?? remember(text, capSegments(text));
}

function capSegments(text: string): string {
	let out = '';
	let last = ''; // the cluster written last
	let used = 0; // code points in the character being written: its cluster and the invisible ones after it
	let allowance = EXTRA_SAVED; // code points past their first that characters may still carry
	let free = false; // the character being written is an RGI emoji: its own code points are not charged
	let changed = false; // something was cut or dropped since `last`: it may join what comes next
	for (const {segment} of graphemes(text)) {
		if (segment === '\n') {
			// A new row: what comes after is no part of the character before.
			out += segment;
			[last, used, changed] = [segment, 0, false];
			continue;
		}
		const count = codePoints(segment);
		// An over-long cluster is measured by its head first (string-width over 70 kB is not free).
		const measured = count > CELL_MAX_CODE_POINTS ? head(segment, CELL_MAX_CODE_POINTS) : segment;
		const invisible = (measured === '' || isInvisible(measured)) && (measured === segment || isInvisible(segment));
		if (!invisible) {
			// A new character.
			used = 0;
			allowance = Math.min(EXTRA_SAVED, allowance + EXTRA_PER_CHARACTER);
			free = count > 1 && measured === segment && MAY_START_EMOJI.test(segment) && RGI_EMOJI.test(segment);
		}
		const room = Math.min(CELL_MAX_CODE_POINTS - used, (invisible ? 0 : 1) + (free && !invisible ? CELL_MAX_CODE_POINTS : Math.max(0, allowance)));
		let piece = segment;
		if (count > room) {
			if (invisible) {
				changed = true;
				continue;
			}
			// An emoji sequence cut anywhere is a sequence no terminal knows (drawn as one picture by
			// some, as each of its emoji by others): the emoji it starts with is drawn alike by all.
			const emoji = MAY_START_EMOJI.test(segment) ? RGI_EMOJI_START.exec(segment)?.[0] : undefined;
			piece = emoji ?? head(segment, room);
			free ||= emoji !== undefined;
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
		const kept = codePoints(piece);
		used += kept;
		if (invisible || !free) allowance -= invisible ? kept : kept - 1;
		changed = piece !== segment;
	}
	return out;
}
