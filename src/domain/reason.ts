/**
 * Leave/kick/ban reasons are free text from whoever sent the event, possibly huge and spammy
 * (the leave-reasons proposal asks clients to trim them), so they are shown on one short line.
 */
import {sanitizeText} from './sanitize.js';
import {truncateToWidth} from './text-width.js';

export const DEFAULT_REASON_MAX_WIDTH = 80;

// Whitespace, and the Control Pictures (U+2400–U+2421, ␛ included) that sanitizeText leaves for
// controls: in a one-line reason a run of them carries nothing but layout noise.
const SPACE_RUN = /[\s\u2400-\u2421]+/gu;

export function displayReason(raw: unknown, maxWidth: number = DEFAULT_REASON_MAX_WIDTH): string | undefined {
	if (typeof raw !== 'string') return undefined;
	const text = sanitizeText(raw, {multiline: false}).replace(SPACE_RUN, ' ').trim();
	if (text === '') return undefined;
	const shown = truncateToWidth(text, maxWidth, '…');
	return shown === '' ? undefined : shown;
}
