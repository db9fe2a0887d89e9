import {describe, expect, test} from 'vitest';
import {incompleteEscapeStart} from '../../src/terminal/incomplete-escape.js';

const ESC = '\u001b';

describe('incompleteEscapeStart', () => {
	test.each<[what: string, text: string, start: number]>([
		['plain text', 'hello', 5],
		['UTF-8 text', 'héllo 👋', 'héllo 👋'.length],
		['empty', '', 0],
		['a lone ESC', `${ESC}`, 0],
		['text then ESC', `ab${ESC}`, 2],
		['ESC [', `${ESC}[`, 0],
		['CSI with parameters, no final byte', `${ESC}[1;2`, 0],
		['a whole CSI key', `${ESC}[1;2A`, 4 + 2],
		['a whole key then half of the next', `${ESC}[1;2B${ESC}[1;`, 6],
		['paste start without its ~', `${ESC}[200`, 0],
		['paste start', `${ESC}[200~`, 6],
		['SS3 prefix', `${ESC}O`, 0],
		['SS3 with a modifier, no final byte', `${ESC}O1;2`, 0],
		['a whole SS3 key', `${ESC}OA`, 3],
		['Alt+a', `${ESC}a`, 2],
		['ESC ESC (Alt+Esc, or Alt+ before a sequence)', `x${ESC}${ESC}`, 1],
		['Alt+ then CSI prefix', `${ESC}${ESC}[`, 0],
		['Linux console function key prefix', `${ESC}[[`, 0],
		['Linux console function key', `${ESC}[[A`, 4],
		['rxvt Shift+Insert', `${ESC}[2$`, 4],
		['ESC breaking an earlier CSI, itself whole', `${ESC}[1${ESC}[A`, 6],
	])('%s', (_what, text, start) => {
		expect(incompleteEscapeStart(text)).toBe(start);
	});
});
