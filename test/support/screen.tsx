/**
 * Renders a chat on a FakeSession into a virtual terminal and reads the screen as plain text.
 * Keys are handled in the order they are typed; a test then waits for the frame they should
 * produce (`await app.waitFor(…)`), never for a fixed time.
 */
import {render} from 'ink-testing-library';
import {createChat} from '../../src/chat.js';
import type {PictureDrawing} from '../../src/state/pictures.js';
import type {KittyImages} from '../../src/terminal/kitty-images.js';
import {FakeSession} from './fake-session.js';
import {waitFor, waitForFrame, type FrameExpectation} from './wait.js';

// SGR colour codes only: anything else reaching the frame is a sanitization bug tests should see.
const SGR = /\u001b\[[0-9;]*m/g;

/** UI tests wait this long for a frame: everything is in-process, so a miss is a failure, not slowness. */
const FRAME_TIMEOUT_MS = 5_000;

export function plain(frame: string | undefined): string {
	return (frame ?? '').replace(SGR, '');
}

export function renderChat(options: {columns?: number; rows?: number; session?: FakeSession; images?: PictureDrawing; kitty?: KittyImages} = {}) {
	const session = options.session ?? new FakeSession();
	let quitCalls = 0;
	const chat = createChat(session, {size: {columns: options.columns ?? 120, rows: options.rows ?? 30}, coalesceMs: 0, onQuit: () => quitCalls++, ...(options.images ? {images: options.images} : {}), ...(options.kitty ? {kitty: options.kitty} : {})});
	const rendered = render(chat.element);
	const screen = () => plain(rendered.lastFrame());
	return {
		session,
		store: chat.store,
		screen,
		rawFrame: () => rendered.lastFrame() ?? '',
		/** Waits until the plain screen shows `expected`, and returns that screen. */
		waitFor: (expected: FrameExpectation) => waitForFrame(screen, expected, {timeoutMs: FRAME_TIMEOUT_MS}),
		/** Waits until `check` (over the store or the session) holds; a timeout shows the screen. */
		until: <T,>(check: () => T | undefined | false) => waitFor(check, {timeoutMs: FRAME_TIMEOUT_MS, describe: screen}),
		/** Types keys. A lone Esc is read as Esc only after a pause: wait for its effect before typing on. */
		type(keys: string): void {
			rendered.stdin.write(keys);
		},
		enter(): void {
			rendered.stdin.write('\r');
		},
		/** Types `text`, then Enter. */
		submit(text: string): void {
			rendered.stdin.write(text);
			rendered.stdin.write('\r');
		},
		quitCalls: () => quitCalls,
		unmount: rendered.unmount,
	};
}

export type ChatScreen = ReturnType<typeof renderChat>;

/** One column of the three-pane layout (0 rooms, 1 timeline, 2 side panel), as text; composer and status lines excluded. */
export function pane(screen: string, index: 0 | 1 | 2): string {
	return screen
		.split('\n')
		.filter((line) => line.includes('│'))
		.map((line) => (line.split('│')[index] ?? '').trimEnd())
		.join('\n');
}

/** A pane's non-blank lines, right-trimmed: what a test compares with the rows it expects. */
export function paneLines(screen: string, index: 0 | 1 | 2): string[] {
	return pane(screen, index)
		.split('\n')
		.map((line) => line.trimEnd())
		.filter((line) => line.trim() !== '');
}

/** The status bar: the screen's last line. */
const statusLine = (screen: string) => screen.split('\n').at(-1) ?? '';
/** The composer: the line above the status bar. */
export const composerLine = (screen: string) => screen.split('\n').at(-2) ?? '';

/** The timeline pane's lines with each time shown as hh:mm: the builders' timestamps depend on test order. */
export function timelineLines(screen: string): string[] {
	return paneLines(screen, 1).map((line) => line.replace(/^\d\d:\d\d /, 'hh:mm '));
}

/** The status bar's message: what follows the sync status and the user ID (the fake session never syncs). */
export const statusNotice = (screen: string) => statusLine(screen).replace(/^\S+ connecting @\S+ /, '');
