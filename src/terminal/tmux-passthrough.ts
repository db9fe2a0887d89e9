/**
 * tmux passes an escape sequence on to the terminal outside it only wrapped (and, since tmux 3.3,
 * only with `allow-passthrough on`): its ESCs doubled inside a DCS of tmux's own.
 */
const ESC = '\u001B';

export function throughTmux(sequence: string): string {
	return `${ESC}Ptmux;${sequence.replaceAll(ESC, ESC + ESC)}${ESC}\\`;
}
