/**
 * How pictures are drawn in this terminal, from the `images` setting and what the environment
 * says of the terminal: kitty's graphics (kitty, Ghostty: the two with its Unicode placeholders,
 * which a full-screen Ink app needs) or half blocks. Inside tmux or screen the terminal outside is
 * not known and tmux passes graphics on only when told to: half blocks, unless `images` is `kitty`.
 */
import type {ImagesSetting, PictureDrawing} from '../state/pictures.js';

export function pictureDrawing(setting: ImagesSetting, env: NodeJS.ProcessEnv, isTTY: boolean): PictureDrawing {
	if (setting !== 'auto') return setting;
	const multiplexed = Boolean(env.TMUX || env.STY) || /^(screen|tmux)/.test(env.TERM ?? '');
	return isTTY && !multiplexed && drawsKittyPlaceholders(env) ? 'kitty' : 'cells';
}

function drawsKittyPlaceholders(env: NodeJS.ProcessEnv): boolean {
	return env.TERM === 'xterm-kitty' || Boolean(env.KITTY_WINDOW_ID) || env.TERM_PROGRAM === 'ghostty' || env.TERM === 'xterm-ghostty';
}
