/**
 * Runs store-child.js in a process of its own and reads its JSON lines: a restart is a new process,
 * a crash is a SIGKILL. Every child started is killed by killChildren() (afterEach).
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {waitFor} from '../../support/wait.js';

const SCRIPT = fileURLToPath(new URL('store-child.js', import.meta.url));

export interface StoreChild {
	readonly process: ChildProcess;
	/** Every line the child wrote so far, parsed. */
	readonly lines: Array<Record<string, any>>;
	/** Waits for a line passing `check` and returns it. */
	line(check: (line: Record<string, any>) => boolean, what: string, timeoutMs?: number): Promise<Record<string, any>>;
	/** Waits for the child to end by itself, and returns its exit code. */
	exit(timeoutMs?: number): Promise<number | null>;
	kill(signal: NodeJS.Signals): Promise<void>;
}

const children = new Set<ChildProcess>();

export function startChild(...args: string[]): StoreChild {
	const child = spawn(process.execPath, [SCRIPT, ...args], {stdio: ['ignore', 'pipe', 'pipe']});
	children.add(child);
	const lines: Array<Record<string, any>> = [];
	let stderr = '';
	let pending = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		pending += chunk;
		const complete = pending.split('\n');
		pending = complete.pop() ?? '';
		for (const text of complete) if (text) lines.push(JSON.parse(text));
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	let exitCode: number | null | undefined;
	// 'close', not 'exit': by then every line the child wrote has been read.
	child.on('close', (code) => {
		exitCode = code;
		children.delete(child);
	});
	const describe = () => `lines: ${JSON.stringify(lines)}\nstderr: ${stderr}`;
	return {
		process: child,
		lines,
		line: (check, what, timeoutMs = 15_000) => waitFor(() => lines.find(check), {what, timeoutMs, describe}),
		async exit(timeoutMs = 15_000) {
			await waitFor(() => exitCode !== undefined, {what: 'the child to exit by itself', timeoutMs, describe});
			return exitCode ?? null;
		},
		async kill(signal) {
			child.kill(signal);
			await waitFor(() => exitCode !== undefined || child.signalCode !== null, {what: `the child to die of ${signal}`, describe});
		},
	};
}

export function killChildren(): void {
	for (const child of children) child.kill('SIGKILL');
	children.clear();
}
