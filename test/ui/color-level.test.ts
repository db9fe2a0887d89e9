import {describe, expect, test} from 'vitest';
import {colorLevel} from '../../src/ui/colors.js';

const tty = {isTTY: true};

describe('colorLevel', () => {
	test('NO_COLOR wins; FORCE_COLOR says the level; no terminal, no colours', () => {
		expect(colorLevel({NO_COLOR: '1', FORCE_COLOR: '3', COLORTERM: 'truecolor'}, tty)).toBe(0);
		expect(colorLevel({FORCE_COLOR: '3'}, {})).toBe(3);
		expect(colorLevel({FORCE_COLOR: '2'}, {})).toBe(2);
		expect(colorLevel({FORCE_COLOR: '0'}, tty)).toBe(0);
		expect(colorLevel({FORCE_COLOR: 'false'}, tty)).toBe(0);
		expect(colorLevel({FORCE_COLOR: ''}, {})).toBe(1);
		expect(colorLevel({COLORTERM: 'truecolor', TERM: 'xterm-256color'}, {})).toBe(0);
	});

	test('a terminal: what TERM and COLORTERM say', () => {
		expect(colorLevel({COLORTERM: 'truecolor', TERM: 'xterm-256color'}, tty)).toBe(3);
		expect(colorLevel({TERM: 'xterm-256color'}, tty)).toBe(2);
		expect(colorLevel({TERM: 'dumb'}, tty)).toBe(0);
	});
});
