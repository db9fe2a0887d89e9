import {describe, expect, it} from 'vitest';
import {render, Box, Text} from 'ink';
import React from 'react';
import {VirtualScreen} from '../../bench/client/vt.ts';
import {FakeStdin, FakeStdout} from '../../bench/client/terminal.ts';

const ESC = '\u001b';

describe('VirtualScreen', () => {
	it('prints text, wraps lines on \\n (with a carriage return) and trims trailing blanks', () => {
		const screen = new VirtualScreen(10, 3);
		screen.write('hello\nworld   ');
		expect(screen.lines()).toEqual(['hello', 'world', '']);
	});

	it('ignores colours and styles', () => {
		const screen = new VirtualScreen(20, 1);
		screen.write(`${ESC}[1m${ESC}[31mred${ESC}[39m${ESC}[22m plain`);
		expect(screen.lines()).toEqual(['red plain']);
	});

	it('moves the cursor and erases as log-update does (erase lines, cursor up, column 1)', () => {
		const screen = new VirtualScreen(10, 3);
		screen.write('one\ntwo\nthree');
		screen.write(`${ESC}[2K${ESC}[1A${ESC}[2K${ESC}[1A${ESC}[2K${ESC}[G` + 'a\nb\nc');
		expect(screen.lines()).toEqual(['a', 'b', 'c']);
	});

	it('handles absolute positioning, erase to end of line and of display', () => {
		const screen = new VirtualScreen(10, 3);
		screen.write('aaaaaaaaaa\nbbbbbbbbbb\ncccccccccc');
		screen.write(`${ESC}[2;4H${ESC}[K`);
		expect(screen.lines()).toEqual(['aaaaaaaaaa', 'bbb', 'cccccccccc']);
		screen.write(`${ESC}[1;6H${ESC}[J`);
		expect(screen.lines()).toEqual(['aaaaa', '', '']);
		screen.write(`${ESC}[H${ESC}[2J`);
		expect(screen.lines()).toEqual(['', '', '']);
	});

	it('scrolls when a line feed passes the bottom row', () => {
		const screen = new VirtualScreen(5, 2);
		screen.write('1\n2\n3');
		expect(screen.lines()).toEqual(['2', '3']);
	});

	it('gives wide graphemes two cells and keeps emoji sequences whole', () => {
		const screen = new VirtualScreen(10, 1);
		screen.write('李伟|👩‍👩‍👧‍👦|');
		expect(screen.lines()).toEqual(['李伟|👩‍👩‍👧‍👦|']);
		expect(screen.cell(0, 1)).toBe('');
		expect(screen.textIn(0, 4)).toBe('|👩‍👩‍👧‍👦|');
		// Overwriting half of a wide character blanks the other half.
		screen.write(`${ESC}[1;2Hx`);
		expect(screen.lines()).toEqual([' x伟|👩‍👩‍👧‍👦|']);
	});

	it('defers the wrap after the last column, as xterm does', () => {
		const screen = new VirtualScreen(3, 2);
		screen.write('abc');
		expect(screen.lines()).toEqual(['abc', '']);
		screen.write('d');
		expect(screen.lines()).toEqual(['abc', 'd']);
	});

	it('skips OSC strings, private modes and escape sequences split across writes', () => {
		const screen = new VirtualScreen(20, 2);
		screen.write(`${ESC}]0;title${ESC}\\${ESC}[?25l${ESC}[?2026hok${ESC}[`);
		screen.write(`2;1Hnext`);
		expect(screen.lines()).toEqual(['ok', 'next']);
	});

	it('enters the alternate screen blank', () => {
		const screen = new VirtualScreen(5, 1);
		screen.write('old');
		screen.write(`${ESC}[?1049h`);
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
		const screen = new VirtualScreen(40, 6);
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
		await new Promise((resolve) => setTimeout(resolve, 50));
		instance.rerender(<App label="changed" />);
		await new Promise((resolve) => setTimeout(resolve, 50));
		for (const write of stdout.writes) screen.write(write.data);
		expect(screen.lines().slice(0, 4)).toEqual(['┌────────────────────────────┐', '│changed                     │', '│李伟 ✨ second line         │', '└────────────────────────────┘']);
		instance.unmount();
	});
});
