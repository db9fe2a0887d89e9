import {describe, expect, it} from 'vitest';
import {FrameWatcher} from '../../bench/client/frames.ts';
import {FakeStdout} from '../../bench/client/terminal.ts';

/** Ink's writes as the bench records them: each with the time Ink made it. */
function recorded(...writes: Array<[t: number, data: string]>): FakeStdout {
	const stdout = new FakeStdout(20, 2);
	for (const [t, data] of writes) stdout.writes.push({t, data});
	return stdout;
}

describe('FrameWatcher', () => {
	it('answers with the time Ink wrote the frame, not when the terminal parsed it; already on screen: the last write\'s', async () => {
		const watcher = new FrameWatcher(recorded([100, 'one'], [200, '\r\u001b[2Ktwo']));
		expect(await watcher.waitFor((screen) => screen.lines()[0] === 'two', {timeoutMs: 1000})).toBe(200);
		expect(await watcher.waitFor((screen) => screen.lines()[0] === 'two', {after: 250, timeoutMs: 50})).toBeNull();
	});

	it('skips matches before `after`, and gives up after the timeout', async () => {
		const stdout = recorded([100, 'ready'], [200, '\r\u001b[2Kbusy'], [300, '\r\u001b[2Kready']);
		expect(await new FrameWatcher(stdout).waitFor((screen) => screen.lines()[0] === 'ready', {after: 150, timeoutMs: 1000})).toBe(300);
		expect(await new FrameWatcher(stdout).waitFor((screen) => screen.lines()[0] === 'gone', {timeoutMs: 50})).toBeNull();
	});

	it('sees writes made while it waits, and tells its observers of each on screen, in order', async () => {
		const stdout = recorded([100, 'a']);
		const watcher = new FrameWatcher(stdout);
		const seen: string[] = [];
		watcher.observe((screen, t) => seen.push(`${t}:${screen.lines()[0]}`));
		const waiting = watcher.waitFor((screen) => screen.lines()[0] === 'abc', {timeoutMs: 2000});
		stdout.writes.push({t: 200, data: 'b'}, {t: 300, data: 'c'});
		expect(await waiting).toBe(300);
		await watcher.caughtUp();
		expect(seen).toEqual(['100:a', '200:ab', '300:abc']);
	});

	it('counts as frames only the writes that put text on screen', async () => {
		const watcher = new FrameWatcher(recorded([100, '\u001b[?25l\u001b[H'], [200, 'text'], [300, '\u001b]0;title\u0007'], [400, '\u001b[1Amore']));
		await watcher.caughtUp();
		expect(watcher.frameTimes).toEqual([200, 400]);
	});
});
