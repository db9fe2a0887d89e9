/**
 * Issue 5 end to end: the real binary, in a real pty (tmux), against the demo's scenario server
 * seeded by attackers (src/demo/scenario/hostile.ts), run by this test and given to the binary as
 * its homeserver. Every byte it writes to the terminal is captured with
 * pipe-pane while it renders, switches panels and quits; none of the hostile sequences may be
 * among them. Ink's own sequences (alternate screen, cursor moves, SGR, synchronized output…) are
 * expected and not looked at.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readdirSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {ESCAPE_PLACEHOLDER} from '../../src/domain/sanitize.js';
import {demoScenario} from '../../src/demo/scenario.js';
import {HOSTILE_PAYLOAD, HOSTILE_ROOM_ALIAS, HOSTILE_VISIBLE, hostileScenario} from '../../src/demo/scenario/hostile.js';
import {startScenarioServer, type ScenarioServer} from '../../src/demo/server.js';
import {RawTerminal, requireTmux} from './raw-terminal.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

function newestMtime(directory: string): number {
	let newest = 0;
	for (const entry of readdirSync(directory, {withFileTypes: true})) {
		const path = join(directory, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
	}
	return newest;
}

/** Builds dist/ when it is missing or older than any source file. */
function ensureBuilt(): void {
	let built = 0;
	try {
		built = statSync(CLI).mtimeMs;
	} catch {
		// Not built yet: build below.
	}
	if (built > newestMtime(join(ROOT, 'src'))) return;
	try {
		execFileSync('npm', ['run', 'build'], {cwd: ROOT, encoding: 'utf8', stdio: 'pipe', timeout: 120_000});
	} catch (error) {
		const output = error as {stdout?: string; stderr?: string};
		throw new Error(`npm run build failed:\n${output.stdout ?? ''}${output.stderr ?? ''}`, {cause: error});
	}
}

/** What a hostile event would do to the terminal if it got through, and how it would look in the bytes. */
const HOSTILE_SEQUENCES: Array<[what: string, bytes: string]> = [
	['OSC 0 (set title)', '\u001b]0;'],
	['OSC 1 (set icon name)', '\u001b]1;'],
	['OSC 2 (set title)', '\u001b]2;'],
	['OSC 8 (hyperlink)', '\u001b]8;'],
	['OSC 52 (clipboard)', '\u001b]52;'],
	['DCS', '\u001bP'],
	['APC', '\u001b_'],
	['PM', '\u001b^'],
	['SOS', '\u001bX'],
	['BEL (OSC terminator, or a bell)', '\u0007'],
	['the hostile payload', HOSTILE_PAYLOAD],
];
// Decoded text: C1 controls (8-bit CSI U+009B, OSC U+009D…) and bidi embeddings/overrides/isolates.
const C1 = /[\u0080-\u009f]/;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

let terminal: RawTerminal | undefined;
let homeserver: ScenarioServer | undefined;
let workDir = '';

beforeAll(() => {
	requireTmux();
	ensureBuilt();
	workDir = mkdtempSync(join(tmpdir(), 'matrix-tui-security-'));
}, 150_000);

afterAll(async () => {
	await terminal?.kill();
	await homeserver?.close();
	if (workDir) rmSync(workDir, {recursive: true, force: true});
});

describe('the binary in a real terminal, against a hostile homeserver', () => {
	test('writes none of the hostile sequences while it renders, switches panels and quits', async () => {
		const captureFile = join(workDir, 'terminal.bytes');
		// The attacker's homeserver, served as `--demo` serves its own (live activity on), in the room `--demo` opens.
		homeserver = await startScenarioServer({scenario: hostileScenario(demoScenario()), liveActivity: true});
		const login = ['--homeserver', homeserver.url, '--user', homeserver.userId, '--access-token', homeserver.accessToken, '--room', HOSTILE_ROOM_ALIAS];
		terminal = await RawTerminal.start([process.execPath, join(ROOT, 'bin', 'matrix-tui.js'), ...login], {
			captureFile,
			socket: join(workDir, 'tmux.socket'),
			cwd: ROOT,
			columns: 140,
			rows: 45,
			env: {MATRIX_TUI_CONFIG_DIR: join(workDir, 'config')},
		});
		const t = terminal;
		let mark = 0;
		/** Presses `keys` (or types a command and Enter), then waits until what is drawn next shows `shows`. */
		const act = async (input: {keys: string[]} | {command: string}, shows: string) => {
			mark = t.bytes().length;
			if ('keys' in input) await t.press(...input.keys);
			else {
				await t.type(input.command);
				await t.press('Enter');
			}
			await t.waitForText(shows, mark);
		};
		const run = (command: string, shows: string) => act({command}, shows);

		// First screen: the hostile room, synced, with its last message; then its start.
		await t.waitForText('All of the above was written by someone else.');
		await t.waitForText('connected');
		await act({keys: ['PPage']}, 'rows up]');
		// Back at the end: the newest message is drawn again (with incremental rendering only changed
		// lines are written, and the header keeps the room's name, so that is not sent again).
		await act({keys: ['NPage']}, 'All of the above was written by someone else.');
		await run('/show-deleted', '(showing deleted)');
		await run('/state', 'Room state');
		await t.waitForText(HOSTILE_VISIBLE.stateType, mark);
		await act({keys: ['C-t']}, 'Members');
		// Every room's name: the switcher, then the invite (its pane shows the inviter and topic).
		await act({keys: ['C-k']}, 'Switch room');
		// The switcher covers the room's header: the header drawn again means the Escape was read as
		// Escape (Ink holds a lone ESC a moment), so the next key cannot read as Alt+key.
		await act({keys: ['Escape']}, `# ${HOSTILE_VISIBLE.roomName}`);
		await run('/room !hostile-invite:demo.local', 'invited you');
		await run('/room #demo:demo.local', HOSTILE_VISIBLE.roomName);
		await run('/quit', '[exited 0]');

		const bytes = t.bytes();
		const raw = bytes.toString('latin1'); // byte for byte, for the 7-bit sequences
		const text = bytes.toString('utf8');
		console.info(`security/raw-output: ${bytes.length} bytes written to the terminal, ${(raw.match(/\u001b\[\?2026h/g) ?? []).length} synchronized frames`);

		// The capture is real: it holds the screens drawn, hostile text made visible and inert.
		const shown = t.text();
		expect(bytes.length).toBeGreaterThan(5_000);
		expect(raw).toContain('\u001b[?1049h'); // Ink's alternate screen: escapes do get through the capture
		// Bracketed paste on while the chat reads keys (a paste's line breaks are text, not Enter), and off again on quit.
		expect(raw).toContain('\u001b[?2004h');
		expect(raw.lastIndexOf('\u001b[?2004l')).toBeGreaterThan(raw.lastIndexOf('\u001b[?2004h'));
		for (const visible of Object.values(HOSTILE_VISIBLE)) expect(shown).toContain(visible);
		expect(shown).toContain(ESCAPE_PLACEHOLDER);
		expect(shown).toContain('␇'); // BEL, shown as its Control Picture

		const found = HOSTILE_SEQUENCES.filter(([, sequence]) => raw.includes(sequence)).map(([what, sequence]) => {
			const at = raw.indexOf(sequence);
			return `${what} at byte ${at}: ${JSON.stringify(bytes.subarray(Math.max(0, at - 60), at + 60).toString('utf8'))}`;
		});
		expect(found).toEqual([]);
		// 8-bit C1: neither encoded (U+009B…) nor as a raw byte, which would not be valid UTF-8.
		expect(C1.exec(text)?.[0]).toBeUndefined();
		expect(Buffer.from(text, 'utf8').equals(bytes)).toBe(true);
		expect(BIDI.exec(text)?.[0]).toBeUndefined();
	}, 90_000);
});
