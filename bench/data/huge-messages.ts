/**
 * Messages built to be costly to draw (issue 13), each about 70 kB, the most a Matrix event's body
 * leaves room for; `shownAs` is the plain text at their start, to see them drawn. A plain message
 * is the baseline.
 */

export interface HugeMessage {
	name: string;
	body: string;
	shownAs: string;
}

const SIZE = 70_000;

/** `unit` repeated to about SIZE bytes of UTF-8. */
function repeatToSize(unit: string): string {
	return unit.repeat(Math.floor(SIZE / Buffer.byteLength(unit)));
}

/** Every letter of `words` with 30 combining marks over it, over and over, to about SIZE bytes. */
function zalgoText(words: string): string {
	let text = '';
	let mark = 0;
	for (let index = 0; Buffer.byteLength(text) < SIZE; index++) {
		text += words[index % words.length];
		for (let count = 0; count < 30; count++) text += String.fromCharCode(0x0300 + (mark++ % 0x70));
	}
	return text;
}

export const HUGE_MESSAGES: readonly HugeMessage[] = [
	{name: 'plain', body: 'plain: an ordinary message of one line', shownAs: 'plain:'},
	// One grapheme cluster: pictographs joined by U+200D (Unicode's GB11) never break.
	{name: 'zwj', body: `zwj: 🙂${repeatToSize('\u200d🙂')}`, shownAs: 'zwj:'},
	// One base letter under 35,000 combining marks: one cluster too.
	{name: 'zalgo', body: `zalgo: Z${repeatToSize('\u0336')}`, shownAs: 'zalgo:'},
	// Zalgo as generators make it: every letter with a stack of marks, ~1,100 cells of them.
	{name: 'zalgo-text', body: `zalgo-text: ${zalgoText('he comes ')}`, shownAs: 'zalgo-text:'},
	// Invisible characters (each its own zero-width cluster) between two letters.
	{name: 'zero-width', body: `zero-width: a${repeatToSize('\u200b')}b`, shownAs: 'zero-width:'},
];
