import {describe, expect, it} from 'vitest';
import {CLEAR, keystrokeLatencies, typingScript} from '../../bench/client/keystrokes.ts';

describe('typingScript', () => {
	it('types segments that start at different letters, each ended by Ctrl+U', () => {
		const script = typingScript(7, 3);
		expect(script.keys).toEqual(['a', 'b', 'c', CLEAR, 'h', 'i', 'j', CLEAR, 'o']);
		expect(script.texts).toEqual(['a', 'ab', 'abc', '', 'h', 'hi', 'hij', '', 'o']);
	});

	it('never repeats a composer text, so a frame names exactly one keystroke', () => {
		const texts = typingScript(120, 30).texts.filter((text) => text !== '');
		expect(new Set(texts).size).toBe(texts.length);
		expect(texts).toHaveLength(120);
	});
});

describe('keystrokeLatencies', () => {
	const script = typingScript(4, 2); // a, ab, CLEAR, h, hi
	const sent = script.keys.map((_, index) => ({index, t: 1000 + index * 50}));

	it('times each key to the first frame showing it or a later step', () => {
		const frames = [
			{t: 1010, text: 'a'},
			{t: 1080, text: 'ab'},
			// the clear and 'h' landed in one frame
			{t: 1170, text: 'h'},
			{t: 1230, text: 'hi'},
		];
		expect(keystrokeLatencies(script, sent, frames, 2000)).toEqual([
			{index: 0, ms: 10, censored: false},
			{index: 1, ms: 30, censored: false},
			{index: 3, ms: 20, censored: false},
			{index: 4, ms: 30, censored: false},
		]);
	});

	it('counts an empty composer (placeholder shown) as having reached the last clear sent', () => {
		const frames = [
			{t: 1010, text: 'a'},
			{t: 1120, text: 'message Room, or /help'},
			{t: 1160, text: 'h'},
			{t: 1260, text: 'hi'},
		];
		const latencies = keystrokeLatencies(script, sent, frames, 2000);
		expect(latencies[1]).toEqual({index: 1, ms: 70, censored: false});
		expect(latencies[3]).toEqual({index: 4, ms: 60, censored: false});
	});

	it('gives a key never shown the time to the window end, marked censored', () => {
		const frames = [{t: 1010, text: 'a'}];
		expect(keystrokeLatencies(script, sent, frames, 1500)[1]).toEqual({index: 1, ms: 450, censored: true});
	});

	it('a script that starts with a clear times its first keys from the emptied composer, whatever was left in it', () => {
		const typed = typingScript(2, 5);
		const leading = {keys: [CLEAR, ...typed.keys], texts: ['', ...typed.texts]};
		const keys = leading.keys.map((_, index) => ({index, t: 1000 + index * 50}));
		const frames = [
			{t: 990, text: 'left by phase 5'},
			{t: 1020, text: 'message Room, or /help'},
			{t: 1060, text: 'a'},
			{t: 1115, text: 'ab'},
		];
		expect(keystrokeLatencies(leading, keys, frames, 2000)).toEqual([
			{index: 1, ms: 10, censored: false},
			{index: 2, ms: 15, censored: false},
		]);
		// Without the clear, the leftover text never matches the script: the first keys wait for a later step.
		const leftover = [{t: 1010, text: 'left by phase 5a'}, {t: 1060, text: 'left by phase 5ab'}];
		expect(keystrokeLatencies(typed, typed.keys.map((_, index) => ({index, t: 1000 + index * 50})), leftover, 2000).every((latency) => latency.censored)).toBe(true);
	});
});
