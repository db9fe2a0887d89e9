/** A key as data: what was pressed (a named key, a character, typed text) and with which modifiers. */
import type {Key} from 'ink';

type NamedKey = 'return' | 'escape' | 'tab' | 'backspace' | 'delete' | 'up' | 'down' | 'left' | 'right' | 'pageUp' | 'pageDown' | 'home' | 'end';

/**
 * One way to press a binding. A modifier it names must be held; one it does not name is not looked
 * at (PgUp is PgUp with or without Shift). Without `key`, `char` or `text`: any key with the modifier.
 */
export interface Chord {
	key?: NamedKey;
	/** The character typed; with Ctrl, the letter. */
	char?: string;
	/**
	 * Typed text rather than one key: `any` non-empty input, `plain` without Ctrl or Alt, `line-end`
	 * ending in a line break, `lines` holding one (fast typing or a paste sends "text\r" as one chunk).
	 */
	text?: 'any' | 'plain' | 'line-end' | 'lines';
	ctrl?: true;
	meta?: true;
	shift?: true;
}

const PRESSED: Record<NamedKey, (key: Key) => boolean> = {
	return: (key) => key.return,
	escape: (key) => key.escape,
	tab: (key) => key.tab,
	backspace: (key) => key.backspace,
	delete: (key) => key.delete,
	up: (key) => key.upArrow,
	down: (key) => key.downArrow,
	left: (key) => key.leftArrow,
	right: (key) => key.rightArrow,
	pageUp: (key) => key.pageUp,
	pageDown: (key) => key.pageDown,
	home: (key) => key.home,
	end: (key) => key.end,
};

const TEXT: Record<NonNullable<Chord['text']>, (input: string, key: Key) => boolean> = {
	any: (input) => input !== '',
	plain: (input, key) => input !== '' && !key.ctrl && !key.meta,
	'line-end': (input) => /[\r\n]$/.test(input),
	lines: (input, key) => /[\r\n]/.test(input) && !key.return,
};

export function chordMatches(chord: Chord, input: string, key: Key): boolean {
	if ((chord.ctrl && !key.ctrl) || (chord.meta && !key.meta) || (chord.shift && !key.shift)) return false;
	if (chord.key && !PRESSED[chord.key](key)) return false;
	if (chord.char !== undefined && input !== chord.char) return false;
	return !chord.text || TEXT[chord.text](input, key);
}

const KEY_LABELS: Record<NamedKey, string> = {
	return: 'Enter',
	escape: 'Esc',
	tab: 'Tab',
	backspace: 'Backspace',
	delete: 'Delete',
	up: '↑',
	down: '↓',
	left: '←',
	right: '→',
	pageUp: 'PgUp',
	pageDown: 'PgDn',
	home: 'Home',
	end: 'End',
};

/** "Ctrl+", "Alt+", "Shift+": what the user holds. */
function modifiers(chord: Chord): string {
	return `${chord.ctrl ? 'Ctrl+' : ''}${chord.meta ? 'Alt+' : ''}${chord.shift ? 'Shift+' : ''}`;
}

function keyLabel(chord: Chord): string {
	if (chord.key) return KEY_LABELS[chord.key];
	return chord.ctrl ? (chord.char ?? '').toUpperCase() : (chord.char ?? '');
}

/** How /help and the status line write a chord: "Ctrl+N", "Alt+↓", "Shift+Tab", "?". */
export function chordLabel(chord: Chord): string {
	return modifiers(chord) + keyLabel(chord);
}

/** Two chords as one label, the shared modifiers once: "Ctrl+N/P", "PgUp/PgDn", "↑ / ↓". */
export function pairLabel(first: Chord, second: Chord, separator = '/'): string {
	if (modifiers(first) !== modifiers(second)) return `${chordLabel(first)}${separator}${chordLabel(second)}`;
	return `${modifiers(first)}${keyLabel(first)}${separator}${keyLabel(second)}`;
}
