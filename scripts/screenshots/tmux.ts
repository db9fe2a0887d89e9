/**
 * One program in a detached tmux pane of a fixed size, on a private tmux server (its own socket,
 * no user config), so nothing of the user's tmux is touched and killing it ends only what we started.
 */
import {execFileSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import {setTimeout as sleep} from 'node:timers/promises';

export interface TmuxOptions {
	/** Socket path (-S): one private server per run; put it in a temp dir that gets removed. */
	readonly socket: string;
	readonly columns: number;
	readonly rows: number;
	readonly cwd: string;
	/** Program and arguments, executed directly (no shell). */
	readonly command: readonly string[];
	/** Where to write the server's config file. */
	readonly configFile: string;
}

export interface WaitOptions {
	readonly timeoutMs?: number;
	readonly pollMs?: number;
	/** How long the screen must stay unchanged once ready. */
	readonly stableMs?: number;
}

const TARGET = 'screen:0.0';

export class TmuxScreen {
	private readonly socket: string;

	private constructor(socket: string) {
		this.socket = socket;
	}

	static start(options: TmuxOptions): TmuxScreen {
		// No status line (the pane gets every row), keep the pane after the program dies (to report
		// what it printed), the terminal type the brief asks for.
		writeFileSync(
			options.configFile,
			['set -g status off', 'set -g remain-on-exit on', 'set -g default-terminal xterm-256color', 'set -g history-limit 0', ''].join('\n'),
		);
		const screen = new TmuxScreen(options.socket);
		screen.tmux(
			'-f', options.configFile,
			'new-session', '-d', '-s', 'screen', '-x', String(options.columns), '-y', String(options.rows), '-c', options.cwd,
			...options.command,
		);
		const size = screen.tmux('display-message', '-p', '-t', TARGET, '#{pane_width}x#{pane_height}').trim();
		if (size !== `${options.columns}x${options.rows}`) {
			screen.kill();
			throw new Error(`tmux pane is ${size}, wanted ${options.columns}x${options.rows}`);
		}
		return screen;
	}

	/** -u: UTF-8 whatever the locale; -S: our private server. */
	private tmux(...args: string[]): string {
		return execFileSync('tmux', ['-u', '-S', this.socket, ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
	}

	/** The visible screen: plain text, or with SGR colour codes (-e). -N keeps trailing spaces. */
	capture(withColours = false): string {
		return this.tmux('capture-pane', '-p', '-N', ...(withColours ? ['-e'] : []), '-t', TARGET);
	}

	/** Type text literally (no key-name lookup). */
	type(text: string): void {
		this.tmux('send-keys', '-t', TARGET, '-l', text);
	}

	/** Press keys by tmux name: Enter, Escape, C-t, … */
	press(...keys: string[]): void {
		this.tmux('send-keys', '-t', TARGET, ...keys);
	}

	private isDead(): boolean {
		return this.tmux('display-message', '-p', '-t', TARGET, '#{pane_dead}').trim() === '1';
	}

	/**
	 * Poll until `ready(screen text)` holds and the coloured screen has not changed for `stableMs`,
	 * then return the coloured capture. Fails fast if the program exits.
	 */
	async waitFor(what: string, ready: (text: string) => boolean, {timeoutMs = 20_000, pollMs = 50, stableMs = 300}: WaitOptions = {}): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		let stable: {capture: string; since: number} | null = null;
		let text = '';
		while (Date.now() < deadline) {
			text = this.capture();
			if (ready(text)) {
				const coloured = this.capture(true);
				if (stable === null || stable.capture !== coloured) stable = {capture: coloured, since: Date.now()};
				else if (Date.now() - stable.since >= stableMs) return coloured;
			} else {
				stable = null;
				if (this.isDead()) throw new Error(`the program exited while waiting for ${what}; its screen:\n${text}`);
			}
			await sleep(pollMs);
		}
		throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the screen:\n${text}`);
	}

	/** Kill the session and with it our private server. Never throws. */
	kill(): void {
		try {
			this.tmux('kill-session', '-t', 'screen');
		} catch {
			// already gone
		}
		try {
			this.tmux('kill-server');
		} catch {
			// the last session's end already stopped it
		}
	}
}
