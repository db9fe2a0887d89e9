import {afterEach, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {renderChat} from '../support/screen.js';
import {waitFor} from '../support/wait.js';

afterEach(() => cleanup());

/** The composer is the line above the status line. */
function composerLine(screen: string): string {
	const lines = screen.split('\n');
	return lines[lines.length - 2] ?? '';
}

async function composerShows(text: string, cursor: number, columns: number): Promise<string> {
	const app = renderChat({columns, rows: 12});
	app.store.dispatch({type: 'set-composer', composer: {text, cursor}});
	// The empty composer's placeholder goes as soon as the text is drawn.
	return waitFor(() => !composerLine(app.screen()).includes('/join') && composerLine(app.screen()).trimEnd(), {describe: app.screen});
}

test.each([
	// 20 columns: "> " and the cursor cell leave 16 cells for the text before the cursor, '…' included.
	['fits as it is', 'short', 5, '> short'],
	['long input keeps its end in view, marked by …', 'the quick brown fox jumps', 25, '> …brown fox jumps'],
	['the cursor inside long input keeps what is before it', 'the quick brown fox jumps', 19, '> …quick brown fox …'],
	['a wide character that does not fit whole is left out', '漢字漢字漢字漢字漢字', 10, '> …字漢字漢字漢字'],
])('%s', async (_name, text, cursor, expected) => {
	expect(await composerShows(text, cursor, 20)).toBe(expected);
});
