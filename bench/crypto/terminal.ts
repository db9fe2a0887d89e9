/**
 * The real binary in a real terminal: a detached tmux session on a private socket, as
 * test/e2e/support/tmux.ts runs it (which Node cannot load from here: its imports name the built
 * .js). Keys go in with send-keys, the screen comes back with capture-pane.
 */
import {execFile} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/matrix-tui.js');

function quote(argument: string): string {
	return `'${argument.replace(/'/g, `'\\''`)}'`;
}

/** The environment the binary runs in: none of the developer's MATRIX_* settings leak in. */
function cleanEnv(): NodeJS.ProcessEnv {
	const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MATRIX_')));
	return {...env, TERM: 'xterm-256color', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8'};
}

export class Terminal {
	private readonly directory: string;

	private constructor(directory: string) {
		this.directory = directory;
	}

	/** Runs the binary on `configDir` (in `room` if given); "[exited N]" is printed when it ends. */
	static async binary(configDir: string, room?: string, env: NodeJS.ProcessEnv = {}, args: string[] = []): Promise<Terminal> {
		const terminal = new Terminal(mkdtempSync(join(tmpdir(), 'bench-crypto-tmux-')));
		const argv = [process.execPath, BIN, '--config-dir', configDir, ...(room ? ['--room', room] : []), ...args];
		const script = `${argv.map(quote).join(' ')}; echo "[exited $?]"; exec sleep 3600`;
		await terminal.tmux(['new-session', '-d', '-s', 'bench', '-x', '160', '-y', '40', 'sh', '-c', script], env);
		return terminal;
	}

	screen(): Promise<string> {
		return this.tmux(['capture-pane', '-p', '-t', 'bench']);
	}

	async type(text: string): Promise<void> {
		await this.tmux(['send-keys', '-t', 'bench', '-l', text]);
	}

	async press(key: string): Promise<void> {
		await this.tmux(['send-keys', '-t', 'bench', key]);
	}

	/** The program's PID: the pane runs the `sh -c` wrapper, the program is its only child. */
	async programPid(): Promise<number> {
		const shell = (await this.tmux(['display-message', '-p', '-t', 'bench', '#{pane_pid}'])).trim();
		const children = readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
		if (children.length !== 1) throw new Error(`expected one program under the pane's shell ${shell}, found: ${children.join(', ') || 'none'}`);
		return Number(children[0]);
	}

	async kill(): Promise<void> {
		await this.tmux(['kill-server']).catch(() => undefined);
		rmSync(this.directory, {recursive: true, force: true});
	}

	private tmux(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
		return new Promise((resolve, reject) => {
			execFile('tmux', ['-S', join(this.directory, 'tmux.sock'), '-f', '/dev/null', ...args], {cwd: ROOT, env: {...cleanEnv(), ...env}, timeout: 10_000}, (error, stdout, stderr) => {
				if (error) reject(new Error(`tmux ${args.join(' ')} failed: ${stderr || error.message}`));
				else resolve(stdout);
			});
		});
	}
}
