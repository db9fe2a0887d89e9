/** Renders a chat on a FakeSession into a virtual terminal and reads the screen as plain text. */
import {render} from 'ink-testing-library';
import {createChat} from '../../src/chat.js';
import {FakeSession} from './fake-session.js';

// SGR colour codes only: anything else reaching the frame is a sanitization bug tests should see.
const SGR = /\u001b\[[0-9;]*m/g;

export function plain(frame: string | undefined): string {
	return (frame ?? '').replace(SGR, '');
}

export async function tick(times = 2): Promise<void> {
	for (let index = 0; index < times; index++) await new Promise((resolve) => setTimeout(resolve, 5));
}

export function renderChat(options: {columns?: number; rows?: number; session?: FakeSession} = {}) {
	const session = options.session ?? new FakeSession();
	let quitCalls = 0;
	const chat = createChat(session, {size: {columns: options.columns ?? 120, rows: options.rows ?? 30}, coalesceMs: 0, onQuit: () => quitCalls++});
	const rendered = render(chat.element);
	return {
		session,
		store: chat.store,
		screen: () => plain(rendered.lastFrame()),
		rawFrame: () => rendered.lastFrame() ?? '',
		async type(text: string) {
			rendered.stdin.write(text);
			await tick();
		},
		async enter() {
			rendered.stdin.write('\r');
			await tick(4);
		},
		quitCalls: () => quitCalls,
		unmount: rendered.unmount,
	};
}

/** One column of the three-pane layout (0 rooms, 1 timeline, 2 side panel), as text; composer and status lines excluded. */
export function pane(screen: string, index: 0 | 1 | 2): string {
	return screen
		.split('\n')
		.filter((line) => line.includes('│'))
		.map((line) => (line.split('│')[index] ?? '').trimEnd())
		.join('\n');
}
