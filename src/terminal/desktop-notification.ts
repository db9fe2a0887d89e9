/**
 * A desktop notification through the terminal: the escape sequence the terminal understands
 * (kitty: OSC 99; iTerm2, WezTerm, Ghostty: OSC 9; foot, VTE, urxvt: OSC 777), wrapped for tmux
 * to pass on. The text is ours to make safe: sanitized (no control bytes, so nothing can end the
 * sequence early), without the ";" that separates OSC 777's fields, and short.
 */
import {sanitizeInline} from '../domain/sanitize.js';
import {truncateToWidth} from '../domain/text-width.js';
import {throughTmux} from './tmux-passthrough.js';

export type NotificationProtocol = 'osc99' | 'osc9' | 'osc777';

const ESC = '\u001B';
const ST = `${ESC}\\`;
const TITLE_MAX = 40;
const BODY_MAX = 100;

/** What the terminal (as its environment says) can show; none: the bell, or notify-send. */
export function notificationProtocol(env: NodeJS.ProcessEnv): NotificationProtocol | undefined {
	if (env.KITTY_WINDOW_ID || env.TERM === 'xterm-kitty') return 'osc99';
	const program = env.TERM_PROGRAM ?? '';
	if (program === 'iTerm.app' || program === 'WezTerm' || program === 'ghostty' || env.TERM === 'xterm-ghostty') return 'osc9';
	if (env.VTE_VERSION || (env.TERM ?? '').startsWith('foot') || (env.TERM ?? '').startsWith('rxvt')) return 'osc777';
	return undefined;
}

/** Untrusted text as one short, inert line. */
export function notificationText(text: string, maxWidth: number): string {
	return truncateToWidth(sanitizeInline(text).replace(/;/g, ','), maxWidth);
}

export function notificationSequence(protocol: NotificationProtocol, title: string, body: string, options: {tmux?: boolean} = {}): string {
	const safeTitle = notificationText(title, TITLE_MAX);
	const safeBody = notificationText(body, BODY_MAX);
	const sequence =
		protocol === 'osc99' ? `${ESC}]99;i=1:d=0;${safeTitle}${ST}${ESC}]99;i=1:d=1:p=body;${safeBody}${ST}`
		: protocol === 'osc9' ? `${ESC}]9;${safeTitle}: ${safeBody}${ST}`
		: `${ESC}]777;notify;${safeTitle};${safeBody}${ST}`;
	return options.tmux ? throughTmux(sequence) : sequence;
}
