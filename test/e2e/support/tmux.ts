/**
 * A real terminal for the real binary: a detached tmux session of a fixed size, on a private
 * socket in a temporary directory (never the user's tmux server). Keys go in with send-keys, the
 * screen comes back with capture-pane. The command runs under `sh -c` and prints "[exited N]" when
 * it ends, so a test can read its exit status off the screen; the pane then stays open until kill().
 */
import {execFile} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {waitFor} from './screen-text.js';

export interface TerminalOptions {
	columns?: number;
	rows?: number;
	cwd?: string;
	env?: NodeJS.ProcessEnv;
}

function quote(argument: string): string {
	return `'${argument.replace(/'/g, `'\\''`)}'`;
}

/** Terminals not killed yet: whatever a test forgot ends with its file (support/cleanup.ts). */
const live = new Set<TmuxTerminal>();

/** Kills every terminal still running (a binary left syncing would share a store with the next test's). */
export async function killAllTerminals(): Promise<void> {
	await Promise.all([...live].map((terminal) => terminal.kill()));
}

/** Whether process `pid` has ended (gone, or a zombie) within `timeoutMs`. */
async function exited(pid: number, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		let state: string | undefined;
		try {
			state = /\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];
		} catch {
			return true;
		}
		if (state === 'Z') return true;
		if (Date.now() > deadline) return false;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

export class TmuxTerminal {
	private constructor(private readonly directory: string) {
		live.add(this);
	}

	private get socket(): string {
		return join(this.directory, 'tmux.sock');
	}

	/** Runs `argv` in a new tmux session; resolves once tmux has started it. */
	static async start(argv: string[], options: TerminalOptions = {}): Promise<TmuxTerminal> {
		const terminal = new TmuxTerminal(mkdtempSync(join(tmpdir(), 'matrix-tui-e2e-tmux-')));
		const script = `${argv.map(quote).join(' ')}; echo "[exited $?]"; exec sleep 3600`;
		await terminal.tmux(
			['new-session', '-d', '-s', 'e2e', '-x', String(options.columns ?? 120), '-y', String(options.rows ?? 30), 'sh', '-c', script],
			{cwd: options.cwd, env: options.env},
		);
		return terminal;
	}

	/** Every screen captured so far, oldest first, without the final newline: what the user could have seen. */
	readonly captures: string[] = [];

	/** The visible screen, as text (no colours). */
	async screen(): Promise<string> {
		const screen = await this.tmux(['capture-pane', '-p', '-t', 'e2e']);
		this.captures.push(screen.replace(/\n$/, ''));
		return screen;
	}

	/** The visible screen with its attributes as SGR sequences (capture-pane -e): bold, colours… */
	styledScreen(): Promise<string> {
		return this.tmux(['capture-pane', '-p', '-e', '-t', 'e2e']);
	}

	/** Everything the pane holds: its scrollback history and the visible screen (what the terminal kept). */
	scrollback(): Promise<string> {
		return this.tmux(['capture-pane', '-p', '-S', '-', '-t', 'e2e']);
	}

	/** Types text literally (no key names). */
	async type(text: string): Promise<void> {
		await this.tmux(['send-keys', '-t', 'e2e', '-l', text]);
	}

	/** Presses keys by tmux name: Enter, Escape, C-c, BSpace… */
	async press(...keys: string[]): Promise<void> {
		await this.tmux(['send-keys', '-t', 'e2e', ...keys]);
	}

	/**
	 * Pastes `text` as a terminal does: its line breaks as \r, and wrapped in the bracketed-paste
	 * markers only if the program turned that mode on (tmux's paste-buffer -p), as a real terminal would.
	 */
	async paste(text: string): Promise<void> {
		await this.tmux(['set-buffer', '-b', 'e2e-paste', '--', text]);
		await this.tmux(['paste-buffer', '-p', '-d', '-b', 'e2e-paste', '-t', 'e2e']);
	}

	waitForScreen(predicate: (screen: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> {
		return waitFor(() => this.screen(), predicate, what, timeoutMs);
	}

	waitForText(text: string | RegExp, timeoutMs?: number): Promise<string> {
		return this.waitForScreen((s) => (typeof text === 'string' ? s.includes(text) : text.test(s)), `the terminal to show ${String(text)}`, timeoutMs);
	}

	/** Waits for the command to end; returns its exit status. */
	async waitForExit(timeoutMs = 15_000): Promise<number> {
		const screen = await this.waitForScreen((s) => /\[exited \d+\]/.test(s), 'the program to exit', timeoutMs);
		return Number(/\[exited (\d+)\]/.exec(screen)![1]);
	}

	/**
	 * The PID of the program the pane runs: the pane's process is the `sh -c` wrapper, and the
	 * program is its child.
	 */
	async programPid(): Promise<number> {
		const shell = (await this.tmux(['display-message', '-p', '-t', 'e2e', '#{pane_pid}'])).trim();
		const children = readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
		if (children.length !== 1) throw new Error(`expected one program under the pane's shell (pid ${shell}), found: ${children.join(', ') || 'none'}`);
		return Number(children[0]);
	}

	/** A crash: SIGKILL to the program (no exit handlers, no flushing); resolves once it has exited. */
	async killProgram(): Promise<void> {
		process.kill(await this.programPid(), 'SIGKILL');
		const status = await this.waitForExit();
		if (status !== 137) throw new Error(`the program exited with ${status}, not 137 (SIGKILL)`);
	}

	/**
	 * Ends the tmux server of this terminal, and with it whatever still runs in it; resolves once
	 * the program is gone (its config directory's lock with it), SIGKILLed if the hangup did not end it.
	 */
	async kill(): Promise<void> {
		live.delete(this);
		const program = await this.programPid().catch(() => undefined);
		await this.tmux(['kill-server']).catch(() => undefined);
		if (program !== undefined && !(await exited(program, 10_000))) {
			process.kill(program, 'SIGKILL');
			await exited(program, 5_000);
		}
		rmSync(this.directory, {recursive: true, force: true});
	}

	private tmux(args: string[], options: {cwd?: string; env?: NodeJS.ProcessEnv} = {}): Promise<string> {
		return new Promise((resolve, reject) => {
			execFile('tmux', ['-S', this.socket, '-f', '/dev/null', ...args], {cwd: options.cwd, env: options.env ?? process.env, timeout: 10_000}, (error, stdout, stderr) => {
				if (error) reject(new Error(`tmux ${args.join(' ')} failed: ${stderr || error.message}`));
				else resolve(stdout);
			});
		});
	}
}
