/**
 * Issue 12 end to end: the real binary in a real pty (tmux), in the demo's busy room, gets bursts
 * of thousands of Shift+Down/Shift+Up. The reads split escape sequences wherever they fall, and
 * the app is busy drawing meanwhile; none of it may reach the composer as text (`[1;2B`).
 * Then a marker is typed: once it shows, the composer must hold the marker and nothing else.
 */
import {execFile} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {RawTerminal, requireTmux} from './raw-terminal.js';

const ROOT = join(import.meta.dirname, '..', '..');
const ROWS = 45;
const MARKER = 'burst-over';

let terminal: RawTerminal | undefined;
let workDir = '';

beforeAll(() => {
	requireTmux();
	workDir = mkdtempSync(join(tmpdir(), 'matrix-tui-keys-'));
});

afterAll(async () => {
	await terminal?.kill();
	if (workDir) rmSync(workDir, {recursive: true, force: true});
});

/** The screen as tmux shows it now, one string per row. */
function screen(socket: string, session: string): Promise<string[]> {
	return new Promise((resolve, reject) => {
		execFile('tmux', ['-S', socket, 'capture-pane', '-p', '-t', session], {timeout: 10_000}, (error: Error | null, stdout: string) => {
			if (error) reject(error);
			else resolve(stdout.split('\n'));
		});
	});
}

test('a burst of Shift+arrow keys leaves nothing in the composer', async () => {
	const socket = join(workDir, 'tmux.socket');
	terminal = await RawTerminal.start([process.execPath, join(ROOT, 'bin', 'matrix-tui.js'), '--demo'], {
		captureFile: join(workDir, 'terminal.bytes'),
		socket,
		cwd: ROOT,
		columns: 150,
		rows: ROWS,
		env: {MATRIX_TUI_CONFIG_DIR: join(workDir, 'config')},
	});
	const t = terminal;
	await t.waitForText('connected');
	await t.waitForText('/join <id|alias>, or /help'); // the composer, empty, showing its hint

	for (let burst = 0; burst < 3; burst++) {
		await t.press('-N', '2000', 'S-Down');
		await t.press('-N', '2000', 'S-Up');
	}
	await t.type(MARKER);

	// The composer is the row above the status line.
	const composer = async () => (await screen(socket, t.session))[ROWS - 2]?.trimEnd() ?? '';
	const deadline = Date.now() + 30_000;
	while (!(await composer()).includes(MARKER)) {
		if (Date.now() > deadline) throw new Error(`the marker never reached the composer; it shows: ${await composer()}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	expect(await composer()).toBe(`> ${MARKER}`);
}, 90_000);
