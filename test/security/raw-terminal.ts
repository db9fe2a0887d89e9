/**
 * A real pty for the real binary: a detached tmux session of a fixed size on a private socket
 * (never the user's tmux server), with `pipe-pane` appending every byte the program writes to its
 * terminal to a file — escape sequences included, before tmux interprets any of them.
 */
import {execFile, execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {readFileSync} from 'node:fs';

/** Throws a clear error when tmux is not installed: these tests need it and must not pass without it. */
export function requireTmux(): string {
	try {
		return execFileSync('tmux', ['-V'], {encoding: 'utf8'}).trim();
	} catch (error) {
		throw new Error(`tmux is required for the raw terminal output test (apt-get install tmux): ${error instanceof Error ? error.message : String(error)}`, {cause: error});
	}
}

function quote(argument: string): string {
	return `'${argument.replace(/'/g, `'\\''`)}'`;
}

// Cursor moves, SGR, private modes…: removed to read the capture as the text it shows.
const CSI = /\u001b\[[0-?]*[ -/]*[@-~]/g;

export class RawTerminal {
	readonly session = `sec-${process.pid}-${randomBytes(4).toString('hex')}`;

	/** `socket`: the tmux server's socket file, in the test's own temp directory (removed with it). */
	private constructor(readonly captureFile: string, private readonly socket: string) {}

	/**
	 * Starts `argv` (with `env` added) in a `columns`×`rows` pane; the capture starts before the
	 * program does: it waits for a key, sent once pipe-pane is attached. Ends by printing its exit status.
	 */
	static async start(argv: string[], options: {captureFile: string; socket: string; env: Record<string, string>; columns: number; rows: number; cwd: string}): Promise<RawTerminal> {
		const terminal = new RawTerminal(options.captureFile, options.socket);
		const env = Object.entries(options.env).map(([name, value]) => `${name}=${quote(value)}`).join(' ');
		const script = `cd ${quote(options.cwd)} && read go && ${env} ${argv.map(quote).join(' ')}; echo "[exited $?]"; exec sleep 600`;
		await terminal.tmux(['new-session', '-d', '-s', terminal.session, '-x', String(options.columns), '-y', String(options.rows), 'sh', '-c', script]);
		await terminal.tmux(['pipe-pane', '-o', '-t', terminal.session, `cat >> ${quote(options.captureFile)}`]);
		await terminal.press('Enter');
		return terminal;
	}

	/** Every byte written to the terminal so far. */
	bytes(): Buffer {
		try {
			return readFileSync(this.captureFile);
		} catch {
			return Buffer.alloc(0);
		}
	}

	/** The capture as text without CSI sequences, from byte `from` on. */
	text(from = 0): string {
		return this.bytes().subarray(from).toString('utf8').replace(CSI, '');
	}

	/** Waits until the output written since byte `from` shows `expected`. */
	async waitForText(expected: string, from = 0, timeoutMs = 20_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!this.text(from).includes(expected)) {
			if (Date.now() > deadline) {
				const screen = await this.tmux(['capture-pane', '-p', '-t', this.session]).catch((error: Error) => error.message);
				throw new Error(`timed out waiting for ${JSON.stringify(expected)} in the terminal; the screen shows:\n${screen}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}

	/** Types text literally. */
	async type(text: string): Promise<void> {
		await this.tmux(['send-keys', '-t', this.session, '-l', text]);
	}

	/** Presses keys by tmux name: Enter, Escape, C-t… */
	async press(...keys: string[]): Promise<void> {
		await this.tmux(['send-keys', '-t', this.session, ...keys]);
	}

	/** Ends this terminal's tmux server, and whatever still runs in it. */
	async kill(): Promise<void> {
		await this.tmux(['kill-server']).catch(() => undefined);
	}

	private tmux(args: string[]): Promise<string> {
		return new Promise((resolve, reject) => {
			execFile('tmux', ['-S', this.socket, '-f', '/dev/null', ...args], {timeout: 10_000}, (error, stdout, stderr) => {
				if (error) reject(new Error(`tmux ${args.join(' ')} failed: ${stderr || error.message}`));
				else resolve(stdout);
			});
		});
	}
}
