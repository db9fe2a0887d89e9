/**
 * Where a read from the terminal stops in the middle of an escape sequence: a burst of key presses
 * (or a slow link) can split `ESC [ 1 ; 2 A` across two reads, and the first half must not be
 * taken for keys of its own.
 */
const ESC = '\u001b';

// CSI parameter (0–9 : ; < = > ?) and intermediate (space … /) bytes: more must follow.
const isCsiContinuation = (code: number) => code >= 0x20 && code <= 0x3f;
// rxvt's shifted editing keys end in `$` (ESC [ 2 $), which is otherwise an intermediate byte.
const RXVT_SHIFTED_KEY = /^\[[235678]\$$/;

function isIncompleteAfterEscape(rest: string): boolean {
	if (rest === '') return true; // ESC alone: Esc, or the start of anything
	if (rest[0] === '[') {
		if (RXVT_SHIFTED_KEY.test(rest)) return false;
		// A second `[` right after the first is the Linux console's function keys (ESC [ [ A).
		const body = rest.startsWith('[[') ? rest.slice(2) : rest.slice(1);
		return [...body].every((character) => isCsiContinuation(character.charCodeAt(0)));
	}
	// SS3 (ESC O A), with the numeric modifiers some terminals add (ESC O 1 ; 2 P).
	if (rest[0] === 'O') return /^O[0-9;]*$/.test(rest);
	return false; // Alt+key: ESC and one character, complete
}

/**
 * The index from which `text` ends in an escape sequence that is not complete yet, or
 * `text.length` when nothing is left open. Only the last ESC can start one: any later byte that
 * is itself ESC ends (or breaks) the sequence before it.
 */
export function incompleteEscapeStart(text: string): number {
	const last = text.lastIndexOf(ESC);
	if (last === -1 || !isIncompleteAfterEscape(text.slice(last + 1))) return text.length;
	// ESC ESC [ A is Alt+Up in some terminals: keep the prefix with its sequence.
	return last > 0 && text[last - 1] === ESC ? last - 1 : last;
}
