import {afterEach, describe, expect, it} from 'vitest';
import {RemoteScreen} from '../../bench/client/remote-screen.ts';
import {FakeStdout} from '../../bench/client/terminal.ts';

const ESC = '\u001b';
const line = (text: string) => `${ESC}[2K${ESC}[G${text}`;

describe('RemoteScreen (the virtual terminal in a child process)', () => {
	let screen: RemoteScreen | undefined;
	afterEach(() => screen?.close());

	it('parses the writes out of process and answers with the time Ink made the matching frame', async () => {
		const stdout = new FakeStdout(20, 2);
		screen = new RemoteScreen(stdout);
		stdout.writes.push({t: 100, data: line('> ab')}, {t: 200, data: line('> abc')});
		expect(await screen.waitFor({kind: 'composer', text: 'abc'}, {timeoutMs: 5000})).toBe(200);
		expect(await screen.lines()).toEqual(['> abc', '']);
		expect(await screen.waitFor({kind: 'composer', text: 'gone'}, {timeoutMs: 50})).toBeNull();
		// Ink's writes do not pile up in the measured process once shipped.
		expect(stdout.writes).toEqual([]);
	});

	it('watches from when it is asked: frames shipped later are checked in order, the first match wins', async () => {
		const stdout = new FakeStdout(20, 2);
		screen = new RemoteScreen(stdout);
		stdout.writes.push({t: 100, data: line('> x')});
		await screen.caughtUp();
		const watch = screen.watch({kind: 'composer', text: 'done'}, 150);
		const stopComposer = await screen.observeComposer();
		// Written while nobody pumps (a typing phase): read back only afterwards.
		stdout.writes.push({t: 120, data: line('> done')}, {t: 160, data: line('> busy')}, {t: 300, data: line('> done')}, {t: 400, data: line('> done')});
		expect(await screen.result(watch, 5000)).toBe(300);
		expect(await stopComposer()).toEqual([{t: 120, text: 'done'}, {t: 160, text: 'busy'}, {t: 300, text: 'done'}, {t: 400, text: 'done'}]);
	});

	it('gives the times of the writes that put text on screen, in a window', async () => {
		const stdout = new FakeStdout(20, 2);
		screen = new RemoteScreen(stdout);
		stdout.writes.push({t: 100, data: `${ESC}[?25l`}, {t: 200, data: 'text'}, {t: 300, data: 'more'}, {t: 400, data: 'late'});
		expect(await screen.frameTimes(150, 350)).toEqual([200, 300]);
		expect(await screen.stats()).toMatchObject({writes: 4});
	});
});
