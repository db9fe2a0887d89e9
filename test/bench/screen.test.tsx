import {describe, expect, it} from 'vitest';
import {render, Box, Text} from 'ink';
import stringWidth from 'string-width';
import {FrameWatcher} from '../../bench/client/frames.ts';
import {TerminalScreen} from '../../bench/client/screen.ts';
import {FakeStdin, FakeStdout} from '../../bench/client/terminal.ts';
import {MESSAGES, UNUSUAL_NAMES, UNUSUAL_REASONS} from '../../bench/data/texts.ts';

const ESC = '\u001b';

/** Writes and resolves once the write is on screen (xterm parses later, on its own timers). */
function write(screen: TerminalScreen, data: string): Promise<void> {
	return new Promise((resolve) => screen.write(data, resolve));
}

describe('TerminalScreen', () => {
	it('prints text, wraps lines on \\n (with a carriage return) and trims trailing blanks', async () => {
		const screen = new TerminalScreen(10, 3);
		await write(screen, 'hello\nworld   ');
		expect(screen.lines()).toEqual(['hello', 'world', '']);
	});

	it('ignores colours and styles', async () => {
		const screen = new TerminalScreen(20, 1);
		await write(screen, `${ESC}[1m${ESC}[31mred${ESC}[39m${ESC}[22m plain`);
		expect(screen.lines()).toEqual(['red plain']);
	});

	it('moves the cursor and erases as log-update does (erase lines, cursor up, column 1)', async () => {
		const screen = new TerminalScreen(10, 3);
		await write(screen, 'one\ntwo\nthree');
		await write(screen, `${ESC}[2K${ESC}[1A${ESC}[2K${ESC}[1A${ESC}[2K${ESC}[G` + 'a\nb\nc');
		expect(screen.lines()).toEqual(['a', 'b', 'c']);
	});

	it('handles absolute positioning, erase to end of line and of display', async () => {
		const screen = new TerminalScreen(10, 3);
		await write(screen, 'aaaaaaaaaa\nbbbbbbbbbb\ncccccccccc');
		await write(screen, `${ESC}[2;4H${ESC}[K`);
		expect(screen.lines()).toEqual(['aaaaaaaaaa', 'bbb', 'cccccccccc']);
		await write(screen, `${ESC}[1;6H${ESC}[J`);
		expect(screen.lines()).toEqual(['aaaaa', '', '']);
		await write(screen, `${ESC}[H${ESC}[2J`);
		expect(screen.lines()).toEqual(['', '', '']);
	});

	it('scrolls when a line feed passes the bottom row', async () => {
		const screen = new TerminalScreen(5, 2);
		await write(screen, '1\n2\n3');
		expect(screen.lines()).toEqual(['2', '3']);
	});

	it('gives wide graphemes two cells and keeps emoji sequences whole', async () => {
		const screen = new TerminalScreen(10, 1);
		await write(screen, '李伟|👩‍👩‍👧‍👦|');
		expect(screen.lines()).toEqual(['李伟|👩‍👩‍👧‍👦|']);
		expect(screen.cell(0, 1)).toBe('');
		expect(screen.textIn(0, 4)).toBe('|👩‍👩‍👧‍👦|');
		// Overwriting half of a wide character blanks the other half.
		await write(screen, `${ESC}[1;2Hx`);
		expect(screen.lines()).toEqual([' x伟|👩‍👩‍👧‍👦|']);
	});

	it('lays out every script and emoji of the bench data as Ink measures it (string-width)', async () => {
		const screen = new TerminalScreen(80, 1);
		for (const text of [...UNUSUAL_NAMES, ...UNUSUAL_REASONS, ...MESSAGES, 'e\u0301', '🏳️‍🌈🇯🇵👍🏽', '❤️ ok']) {
			await write(screen, `${ESC}[2K${ESC}[G${text}|`);
			expect(screen.cell(0, stringWidth(text)), text).toBe('|');
			expect(screen.lines(), text).toEqual([`${text}|`]);
		}
	});

	it('defers the wrap after the last column, as xterm does', async () => {
		const screen = new TerminalScreen(3, 2);
		await write(screen, 'abc');
		expect(screen.lines()).toEqual(['abc', '']);
		await write(screen, 'd');
		expect(screen.lines()).toEqual(['abc', 'd']);
	});

	it('skips OSC strings, private modes and escape sequences split across writes', async () => {
		const screen = new TerminalScreen(20, 2);
		await write(screen, `${ESC}]0;title${ESC}\\${ESC}[?25l${ESC}[?2026hok${ESC}[`);
		await write(screen, `2;1Hnext`);
		expect(screen.lines()).toEqual(['ok', 'next']);
	});

	it('enters the alternate screen blank', async () => {
		const screen = new TerminalScreen(5, 1);
		await write(screen, 'old');
		await write(screen, `${ESC}[?1049h`);
		expect(screen.lines()).toEqual(['']);
	});
});

describe('the bench terminal under Ink', () => {
	function App({label}: {label: string}) {
		return (
			<Box flexDirection="column" width={30} height={4} borderStyle="single">
				<Text color="green">{label}</Text>
				<Text>李伟 ✨ second line</Text>
			</Box>
		);
	}

	it.each([false, true])('reads back what Ink draws, full frames and incremental (%s) alike', async (incrementalRendering) => {
		const stdout = new FakeStdout(40, 6);
		const watcher = new FrameWatcher(stdout);
		const instance = render(<App label="first" />, {
			stdout: stdout as unknown as NodeJS.WriteStream,
			stdin: new FakeStdin() as unknown as NodeJS.ReadStream,
			debug: false,
			interactive: true,
			patchConsole: false,
			exitOnCtrlC: false,
			alternateScreen: true,
			incrementalRendering,
		});
		expect(await watcher.waitFor((screen) => screen.lines()[1] === '│first                       │', {timeoutMs: 5000})).not.toBeNull();
		instance.rerender(<App label="changed" />);
		expect(await watcher.waitFor((screen) => screen.lines()[1]?.includes('changed') === true, {timeoutMs: 5000})).not.toBeNull();
		expect(watcher.screen.lines().slice(0, 4)).toEqual(['┌────────────────────────────┐', '│changed                     │', '│李伟 ✨ second line         │', '└────────────────────────────┘']);
		instance.unmount();
	});
});
