/**
 * The typing script and how its keystrokes are matched to frames. Every segment of letters starts
 * at a different letter, so each composer text identifies exactly one keystroke; Ctrl+U ends a
 * segment, so the composer never outgrows its line.
 */

export const CLEAR = '\u0015'; // Ctrl+U: clear the composer
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

export interface TypingScript {
	keys: string[];
	/** The composer's text right after each key ('' after a clear). */
	texts: string[];
}

export function typingScript(letters: number, segment: number): TypingScript {
	const keys: string[] = [];
	const texts: string[] = [];
	let text = '';
	let typed = 0;
	let segmentIndex = 0;
	while (typed < letters) {
		if (text.length === segment) {
			keys.push(CLEAR);
			texts.push('');
			text = '';
			segmentIndex++;
			continue;
		}
		const letter = ALPHABET[(segmentIndex * 7 + text.length) % ALPHABET.length]!;
		text += letter;
		keys.push(letter);
		texts.push(text);
		typed++;
	}
	return {keys, texts};
}

export interface ComposerFrame {
	t: number;
	text: string | undefined;
}

export interface Latency {
	index: number;
	ms: number;
	/** Not on screen by the end of the window: ms is a lower bound. */
	censored: boolean;
}

/**
 * For every letter key, the time from when it was sent to the first frame showing it (or a later
 * state of the script: keys typed faster than frames are drawn appear together).
 */
export function keystrokeLatencies(script: TypingScript, sent: ReadonlyArray<{index: number; t: number}>, frames: readonly ComposerFrame[], windowEnd: number): Latency[] {
	const indexOfText = new Map<string, number>();
	script.texts.forEach((text, index) => {
		if (text !== '') indexOfText.set(text, index);
	});
	const sentAt = new Map(sent.map((key) => [key.index, key.t]));
	const clears = script.keys.flatMap((key, index) => (key === CLEAR && sentAt.has(index) ? [{index, t: sentAt.get(index)!}] : []));
	// How far through the script each frame is: its text's key, or for an empty composer the latest clear sent.
	const progress = frames.map((frame) => {
		const known = frame.text === undefined ? undefined : indexOfText.get(frame.text);
		if (known !== undefined) return {t: frame.t, index: known};
		let index = -1;
		for (const clear of clears) if (clear.t <= frame.t) index = clear.index;
		return {t: frame.t, index};
	});
	const latencies: Latency[] = [];
	for (const key of sent) {
		if (script.keys[key.index] === CLEAR) continue;
		const shown = progress.find((frame) => frame.t >= key.t && frame.index >= key.index);
		latencies.push(shown ? {index: key.index, ms: shown.t - key.t, censored: false} : {index: key.index, ms: Math.max(0, windowEnd - key.t), censored: true});
	}
	return latencies;
}
