/**
 * The whole app (createChat, the real Ink renderer) drawing into a virtual terminal of a given
 * size, keeping every frame Ink writes, and the checks a frame must pass before a real terminal
 * may see it.
 */
import {EventEmitter} from 'node:events';
import {createRequire} from 'node:module';
import {pathToFileURL} from 'node:url';
import {act} from 'react';
import {render, type Instance} from 'ink';
import stringWidth from 'string-width';
import {createChat, type Chat} from '../../src/chat.js';
import type {MatrixSession} from '../../src/matrix/protocol.js';

/**
 * Ink (and wrap-ansi, cli-truncate) lay rows out with string-width 8, the app measures with
 * string-width 9: they disagree on some clusters (an emoji with trailing marks, a lone regional
 * indicator, Hangul jamo runs…). Rows are checked with the app's; Ink's tells a row that Ink
 * believes fits from one that overflows by any measure.
 */
const inkRequire = createRequire(createRequire(import.meta.url).resolve('ink'));
const inkStringWidth = ((await import(pathToFileURL(inkRequire.resolve('string-width')).href)) as {default: (text: string) => number}).default;

export interface Size {
	columns: number;
	rows: number;
}

export interface Frame {
	text: string;
	size: Size;
	/**
	 * Written by Ink's own resize handler, before React lays the screen out again: the previous
	 * layout at the new size. Its rows are as wide as the old terminal, so only its characters are checked.
	 */
	stale?: boolean;
}

// Steps run inside act(), so React renders (and Ink writes the frame) before the step returns.
(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;

/** Ink's own switches of a terminal mode, each written alone (bracketed paste on while keys are read): not frames the app drew. */
const MODE_SWITCHES = new Set(['\u001b[?2004h', '\u001b[?2004l']);

/** What Ink writes to: a TTY-like stream whose size the test sets (and can change, as a resize would). */
class Screen extends EventEmitter {
	readonly isTTY = true;
	frames: Frame[] = [];
	modes: string[] = [];
	/** What Ink writes while unmounting (showing the cursor again…): its own, not the app's. */
	teardown: string[] = [];
	closed = false;
	private resizing = false;
	constructor(public columns: number, public rows: number) {
		super();
	}
	write = (text: string): boolean => {
		if (this.closed) {
			this.teardown.push(text);
			return true;
		}
		if (MODE_SWITCHES.has(text)) {
			this.modes.push(text);
			return true;
		}
		this.frames.push({text, size: {columns: this.columns, rows: this.rows}, ...(this.resizing ? {stale: true} : {})});
		return true;
	};
	resize(size: Size): void {
		this.columns = size.columns;
		this.rows = size.rows;
		this.resizing = true;
		try {
			this.emit('resize');
		} finally {
			this.resizing = false;
		}
	}
}

/** Keyboard input, the way ink-testing-library feeds it. */
class Keyboard extends EventEmitter {
	readonly isTTY = true;
	private data: string | null = null;
	write(data: string): void {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
	}
	read = (): string | null => {
		const data = this.data;
		this.data = null;
		return data;
	};
	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
}

export interface VirtualApp {
	chat: Chat;
	screen: Screen;
	keyboard: Keyboard;
	/** Errors the app reported: a render error (Ink's error boundary) or a throw from dispatch. */
	errors: unknown[];
	/** Runs `change`, lets React render, and records anything it throws. */
	step(change: () => void): void;
	unmount(): void;
}

/** Mounts the app as cli.tsx does (no fixed size: Ink's window size), in debug mode so every frame is kept whole. */
export function mountApp(session: MatrixSession, size: Size): VirtualApp {
	const screen = new Screen(size.columns, size.rows);
	const keyboard = new Keyboard();
	const errors: unknown[] = [];
	const chat = createChat(session, {coalesceMs: 0, onQuit: () => {}});
	let instance: Instance;
	const step = (change: () => void) => {
		try {
			act(change);
		} catch (error) {
			errors.push(error);
		}
	};
	step(() => {
		instance = render(chat.element, {
			stdout: screen as unknown as NodeJS.WriteStream,
			stderr: screen as unknown as NodeJS.WriteStream,
			stdin: keyboard as unknown as NodeJS.ReadStream,
			debug: true,
			exitOnCtrlC: false,
			patchConsole: false,
		});
		instance.waitUntilExit().catch((error: unknown) => errors.push(error));
	});
	return {
		chat,
		screen,
		keyboard,
		errors,
		step,
		unmount() {
			chat.detach();
			screen.closed = true;
			step(() => {
				instance.unmount();
				instance.cleanup();
			});
		},
	};
}

/** SGR (colour and style) sequences only: the one kind of escape the app itself may write inside a frame. */
const SGR = /\u001b\[[0-9;]*m/g;
/**
 * SGR parameters this app's Ink/chalk styles produce (reset, bold, dim, italic, underline, inverse,
 * their resets, the 16 colours and their resets). Anything else — blink, conceal, 256-colour,
 * truecolour — can only have come from event data.
 */
const OWN_SGR_PARAMETER = /^(?:0|1|2|3|4|7|22|23|24|27|3[0-79]|4[0-79]|9[0-7]|10[0-7])$/;

// Everything a frame must not contain once SGR is gone.
const C0_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f]/;
const C1_OR_DEL = /[\u007f-\u009f]/;
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function describeChar(text: string, pattern: RegExp): string {
	const match = pattern.exec(text);
	if (!match) return '';
	const at = match.index;
	const code = text.charCodeAt(at).toString(16).padStart(4, '0');
	return `U+${code.toUpperCase()} at ${at} in ${JSON.stringify(text.slice(Math.max(0, at - 30), at + 30))}`;
}

// Frames repeat most of their rows (scrolling, panel switches): measure each distinct row once.
const widths = new Map<string, number>();
function appWidth(row: string): number {
	let width = widths.get(row);
	if (width === undefined) {
		if (widths.size > 100_000) widths.clear();
		widths.set(row, (width = stringWidth(row)));
	}
	return width;
}

/** Every reason this frame must not reach a terminal of `size`; empty when it is safe. */
export function frameProblems(frame: Frame): string[] {
	const problems: string[] = [];
	for (const sgr of frame.text.match(SGR) ?? []) {
		const parameters = sgr.slice(2, -1).split(';');
		if (!parameters.every((parameter) => parameter === '' || OWN_SGR_PARAMETER.test(parameter))) problems.push(`foreign SGR ${JSON.stringify(sgr)}`);
	}
	const text = frame.text.replace(SGR, '');
	if (text.includes('\u001b')) problems.push(`ESC: ${describeChar(text, /\u001b/)}`);
	if (C0_BUT_NEWLINE.test(text)) problems.push(`C0 control: ${describeChar(text, C0_BUT_NEWLINE)}`);
	if (C1_OR_DEL.test(text)) problems.push(`C1 or DEL: ${describeChar(text, C1_OR_DEL)}`);
	if (BIDI_CONTROL.test(text)) problems.push(`bidi control: ${describeChar(text, BIDI_CONTROL)}`);
	if (LONE_SURROGATE.test(text)) problems.push(`lone surrogate: ${describeChar(text, LONE_SURROGATE)}`);
	if (frame.stale) return problems;
	// Ink's debug mode ends a frame with a newline, not a new row.
	const lines = text.replace(/\n$/, '').split('\n');
	if (lines.length > frame.size.rows) problems.push(`${lines.length} rows on a ${frame.size.rows}-row terminal`);
	const {columns} = frame.size;
	lines.forEach((row, index) => {
		const width = appWidth(row);
		if (width <= columns) return;
		problems.push(`row ${index} is ${width} cells wide (${inkStringWidth(row)} by Ink's measure) on a ${columns}-column terminal: ${JSON.stringify(row)}`);
	});
	return problems;
}

/** The frames that fail, each with its problems, for a readable assertion message. */
export function badFrames(frames: readonly Frame[]): Array<{size: string; problems: string[]; frame: string}> {
	const bad = [];
	for (const frame of frames) {
		const problems = frameProblems(frame);
		if (problems.length > 0) bad.push({size: `${frame.size.columns}×${frame.size.rows}`, problems, frame: frame.text});
	}
	return bad;
}
