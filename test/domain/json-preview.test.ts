/** previewJson case by case: JSON where it can be, `null` where JSON has none, bounded in depth and length. */
import {describe, expect, test} from 'vitest';
import {previewJson} from '../../src/domain/json-preview.js';

const deep = (levels: number, inner: unknown) => {
	let value = inner;
	for (let index = 0; index < levels; index++) value = {k: value};
	return value;
};

describe('previewJson', () => {
	test.each([
		[0, '0'],
		[-1.5, '-1.5'],
		[Number.NaN, 'null'],
		[Number.POSITIVE_INFINITY, 'null'],
		[false, 'false'],
		[undefined, 'null'],
		[() => 1, 'null'],
		[{a: undefined}, '{"a": null}'],
		[[1, [2, [3]]], '[1, [2, [3]]]'],
		['a"b', '"a\\"b"'],
	])('%j → %s', (value, preview) => {
		expect(previewJson(value)).toBe(preview);
	});

	test('four levels are drawn; below them, empty containers as they are and full ones as …', () => {
		expect(previewJson(deep(3, {x: 1}))).toBe('{"k": {"k": {"k": {"x": 1}}}}');
		expect(previewJson(deep(4, {x: 1}))).toBe('{"k": {"k": {"k": {"k": {…}}}}}');
		expect(previewJson(deep(4, {}))).toBe('{"k": {"k": {"k": {"k": {}}}}}');
		expect(previewJson(deep(4, []))).toBe('{"k": {"k": {"k": {"k": []}}}}');
		expect(previewJson(deep(4, [1]))).toBe('{"k": {"k": {"k": {"k": […]}}}}');
		expect(previewJson(deep(4, 'leaf'))).toBe('{"k": {"k": {"k": {"k": "leaf"}}}}');
	});

	test('stops writing once the length is reached', () => {
		// By default, 200 characters.
		expect(previewJson('x'.repeat(300))).toBe(`"${'x'.repeat(200)}…"`);
		expect(previewJson('abcdefghij', 5)).toBe('"abcde…"');
		expect(previewJson(['abc', 'def'], 4)).toBe('["abc"]');
		expect(previewJson(['abcd', 'def'], 4)).toBe('["abc…"]');
		expect(previewJson({a: 1, b: 2}, 3)).toBe('{"a": }');
		expect(previewJson([1, 2, 3, 4], 4)).toBe('[1, ]');
		expect(previewJson('abc', 3)).toBe('"abc"');
		expect(previewJson('abcd', 0)).toBe('');
		expect(previewJson(['x'.repeat(10)], 1)).toBe('[]');
	});

	test('a cut never keeps half a surrogate pair', () => {
		expect(previewJson('a😀b', 2)).toBe('"a…"');
		expect(previewJson('a😀b', 3)).toBe('"a😀…"');
	});
});
