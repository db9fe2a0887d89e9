/** The awkward strings of the demo, kept in one place so tests can compare against them. */

/**
 * Carol's leave reason: over 300 characters, with a ZWJ family emoji, CJK, a combining accent
 * and a newline — everything that breaks naive width and wrapping code.
 */
export const CAROL_REASON =
	'Leaving because this project moved to the new space 🚀 — thanks everyone for the lovely discussions! ' +
	'My family 👨‍👩‍👧 says hi. 新しいスペースでまた会いましょう。我们在新空间见。 ' +
	'Special thanks to Zoe\u0301 for the reviews.\n' +
	'If you need me, ping me there; I will read messages every few days. 🎉🙏🏽 Until then, take care and keep the proposals coming!';

/** Mallory's parting shot: a clear-screen escape and a right-to-left override. */
export const MALLORY_REASON = 'bye\u001b[2J \u202Eesrever ni si txet siht';

export const DAVE_REASON = 'moving on';
export const ERIN_KICK_REASON = 'spam';
export const HARRY_BAN_REASON = 'Repeated harassment after two warnings';

const BACKLOG_LINES = [
	'Morning all! Coffee is on.',
	'Has anyone read the proposal draft yet?',
	'I left some comments on section 3.',
	'The deactivation label should only show on self-leaves, right?',
	'Yes — a kick can carry any content, so it must not be trusted.',
	'What about deleted state events?',
	'They stay in state but clients should hide them.',
	'Makes sense. Can we demo it on Friday?',
	'Sure, I will set up the room.',
	'Do not forget the leave reasons.',
	'Long reasons should wrap nicely.',
	'And escape sequences must not leak into the terminal!',
];

/** The older history: `count` chat lines, numbered so scrollback is easy to verify. */
export function backlogLine(index: number, count: number): string {
	return `${BACKLOG_LINES[index % BACKLOG_LINES.length]} (${index + 1}/${count})`;
}
