/** The composer's edits, on grapheme boundaries: the cursor never lands inside an emoji or a combined letter. */
import {describe, expect, test} from 'vitest';
import {editComposer, type ComposerEdit, type ComposerState} from '../../src/state/composer-state.js';

const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}'; // one grapheme, 8 code units
const E_ACUTE = 'e\u0301'; // one grapheme, 2 code units

/** "ab|cd" → text "abcd", cursor 2. */
function at(marked: string): ComposerState {
	const cursor = marked.indexOf('|');
	return {text: marked.slice(0, cursor) + marked.slice(cursor + 1), cursor};
}

describe('editComposer', () => {
	test.each<[string, ComposerEdit, string]>([
		['ab|cd', {type: 'insert', text: 'XY'}, 'abXY|cd'],
		// A paste's line breaks, \r from a terminal, \r\n from a file: each one \n.
		['|', {type: 'insert', text: 'one\ntwo\r\nthree\rfour'}, 'one\ntwo\nthree\nfour|'],
		['ab\ncd|', {type: 'home'}, 'ab\n|cd'],
		['ab\n|cd', {type: 'home'}, 'ab\n|cd'],
		['\n|ab', {type: 'home'}, '\n|ab'],
		['|\nab', {type: 'home'}, '|\nab'],
		['a|b\ncd', {type: 'end'}, 'ab|\ncd'],
		['ab\n|cd', {type: 'end'}, 'ab\ncd|'],
		['ab|cd', {type: 'move', cursor: 9}, 'abcd|'],
		['ab|cd', {type: 'backspace'}, 'a|cd'],
		['|abcd', {type: 'backspace'}, '|abcd'],
		[`a${FAMILY}|b`, {type: 'backspace'}, 'a|b'],
		[`a${E_ACUTE}|b`, {type: 'backspace'}, 'a|b'],
		['ab|cd', {type: 'delete'}, 'ab|d'],
		['abcd|', {type: 'delete'}, 'abcd|'],
		[`a|${FAMILY}b`, {type: 'delete'}, 'a|b'],
		['ab|cd', {type: 'left'}, 'a|bcd'],
		['|ab', {type: 'left'}, '|ab'],
		[`a${FAMILY}|`, {type: 'left'}, `a|${FAMILY}`],
		['ab|cd', {type: 'right'}, 'abc|d'],
		['ab|', {type: 'right'}, 'ab|'],
		[`|${E_ACUTE}x`, {type: 'right'}, `${E_ACUTE}|x`],
		['ab|cd', {type: 'home'}, '|abcd'],
		['ab|cd', {type: 'end'}, 'abcd|'],
		['say hello  |world', {type: 'delete-word-back'}, 'say |world'],
		['say hel|lo', {type: 'delete-word-back'}, 'say |lo'],
		['|hello', {type: 'delete-word-back'}, '|hello'],
		['ab|cd', {type: 'clear'}, '|'],
	])('%s, %j → %s', (before, edit, after) => {
		expect(editComposer(at(before), edit)).toEqual(at(after));
	});
});
