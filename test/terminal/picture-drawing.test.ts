/** How pictures are drawn, from the `images` setting and the terminal the environment names. */
import {expect, test} from 'vitest';
import {pictureDrawing} from '../../src/terminal/picture-drawing.js';

test.each([
	['kitty', {TERM: 'xterm-kitty'}],
	['kitty by its window', {TERM: 'xterm-256color', KITTY_WINDOW_ID: '3'}],
	['Ghostty', {TERM: 'xterm-ghostty', TERM_PROGRAM: 'ghostty'}],
])('auto in %s: kitty’s graphics', (_name, env) => {
	expect(pictureDrawing('auto', env, true)).toBe('kitty');
});

test.each([
	['WezTerm (no Unicode placeholders)', {TERM: 'xterm-256color', TERM_PROGRAM: 'WezTerm'}],
	['iTerm2', {TERM: 'xterm-256color', TERM_PROGRAM: 'iTerm.app'}],
	['an unknown terminal', {TERM: 'xterm-256color'}],
	['tmux inside kitty', {TERM: 'tmux-256color', TMUX: '/tmp/tmux-0/default,1,0', KITTY_WINDOW_ID: '3'}],
	['screen inside kitty', {TERM: 'screen', STY: '1.pts-0', KITTY_WINDOW_ID: '3'}],
])('auto in %s: half blocks', (_name, env) => {
	expect(pictureDrawing('auto', env, true)).toBe('cells');
});

test('auto when the output is no terminal: half blocks (never graphics into a file or a pipe)', () => {
	expect(pictureDrawing('auto', {TERM: 'xterm-kitty'}, false)).toBe('cells');
});

test.each(['kitty', 'cells', 'off'] as const)('the setting %s is followed wherever it runs', (setting) => {
	expect(pictureDrawing(setting, {TERM: 'tmux-256color', TMUX: '/tmp/tmux-0/default,1,0'}, true)).toBe(setting);
	expect(pictureDrawing(setting, {TERM: 'xterm-kitty'}, true)).toBe(setting);
});
