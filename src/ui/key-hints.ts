/**
 * The words /help and the status line say about keys. Only the words are written here: the keys
 * are read from the bindings, so a key rebound in the table is shown rebound everywhere.
 */
import {chordLabel, pairLabel, type Chord} from './key-chords.js';
import {KEY_BINDINGS, type KeyAction} from './key-bindings.js';

/** Keys named by their actions: one ("Ctrl+K"), or a pair sharing a label ("Ctrl+N/P"). */
interface Hint {
	actions: readonly [KeyAction] | readonly [KeyAction, KeyAction];
	label?: string;
	/** Every chord of the binding ("Home/End Ctrl+A/E"), not only its first. */
	allChords?: boolean;
	separator?: string;
}

interface HelpLine {
	keys: string;
	text: string;
}

const STATUS_HINTS: readonly Hint[] = [
	{actions: ['switcher.open'], label: 'switch'},
	{actions: ['room.next', 'room.previous'], label: 'rooms'},
	{actions: ['focus.next'], label: 'focus/complete'},
	{actions: ['timeline.pageUp', 'timeline.pageDown'], label: 'scroll'},
	{actions: ['side.toggle'], label: 'state/members'},
	{actions: ['deleted.toggle'], label: 'deleted'},
	{actions: ['help.open'], label: 'help'},
];

const ARROWS: Hint = {actions: ['history.older', 'history.newer'], separator: ' / '};
const ARROWS_TEXT = 'composer: rows of the draft, then input history · rooms: select · timeline/side: scroll';

/** The composer's editing keys, in groups. */
const COMPOSER_KEYS: ReadonlyArray<readonly Hint[]> = [
	[{actions: ['composer.left', 'composer.right']}, {actions: ['composer.home', 'composer.end'], allChords: true}],
	[{actions: ['composer.backspace', 'composer.delete']}],
	[{actions: ['composer.deleteWord'], label: 'word'}],
	[{actions: ['composer.clear'], label: 'clear'}],
];

/** What the status line says when nothing else does. */
export const STATUS_HINT = STATUS_HINTS.map(hintText).join(' · ');

/** The keys column of /help: one line per binding that has one, then the arrows. */
export const KEY_HELP: readonly HelpLine[] = [
	...[...KEY_BINDINGS.chat, ...KEY_BINDINGS.threads].flatMap((binding) => (binding.help ? [{keys: bindingKeys(binding.chords, binding.when?.composer === 'empty'), text: binding.help}] : [])),
	{keys: hintText(ARROWS), text: ARROWS_TEXT},
];

/** /help's last line on keys: the composer's editing keys. */
export const COMPOSER_HELP = `Composer: ${COMPOSER_KEYS.map((group) => group.map(hintText).join(' ')).join(' · ')}`;

function bindingKeys(chords: readonly Chord[], onlyWhenEmpty: boolean): string {
	// Typed text ("line-end", "plain") has no key to name.
	const keys = chords.map(chordLabel).filter(Boolean).join(', ');
	return onlyWhenEmpty ? `${keys} (empty composer)` : keys;
}

function hintText(hint: Hint): string {
	const [first, second] = hint.actions.map(chordsOf);
	const count = hint.allChords ? first!.length : 1;
	const keys = first!.slice(0, count).map((chord, index) => (second ? pairLabel(chord, second[index]!, hint.separator) : chordLabel(chord)));
	return hint.label ? `${keys.join(' ')} ${hint.label}` : keys.join(' ');
}

/** The chords of the first chat binding for `action`. */
function chordsOf(action: KeyAction): readonly Chord[] {
	const binding = KEY_BINDINGS.chat.find((candidate) => candidate.action === action);
	if (!binding) throw new Error(`no key binding for ${action}`);
	return binding.chords;
}
