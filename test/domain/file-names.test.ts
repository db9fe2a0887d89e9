import {describe, expect, test} from 'vitest';
import {expandHome, freeName, safeFileName} from '../../src/domain/file-names.js';

describe('safeFileName', () => {
	test.each([
		['cat.png', 'cat.png'],
		['../../.bashrc', 'bashrc'],
		['/etc/passwd', 'passwd'],
		['C:\\Users\\x\\evil.exe', 'evil.exe'],
		['a\u001b[31mred.txt', 'a[31mred.txt'],
		['name\u202Egnp.exe', 'namegnp.exe'],
		['line\nbreak.txt', 'line break.txt'],
		['what?.txt', 'what.txt'],
		['...', 'download'],
		['trailing. ', 'trailing'],
		['', 'download'],
		[null, 'download'],
		[42, 'download'],
	])('%j → %j', (input, expected) => expect(safeFileName(input)).toBe(expected));

	test('a long name is cut under 200 bytes, keeping its extension', () => {
		const name = safeFileName(`${'é'.repeat(300)}.tar.gz`);
		expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
		expect(name.endsWith('.gz')).toBe(true);
	});
});

describe('freeName', () => {
	test('the name itself when free, else " (n)" before the extension', () => {
		const taken = new Set(['a.txt', 'a (1).txt', 'notes']);
		expect(freeName('b.txt', (name) => taken.has(name))).toBe('b.txt');
		expect(freeName('a.txt', (name) => taken.has(name))).toBe('a (2).txt');
		expect(freeName('notes', (name) => taken.has(name))).toBe('notes (1)');
	});
});

describe('expandHome', () => {
	test.each([
		['~', '/home/me'],
		['~/x y.png', '/home/me/x y.png'],
		['~other/x', '~other/x'],
		['/tmp/~/x', '/tmp/~/x'],
		['rel/x', 'rel/x'],
	])('%s', (path, expected) => expect(expandHome(path, '/home/me')).toBe(expected));
});
